import { z } from 'zod'

export const CLIENT_STATUSES = ['active', 'referred', 'ended'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]

/** Version of the client record's encrypted content; bound into its associated data. */
export const CLIENT_SCHEMA_VERSION = 1

export const clientSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter a name for the client.')
    .max(200, 'Keep the name under 200 characters.'),
  status: z.enum(CLIENT_STATUSES),
  notes: z.string().max(20_000, 'Notes are limited to 20,000 characters.'),
})
export type Client = z.infer<typeof clientSchema>

export function emptyClient(): Client {
  return { displayName: '', status: 'active', notes: '' }
}
