import { z } from 'zod'

/** Shared field shapes and word helpers of the step definitions. */

export const text = (max = 20_000) =>
  z.string().max(max, `This is limited to ${max.toLocaleString('en')} characters.`)

export const nullableMinutes = z
  .number({ error: 'Enter a number of minutes.' })
  .int('Enter whole minutes.')
  .min(0, 'Minutes cannot be negative.')
  .max(24 * 60, 'That is more than a day.')
  .nullable()

export { optionsOf, wordOf, yesNo, type Words } from '../words'
