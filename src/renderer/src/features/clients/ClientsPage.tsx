import { useDeferredValue, useMemo, useState } from 'react'
import { Link } from 'react-router'
import { CLIENT_STATUS_WORDS, clientMatches } from '../../domain/client'
import { useClientList, useLastWalkouts } from '../../store/queries'
import { clientDetails } from './describe'

/** How many rows the list shows before asking for a narrower search or "show all". */
const PAGE = 100

export function ClientsPage() {
  const clients = useClientList()
  const lastWalkouts = useLastWalkouts()
  const [query, setQuery] = useState('')
  const [showAll, setShowAll] = useState(false)
  const deferred = useDeferredValue(query)
  const collator = useMemo(
    () => new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }),
    [],
  )

  const sorted = useMemo(
    () =>
      clients
        .slice()
        .sort((a, b) =>
          collator.compare(a.ok ? a.summary.displayName : '', b.ok ? b.summary.displayName : ''),
        ),
    [clients, collator],
  )
  const matches = useMemo(
    () => sorted.filter((c) => !deferred.trim() || (c.ok && clientMatches(c.summary, deferred))),
    [sorted, deferred],
  )
  const shown = showAll ? matches : matches.slice(0, PAGE)

  return (
    <section aria-labelledby="clients-title">
      <div className="page-head">
        <h1 id="clients-title">Clients</h1>
        <Link className="button" to="/clients/new">
          Add client
        </Link>
      </div>
      <div className="field">
        <label htmlFor="client-search">Search by name or initials</label>
        <input
          id="client-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
      </div>
      {
        <>
          <p role="status" className="muted" data-results-for={deferred}>
            {matches.length === clients.length
              ? `${clients.length} ${clients.length === 1 ? 'client' : 'clients'}`
              : `${matches.length} of ${clients.length} clients match`}
          </p>
          {shown.length === 0 ? (
            <p>{clients.length === 0 ? 'No clients yet.' : 'No client matches that search.'}</p>
          ) : (
            <ul className="record-list" aria-label="Clients">
              {shown.map((client) =>
                client.ok ? (
                  <li key={client.id}>
                    <Link to={`/clients/${client.id}`} className="record-list__name">
                      {client.summary.displayName}
                    </Link>
                    <span className="record-list__meta">
                      {[
                        clientDetails(client.summary, lastWalkouts.get(client.id)),
                        CLIENT_STATUS_WORDS[client.summary.status],
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </li>
                ) : (
                  <li key={client.id} className="record-list__damaged">
                    This client record could not be opened: it is damaged or was altered outside
                    Mend.
                  </li>
                ),
              )}
            </ul>
          )}
          {!showAll && matches.length > PAGE && (
            <button type="button" className="secondary" onClick={() => setShowAll(true)}>
              Show all {matches.length} clients
            </button>
          )}
        </>
      }
    </section>
  )
}
