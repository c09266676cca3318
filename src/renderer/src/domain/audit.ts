import { createSHA256, type IHasher } from 'hash-wasm'
import { z } from 'zod'
import { timestampSchema, type Timestamp } from './time'

export const AUDIT_ACTIONS = [
  'create',
  'edit',
  'sign',
  'addendum',
  'print',
  'export',
  'import',
  'restore',
  'unlock',
  'status',
  'lock',
  'unlock-failed',
  'upgrade',
  'integrity',
  'acknowledge',
  'void',
  'reopen',
  'backup',
  'restore-drill',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
  create: 'Created',
  edit: 'Edited',
  sign: 'Signed',
  addendum: 'Addendum added',
  print: 'Printed',
  export: 'Exported',
  import: 'Imported',
  restore: 'Restored',
  unlock: 'Unlocked',
  status: 'Status changed',
  lock: 'Locked',
  'unlock-failed': 'Failed unlock attempts',
  upgrade: 'Storage upgraded',
  integrity: 'Integrity check found a problem',
  acknowledge: 'Integrity warning acknowledged',
  void: 'Voided',
  reopen: 'Reopened',
  backup: 'Backed up',
  'restore-drill': 'Restore drill',
}

export const AUDIT_TARGETS = ['client', 'incident', 'vault'] as const
export const AUDIT_SCHEMA_VERSION = 2
export const GENESIS_HASH = '0'.repeat(64)

/** What an entry says happened. Ids only: names are looked up when the log is shown. */
export const auditEventSchema = z.object({
  action: z.enum(AUDIT_ACTIONS),
  target: z.enum(AUDIT_TARGETS),
  targetId: z.string().max(100),
  /** e.g. which step was edited, or the new status. No client data. */
  detail: z.string().max(200),
})
export type AuditEvent = z.infer<typeof auditEventSchema>

/** A SHA-256 digest in lowercase hex. */
export const hexHash = z.string().regex(/^[0-9a-f]{64}$/)

/**
 * A row an entry wrote, bound into the chain: its table, id and the hash of its sealed bytes
 * (null when the write removed it). Verify checks that every row is the latest write recorded.
 */
export const boundRowSchema = z.object({
  t: z.string().min(1).max(40),
  id: z.string().min(1).max(100),
  h: hexHash.nullable(),
})
export type BoundRow = z.infer<typeof boundRowSchema>

export const auditEntrySchema = auditEventSchema.extend({
  seq: z.number().int().min(1),
  at: timestampSchema,
  prevHash: hexHash,
  hash: hexHash,
  rows: z.array(boundRowSchema),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

/** Entries sealed as version 1 bound no rows. */
export function migrateAuditEntryV1(value: unknown): unknown {
  return value && typeof value === 'object' ? { rows: [], ...value } : value
}

/** The newest entry's number and hash, kept (sealed) beside the log so a cut-off tail is noticed. */
export const auditHeadSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
})
export type AuditHead = z.infer<typeof auditHeadSchema>
export const EMPTY_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH }

/**
 * The exact bytes an entry's hash covers: every field but the hash, in a fixed order. The bound
 * rows are appended only when there are any, so entries written before rows were bound keep
 * their hashes.
 */
function canonical(entry: Omit<AuditEntry, 'hash'>): string {
  const fields: unknown[] = [
    entry.seq,
    entry.at.utc,
    entry.at.offsetMinutes,
    entry.action,
    entry.target,
    entry.targetId,
    entry.detail,
    entry.prevHash,
  ]
  if (entry.rows.length > 0) fields.push(entry.rows.map((row) => [row.t, row.id, row.h]))
  return JSON.stringify(fields)
}

/** One SHA-256 (WebAssembly) reused for every entry: verifying thousands stays fast. */
let hasher: Promise<IHasher> | null = null

export async function hashEntry(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  const sha = await (hasher ??= createSHA256())
  sha.init()
  sha.update(canonical(entry))
  return sha.digest('hex')
}

/** The next entry after `head`, hash-chained to it, binding the rows it wrote. */
export async function nextEntry(
  head: AuditHead,
  event: AuditEvent,
  at: Timestamp,
  rows: BoundRow[] = [],
): Promise<AuditEntry> {
  const unhashed = { ...event, seq: head.seq + 1, at, prevHash: head.hash, rows }
  return { ...unhashed, hash: await hashEntry(unhashed) }
}

/** One stored entry as read back: its number (kept in clear) and its content if it opened. */
export type StoredEntry = { seq: number; entry: AuditEntry | null }

export type ChainVerdict =
  | { intact: true; count: number }
  | {
      intact: false
      /** The first entry number where the chain breaks. */
      seq: number
      reason: 'unreadable' | 'altered' | 'missing' | 'out-of-order' | 'truncated'
      message: string
    }

/**
 * Checks the chain: every entry opens, its hash matches its content, it points at the entry
 * before it, numbers run 1, 2, 3… without gaps, and the last one is the head. Points at the first
 * entry where any of that fails.
 */
export async function verifyChain(
  entries: StoredEntry[],
  head: AuditHead | null,
  /** Where `entries` start from: an entry already verified (the log's start by default). */
  from: AuditHead = { seq: 0, hash: GENESIS_HASH },
): Promise<ChainVerdict> {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq)
  let expectedSeq = from.seq + 1
  let prevHash = from.hash
  for (const { seq, entry } of sorted) {
    if (seq !== expectedSeq) {
      return seq > expectedSeq
        ? {
            intact: false,
            seq: expectedSeq,
            reason: 'missing',
            message: `Entry ${expectedSeq} is missing: it was removed from the log.`,
          }
        : {
            intact: false,
            seq,
            reason: 'out-of-order',
            message: `Entry ${seq} appears twice or out of order.`,
          }
    }
    if (!entry) {
      return {
        intact: false,
        seq,
        reason: 'unreadable',
        message: `Entry ${seq} cannot be opened: it was altered or damaged.`,
      }
    }
    if (
      entry.seq !== seq ||
      entry.prevHash !== prevHash ||
      (await hashEntry(entry)) !== entry.hash
    ) {
      return {
        intact: false,
        seq,
        reason: 'altered',
        message: `Entry ${seq} does not match the chain: it was altered, or an entry before it was.`,
      }
    }
    prevHash = entry.hash
    expectedSeq += 1
  }
  const last = expectedSeq - 1
  if (head && (head.seq !== last || head.hash !== prevHash)) {
    if (head.seq > last) {
      return {
        intact: false,
        seq: last + 1,
        reason: 'truncated',
        message: `Entries from ${last + 1} on are missing: the end of the log was removed.`,
      }
    }
    return {
      intact: false,
      seq: last,
      reason: 'altered',
      message: `Entry ${last} is not the last entry recorded: the log was altered.`,
    }
  }
  return { intact: true, count: last }
}
