import { useNavigate } from 'react-router'
import { emptyClient } from '../../domain/client'
import { DRAFTS } from '../../store/keys'
import { createClient } from '../../store/operations'
import { useSession } from '../../store/session-context'
import { ClientForm } from './ClientForm'

export function NewClientPage() {
  const session = useSession()
  const navigate = useNavigate()
  return (
    <section aria-labelledby="new-client-title">
      <h1 id="new-client-title">New client</h1>
      <ClientForm
        initial={emptyClient()}
        draftId={DRAFTS.newClient}
        draftLabel="New client"
        route="/clients/new"
        submitLabel="Save client"
        onSave={async (client) => {
          const id = await createClient(session, client)
          void navigate(`/clients/${id}`)
        }}
      />
    </section>
  )
}
