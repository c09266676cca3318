import { useNavigate } from 'react-router'
import { emptyClient, sameName } from '../../domain/client'
import { DRAFTS } from '../../store/keys'
import { createClient } from '../../store/operations'
import { useClientList, useLastWalkouts } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { describeClient } from './describe'
import { ClientForm } from './ClientForm'

export function NewClientPage() {
  const session = useSession()
  const navigate = useNavigate()
  const clients = useClientList()
  const lastWalkouts = useLastWalkouts()
  return (
    <section aria-labelledby="new-client-title">
      <h1 id="new-client-title">New client</h1>
      <ClientForm
        initial={emptyClient()}
        draftId={DRAFTS.newClient}
        draftLabel="New client"
        route="/clients/new"
        submitLabel="Save client"
        sameNameAs={(name) =>
          sameName(
            clients.flatMap((c) => (c.ok ? [{ id: c.id, ...c.summary }] : [])),
            name,
          ).map((c) => ({
            id: c.id,
            label: describeClient(c, lastWalkouts.get(c.id)),
          }))
        }
        onSave={async (client) => {
          const id = await createClient(session, client)
          void navigate(`/clients/${id}`)
        }}
      />
    </section>
  )
}
