import { z } from 'zod'
import { timestampSchema, type Timestamp } from '../time'

export const ADDENDUM_SCHEMA_VERSION = 1
export const addendumSchema = z.object({
  incidentId: z.string().min(1),
  createdAt: timestampSchema,
  text: z
    .string()
    .trim()
    .min(1, 'Write the addendum.')
    .max(20_000, 'An addendum is limited to 20,000 characters.'),
})
export type Addendum = z.infer<typeof addendumSchema>

/** Addenda read in the order they were written, oldest first, never merged into the record. */
export function orderAddenda<T extends { createdAt: Timestamp }>(addenda: T[]): T[] {
  return [...addenda].sort((a, b) => Date.parse(a.createdAt.utc) - Date.parse(b.createdAt.utc))
}

/** What the index keeps of an addendum: which record it belongs to, and when. */
export const addendumSummarySchema = z.object({
  incidentId: z.string().min(1),
  createdAt: timestampSchema,
})
export type AddendumSummary = z.infer<typeof addendumSummarySchema>

export function summarizeAddendum(addendum: Addendum): AddendumSummary {
  return { incidentId: addendum.incidentId, createdAt: addendum.createdAt }
}
