import { z } from 'zod'
import type { DraftRow } from './db'
import type { RecordCodec } from './records'

/** An unsaved form: which form, what was typed, when. All of it sealed like any record. */
export const draftSchema = z.object({
  /** What the form is, in words for the "continue where you left off" offer (no client data). */
  label: z.string().max(200),
  /** The route the form lives at (random ids only). */
  route: z.string().max(500),
  values: z.unknown(),
  savedAt: z.string(),
})
export type Draft = z.infer<typeof draftSchema>

export const draftCodec: RecordCodec<Draft, DraftRow> = {
  table: 'drafts',
  schemaVersion: 1,
  schema: draftSchema,
  index: (draft) => ({ updatedAt: draft.savedAt }),
}
