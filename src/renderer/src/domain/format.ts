/** Dates and times in the user's locale (Intl); stored values are UTC plus offset or YYYY-MM-DD. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
const localDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const localTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })
/** The calendar day and time of day as the formatters above see them (their zone, in numbers). */
const numeric = new Intl.DateTimeFormat('en-US', {
  timeZone: dateTime.resolvedOptions().timeZone,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
})

/**
 * Formatting a date is slow (several microseconds a call), and building the search index formats
 * every moment of every walkout record. Texts are kept per calendar day and per time of day, each
 * formatted once (a long practice has a few thousand days and at most 1,440 minutes), and a
 * moment's text is put together from them with what the locale writes between the two.
 *
 * Each time a day or a time is formatted for the first time, what is kept is checked: the whole
 * text must read as "day, glue, time" with the glue learnt so far, and the day and minute the
 * text is kept under (this computer's, from the Date) must be the ones the formatters give (their
 * zone, which is this computer's when they were made). Otherwise, a locale whose moments do not
 * read that way, a zone whose offset then had seconds, or the computer's zone changed since,
 * every moment is formatted whole from then on (and days are no longer kept). Nothing is kept
 * past a lock (it ends the page, and the worker).
 */
const KEPT = 20_000
/** Day and time texts checked against a whole moment's text (see above). */
const momentDays = new Map<number, string>()
const timeTexts = new Map<number, string>()
const calendarDays = new Map<string, string>()
const localDays = new Map<number, string>()
/** What comes between a day's text and a time's (null: not learnt yet; false: they do not join). */
let glue: string | null | false = null
/** Whether the Date's day and minute were ever not the formatters' (then nothing is composed). */
let zoneDiffers = false

const keep = <K>(texts: Map<K, string>, key: K, text: string) => {
  if (texts.size < KEPT) texts.set(key, text)
  return text
}

const dayKey = (date: Date) => date.getFullYear() * 10_000 + date.getMonth() * 100 + date.getDate()
const minuteKey = (date: Date) => date.getHours() * 60 + date.getMinutes()

/** Whether the formatters see this moment on the day and at the minute the Date gives. */
function sameAsFormatters(date: Date, day: number, minute: number): boolean {
  const at: Record<string, number> = {}
  for (const part of numeric.formatToParts(date)) at[part.type] = Number(part.value)
  const formatted = (at['year']! * 10_000 + (at['month']! - 1) * 100 + at['day']!) | 0
  if (formatted === day && at['hour']! * 60 + at['minute']! === minute) return true
  zoneDiffers = true
  return false
}

export function formatMoment(value: { utc: string } | null | undefined): string {
  if (!value) return ''
  const date = new Date(value.utc)
  if (Number.isNaN(date.getTime())) return ''
  if (glue === false) return dateTime.format(date)
  const dayAt = dayKey(date)
  const minute = minuteKey(date)
  const day = momentDays.get(dayAt)
  const time = timeTexts.get(minute)
  if (day !== undefined && time !== undefined && glue !== null) return day + glue + time
  // A day or a time not known yet: the whole text, and what it says of the glue.
  const whole = dateTime.format(date)
  const ofDay = day ?? localDay.format(date)
  const ofTime = time ?? localTime.format(date)
  const joins =
    whole.length >= ofDay.length + ofTime.length &&
    whole.startsWith(ofDay) &&
    whole.endsWith(ofTime)
  const between = joins ? whole.slice(ofDay.length, whole.length - ofTime.length) : null
  if (
    between === null ||
    (glue !== null && between !== glue) ||
    !sameAsFormatters(date, dayAt, minute)
  )
    glue = false
  else {
    glue = between
    keep(momentDays, dayAt, ofDay)
    keep(timeTexts, minute, ofTime)
  }
  return whole
}

/** A calendar date (YYYY-MM-DD) shown as written, whatever the time zone. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return ''
  const known = calendarDays.get(value)
  if (known !== undefined) return known
  const date = new Date(`${value}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? '' : keep(calendarDays, value, dateOnly.format(date))
}

/** The calendar date of a moment, where this computer is (as `formatMoment` shows its time). */
export function formatMomentDay(value: { utc: string } | null | undefined): string {
  if (!value) return ''
  const date = new Date(value.utc)
  if (Number.isNaN(date.getTime())) return ''
  if (zoneDiffers) return localDay.format(date)
  const key = dayKey(date)
  const known = localDays.get(key)
  if (known !== undefined) return known
  const text = localDay.format(date)
  return sameAsFormatters(date, key, minuteKey(date)) ? keep(localDays, key, text) : text
}
