import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { RISK_LEVEL_WORDS } from '../../domain/incident'
import { DEFAULT_SETTINGS } from '../../domain/settings'
import {
  relativeDay,
  TODAY_GROUPS,
  todayItems,
  type TodayItem,
  type TodayKind,
} from '../../domain/today'
import {
  useAllIncidents,
  useClientSummaries,
  useDrafts,
  useUnopenedCount,
  useVaultSettings,
  type ListedIncident,
} from '../../store/queries'
import { usePrepSheetPrinted } from '../../store/printing'
import { formatDay, formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'

/** Where each kind of item is dealt with (a step of the record, or its overview). */
const WHERE: Record<TodayKind, string> = {
  'high-risk-no-action': 'safety',
  'high-risk': 'safety',
  'outreach-overdue': 'outreach',
  'no-outreach-yet': 'outreach',
  'outreach-today': 'outreach',
  'outreach-soon': 'outreach',
  'session-unrecorded': 'discuss',
  'session-soon': 'discuss',
  closure: 'fit',
  unsigned: '',
  'in-follow-up': '',
  open: '',
}

/** What the item asks for, in words. */
function describe(item: TodayItem, summary: Extract<ListedIncident, { ok: true }>['summary']) {
  const day = item.day ? `${formatDay(item.day)}, ${relativeDay(item.days)}` : ''
  switch (item.kind) {
    case 'high-risk-no-action':
      return `${RISK_LEVEL_WORDS[summary.riskLevel ?? 'high']} risk, and no action is recorded yet`
    case 'high-risk':
      return `${RISK_LEVEL_WORDS[summary.riskLevel ?? 'high']} risk`
    case 'outreach-overdue':
    case 'outreach-today':
    case 'outreach-soon':
      return `next attempt to reach out due ${day}`
    case 'no-outreach-yet':
      return 'no attempt to reach out yet, more than 24 hours after the walkout'
    case 'session-unrecorded':
      return `the session of ${formatDay(item.day)} was held: note how the conversation went`
    case 'session-soon':
      return `next session ${day}`
    case 'closure':
      return `${summary.attemptsWithoutReply} attempts without a reply: decide about closure`
    case 'unsigned':
      return 'not signed yet'
    case 'in-follow-up':
      return 'in follow-up'
    case 'open':
      return `${summary.completed.length} of 8 steps complete`
  }
}

/** Items shown per group at first, and how many more each "Show more" adds. */
export const TODAY_FIRST = 25
const TODAY_MORE = 100

/** "What needs me this week?", most urgent first; each item links to where it is done. */
export function HomePage({ extra }: { extra?: ReactNode }) {
  const incidents = useAllIncidents()
  const clients = useClientSummaries()
  const unopened = useUnopenedCount('incidents')
  const settings = useVaultSettings()?.value ?? DEFAULT_SETTINGS
  const drafts = useDrafts()
  // A large practice can have thousands of open records: each group starts short.
  const [shown, setShown] = useState<Record<string, number>>({})

  useEffect(() => {
    document.getElementById('home-title')?.focus()
  }, [])

  const summaries = useMemo(
    () => new Map(incidents.flatMap((item) => (item.ok ? [[item.id, item.summary] as const] : []))),
    [incidents],
  )
  const items = useMemo(
    () =>
      todayItems(
        [...summaries].map(([id, summary]) => ({ id, summary })),
        new Date(),
        settings,
      ),
    [summaries, settings],
  )
  const sessionSoon = items.filter((item) => item.kind === 'session-soon').map((i) => i.incidentId)
  const printed = usePrepSheetPrinted(sessionSoon)
  const unfinished = (drafts ?? []).flatMap((draft) => (draft.ok ? [draft.value] : []))
  const nothing = items.length === 0 && unfinished.length === 0

  return (
    <section aria-labelledby="home-title" className="today">
      <h1 id="home-title" tabIndex={-1}>
        Today
      </h1>
      <p className="muted">What needs you this week, most urgent first.</p>
      {unopened > 0 && (
        <Notice tone="error">
          {unopened === 1
            ? '1 walkout record could not be opened'
            : `${unopened} walkout records could not be opened`}
          : damaged or altered outside Mend. They are not in the lists below. Open Audit trail and
          verify it, or restore from a backup.
        </Notice>
      )}
      {extra}
      {nothing && drafts && (
        <p>
          Nothing needs you this week. Records you keep in Mend stay on this computer, encrypted.
        </p>
      )}
      {TODAY_GROUPS.map((group) => {
        const inGroup = items.filter((item) => group.kinds.includes(item.kind))
        if (inGroup.length === 0) return null
        const id = `today-${group.kinds[0]}`
        const limit = shown[group.title] ?? TODAY_FIRST
        const hidden = inGroup.length - limit
        return (
          <section key={group.title} aria-labelledby={id} className="card today__group">
            <h2 id={id}>{group.title}</h2>
            <ul>
              {inGroup.slice(0, limit).map((item) => {
                const summary = summaries.get(item.incidentId)!
                const client = clients.get(item.clientId)
                const urgent =
                  item.kind === 'high-risk-no-action' || item.kind === 'outreach-overdue'
                return (
                  <li
                    key={`${item.kind}-${item.incidentId}`}
                    className={urgent ? 'today__urgent' : undefined}
                  >
                    <Link
                      to={`/incidents/${item.incidentId}${WHERE[item.kind] ? `/${WHERE[item.kind]}` : ''}`}
                    >
                      {client?.displayName ?? 'A client'}
                    </Link>
                    {client?.initials ? <span className="muted"> ({client.initials})</span> : null}:{' '}
                    {describe(item, summary)}{' '}
                    <span className="muted">· walked out {formatMoment(summary.walkoutAt)}</span>
                    {item.kind === 'session-soon' && (
                      <>
                        {' · '}
                        <Link to={`/incidents/${item.incidentId}/print/prep-sheet`}>
                          Prep sheet
                        </Link>{' '}
                        <span className="muted">
                          {printed?.get(item.incidentId)
                            ? `(printed ${formatMoment(printed.get(item.incidentId))})`
                            : '(not printed yet)'}
                        </span>
                      </>
                    )}
                  </li>
                )
              })}
            </ul>
            {hidden > 0 && (
              <button
                type="button"
                className="secondary"
                aria-describedby={id}
                onClick={() => setShown((all) => ({ ...all, [group.title]: limit + TODAY_MORE }))}
              >
                Show {Math.min(TODAY_MORE, hidden)} more ({hidden} not shown)
              </button>
            )}
          </section>
        )
      })}
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
