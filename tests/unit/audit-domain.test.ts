import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  auditEntrySchema,
  EMPTY_HEAD,
  GENESIS_HASH,
  hashEntry,
  nextEntry,
  verifyChain,
  type AuditEntry,
  type AuditEvent,
  type AuditHead,
  type StoredEntry,
} from '../../src/renderer/src/domain/audit'
import type { Timestamp } from '../../src/renderer/src/domain/time'

const at = (utc: string, offsetMinutes = 0): Timestamp => ({ utc, offsetMinutes })

// ---------------------------------------------------------------- audit chain

const EVENTS: AuditEvent[] = [
  { action: 'create', target: 'client', targetId: 'c1', detail: '' },
  { action: 'create', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'edit', target: 'incident', targetId: 'i1', detail: 'safety' },
  { action: 'status', target: 'incident', targetId: 'i1', detail: 'in-follow-up' },
  { action: 'sign', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'addendum', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'print', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'export', target: 'vault', targetId: '', detail: '' },
]

async function chain(length: number): Promise<{ entries: AuditEntry[]; head: AuditHead }> {
  const entries: AuditEntry[] = []
  let head = EMPTY_HEAD
  for (let i = 0; i < length; i++) {
    const event = EVENTS[i % EVENTS.length]!
    const time = at(new Date(Date.UTC(2026, 10, 27, 9, i)).toISOString(), 60)
    const entry = await nextEntry(head, event, time)
    entries.push(entry)
    head = { seq: entry.seq, hash: entry.hash }
  }
  return { entries, head }
}

const stored = (entries: AuditEntry[]): StoredEntry[] =>
  entries.map((entry) => ({ seq: entry.seq, entry }))

/** An independent reading of the documented canonical form, so a format change is noticed. */
const sha256 = (entry: Omit<AuditEntry, 'hash'>) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        entry.seq,
        entry.at.utc,
        entry.at.offsetMinutes,
        entry.action,
        entry.target,
        entry.targetId,
        entry.detail,
        entry.prevHash,
      ]),
    )
    .digest('hex')

const broken = (seq: number, reason: string) =>
  expect.objectContaining({ intact: false, seq, reason, message: expect.any(String) })

describe('audit entries', () => {
  it('the first entry follows the genesis hash', async () => {
    const time = at('2026-11-27T09:00:00.000Z', 60)
    const entry = await nextEntry(EMPTY_HEAD, EVENTS[0]!, time)
    expect(entry).toEqual({
      ...EVENTS[0],
      seq: 1,
      at: time,
      prevHash: GENESIS_HASH,
      hash: entry.hash,
      rows: [],
    })
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(entry.hash).not.toBe(GENESIS_HASH)
    expect(auditEntrySchema.safeParse(entry).success).toBe(true)
  })

  it('binds the rows it wrote: their hashes are covered, and an entry without rows hashes as before', async () => {
    const time = at('2026-11-27T09:00:00.000Z')
    const row = { t: 'incidents', id: 'i1', h: 'ab'.repeat(32) }
    const plain = await nextEntry(EMPTY_HEAD, EVENTS[2]!, time)
    const bound = await nextEntry(EMPTY_HEAD, EVENTS[2]!, time, [row])
    expect(bound.rows).toEqual([row])
    expect(bound.hash).not.toBe(plain.hash)
    // Entries written before rows were bound (no rows) keep the hash of the old canonical form.
    expect(plain.hash).toBe(sha256(plain))
    // Another hash for the same row, or the row said to be removed, is another entry.
    const other = await nextEntry(EMPTY_HEAD, EVENTS[2]!, time, [{ ...row, h: 'cd'.repeat(32) }])
    const removed = await nextEntry(EMPTY_HEAD, EVENTS[2]!, time, [{ ...row, h: null }])
    expect(new Set([bound.hash, other.hash, removed.hash]).size).toBe(3)
    // A bound row changed after the fact breaks the chain.
    const verdict = await verifyChain(
      [{ seq: 1, entry: { ...bound, rows: [{ ...row, h: 'cd'.repeat(32) }] } }],
      {
        seq: 1,
        hash: bound.hash,
      },
    )
    expect(verdict).toEqual(broken(1, 'altered'))
  })

  it('the next entry is numbered after the head and points at its hash', async () => {
    const head = { seq: 41, hash: 'ab'.repeat(32) }
    const entry = await nextEntry(head, EVENTS[2]!, at('2026-11-27T09:00:00.000Z'))
    expect(entry.seq).toBe(42)
    expect(entry.prevHash).toBe(head.hash)
  })

  it('hashes the canonical form: SHA-256 of the fields in a fixed order', async () => {
    const { entries } = await chain(3)
    for (const entry of entries) expect(entry.hash).toBe(sha256(entry))
  })

  it('gives the same hash for the same content', async () => {
    const time = at('2026-11-27T09:00:00.000Z')
    const a = await nextEntry(EMPTY_HEAD, EVENTS[1]!, time)
    const b = await nextEntry(EMPTY_HEAD, { ...EVENTS[1]! }, { ...time })
    expect(a.hash).toBe(b.hash)
  })

  it.each<[string, (entry: AuditEntry) => AuditEntry]>([
    ['seq', (e) => ({ ...e, seq: e.seq + 1 })],
    ['time', (e) => ({ ...e, at: { ...e.at, utc: '2030-01-01T00:00:00.000Z' } })],
    ['offset', (e) => ({ ...e, at: { ...e.at, offsetMinutes: e.at.offsetMinutes + 1 } })],
    ['action', (e) => ({ ...e, action: 'restore' })],
    ['target', (e) => ({ ...e, target: 'vault' })],
    ['target id', (e) => ({ ...e, targetId: 'i2' })],
    ['detail', (e) => ({ ...e, detail: 'fit' })],
    ['previous hash', (e) => ({ ...e, prevHash: 'f'.repeat(64) })],
  ])('the hash covers the %s', async (_field, change) => {
    const { entries } = await chain(3)
    const original = entries[2]!
    expect(await hashEntry(original)).toBe(original.hash)
    expect(await hashEntry(change(original))).not.toBe(original.hash)
  })
})

describe('verifying the audit chain', () => {
  it.each([1, 3, 10])('an intact chain of %i entries passes with its count', async (length) => {
    const { entries, head } = await chain(length)
    expect(await verifyChain(stored(entries), head)).toEqual({ intact: true, count: length })
    expect(await verifyChain(stored(entries), null)).toEqual({ intact: true, count: length })
  })

  it('an empty log with the empty head is intact with count 0', async () => {
    expect(await verifyChain([], EMPTY_HEAD)).toEqual({ intact: true, count: 0 })
    expect(await verifyChain([], null)).toEqual({ intact: true, count: 0 })
  })

  it('reads entries in number order whatever order they arrive in, without reordering them', async () => {
    const { entries, head } = await chain(5)
    const shuffled = stored([entries[3]!, entries[0]!, entries[4]!, entries[2]!, entries[1]!])
    const order = shuffled.map((s) => s.seq)
    expect(await verifyChain(shuffled, head)).toEqual({ intact: true, count: 5 })
    expect(shuffled.map((s) => s.seq)).toEqual(order)
  })

  it.each([1, 3, 5])('notices entry %i of 6 removed', async (removed) => {
    const { entries, head } = await chain(6)
    const kept = stored(entries).filter((s) => s.seq !== removed)
    const verdict = await verifyChain(kept, head)
    expect(verdict).toEqual(broken(removed, 'missing'))
    expect(verdict.intact || verdict.message).toBe(
      `Entry ${removed} is missing: it was removed from the log.`,
    )
  })

  it.each<[string, (entry: AuditEntry) => AuditEntry]>([
    ['detail', (e) => ({ ...e, detail: 'fit' })],
    ['action', (e) => ({ ...e, action: 'import' })],
    ['target', (e) => ({ ...e, target: 'client' })],
    ['target id', (e) => ({ ...e, targetId: 'someone-else' })],
    ['time', (e) => ({ ...e, at: { ...e.at, utc: '2026-11-27T08:00:00.000Z' } })],
    ['offset', (e) => ({ ...e, at: { ...e.at, offsetMinutes: 0 } })],
    ['hash', (e) => ({ ...e, hash: 'e'.repeat(64) })],
    ['previous hash', (e) => ({ ...e, prevHash: GENESIS_HASH })],
    ['number inside', (e) => ({ ...e, seq: 7 })],
  ])('notices an entry whose %s was altered (hash kept)', async (_field, change) => {
    const { entries, head } = await chain(5)
    const log = stored(entries)
    log[2] = { seq: 3, entry: change(entries[2]!) }
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(3, 'altered'))
  })

  it('notices an altered entry whose own hash was recomputed, at the entry after it', async () => {
    const { entries, head } = await chain(5)
    const forged = { ...entries[1]!, detail: 'forged' }
    forged.hash = await hashEntry(forged)
    const log = stored(entries)
    log[1] = { seq: 2, entry: forged }
    expect(await verifyChain(log, head)).toEqual(broken(3, 'altered'))
  })

  it('notices a rewritten tail through the head even when every hash was recomputed', async () => {
    const { entries, head } = await chain(4)
    const rewritten = entries.slice(0, 2)
    let forgedHead: AuditHead = { seq: 2, hash: entries[1]!.hash }
    for (const event of [EVENTS[6]!, EVENTS[7]!]) {
      const entry = await nextEntry(forgedHead, event, at('2026-11-27T12:00:00.000Z'))
      rewritten.push(entry)
      forgedHead = { seq: entry.seq, hash: entry.hash }
    }
    expect(await verifyChain(stored(rewritten), null)).toEqual({ intact: true, count: 4 })
    expect(await verifyChain(stored(rewritten), head)).toEqual(broken(4, 'altered'))
  })

  it('notices two entries swapped under their numbers', async () => {
    const { entries, head } = await chain(4)
    const log: StoredEntry[] = [
      { seq: 1, entry: entries[0]! },
      { seq: 2, entry: entries[2]! },
      { seq: 3, entry: entries[1]! },
      { seq: 4, entry: entries[3]! },
    ]
    expect(await verifyChain(log, head)).toEqual(broken(2, 'altered'))
  })

  it.each([1, 2, 4])('notices entry %i of 4 that cannot be opened', async (seq) => {
    const { entries, head } = await chain(4)
    const log = stored(entries).map((s) => (s.seq === seq ? { seq, entry: null } : s))
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(seq, 'unreadable'))
    expect(verdict.intact || verdict.message).toBe(
      `Entry ${seq} cannot be opened: it was altered or damaged.`,
    )
  })

  it.each([
    [5, 3, 4],
    [5, 4, 5],
    [3, 0, 1],
  ])('notices a log of %i cut to %i entries against the head', async (length, keep, from) => {
    const { entries, head } = await chain(length)
    const log = stored(entries.slice(0, keep))
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(from, 'truncated'))
    expect(verdict.intact || verdict.message).toBe(
      `Entries from ${from} on are missing: the end of the log was removed.`,
    )
    // Without the head, a clean cut cannot be seen: that is what the head is for.
    expect(await verifyChain(log, null)).toEqual({ intact: true, count: keep })
  })

  it('notices a head whose hash does not match the last entry', async () => {
    const { entries, head } = await chain(4)
    const verdict = await verifyChain(stored(entries), { seq: head.seq, hash: 'c'.repeat(64) })
    expect(verdict).toEqual(broken(4, 'altered'))
    expect(verdict.intact || verdict.message).toBe(
      'Entry 4 is not the last entry recorded: the log was altered.',
    )
  })

  it('notices a head that is behind the log', async () => {
    const { entries } = await chain(4)
    const staleHead = { seq: 2, hash: entries[1]!.hash }
    expect(await verifyChain(stored(entries), staleHead)).toEqual(broken(4, 'altered'))
  })

  it('notices an empty log whose head is not the empty head', async () => {
    expect(await verifyChain([], { seq: 0, hash: 'c'.repeat(64) })).toMatchObject({
      intact: false,
      reason: 'altered',
    })
  })

  it('notices a duplicated entry number', async () => {
    const { entries, head } = await chain(4)
    const log = [...stored(entries), { seq: 2, entry: entries[1]! }]
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(2, 'out-of-order'))
    expect(verdict.intact || verdict.message).toBe('Entry 2 appears twice or out of order.')
  })

  it('notices a number below 1', async () => {
    const { entries, head } = await chain(2)
    const log = [{ seq: 0, entry: entries[0]! }, ...stored(entries)]
    expect(await verifyChain(log, head)).toEqual(broken(0, 'out-of-order'))
  })

  it('points at the first break when there are several', async () => {
    const { entries, head } = await chain(6)
    const log = stored(entries)
      .filter((s) => s.seq !== 4)
      .map((s) => (s.seq === 2 ? { seq: 2, entry: { ...s.entry!, detail: 'x' } } : s))
    expect(await verifyChain(log, head)).toEqual(broken(2, 'altered'))
  })
})
