import { z } from 'zod'

/**
 * A moment as stored: the UTC instant plus the offset the therapist's clock had then, so a
 * record keeps both "when" and "what time it was for them".
 */
export const timestampSchema = z.object({
  utc: z.iso.datetime({ message: 'Enter a valid date and time.' }),
  offsetMinutes: z
    .number()
    .int()
    .min(-14 * 60)
    .max(14 * 60),
})
export type Timestamp = z.infer<typeof timestampSchema>

/** A calendar date with no time of day (consent date, due date, next session): YYYY-MM-DD. */
export const calendarDateSchema = z.iso.date({ message: 'Enter a valid date.' })
/** An optional calendar date: '' when not set. */
export const optionalDateSchema = z.union([z.literal(''), calendarDateSchema])

/**
 * Orders ISO 8601 dates or moments of one format (YYYY-MM-DD, or `Timestamp.utc`) by their text,
 * code unit by code unit: their text order is their time order. `localeCompare` gives the same
 * order at many times the cost (Today sorts tens of thousands of items after every unlock).
 */
export const compareIso = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function stamp(date: Date = new Date()): Timestamp {
  // `|| 0` turns UTC's -0 into 0, so a stored value equals the one read back.
  return { utc: date.toISOString(), offsetMinutes: -date.getTimezoneOffset() || 0 }
}

/** "2026-11-27T14:05" (what a datetime-local input holds, in local time) to a Timestamp. */
export function fromLocalInput(value: string): Timestamp | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[]
  const date = new Date(year!, month! - 1, day!, hour!, minute!, second!)
  // Refuse dates the calendar does not have (31 November, 24:00) instead of rolling them over.
  const same =
    date.getFullYear() === year &&
    date.getMonth() === month! - 1 &&
    date.getDate() === day &&
    date.getHours() === hour &&
    date.getMinutes() === minute
  return same ? stamp(date) : null
}

/** A Timestamp back to what a datetime-local input shows, in the current local time zone. */
export function toLocalInput(value: Timestamp | null | undefined): string {
  if (!value) return ''
  const date = new Date(value.utc)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Today's date in local time, as YYYY-MM-DD. */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
