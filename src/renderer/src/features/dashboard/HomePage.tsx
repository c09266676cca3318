import { useEffect } from 'react'
import { Link } from 'react-router'
import { useSession } from '../../store/session-context'
import { useRecords } from '../../store/use-records'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** "What needs me today?" For now: unfinished forms to continue. */
export function HomePage() {
  const session = useSession()
  const drafts = useRecords(session.drafts)
  useEffect(() => {
    document.getElementById('home-title')?.focus()
  }, [])
  const unfinished = (drafts ?? []).flatMap((draft) => (draft.ok ? [draft.value] : []))
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        Today
      </h1>
      {unfinished.length > 0 ? (
        <section aria-labelledby="unfinished-title" className="card">
          <h2 id="unfinished-title">Unfinished</h2>
          <ul>
            {unfinished.map((draft) => (
              <li key={draft.route}>
                <Link to={draft.route}>Continue: {draft.label}</Link> (last typed{' '}
                {timeFormat.format(new Date(draft.savedAt))})
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p>
          Nothing needs you right now. Records you keep in Mend stay on this computer, encrypted.
        </p>
      )}
    </section>
  )
}
