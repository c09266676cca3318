import { formatDay } from './format'
import { ENDING_WORDS, RUPTURE_TYPES, WALKOUT_ENDINGS, type IncidentSummary } from './incident'
import type { Words } from './words'
import { compareIso, type Timestamp } from './time'

/**
 * The figures of Patterns: a client's walkouts at a glance on the client page, and the same
 * figures for the whole practice on the Patterns page, with a prompt to look at one's own part
 * when walkouts cluster. Pure functions over what the sealed index keeps of each walkout (codes,
 * numbers and dates, never free text), so the practice's figures need no record opened.
 */

/** One walkout as the figures need it: the index's summary of the record, and its id. */
export type PatternWalkout = Pick<
  IncidentSummary,
  'clientId' | 'walkoutAt' | 'ruptureType' | 'minutesIntoSession' | 'ending' | 'contributionNoted'
> & { id: string }

/** One bar of a chart, one row of its table. */
export interface Figure {
  key: string
  label: string
  count: number
}

export const NOT_RECORDED = 'Not recorded'

/** The walkouts the figures count: voided records (started in error) are left out. */
export function walkoutsForPatterns(
  items: readonly { id: string; summary: IncidentSummary }[],
): PatternWalkout[] {
  const out: PatternWalkout[] = []
  for (const { id, summary } of items) {
    if (summary.voided) continue
    out.push({
      id,
      clientId: summary.clientId,
      walkoutAt: summary.walkoutAt,
      ruptureType: summary.ruptureType,
      minutesIntoSession: summary.minutesIntoSession,
      ending: summary.ending,
      contributionNoted: summary.contributionNoted,
    })
  }
  return out
}

// ---------------------------------------------------------------- days

const DAY_MS = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')

/** A day (YYYY-MM-DD) as a whole number of days (time-zone free). */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS)
}

/** The day (YYYY-MM-DD) of a whole number of days. */
function dayString(n: number): string {
  const date = new Date(n * DAY_MS)
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

/** The day `n` days after `day`. */
export function shiftDay(day: string, n: number): string {
  return dayString(dayNumber(day) + n)
}

interface Parts {
  dayNumber: number
  hour: number
  /** 0 is Monday. */
  weekday: number
  /** YYYY-MM */
  month: string
}

/** Worked out once per timestamp (the index keeps the same objects until a record changes). */
const partsCache = new WeakMap<Timestamp, Parts>()

function partsOf(at: Timestamp): Parts {
  const known = partsCache.get(at)
  if (known) return known
  const ms = Date.parse(at.utc) + at.offsetMinutes * 60_000
  const day = Math.floor(ms / DAY_MS)
  const parts = {
    dayNumber: day,
    hour: Math.floor((ms - day * DAY_MS) / 3_600_000),
    // 1 January 1970 was a Thursday (3, counting from Monday).
    weekday: (((day + 3) % 7) + 7) % 7,
    month: dayString(day).slice(0, 7),
  }
  partsCache.set(at, parts)
  return parts
}

/**
 * When the walkout happened for the therapist: its instant seen on the clock they had then (the
 * recorded offset), so the figures do not move when the computer's time zone does. Weekday 0 is
 * Monday.
 */
export function localParts(at: Timestamp): { day: string; hour: number; weekday: number } {
  const parts = partsOf(at)
  return { day: dayString(parts.dayNumber), hour: parts.hour, weekday: parts.weekday }
}

const dayNumberOf = (w: PatternWalkout) => partsOf(w.walkoutAt).dayNumber
const dayOf = (w: PatternWalkout) => dayString(dayNumberOf(w))

// ---------------------------------------------------------------- counts

/**
 * Counts by category, in the categories' order, zeros included; walkouts that fit none are
 * counted as "Not recorded", a row shown only when there are some.
 */
function countInto(
  walkouts: readonly PatternWalkout[],
  categories: readonly { key: string; label: string }[],
  keyOf: (w: PatternWalkout) => string | null,
): Figure[] {
  const counts = new Map<string, number>()
  let unrecorded = 0
  for (const w of walkouts) {
    const key = keyOf(w)
    if (key === null) unrecorded += 1
    else counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const figures = categories.map(({ key, label }) => ({ key, label, count: counts.get(key) ?? 0 }))
  if (unrecorded > 0) figures.push({ key: 'not-recorded', label: NOT_RECORDED, count: unrecorded })
  return figures
}

/** Rupture types in a word (the step's own words explain them). */
export const RUPTURE_SHORT_WORDS: Words<typeof RUPTURE_TYPES> = {
  withdrawal: 'Withdrawal',
  confrontation: 'Confrontation',
  mixed: 'Mixed',
}

/** By rupture type (withdrawal, confrontation, mixed), from step 1. */
export function ruptureFigures(walkouts: readonly PatternWalkout[]): Figure[] {
  return countInto(
    walkouts,
    RUPTURE_TYPES.map((key) => ({ key, label: RUPTURE_SHORT_WORDS[key] })),
    (w) => w.ruptureType,
  )
}

/** Time into the session, in buckets of ten minutes; 50 and over together. */
export const MINUTE_BUCKETS = [
  { key: 'under-10', from: 0, label: 'Under 10 minutes' },
  { key: '10-19', from: 10, label: '10 to 19 minutes' },
  { key: '20-29', from: 20, label: '20 to 29 minutes' },
  { key: '30-39', from: 30, label: '30 to 39 minutes' },
  { key: '40-49', from: 40, label: '40 to 49 minutes' },
  { key: '50-plus', from: 50, label: '50 minutes or more' },
] as const

export function minuteBucketOf(minutes: number | null): string | null {
  if (minutes === null) return null
  return MINUTE_BUCKETS.findLast((bucket) => minutes >= bucket.from)?.key ?? null
}

/** By time into the session when the client left (minutes not recorded: "Not recorded"). */
export function minuteFigures(walkouts: readonly PatternWalkout[]): Figure[] {
  return countInto(walkouts, MINUTE_BUCKETS, (w) => minuteBucketOf(w.minutesIntoSession))
}

/** By how the walkout ended (see `walkoutEnding`); "not recorded yet" only when there are some. */
export function endingFigures(walkouts: readonly PatternWalkout[]): Figure[] {
  return countInto(
    walkouts,
    WALKOUT_ENDINGS.filter((key) => key !== 'not-recorded').map((key) => ({
      key,
      label: ENDING_WORDS[key],
    })),
    (w) => (w.ending === 'not-recorded' ? null : w.ending),
  ).map((f) => (f.key === 'not-recorded' ? { ...f, label: ENDING_WORDS['not-recorded'] } : f))
}

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const

/** By day of the week, Monday first, on the therapist's clock at the time. */
const WEEKDAY_KEYS = WEEKDAYS.map((day) => day.toLowerCase())

export function weekdayFigures(walkouts: readonly PatternWalkout[]): Figure[] {
  return countInto(
    walkouts,
    WEEKDAYS.map((label, i) => ({ key: WEEKDAY_KEYS[i]!, label })),
    (w) => WEEKDAY_KEYS[partsOf(w.walkoutAt).weekday]!,
  )
}

export const PARTS_OF_DAY = [
  { key: 'morning', from: 0, label: 'Morning (before 12:00)' },
  { key: 'afternoon', from: 12, label: 'Afternoon (12:00 to 16:59)' },
  { key: 'evening', from: 17, label: 'Evening (17:00 or later)' },
] as const

/** By part of the day the client left, on the therapist's clock at the time. */
export function partOfDayFigures(walkouts: readonly PatternWalkout[]): Figure[] {
  return countInto(walkouts, PARTS_OF_DAY, (w) => {
    const hour = partsOf(w.walkoutAt).hour
    return PARTS_OF_DAY.findLast((part) => hour >= part.from)!.key
  })
}

const monthName = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** Walkouts per calendar month, the last `months` months up to today's, oldest first. */
export function monthFigures(
  walkouts: readonly PatternWalkout[],
  today: string,
  months = 12,
): Figure[] {
  const [year, month] = today.split('-').map(Number) as [number, number]
  const keys = Array.from({ length: months }, (_, i) => {
    const date = new Date(Date.UTC(year, month - 1 - (months - 1 - i), 1))
    return {
      key: `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`,
      label: monthName.format(date),
    }
  })
  const counts = new Map<string, number>()
  for (const w of walkouts) {
    const key = partsOf(w.walkoutAt).month
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return keys.map(({ key, label }) => ({ key, label, count: counts.get(key) ?? 0 }))
}

/** The middle value of the minutes recorded (null when none is). */
export function medianMinutes(walkouts: readonly PatternWalkout[]): number | null {
  const minutes = walkouts
    .map((w) => w.minutesIntoSession)
    .filter((m): m is number => m !== null)
    .sort((a, b) => a - b)
  if (minutes.length === 0) return null
  const mid = Math.floor(minutes.length / 2)
  return minutes.length % 2 === 1 ? minutes[mid]! : (minutes[mid - 1]! + minutes[mid]!) / 2
}

export interface Overview {
  count: number
  clients: number
  /** First and latest day (YYYY-MM-DD), null without walkouts. */
  first: string | null
  last: string | null
  medianMinutes: number | null
  /** How many walkouts have their minutes into the session recorded. */
  minutesRecorded: number
}

export function overview(walkouts: readonly PatternWalkout[]): Overview {
  let first = Infinity
  let last = -Infinity
  for (const w of walkouts) {
    const day = dayNumberOf(w)
    if (day < first) first = day
    if (day > last) last = day
  }
  return {
    count: walkouts.length,
    clients: new Set(walkouts.map((w) => w.clientId)).size,
    first: walkouts.length > 0 ? dayString(first) : null,
    last: walkouts.length > 0 ? dayString(last) : null,
    medianMinutes: medianMinutes(walkouts),
    minutesRecorded: walkouts.filter((w) => w.minutesIntoSession !== null).length,
  }
}

// ---------------------------------------------------------------- timeline

export interface TimelinePoint {
  id: string
  day: string
  /** Where on the axis, 0 (its start) to 1 (today). */
  position: number
  /** 0 for the first walkout of its day, 1 for the second… (drawn stacked). */
  stack: number
  ruptureType: PatternWalkout['ruptureType']
}

/** The shortest span a timeline shows, so a single recent walkout is not drawn at both ends. */
export const TIMELINE_MIN_DAYS = 30

/**
 * A client's walkouts on a line from the first one (or `TIMELINE_MIN_DAYS` ago, if earlier) to
 * today, oldest first. A walkout dated after today (a clock that was wrong) is drawn at today.
 */
export function timeline(
  walkouts: readonly PatternWalkout[],
  today: string,
): { from: string; to: string; points: TimelinePoint[] } {
  const dated = walkouts
    .map((w) => ({ w, day: dayOf(w) }))
    .sort((a, b) => compareIso(a.w.walkoutAt.utc, b.w.walkoutAt.utc))
  const earliest = dated[0]?.day
  const floor = shiftDay(today, -TIMELINE_MIN_DAYS)
  const from = earliest && earliest < floor ? earliest : floor
  const span = dayNumber(today) - dayNumber(from)
  const perDay = new Map<string, number>()
  const points = dated.map(({ w, day }) => {
    const shown = day > today ? today : day
    const stack = perDay.get(shown) ?? 0
    perDay.set(shown, stack + 1)
    return {
      id: w.id,
      day,
      position: (dayNumber(shown) - dayNumber(from)) / span,
      stack,
      ruptureType: w.ruptureType,
    }
  })
  return { from, to: today, points }
}

// ---------------------------------------------------------------- when walkouts cluster

/**
 * When walkouts cluster across the practice, Patterns invites the therapist to look at their own
 * part. The rule, all of it on the therapist's calendar:
 *
 * - the window is the last 8 weeks: the 56 days up to and including today;
 * - it holds at least 3 walkouts, of at least 2 different clients (one client's run of walkouts
 *   shows on that client's page instead);
 * - and at least twice the usual: the usual is the number of walkouts in the 52 weeks before the
 *   window, per 8 weeks (a practice with no walkouts that year has a usual of 0).
 *
 * Spread out, or as many as usual, there is no prompt.
 */
export const CLUSTER_RULE = {
  windowDays: 56,
  baselineDays: 364,
  minWalkouts: 3,
  minClients: 2,
  factor: 2,
} as const

export interface Cluster {
  /** The window, first and last day (today). */
  from: string
  to: string
  count: number
  clients: number
  /** Walkouts in 8 weeks, usually (over the 52 weeks before the window). */
  usual: number
  /** The walkouts in the window, newest first. */
  walkouts: PatternWalkout[]
}

/** The cluster of walkouts in the last 8 weeks, or null when they do not cluster (`CLUSTER_RULE`). */
export function findCluster(walkouts: readonly PatternWalkout[], today: string): Cluster | null {
  const rule = CLUSTER_RULE
  const end = dayNumber(today)
  const start = end - (rule.windowDays - 1)
  const baselineStart = start - rule.baselineDays
  const recent: PatternWalkout[] = []
  let before = 0
  for (const w of walkouts) {
    const day = dayNumberOf(w)
    if (day >= start && day <= end) recent.push(w)
    else if (day >= baselineStart && day < start) before += 1
  }
  const usual = (before * rule.windowDays) / rule.baselineDays
  const clients = new Set(recent.map((w) => w.clientId)).size
  if (recent.length < rule.minWalkouts || clients < rule.minClients) return null
  if (recent.length < rule.factor * usual) return null
  return {
    from: dayString(start),
    to: today,
    count: recent.length,
    clients,
    usual,
    walkouts: recent.sort((a, b) => compareIso(b.walkoutAt.utc, a.walkoutAt.utc)),
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The cluster in words (counts and dates only). */
export function describeCluster(cluster: Cluster): string {
  const usual =
    cluster.usual === 0
      ? 'there were none in the year before'
      : `usually there are about ${cluster.usual.toFixed(1)} in 8 weeks`
  return `${plural(cluster.count, 'walkout', 'walkouts')} of ${plural(cluster.clients, 'client', 'different clients')} in the last 8 weeks (since ${formatDay(cluster.from)}); ${usual}.`
}

/**
 * The beginning of a text for a table cell: whitespace collapsed, at most `max` characters, cut
 * at a word and ended with an ellipsis when it is longer.
 */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
