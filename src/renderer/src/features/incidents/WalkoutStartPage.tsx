import { useDeferredValue, useMemo, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import {
  clientMatches,
  clientSchema,
  deriveInitials,
  distinguishing,
  emptyClient,
} from '../../domain/client'
import { isId } from '../../domain/ids'
import { createClient, createIncident, isRuleError } from '../../store/operations'
import { useClientList, useLastWalkouts, useOpenWalkoutsOf } from '../../store/queries'
import { formatDay, formatMoment } from '../../ui/format'
import { useSession } from '../../store/session-context'
import { Notice } from '../../ui/Notice'

/** "A client just walked out": pick the client (or add one by name) and start the record. */
export function WalkoutStartPage() {
  const session = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const preselected = params.get('client')
  const clients = useClientList()
  const lastWalkouts = useLastWalkouts()
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query)
  const [chosen, setChosen] = useState<string | null>(isId(preselected) ? preselected : null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const matches = useMemo(
    () =>
      clients
        .flatMap((c) => (c.ok ? [{ id: c.id, ...c.summary }] : []))
        .filter((c) => c.status === 'active' || c.id === chosen)
        .filter((c) => clientMatches(c, deferred) || c.id === chosen)
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .slice(0, 20),
    [clients, deferred, chosen],
  )

  const openForChosen = useOpenWalkoutsOf(chosen)
  const [startAnyway, setStartAnyway] = useState(false)

  const start = async (clientId: string) => {
    setBusy(true)
    setError(null)
    try {
      const id = await createIncident(session, clientId)
      void navigate(`/incidents/${id}/safety`)
    } catch (e) {
      setError(isRuleError(e) ? e.message : 'The record could not be started; please try again.')
      setBusy(false)
    }
  }

  const startWithNewClient = async () => {
    const name = query.trim()
    const valid = clientSchema.shape.displayName.safeParse(name)
    if (!valid.success) {
      setError(valid.error.issues[0]?.message ?? 'Enter a name for the client.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const id = await createClient(session, {
        ...emptyClient(),
        displayName: valid.data,
        initials: deriveInitials(valid.data),
      })
      await start(id)
    } catch (e) {
      setError(isRuleError(e) ? e.message : 'The client could not be added; please try again.')
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="walkout-title">
      <h1 id="walkout-title">A client just walked out</h1>
      <p>
        Choose the client, then start with safety. Everything else can wait, and you can finish
        steps on different days.
      </p>
      <form
        autoComplete="off"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          // Enter in the search box with exactly one match chooses it.
          const only = query.trim() && matches.length === 1 ? matches[0]!.id : null
          const target = chosen ?? only
          if (!target) {
            setError('Choose the client who walked out, or add them by name.')
            return
          }
          if (!chosen) {
            setChosen(target)
            return
          }
          if (openForChosen.length > 0 && !startAnyway) {
            setError(null)
            return
          }
          void start(target)
        }}
      >
        <div className="field">
          <label htmlFor="walkout-search">Find the client by name or initials</label>
          <input
            id="walkout-search"
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value)
              setStartAnyway(false)
            }}
            autoFocus
            spellCheck={false}
          />
        </div>
        {
          <fieldset className="choices">
            <legend>Client</legend>
            {matches.length === 0 && <p>No active client matches.</p>}
            {matches.map((client) => (
              <div className="checkbox" key={client.id}>
                <input
                  type="radio"
                  id={`walkout-client-${client.id}`}
                  name="walkout-client"
                  checked={chosen === client.id}
                  onChange={() => {
                    setChosen(client.id)
                    setStartAnyway(false)
                  }}
                />
                <label htmlFor={`walkout-client-${client.id}`}>
                  {client.displayName}{' '}
                  <span className="muted">
                    (
                    {[
                      client.initials,
                      distinguishing(client, formatDay),
                      lastWalkouts.get(client.id)
                        ? `last walkout ${formatMoment(lastWalkouts.get(client.id))}`
                        : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                    )
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
        }
        {error && <Notice tone="error">{error}</Notice>}
        {chosen && openForChosen.length > 0 && !startAnyway && (
          <Notice tone="warning">
            <p>
              This client already has{' '}
              {openForChosen.length === 1 ? 'a walkout' : `${openForChosen.length} walkouts`} that
              is not resolved:
            </p>
            <ul aria-label="Open walkouts of this client">
              {openForChosen.map((item) =>
                item.ok ? (
                  <li key={item.id}>
                    <Link to={`/incidents/${item.id}`}>
                      Walkout of {formatMoment(item.summary.walkoutAt)}
                    </Link>
                  </li>
                ) : null,
              )}
            </ul>
            <p>Is this a new walkout, or part of that one?</p>
            <button type="button" className="secondary" onClick={() => setStartAnyway(true)}>
              It is a new walkout
            </button>
          </Notice>
        )}
        <div className="actions">
          <button
            type="submit"
            disabled={busy || (chosen !== null && openForChosen.length > 0 && !startAnyway)}
          >
            Start the walkout record
          </button>
          {query.trim() && matches.length === 0 && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void startWithNewClient()}
            >
              Add “{query.trim()}” as a new client and start
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
