import { Link, useNavigate, useParams } from 'react-router'
import { updateClient } from '../../store/operations'
import { useSession } from '../../store/session-context'
import { DRAFTS } from '../../store/keys'
import { useClient } from '../../store/queries'
import { Notice } from '../../ui/Notice'
import { ClientForm } from './ClientForm'

export function EditClientPage() {
  const { clientId = '' } = useParams()
  const session = useSession()
  const navigate = useNavigate()
  const client = useClient(clientId)
  if (client === undefined) return <p role="status">Opening the client record…</p>
  if (client === null) return <Notice tone="error">There is no such client.</Notice>
  if (!client.ok) return <Notice tone="error">{client.error.message}</Notice>
  return (
    <section aria-labelledby="edit-client-title">
      <p>
        <Link to={`/clients/${clientId}`}>Back to the client</Link>
      </p>
      <h1 id="edit-client-title">Edit client details</h1>
      <ClientForm
        initial={client.value}
        draftId={DRAFTS.client(clientId)}
        draftLabel="Client details"
        route={`/clients/${clientId}/edit`}
        submitLabel="Save changes"
        onSave={async (values) => {
          await updateClient(session, clientId, values)
          void navigate(`/clients/${clientId}`)
        }}
      />
    </section>
  )
}
