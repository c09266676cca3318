/** Dates and times in the user's locale (Intl); stored values are UTC plus offset or YYYY-MM-DD. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

export function formatMoment(value: { utc: string } | null | undefined): string {
  if (!value) return ''
  const date = new Date(value.utc)
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date)
}

/** A calendar date (YYYY-MM-DD) shown as written, whatever the time zone. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return ''
  const date = new Date(`${value}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? '' : dateOnly.format(date)
}

const localDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

/** The calendar date of a moment, where this computer is (as `formatMoment` shows its time). */
export function formatMomentDay(value: { utc: string } | null | undefined): string {
  if (!value) return ''
  const date = new Date(value.utc)
  return Number.isNaN(date.getTime()) ? '' : localDay.format(date)
}
