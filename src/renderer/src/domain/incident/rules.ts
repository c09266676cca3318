import { localDate, type Timestamp } from '../time'

/**
 * Rules of the moment of saving, shared by the steps: a few minutes of slack for clocks and for
 * the time it takes to type.
 */
export const CLOCK_SLACK_MS = 5 * 60_000

export const IN_FUTURE = 'This cannot be in the future.'

/** A moment later than now (beyond the slack). */
export function isFuture(at: Timestamp | null | undefined, now: Date): boolean {
  return !!at && Date.parse(at.utc) > now.getTime() + CLOCK_SLACK_MS
}

/** A moment before the walkout (beyond the slack). */
export function isBeforeWalkout(
  at: Timestamp | null | undefined,
  walkoutAt: Timestamp | null,
): boolean {
  return !!at && !!walkoutAt && Date.parse(at.utc) < Date.parse(walkoutAt.utc) - CLOCK_SLACK_MS
}

/** A calendar date (YYYY-MM-DD) before the local date of the walkout. */
export function isDayBeforeWalkout(day: string, walkoutAt: Timestamp | null): boolean {
  return day !== '' && !!walkoutAt && day < localDate(new Date(walkoutAt.utc))
}

/** A calendar date after today (local). */
export function isFutureDay(day: string, now: Date): boolean {
  return day !== '' && day > localDate(now)
}

/** A calendar date more than a year after today (local). */
export function isOverAYearAhead(day: string, now: Date): boolean {
  const yearAhead = new Date(now)
  yearAhead.setFullYear(yearAhead.getFullYear() + 1)
  return day !== '' && day > localDate(yearAhead)
}

/** Minutes into a session: a session is at most this long. */
export const MAX_SESSION_MINUTES = 300
