import { isHighRisk, type IncidentSummary } from './incident'
import { compareIso, localDate } from './time'

/**
 * "What needs me this week?": the rules of the Today screen, on the walkout summaries the sealed
 * index holds. Calendar dates (due dates, sessions) are compared in the therapist's local time
 * zone, day by day, so a daylight-saving change never moves a day; the 24-hour rule counts real
 * hours between instants.
 */

export const TODAY_KINDS = [
  'high-risk-no-action',
  'high-risk',
  'outreach-overdue',
  'no-outreach-yet',
  'session-unrecorded',
  'outreach-today',
  'session-soon',
  'outreach-soon',
  'closure',
  'unsigned',
  'in-follow-up',
  'open',
] as const
export type TodayKind = (typeof TODAY_KINDS)[number]

/** The heading each kind of item is listed under, most urgent first. */
export const TODAY_GROUPS: readonly { title: string; kinds: readonly TodayKind[] }[] = [
  { title: 'High risk', kinds: ['high-risk-no-action', 'high-risk'] },
  {
    title: 'Reach out',
    kinds: ['outreach-overdue', 'no-outreach-yet', 'outreach-today', 'outreach-soon'],
  },
  { title: 'Sessions', kinds: ['session-unrecorded', 'session-soon'] },
  { title: 'Decide on closure', kinds: ['closure'] },
  { title: 'To sign', kinds: ['unsigned'] },
  { title: 'In follow-up', kinds: ['in-follow-up'] },
  { title: 'Open walkouts', kinds: ['open'] },
]

export interface TodayItem {
  kind: TodayKind
  incidentId: string
  clientId: string
  /** The calendar date the item is about (due date, session date), or ''. */
  day: string
  /** Days from today to `day` (negative: overdue); 0 when there is no day. */
  days: number
}

export interface TodayOptions {
  /** Attempts without a reply after which closure is to be decided (Settings; default 3). */
  closureAttempts: number
}

export const DEFAULT_CLOSURE_ATTEMPTS = 3
/** How far ahead "this week" looks. */
export const WEEK_DAYS = 7
/** Outreach is expected within this long after a walkout. */
export const FIRST_OUTREACH_HOURS = 24
/** Unsigned records are a reminder after this many days. */
export const SIGN_WITHIN_DAYS = 3

/** The local calendar date `days` after `day` (YYYY-MM-DD), day by day (DST-proof). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return localDate(new Date(y, m - 1, d + days, 12))
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number]
    return Date.UTC(y, m - 1, d)
  }
  return Math.round((utc(to) - utc(from)) / 86_400_000)
}

const KIND_ORDER = new Map(TODAY_KINDS.map((kind, i) => [kind, i]))

/**
 * Every item of the week, most urgent first: by kind (high risk first), then by day (the most
 * overdue first), then by walkout (oldest first). Voided records are never on it. (A large
 * practice has tens of thousands of items: each kind is sorted on its own, by its text dates.)
 */
export function todayItems(
  incidents: readonly { id: string; summary: IncidentSummary }[],
  now: Date,
  options: TodayOptions = { closureAttempts: DEFAULT_CLOSURE_ATTEMPTS },
): TodayItem[] {
  const today = localDate(now)
  const weekEnd = addDays(today, WEEK_DAYS)
  const nowMs = now.getTime()
  const byKind = TODAY_KINDS.map(() => [] as TodayItem[])
  const add = (kind: TodayKind, id: string, s: IncidentSummary, day = '') =>
    byKind[KIND_ORDER.get(kind)!]!.push({
      kind,
      incidentId: id,
      clientId: s.clientId,
      day,
      days: day ? daysBetween(today, day) : 0,
    })
  // Oldest walkout first, so that each kind's items arrive in that order and only need sorting by
  // day (a stable sort: linear on what is already in order, such as a list newest first).
  const byWalkout = [...incidents].sort((a, b) =>
    compareIso(a.summary.walkoutAt.utc, b.summary.walkoutAt.utc),
  )
  for (const { id, summary: s } of byWalkout) {
    if (s.voided) continue
    if (!s.signedAt && nowMs - Date.parse(s.createdAt.utc) > SIGN_WITHIN_DAYS * 86_400_000)
      add('unsigned', id, s)
    if (s.status === 'resolved') continue

    if (isHighRisk(s.riskLevel))
      add(s.safetyActionRecorded ? 'high-risk' : 'high-risk-no-action', id, s)

    if (s.nextAttemptDue) {
      if (s.nextAttemptDue < today) add('outreach-overdue', id, s, s.nextAttemptDue)
      else if (s.nextAttemptDue === today) add('outreach-today', id, s, s.nextAttemptDue)
      else if (s.nextAttemptDue <= weekEnd) add('outreach-soon', id, s, s.nextAttemptDue)
    }
    if (s.attempts === 0 && nowMs - Date.parse(s.walkoutAt.utc) >= FIRST_OUTREACH_HOURS * 3_600_000)
      add('no-outreach-yet', id, s)

    if (s.nextSessionDate && s.discussStatus !== 'discussed') {
      if (s.nextSessionDate < today) add('session-unrecorded', id, s, s.nextSessionDate)
      else if (s.nextSessionDate <= weekEnd) add('session-soon', id, s, s.nextSessionDate)
    }
    if (s.attemptsWithoutReply >= options.closureAttempts) add('closure', id, s)
    add(s.status === 'in-follow-up' ? 'in-follow-up' : 'open', id, s)
  }
  return byKind.flatMap((items) => items.sort((a, b) => compareIso(a.day, b.day)))
}

/** "overdue by 2 days", "today", "tomorrow", "in 4 days". */
export function relativeDay(days: number): string {
  if (days < -1) return `${-days} days overdue`
  if (days === -1) return '1 day overdue'
  if (days === 0) return 'today'
  if (days === 1) return 'tomorrow'
  return `in ${days} days`
}
