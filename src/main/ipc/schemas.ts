import { z } from 'zod'
import { FILE_KINDS, FILE_KIND_NAMES, type FileKind } from '../../shared/file-kinds'
import { AUTOMATIC_BACKUP_PATTERN, DOCUMENT_KINDS, fileNameProblem } from '../../shared/file-names'
import {
  CLIPBOARD_CLEAR_SECONDS,
  MAX_CHUNK_BYTES,
  MAX_CLIPBOARD_CHARS,
  MAX_FILE_BYTES,
  type CloseReplyState,
  type MendBridge,
} from '../../shared/ipc'

export { MAX_CHUNK_BYTES, MAX_FILE_BYTES }

/**
 * True when A and B are the same type. Stricter than mutual assignability, which a field that is
 * optional on one side only would still pass (`{ a: string }` and `{ a: string; b?: number }`
 * are assignable both ways).
 */
export type SameType<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/**
 * Ties an argument schema to the bridge method it validates: `argsOf<Parameters<M>>()(schema)`
 * compiles only when what the schema accepts (z.input) and what it produces (z.output) are both
 * the method's parameter types (so they are mutually assignable, and more). A schema that drifts
 * from the shared contract is a type error, not a runtime surprise.
 */
export function argsOf<Args extends unknown[]>() {
  return <S extends z.ZodType<unknown[]>>(
    schema: S &
      (SameType<z.input<S>, Args> extends true
        ? SameType<z.output<S>, Args> extends true
          ? unknown
          : { 'schema output does not match the bridge method': [z.output<S>, Args] }
        : { 'schema input does not match the bridge method': [z.input<S>, Args] }),
  ): S => schema
}

type Bridge = MendBridge
type Params<F> = F extends (...args: infer A) => unknown ? A : never

export const fileKind = z.enum(FILE_KIND_NAMES)
export const documentKind = z.enum(DOCUMENT_KINDS)

/** Bytes as the contract types them (any Uint8Array, whatever its buffer), at most `max`. */
const bytes = (max: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, 'not bytes')
    .refine((data) => data.byteLength <= max, 'too large')

/**
 * A file name main reads back from the renderer. Refuses path separators, `..`, control and
 * bidirectional-control characters, Windows device names, trailing dots or spaces, and anything
 * not matching `pattern`, one of the app's own naming patterns (see fileNameProblem).
 */
export const safeFileName = (pattern: RegExp) =>
  z
    .string()
    .max(255)
    .refine((name) => fileNameProblem(name, pattern) === null, 'not a name Mend gives')

/** A backup in the backup folder: the only names the renderer ever sends back. */
export const backupFileName = safeFileName(AUTOMATIC_BACKUP_PATTERN)

/** A write handle: the random id main issued (see WriteSessions). */
export const writeHandle = z.string().regex(/^[0-9a-f]{32}$/)

export const noArgs = z.tuple([])

export const saveFileArgs = argsOf<Params<Bridge['files']['save']>>()(
  z.tuple([
    z.object({ kind: fileKind, document: documentKind, data: bytes(MAX_FILE_BYTES) }).strict(),
  ]),
)
export const openFileArgs = argsOf<Params<Bridge['files']['open']>>()(
  z.tuple([z.object({ kind: fileKind }).strict()]),
)
export const beginWriteArgs = argsOf<Params<Bridge['files']['beginWrite']>>()(
  z.tuple([
    z
      .object({
        kind: fileKind,
        document: documentKind,
        destination: z.enum(['choose', 'backup-folder']),
      })
      .strict(),
  ]),
)
export const writeChunkArgs = argsOf<Params<Bridge['files']['writeChunk']>>()(
  z.tuple([writeHandle, bytes(MAX_CHUNK_BYTES)]),
)
export const handleArgs = argsOf<Params<Bridge['files']['commit']>>()(z.tuple([writeHandle]))

export const printToPdfArgs = argsOf<Params<Bridge['print']['toPdf']>>()(
  z.tuple([z.object({ document: documentKind, pageSize: z.enum(['A4', 'Letter']) }).strict()]),
)

export const clipboardCopyArgs = argsOf<Params<Bridge['clipboard']['copy']>>()(
  z.tuple([
    z.string().max(MAX_CLIPBOARD_CHARS),
    z.number().int().min(CLIPBOARD_CLEAR_SECONDS.min).max(CLIPBOARD_CLEAR_SECONDS.max),
  ]),
)

export const vaultId = z.uuid()
export const auditHash = z.string().regex(/^[0-9a-f]{64}$/)
export const auditSeq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const headMirrorReadArgs = argsOf<Params<Bridge['vault']['headMirror']['read']>>()(
  z.tuple([vaultId]),
)
export const headMirrorWriteArgs = argsOf<Params<Bridge['vault']['headMirror']['write']>>()(
  z.tuple([
    z
      .object({
        vaultId,
        seq: auditSeq,
        hash: auditHash,
        after: z.object({ seq: auditSeq, hash: auditHash }).strict().optional(),
        reset: z.literal(true).optional(),
      })
      .strict(),
  ]),
)

export const backupReadArgs = argsOf<Params<Bridge['backupFolder']['read']>>()(
  z.tuple([backupFileName]),
)
/** backup-key.age holds a wrapped key: a few hundred bytes; 64 KiB is generous. */
export const MAX_KEY_FILE_BYTES = 64 * 1024
export const writeKeyArgs = argsOf<Params<Bridge['backupFolder']['writeKey']>>()(
  z.tuple([bytes(MAX_KEY_FILE_BYTES), z.boolean()]),
)
export const pruneArgs = argsOf<Params<Bridge['backupFolder']['prune']>>()(
  z.tuple([
    z
      .object({
        keep: z.number().int().min(1).max(10_000),
        remove: z.array(backupFileName).max(10_000),
      })
      .strict(),
  ]),
)

export const openExternalArgs = argsOf<Params<Bridge['app']['openExternal']>>()(
  z.tuple([z.string().max(2048)]),
)
export const setContentProtectionArgs = argsOf<Params<Bridge['app']['setContentProtection']>>()(
  z.tuple([z.boolean()]),
)

/** The preload's answer to Channels.app.closing: not a bridge method (the page never sees it). */
export const closeReplyArgs = z.tuple([
  z.string().regex(/^[0-9a-f]{32}$/),
  z.enum(['working', 'done'] as const satisfies readonly CloseReplyState[]),
])

/** The dialog filter for each kind, from the shared table. */
export const FILE_FILTERS = Object.fromEntries(
  FILE_KIND_NAMES.map((kind) => [
    kind,
    [{ name: FILE_KINDS[kind].label, extensions: [FILE_KINDS[kind].extension] }],
  ]),
) as Record<FileKind, { name: string; extensions: string[] }[]>
