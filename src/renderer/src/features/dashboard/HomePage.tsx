import { useEffect } from 'react'
import { Link } from 'react-router'
import {
  INCIDENT_STATUS_WORDS,
  nextDue,
  STEP_IDS,
  STEP_TITLES,
  walkoutMoment,
} from '../../domain/incident'
import { localDate } from '../../domain/time'
import { useClientNames, useDrafts, useIncidentsDue, useOpenIncidents } from '../../store/queries'
import { formatDay, formatMoment } from '../../ui/format'

/** "What needs me today?": follow-ups due, walkouts still open, unfinished forms. */
export function HomePage() {
  const today = localDate()
  const due = useIncidentsDue(today)
  const open = useOpenIncidents()
  const drafts = useDrafts()

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
                , walked out {formatMoment(walkoutMoment(incident.value))}{' '}
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
