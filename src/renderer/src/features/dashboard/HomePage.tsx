import { useEffect } from 'react'
import { Link } from 'react-router'
import { INCIDENT_STATUS_WORDS, STEP_IDS, STEP_TITLES } from '../../domain/incident'
import { localDate } from '../../domain/time'
import {
  useClientNames,
  useDrafts,
  useIncidentsDue,
  useOpenIncidents,
  useUnopenedCount,
} from '../../store/queries'
import { formatDay, formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'

/** "What needs me today?": follow-ups due, walkouts still open, unfinished forms. */
export function HomePage() {
  const today = localDate()
  const due = useIncidentsDue(today).flatMap((item) => (item.ok ? [item] : []))
  const open = useOpenIncidents().flatMap((item) => (item.ok ? [item] : []))
  const unopened = useUnopenedCount('incidents')
  const drafts = useDrafts()

  useEffect(() => {
    document.getElementById('home-title')?.focus()
  }, [])

  const unfinished = (drafts ?? []).flatMap((draft) => (draft.ok ? [draft.value] : []))
  const names = useClientNames([...due, ...open].map((item) => item.summary.clientId))
  const nothing = due.length === 0 && open.length === 0 && unfinished.length === 0

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        Today
      </h1>
      {unopened > 0 && (
        <Notice tone="error">
          {unopened === 1
            ? '1 walkout record could not be opened'
            : `${unopened} walkout records could not be opened`}
          : damaged or altered outside Mend. They are not in the lists below. Open Audit trail and
          verify it, or restore from a backup.
        </Notice>
      )}
      {nothing && drafts && (
        <p>
          Nothing needs you right now. Records you keep in Mend stay on this computer, encrypted.
        </p>
      )}
      {due.length > 0 && (
        <section aria-labelledby="due-title" className="card">
          <h2 id="due-title">Follow-ups due</h2>
          <ul>
            {due.map(({ id, summary }) => {
              const firstOpen = STEP_IDS.find((step) => !summary.completed.includes(step))
              return (
                <li key={id}>
                  <Link to={`/incidents/${id}${firstOpen ? `/${firstOpen}` : ''}`}>
                    {names.get(summary.clientId) ?? 'A client'}
                  </Link>
                  : due {formatDay(summary.nextDue)}
                  {firstOpen && (
                    <span className="muted"> · next step: {STEP_TITLES[firstOpen]}</span>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      )}
      {open.length > 0 && (
        <section aria-labelledby="open-title" className="card">
          <h2 id="open-title">Open walkouts</h2>
          <ul>
            {open.map(({ id, summary }) => (
              <li key={id}>
                <Link to={`/incidents/${id}`}>{names.get(summary.clientId) ?? 'A client'}</Link>,
                walked out {formatMoment(summary.walkoutAt)}{' '}
                <span className="muted">
                  ({INCIDENT_STATUS_WORDS[summary.status]}, {summary.completed.length} of{' '}
                  {STEP_IDS.length} steps)
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
