/** Dates and times in the user's locale: the one formatter lives in the domain (documents use it too). */
export { formatDay, formatMoment, formatMomentDay } from '../domain/format'
