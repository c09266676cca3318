import { z } from 'zod'

/** 512 MiB: far above any real backup, low enough to refuse nonsense before it reaches memory twice. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024

const fileKind = z.enum(['backup', 'pdf', 'json'])

// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_FILE_NAME = /[\u0000-\u001f\u007f/\\:*?"<>|]/

/** A file name only: no directories, no control characters, nothing hidden, sane length. */
export const safeFileName = z
  .string()
  .min(1)
  .max(120)
  .refine((name) => !FORBIDDEN_IN_FILE_NAME.test(name), 'file name has forbidden characters')
  .refine(
    (name) => !name.startsWith('.') && name.trim() === name,
    'file name must not be hidden or padded',
  )

export const saveFileArgs = z.tuple([
  z
    .object({
      kind: fileKind,
      suggestedName: safeFileName,
      data: z
        .instanceof(Uint8Array)
        .refine((data) => data.byteLength <= MAX_FILE_BYTES, 'file too large'),
    })
    .strict(),
])

export const openFileArgs = z.tuple([z.object({ kind: fileKind }).strict()])
export const noArgs = z.tuple([])
export const printToPdfArgs = z.tuple([z.object({ suggestedName: safeFileName }).strict()])
export const openExternalArgs = z.tuple([z.string().max(2048)])
export const setContentProtectionArgs = z.tuple([z.boolean()])

export const FILE_FILTERS: Record<
  z.infer<typeof fileKind>,
  { name: string; extensions: string[] }[]
> = {
  backup: [{ name: 'Mend encrypted backup', extensions: ['mendbackup'] }],
  pdf: [{ name: 'PDF document', extensions: ['pdf'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
}
