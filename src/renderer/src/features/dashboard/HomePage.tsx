import { useCallback, useEffect } from 'react'
import { Link } from 'react-router'
import {
  INCIDENT_STATUS_WORDS,
  nextDue,
  STEP_IDS,
  STEP_TITLES,
  type Incident,
} from '../../domain/incident'
import { localDate } from '../../domain/time'
import type { IncidentRow } from '../../store/db'
import type { RecordStore } from '../../store/records'
import { useSession } from '../../store/session-context'
import { useClientNames, useRecords } from '../../store/use-records'
import { formatDay, formatMoment } from '../../ui/format'

const LIMIT = 25

/** "What needs me today?": follow-ups due, walkouts still open, unfinished forms. */
export function HomePage() {
  const session = useSession()
  const today = localDate()
  const due = useRecords(
    session.incidents,
    useCallback(
      (store: RecordStore<Incident, IncidentRow>) =>
        store.table
          .where('nextDue')
          .between('0000-01-01', today, true, true)
          .filter((row) => row.status !== 'resolved')
          .limit(LIMIT)
          .toArray(),
      [today],
    ),
  )
  const open = useRecords(
    session.incidents,
    useCallback(
      (store: RecordStore<Incident, IncidentRow>) =>
        store.table
          .where('status')
          .equals('open')
          .reverse()
          .sortBy('occurredAt')
          .then((rows) => rows.slice(0, LIMIT)),
      [],
    ),
  )
  const drafts = useRecords(session.drafts)

  useEffect(() => {
    document.getElementById('home-title')?.focus()
  }, [])

  const unfinished = (drafts ?? []).flatMap((draft) => (draft.ok ? [draft.value] : []))
  const dueList = (due ?? []).flatMap((i) => (i.ok ? [i] : []))
  const openList = (open ?? []).flatMap((i) => (i.ok ? [i] : []))
  const names = useClientNames([...dueList, ...openList].map((incident) => incident.value.clientId))
  const nothing = dueList.length === 0 && openList.length === 0 && unfinished.length === 0

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        Today
      </h1>
      {nothing && due && open && drafts && (
        <p>
          Nothing needs you right now. Records you keep in Mend stay on this computer, encrypted.
        </p>
      )}
      {dueList.length > 0 && (
        <section aria-labelledby="due-title" className="card">
          <h2 id="due-title">Follow-ups due</h2>
          <ul>
            {dueList.map((incident) => {
              const firstOpen = STEP_IDS.find((id) => !incident.value.completed.includes(id))
              return (
                <li key={incident.id}>
                  <Link to={`/incidents/${incident.id}${firstOpen ? `/${firstOpen}` : ''}`}>
                    {names.get(incident.value.clientId) ?? 'A client'}
                  </Link>
                  : due {formatDay(nextDue(incident.value))}
                  {firstOpen && (
                    <span className="muted"> · next step: {STEP_TITLES[firstOpen]}</span>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      )}
      {openList.length > 0 && (
        <section aria-labelledby="open-title" className="card">
          <h2 id="open-title">Open walkouts</h2>
          <ul>
            {openList.map((incident) => (
              <li key={incident.id}>
                <Link to={`/incidents/${incident.id}`}>
                  {names.get(incident.value.clientId) ?? 'A client'}
                </Link>
                , walked out{' '}
                {formatMoment(incident.value.steps.safety?.leftAt ?? incident.value.createdAt)}{' '}
                <span className="muted">
                  ({INCIDENT_STATUS_WORDS[incident.value.status]}, {incident.value.completed.length}{' '}
                  of {STEP_IDS.length} steps)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {unfinished.length > 0 && (
        <section aria-labelledby="unfinished-title" className="card">
          <h2 id="unfinished-title">Unfinished</h2>
          <ul>
            {unfinished.map((draft) => (
              <li key={draft.route}>
                <Link to={draft.route}>Continue: {draft.label}</Link> (last typed{' '}
                {formatMoment({ utc: draft.savedAt })})
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}
