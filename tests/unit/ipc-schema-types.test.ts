/**
 * Type-level proof that every argument schema is tied to the shared contract: `npm run typecheck`
 * compiles this file, and each `@ts-expect-error` below fails the typecheck if the mismatched
 * schema under it were ever accepted. The runtime part checks the schemas both ways.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  argsOf,
  backupReadArgs,
  beginWriteArgs,
  clipboardCopyArgs,
  handleArgs,
  headMirrorWriteArgs,
  MAX_CHUNK_BYTES,
  printToPdfArgs,
  safeFileName,
  pruneArgs,
  saveFileArgs,
  writeChunkArgs,
  writeKeyArgs,
  type SameType,
} from '../../src/main/ipc/schemas'
import { AUTOMATIC_BACKUP_PATTERN, NEUTRAL_FILE_NAME_PATTERN } from '../../src/shared/file-names'
import type { MendBridge } from '../../src/shared/ipc'

const backupName = safeFileName(AUTOMATIC_BACKUP_PATTERN)

type SaveParams = Parameters<MendBridge['files']['save']>
type ToPdfParams = Parameters<MendBridge['print']['toPdf']>
type CopyParams = Parameters<MendBridge['clipboard']['copy']>

const kind = z.enum(['backup', 'pdf', 'json'])
const document = z.enum(['backup', 'prep-sheet', 'chart-copy', 'letter', 'audit-trail'])
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array)

// The matching schema compiles.
export const matching = argsOf<SaveParams>()(
  z.tuple([z.object({ kind, document, data: bytes }).strict()]),
)

const stale = z.tuple([
  z.object({ kind, document, data: bytes, suggestedName: z.string() }).strict(),
])
const missing = z.tuple([z.object({ kind, data: bytes }).strict()])
const wider = z.tuple([
  z.object({ document, pageSize: z.enum(['A4', 'Letter', 'Legal']) }).strict(),
])
const swappedOrder = z.tuple([z.number(), z.string()])
const narrow = z.tuple([z.object({ kind, document, data: z.instanceof(Uint8Array) }).strict()])
const transform = z.tuple([z.string().transform((text) => text.length), z.number()])

// @ts-expect-error A schema that still carries the removed suggestedName does not compile.
export const staleField = argsOf<SaveParams>()(stale)
// @ts-expect-error A schema that forgets a field of the contract does not compile.
export const missingField = argsOf<SaveParams>()(missing)
// @ts-expect-error A schema that accepts a wider enum than the contract does not compile.
export const widerEnum = argsOf<ToPdfParams>()(wider)
// @ts-expect-error A schema with the arguments in the wrong order does not compile.
export const swapped = argsOf<CopyParams>()(swappedOrder)
// @ts-expect-error A narrower byte type (Uint8Array<ArrayBuffer>) than the contract's does not compile.
export const narrowBytes = argsOf<SaveParams>()(narrow)
// @ts-expect-error A schema whose output differs from its input (a transform) does not compile.
export const transformed = argsOf<CopyParams>()(transform)

const yes: SameType<{ a: string }, { a: string }> = true
// @ts-expect-error Types assignable both ways but not the same (an optional extra field) do not pass.
const no: SameType<{ a: string; b?: number }, { a: string }> = true

type WithOptional = [request: { kind: 'pdf'; note?: string }]
const lacksOptional = z.tuple([z.object({ kind: z.literal('pdf') }).strict()])
// @ts-expect-error A schema that lacks a field the contract has as optional does not compile.
export const optionalDrift = argsOf<WithOptional>()(lacksOptional)

describe('argument schemas', () => {
  it('compiles only schemas that match the contract (see the type-level cases above)', () => {
    expect([yes, no]).toEqual([true, true])
    expect(
      matching.safeParse([{ kind: 'pdf', document: 'letter', data: new Uint8Array() }]).success,
    ).toBe(true)
  })

  it.each([
    [saveFileArgs, [{ kind: 'backup', document: 'backup', data: new Uint8Array(1) }], true],
    [saveFileArgs, [{ kind: 'backup', document: 'backup', data: 'text' }], false],
    [saveFileArgs, [{ kind: 'exe', document: 'backup', data: new Uint8Array(1) }], false],
    [saveFileArgs, [{ kind: 'pdf', document: 'jane-doe', data: new Uint8Array(1) }], false],
    [
      saveFileArgs,
      [{ kind: 'pdf', document: 'letter', data: new Uint8Array(1), suggestedName: 'x.pdf' }],
      false,
    ],
    [beginWriteArgs, [{ kind: 'backup', document: 'backup', destination: 'choose' }], true],
    [beginWriteArgs, [{ kind: 'backup', document: 'backup', destination: 'backup-folder' }], true],
    [beginWriteArgs, [{ kind: 'backup', document: 'backup', destination: '/tmp' }], false],
    [writeChunkArgs, ['0123456789abcdef0123456789abcdef', new Uint8Array(4)], true],
    [
      writeChunkArgs,
      ['0123456789abcdef0123456789abcdef', new Uint8Array(MAX_CHUNK_BYTES + 1)],
      false,
    ],
    [writeChunkArgs, ['../../etc/passwd', new Uint8Array(4)], false],
    [handleArgs, ['0123456789ABCDEF0123456789ABCDEF'], false],
    [handleArgs, ['0123456789abcdef'], false],
    [printToPdfArgs, [{ document: 'prep-sheet', pageSize: 'A4' }], true],
    [printToPdfArgs, [{ document: 'prep-sheet', pageSize: 'Legal' }], false],
    [printToPdfArgs, [{ document: 'prep-sheet', pageSize: 'A4', path: '/tmp/x.pdf' }], false],
    [clipboardCopyArgs, ['recovery key', 30], true],
    [clipboardCopyArgs, ['x'.repeat(20_000), 600], true],
    [clipboardCopyArgs, ['x'.repeat(20_001), 30], false],
    [clipboardCopyArgs, ['text', 9], false],
    [clipboardCopyArgs, ['text', 601], false],
    [clipboardCopyArgs, ['text', 30.5], false],
    [
      headMirrorWriteArgs,
      [{ vaultId: '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f', seq: 0, hash: 'a'.repeat(64) }],
      true,
    ],
    [headMirrorWriteArgs, [{ vaultId: 'vault-1', seq: 0, hash: 'a'.repeat(64) }], false],
    [
      headMirrorWriteArgs,
      [{ vaultId: '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f', seq: -1, hash: 'a'.repeat(64) }],
      false,
    ],
    [
      headMirrorWriteArgs,
      [{ vaultId: '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f', seq: 1.5, hash: 'a'.repeat(64) }],
      false,
    ],
    [
      headMirrorWriteArgs,
      [{ vaultId: '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f', seq: 1, hash: 'A'.repeat(64) }],
      false,
    ],
    [
      headMirrorWriteArgs,
      [{ vaultId: '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f', seq: 1, hash: 'a'.repeat(63) }],
      false,
    ],
    [backupReadArgs, ['mend-backup-2026-11-27-090507.age'], true],
    [backupReadArgs, ['backup-key.age'], false],
    [backupReadArgs, ['../../etc/passwd'], false],
    [backupReadArgs, ['C:\\x'], false],
    [backupReadArgs, ['/etc/passwd'], false],
    [writeKeyArgs, [new Uint8Array(10), false], true],
    [writeKeyArgs, [new Uint8Array(64 * 1024 + 1), false], false],
    [writeKeyArgs, [new Uint8Array(10), 'yes'], false],
    [pruneArgs, [{ keep: 5, remove: ['mend-backup-2026-11-27-090507.age'] }], true],
    [pruneArgs, [{ keep: 0, remove: [] }], false],
    [pruneArgs, [{ keep: 5, remove: ['../x'] }], false],
    // The shape before names were sent: a list of names to keep is not a list to remove.
    [pruneArgs, [{ keep: 5, protect: [] }], false],
  ] as const)('%#: %j -> %s', (schema, args, ok) => {
    expect((schema as z.ZodType).safeParse(args).success).toBe(ok)
  })

  it('safeFileName checks a name against the pattern it is given, and the hard refusals always', () => {
    const dialogName = safeFileName(NEUTRAL_FILE_NAME_PATTERN)
    expect(dialogName.safeParse('mend-letter-2026-01-02.pdf').success).toBe(true)
    expect(dialogName.safeParse('mend-backup-2026-01-02-101010.age').success).toBe(false)
    expect(backupName.safeParse('mend-backup-2026-01-02-101010.age').success).toBe(true)
    for (const name of ['../mend-letter-2026-01-02.pdf', 'CON', 'mend-letter-2026-01-02.pdf.'])
      expect(dialogName.safeParse(name).success).toBe(false)
  })
})
