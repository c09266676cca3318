/** Dates and times in the user's locale (Intl); stored values are UTC plus offset or YYYY-MM-DD. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
const localDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const localTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

/**
 * Formatting a date is slow (several microseconds a call), and building the search index formats
 * every moment of every walkout record. Texts are kept per calendar day and per time of day, each
 * formatted once (a long practice has a few thousand days and at most 1,440 minutes), and a
 * moment's text is put together from them with what the locale writes between the two. That
 * is learnt, and checked, from the whole text each time a day or a time is formatted for the
 * first time: if a locale's date and time ever do not read as "day, glue, time", every moment is
 * formatted whole from then on. Nothing is kept past a lock (it ends the page, and the worker).
 */
const KEPT = 20_000
/** Day and time texts checked against a whole moment's text (see above). */
const momentDays = new Map<number, string>()
const timeTexts = new Map<number, string>()
const calendarDays = new Map<string, string>()
const localDays = new Map<number, string>()
/** What comes between a day's text and a time's (null: not learnt yet; false: they do not join). */
let glue: string | null | false = null

const keep = <K>(texts: Map<K, string>, key: K, text: string) => {
  if (texts.size < KEPT) texts.set(key, text)
  return text
}

const DAY_MS = 86_400_000

/** The calendar day of a moment here, as a number (days since 1970 in local time). */
const dayKey = (date: Date) =>
  Math.floor((date.getTime() - date.getTimezoneOffset() * 60_000) / DAY_MS)

export function formatMoment(value: { utc: string } | null | undefined): string {
  if (!value) return ''
  const date = new Date(value.utc)
  const at = date.getTime()
  if (Number.isNaN(at)) return ''
  if (glue === false) return dateTime.format(date)
  // Local time from one look-up of this zone's offset then (not one per field).
  const local = at - date.getTimezoneOffset() * 60_000
  const dayAt = Math.floor(local / DAY_MS)
  const minute = Math.floor((local - dayAt * DAY_MS) / 60_000)
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
  if (between === null || (glue !== null && between !== glue)) glue = false
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
  const key = dayKey(date)
  return localDays.get(key) ?? keep(localDays, key, localDay.format(date))
}
