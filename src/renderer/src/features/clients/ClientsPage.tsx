import { useDeferredValue, useMemo, useState } from 'react'
import { Link } from 'react-router'
import { useSession } from '../../store/session-context'
import { useRecords } from '../../store/use-records'

const STATUS_WORDS = { active: 'Active', referred: 'Referred', ended: 'Ended' } as const

export function ClientsPage() {
  const session = useSession()
  const clients = useRecords(session.clients)
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query)
  const collator = useMemo(() => new Intl.Collator(undefined, { sensitivity: 'base' }), [])

  const shown = useMemo(() => {
    if (!clients) return []
    const needle = deferred.trim().toLocaleLowerCase()
    return clients
      .filter((c) => !needle || (c.ok && c.value.displayName.toLocaleLowerCase().includes(needle)))
      .sort((a, b) =>
        collator.compare(a.ok ? a.value.displayName : '', b.ok ? b.value.displayName : ''),
      )
  }, [clients, deferred, collator])

  return (
    <section aria-labelledby="clients-title">
      <div className="page-head">
        <h1 id="clients-title">Clients</h1>
        <Link className="button" to="/clients/new">
          Add client
        </Link>
      </div>
      <div className="field">
        <label htmlFor="client-search">Search clients</label>
        <input
          id="client-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
        />
      </div>
      {!clients ? (
        <p role="status">Opening client records…</p>
      ) : shown.length === 0 ? (
        <p>{clients.length === 0 ? 'No clients yet.' : 'No client matches that search.'}</p>
      ) : (
        <ul className="record-list" aria-label="Clients">
          {shown.map((client) =>
            client.ok ? (
              <li key={client.id}>
                <span className="record-list__name">{client.value.displayName}</span>
                <span className="record-list__meta">{STATUS_WORDS[client.value.status]}</span>
              </li>
            ) : (
              <li key={client.id} className="record-list__damaged">
                {client.error.message}
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  )
}
