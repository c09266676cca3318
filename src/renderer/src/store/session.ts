import Dexie, { type Table } from 'dexie'
import { sameOptionalBytes } from '../crypto/bytes'
import { VaultError } from '../crypto/errors'
import { sealedHasher } from '../crypto/hash'
import {
  EMPTY_HEAD,
  nextEntry,
  type AuditEntry,
  type AuditEvent,
  type AuditHead,
  type BoundRow,
} from '../domain/audit'
import { summarizeClient, type Client } from '../domain/client'
import { newId } from '../domain/ids'
import {
  summarizeAddendum,
  summarizeIncident,
  type Addendum,
  type Incident,
} from '../domain/incident'
import type { PracticeSettings } from '../domain/practice'
import type { VaultSettings } from '../domain/settings'
import { stamp } from '../domain/time'
import {
  addendumCodec,
  auditCodec,
  auditHeadCodec,
  clientCodec,
  draftCodec,
  incidentCodec,
  INDEXED_TABLES,
  practiceSettingsCodec,
  segmentCodec,
  vaultSettingsCodec,
  type Draft,
  type IndexedTable,
  type Segment,
} from './codecs'
import type {
  AddendumRow,
  AuditRow,
  ClientRow,
  DraftRow,
  IncidentRow,
  MendDatabase,
  SealedRow,
  SealedSingletonRow,
  SegmentRow,
} from './db'
import { SEALED } from './keys'
import { dropPacks } from './packs'
import { RecordStore } from './records'
import { VaultIndex, type IndexUpdate, type PreparedIndexWrite } from './vault-index'

/** One change in a multi-record write. */
export type Change =
  | {
      kind: 'put'
      store: RecordStore<unknown, SealedRow>
      id: string
      value: unknown
      /** The value is known to be what the store's schema returns (see `putChecked`). */
      checked?: true
    }
  | { kind: 'delete'; store: RecordStore<unknown, SealedRow>; id: string }

/** Helpers that keep each change typed to its store. */
export const put = <T, R extends SealedRow>(
  store: RecordStore<T, R>,
  id: string,
  value: T,
): Extract<Change, { kind: 'put' }> => ({
  kind: 'put',
  store: store as unknown as RecordStore<unknown, SealedRow>,
  id,
  value,
})
/**
 * A put of a value that is already what the store's schema returns (validated a moment ago, as a
 * backup's records are when the file is read): it is sealed without being validated again.
 */
export const putChecked = <T, R extends SealedRow>(
  store: RecordStore<T, R>,
  id: string,
  value: T,
): Change => ({ ...put(store, id, value), checked: true })
export const remove = <T, R extends SealedRow>(store: RecordStore<T, R>, id: string): Change => ({
  kind: 'delete',
  store: store as unknown as RecordStore<unknown, SealedRow>,
  id,
})

/** "This row must still be exactly what I read" (compared by its IV, unique per write). */
export interface Precondition {
  store: RecordStore<unknown, SealedRow>
  id: string
  iv: Uint8Array | null
}
export const unchanged = <T, R extends SealedRow>(
  store: RecordStore<T, R>,
  id: string,
  row: R | undefined,
): Precondition => ({
  store: store as unknown as RecordStore<unknown, SealedRow>,
  id,
  iv: row ? row.enc.iv : null,
})

/** Another write got there first; the caller re-reads and tries again. */
export class ConflictError extends Error {
  constructor() {
    super('The record changed while it was being saved. Please try again.')
    this.name = 'ConflictError'
  }
}

/**
 * A copy of the audit log's head kept outside IndexedDB (a file of the desktop app, the web
 * preview's local storage): an older copy of the whole database put back, log and head
 * together, no longer matches it.
 */
export type MirrorWrite = { after: AuditHead } | { reset: true }

export interface HeadMirror {
  read(vaultId: string): Promise<AuditHead | null>
  /**
   * Keeps `head` as the copy: `after` the head it follows (kept only if that is the copy), or
   * `reset` whatever the copy holds (the therapist acknowledged the vault as it is, or a check
   * verified the trail holds the copy's entry). So a vault put back to an older copy can
   * neither move the copy back nor carry it onto its own new entries.
   */
  write(vaultId: string, head: AuditHead, how: MirrorWrite): Promise<void>
}

/** For tests and tools that keep no copy of the head. */
export const NO_MIRROR: HeadMirror = {
  read: () => Promise.resolve(null),
  write: () => Promise.resolve(),
}

/** Tables whose rows are bound into the audit trail: every write names the row and its hash. */
export const BOUND_TABLES = new Set(['clients', 'incidents', 'addenda', 'sealed'])

const SUMMARIZE: { [T in IndexedTable]: (value: never) => unknown } = {
  clients: summarizeClient,
  incidents: summarizeIncident,
  addenda: summarizeAddendum,
}

const isIndexed = (table: string): table is IndexedTable =>
  (INDEXED_TABLES as readonly string[]).includes(table)

/** Whether a row of this table (and id) is bound into the audit trail. */
export function isBound(table: string, id: string): boolean {
  return (
    BOUND_TABLES.has(table) &&
    !(table === 'sealed' && (id === SEALED.auditHead || id === SEALED.integrityCheckpoint))
  )
}

/** Rows sealed per step of a large write (see `commit`). */
const SEAL_STEP = 1000

/** A change with its sealed row (null for a delete) and the hash the audit entry binds. */
interface SealedChange {
  change: Change
  row: SealedRow | null
  valid: unknown
  hash: string | null
}

/** What a write adds once its rows are sealed: the index segments it re-seals and its entry. */
interface Finished {
  indexWrite: PreparedIndexWrite | null
  auditRows: { entry: AuditRow; head: SealedSingletonRow; value: AuditHead } | null
}

/**
 * Consecutive changes of one kind to one table go in one bulk call: the same rows in the same
 * order, without a round trip per row. Returns the calls' promises (inside a transaction).
 */
function writeRuns(sealed: SealedChange[]): Promise<unknown>[] {
  const writes: Promise<unknown>[] = []
  for (let i = 0; i < sealed.length;) {
    const { change } = sealed[i]!
    let end = i + 1
    while (
      end < sealed.length &&
      sealed[end]!.change.kind === change.kind &&
      sealed[end]!.change.store.table === change.store.table
    )
      end++
    const run = sealed.slice(i, end)
    writes.push(
      change.kind === 'put'
        ? change.store.table.bulkPut(run.map(({ row }) => row!))
        : change.store.table.bulkDelete(run.map((item) => item.change.id)),
    )
    i = end
  }
  return writes
}

/**
 * An unlocked vault: the database, the data key (in memory only) and the sealed index opened in
 * memory. `close()` drops the key and the index; anything that still holds the session can no
 * longer read or write.
 */
export class VaultSession {
  readonly clients: RecordStore<Client, ClientRow>
  readonly drafts: RecordStore<Draft, DraftRow>
  readonly incidents: RecordStore<Incident, IncidentRow>
  readonly addenda: RecordStore<Addendum, AddendumRow>
  readonly audit: RecordStore<AuditEntry, AuditRow>
  readonly sealed: RecordStore<AuditHead, SealedSingletonRow>
  readonly practiceSettings: RecordStore<PracticeSettings, SealedSingletonRow>
  readonly vaultSettings: RecordStore<VaultSettings, SealedSingletonRow>
  readonly segments: RecordStore<Segment, SegmentRow>
  readonly index: VaultIndex
  private key: CryptoKey | null
  private readonly flushers = new Set<() => Promise<void>>()
  private readonly cleanups = new Set<() => void>()

  constructor(
    readonly db: MendDatabase,
    key: CryptoKey,
    readonly vaultId: string,
    readonly mirror: HeadMirror = NO_MIRROR,
  ) {
    this.key = key
    this.clients = new RecordStore(db.clients, clientCodec)
    this.drafts = new RecordStore(db.drafts, draftCodec)
    this.incidents = new RecordStore(db.incidents, incidentCodec)
    this.addenda = new RecordStore(db.addenda, addendumCodec)
    this.audit = new RecordStore(db.audit, auditCodec)
    this.sealed = new RecordStore(db.sealed, auditHeadCodec)
    this.practiceSettings = new RecordStore(db.sealed, practiceSettingsCodec)
    this.vaultSettings = new RecordStore(db.sealed, vaultSettingsCodec)
    this.segments = new RecordStore(db.segments, segmentCodec)
    this.index = new VaultIndex(db, this.segments)
  }

  get isOpen(): boolean {
    return this.key !== null
  }

  /** The data key; throws once the session is closed. */
  get dataKey(): CryptoKey {
    if (!this.key) throw new VaultError('no-vault')
    return this.key
  }

  /** Forms register a function that saves their draft; locking runs them all first. */
  registerFlusher(flush: () => Promise<void>): () => void {
    this.flushers.add(flush)
    return () => this.flushers.delete(flush)
  }

  private checkOfUnlock: Promise<void> = Promise.resolve()

  /**
   * The integrity check of this unlock is running: work that can wait (the search index's
   * reading of every row, when it must be built from them) starts once it has ended, so as not
   * to slow it down.
   */
  checking(check: Promise<unknown>): void {
    this.checkOfUnlock = check.then(
      () => undefined,
      () => undefined,
    )
  }

  /** Settles when the integrity check of this unlock has ended (at once if none runs). */
  get checked(): Promise<void> {
    return this.checkOfUnlock
  }

  /** Runs `cleanup` when the session closes (watchers, timers). */
  onClose(cleanup: () => void): void {
    this.cleanups.add(cleanup)
  }

  /** Saves every pending draft, waiting at most `timeoutMs`. */
  async flushAll(timeoutMs = 2000): Promise<void> {
    const all = Promise.allSettled([...this.flushers].map((flush) => flush()))
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))])
  }

  /** The audit head as stored, opened (EMPTY_HEAD for a vault with no log yet). */
  async readHead(): Promise<{ head: AuditHead; iv: Uint8Array | null }> {
    const headRow = await this.db.sealed.get(SEALED.auditHead)
    if (!headRow) return { head: EMPTY_HEAD, iv: null }
    const opened = await this.sealed.open(this.dataKey, headRow)
    if (!opened.ok) throw opened.error
    return { head: opened.value, iv: headRow.enc.iv }
  }

  /**
   * Applies several changes, and the audit entry that records them, as one: every value is
   * validated first (a bad value throws before anything is sealed or written), then sealed; the
   * index segments they touch are re-sealed, and all rows, the segments, the entry and the log's
   * new head land in a single transaction. The entry binds every row it wrote (table, id, hash of
   * the sealed bytes). Preconditions, segments and the log head are re-checked inside the
   * transaction; if another write got there first, nothing is written (ConflictError).
   *
   * A large write (a restore: tens of thousands of rows) is sealed a step at a time inside the
   * transaction, each step while the rows before it are being written, and its index and entry
   * are made once the last row is sealed: IndexedDB writes and WebCrypto work side by side. The
   * transaction is kept open meanwhile (Dexie.waitFor); it still lands whole or not at all.
   */
  async commit(input: {
    changes: Change[]
    audit?: AuditEvent
    preconditions?: Precondition[]
    /** Rows bound into the entry as they are, without being written (an acknowledgement). */
    rebind?: BoundRow[]
  }): Promise<void> {
    const key = this.dataKey
    const { changes, audit, preconditions = [], rebind = [] } = input
    const hash = await sealedHasher()
    // Every value is validated once (a bad one throws here, before anything is sealed); the
    // valid value is both sealed and summarised for the index.
    const valid = changes.map((change) =>
      change.kind === 'put'
        ? change.checked
          ? change.value
          : change.store.check(change.value)
        : null,
    )
    // One step of rows: the encryptions are all started before the first is awaited, so
    // WebCrypto works through them side by side.
    const seal = async (from: number): Promise<SealedChange[]> => {
      const step = changes.slice(from, from + SEAL_STEP)
      const rows = await Promise.all(
        step.map((change, i) =>
          change.kind === 'put' ? change.store.sealValid(key, change.id, valid[from + i]) : null,
        ),
      )
      return step.map((change, i) => {
        const row = rows[i] ?? null
        return { change, row, valid: valid[from + i], hash: row ? hash(row.enc) : null }
      })
    }
    const bound = (sealed: SealedChange[]): BoundRow[] => [
      ...sealed
        .filter(({ change }) => isBound(change.store.codec.table, change.id))
        .map(({ change, hash: h }) => ({ t: change.store.codec.table, id: change.id, h })),
      ...rebind,
    ]
    if (!audit && (rebind.length > 0 || changes.some((c) => isBound(c.store.codec.table, c.id))))
      throw new Error('A write to a bound table needs an audit entry.')
    const { head: current, iv: headIv } = audit
      ? await this.readHead()
      : { head: EMPTY_HEAD, iv: null }
    // The index segments and the audit entry, once every row is sealed (no database access).
    const finish = async (sealed: SealedChange[]): Promise<Finished> => {
      const updates: IndexUpdate[] = sealed.flatMap(({ change, valid: value, hash: h }) => {
        const table = change.store.codec.table
        if (!isIndexed(table)) return []
        const summary = change.kind === 'put' ? SUMMARIZE[table](value as never) : null
        return [{ table, id: change.id, entry: h && summary ? { h, s: summary } : null }]
      })
      const indexWrite = updates.length > 0 ? await this.index.prepare(key, updates) : null
      if (!audit) return { indexWrite, auditRows: null }
      const entry = await nextEntry(current, audit, stamp(), bound(sealed))
      const value = { seq: entry.seq, hash: entry.hash }
      return {
        indexWrite,
        auditRows: {
          entry: await sealAuditEntry(this, entry),
          head: await this.sealed.seal(key, SEALED.auditHead, value),
          value,
        },
      }
    }

    // A write of one step is sealed and made whole before its transaction opens.
    let next: Promise<SealedChange[]> | null = seal(0)
    let ready: { sealed: SealedChange[]; finished: Finished } | null = null
    if (changes.length <= SEAL_STEP) {
      const sealed = await next
      ready = { sealed, finished: await finish(sealed) }
    }
    const tables = new Set<Table>([
      ...changes.map((c) => c.store.table),
      ...preconditions.map((p) => p.store.table),
    ])
    if (audit) {
      tables.add(this.db.audit)
      tables.add(this.db.sealed)
    }
    if (changes.some((c) => isIndexed(c.store.codec.table))) tables.add(this.db.segments)
    // A deleted record's words leave its table's read packs in the same write (see packs.ts).
    const packsDropped = new Set(
      changes.flatMap((c) =>
        c.kind === 'delete' && isIndexed(c.store.codec.table) ? [c.store.codec.table] : [],
      ),
    )
    if (packsDropped.size > 0) tables.add(this.db.derived)
    let staleSegments: string[] = []
    let finished: Finished
    try {
      finished = await this.db.transaction('rw', [...tables], async () => {
        for (const condition of preconditions) {
          const row = await condition.store.table.get(condition.id)
          if (!sameOptionalBytes(row?.enc?.iv ?? null, condition.iv)) throw new ConflictError()
        }
        if (audit) {
          const headRow = await this.db.sealed.get(SEALED.auditHead)
          if (!sameOptionalBytes(headRow?.enc.iv ?? null, headIv)) throw new ConflictError()
        }
        // Each step's rows are handed to IndexedDB as soon as they are sealed, and the next
        // step is sealed while they are written. Writes are handed over without waiting for
        // each; the first that fails ends the work.
        const writes: Promise<unknown>[] = []
        const failure: { error?: unknown } = {}
        const issue = (write: Promise<unknown>) => {
          writes.push(write)
          write.catch((error: unknown) => {
            if (!('error' in failure)) failure.error = error
          })
        }
        const stopIfFailed = () => {
          if ('error' in failure) throw failure.error
        }
        const all: SealedChange[] = []
        for (let from = 0; next; from += SEAL_STEP) {
          const sealed = ready ? ready.sealed : await Dexie.waitFor(next)
          stopIfFailed()
          next = from + SEAL_STEP < changes.length ? seal(from + SEAL_STEP) : null
          writeRuns(sealed).forEach(issue)
          all.push(...sealed)
        }
        const made = ready ? ready.finished : await Dexie.waitFor(finish(all))
        stopIfFailed()
        const { indexWrite, auditRows } = made
        if (indexWrite) {
          const stored = await this.db.segments.bulkGet(indexWrite.expected.map((e) => e.id))
          staleSegments = indexWrite.expected
            .filter((expected, i) => !sameOptionalBytes(stored[i]?.enc.iv ?? null, expected.iv))
            .map((expected) => expected.id)
          if (staleSegments.length > 0) throw new ConflictError()
          issue(this.db.segments.bulkPut(indexWrite.rows))
        }
        for (const table of packsDropped) issue(dropPacks(this.db, table))
        if (auditRows) {
          issue(this.db.audit.add(auditRows.entry))
          issue(this.db.sealed.put(auditRows.head))
        }
        await Promise.all(writes)
        return made
      })
    } catch (error) {
      // Another window changed a segment we were about to replace: take in its version first.
      if (staleSegments.length > 0) await this.index.refresh(key, staleSegments)
      throw error
    } finally {
      // Steps still being sealed when the transaction failed are let go of quietly.
      next?.catch(() => {})
    }
    const { indexWrite, auditRows } = finished
    indexWrite?.apply()
    if (auditRows)
      await this.mirror.write(this.vaultId, auditRows.value, { after: current }).catch(() => {})
  }

  /** Records an event in the audit log on its own (unlock, print, export…). */
  async record(event: AuditEvent): Promise<void> {
    await withRetry(() => this.commit({ changes: [], audit: event }))
  }

  close(): void {
    this.key = null
    this.flushers.clear()
    for (const cleanup of this.cleanups) cleanup()
    this.cleanups.clear()
    this.index.close()
  }
}

/** An audit entry's row: sealed, with its position in the chain in clear (the log's order). */
export async function sealAuditEntry(session: VaultSession, entry: AuditEntry): Promise<AuditRow> {
  return { ...(await session.audit.seal(session.dataKey, newId(), entry)), seq: entry.seq }
}

/**
 * Runs an operation again (re-reading what it needs) when another write got there first, after a
 * short, growing, jittered pause so that competing writers spread out.
 */
export async function withRetry<T>(operation: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await operation()
    } catch (error) {
      if (!(error instanceof ConflictError) || i >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * i))
    }
  }
}
