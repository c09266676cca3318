import type { Table } from 'dexie'
import { bytesEqual } from '../crypto/bytes'
import { VaultError } from '../crypto/errors'
import {
  EMPTY_HEAD,
  nextEntry,
  type AuditEntry,
  type AuditEvent,
  type AuditHead,
} from '../domain/audit'
import type { Client } from '../domain/client'
import type { PracticeSettings } from '../domain/practice'
import type { VaultSettings } from '../domain/settings'
import { newId } from '../domain/ids'
import type { Addendum, Incident } from '../domain/incident'
import { stamp } from '../domain/time'
import {
  addendumCodec,
  auditCodec,
  auditHeadCodec,
  clientCodec,
  draftCodec,
  incidentCodec,
  practiceSettingsCodec,
  vaultSettingsCodec,
  type Draft,
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
} from './db'
import { SEALED, type MetaId } from './keys'
import { RecordStore } from './records'

/** One change in a multi-record write. */
export type Change =
  | { kind: 'put'; store: RecordStore<unknown, SealedRow>; id: string; value: unknown }
  | { kind: 'delete'; store: RecordStore<unknown, SealedRow>; id: string }

/** Helpers that keep each change typed to its store. */
export const put = <T, R extends SealedRow>(
  store: RecordStore<T, R>,
  id: string,
  value: T,
): Change => ({
  kind: 'put',
  store: store as unknown as RecordStore<unknown, SealedRow>,
  id,
  value,
})
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

function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): boolean {
  return a && b ? bytesEqual(a, b) : !a && !b
}

/**
 * An unlocked vault: the database and the data key, held in memory only. `close()` drops the
 * key; anything that still holds the session can no longer read or write.
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
  private key: CryptoKey | null
  private readonly flushers = new Set<() => Promise<void>>()

  constructor(
    readonly db: MendDatabase,
    key: CryptoKey,
    readonly vaultId: string,
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

  /** Saves every pending draft, waiting at most `timeoutMs`. */
  async flushAll(timeoutMs = 2000): Promise<void> {
    const all = Promise.allSettled([...this.flushers].map((flush) => flush()))
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))])
  }

  /** Applies several changes as one (no audit entry). */
  async writeAll(changes: Change[]): Promise<void> {
    await this.commit({ changes })
  }

  /**
   * Applies several changes, and the audit entry that records them, as one: every value is
   * validated and sealed first (a bad value throws before anything is written), then all rows,
   * the entry and the log's new head land in a single transaction. Preconditions and the log head
   * are re-checked inside it; if another write got there first, nothing is written
   * (ConflictError).
   */
  async commit(input: {
    changes: Change[]
    audit?: AuditEvent
    preconditions?: Precondition[]
    /** Clear meta rows this change makes obsolete (a legacy clear copy of something now sealed). */
    clearMeta?: MetaId[]
  }): Promise<void> {
    const key = this.dataKey
    const { changes, audit, preconditions = [], clearMeta = [] } = input
    const sealed = await Promise.all(
      changes.map(async (change) =>
        change.kind === 'put'
          ? { change, row: await change.store.seal(key, change.id, change.value) }
          : { change, row: null },
      ),
    )
    let auditRows: { entry: AuditRow; head: SealedSingletonRow; headIv: Uint8Array | null } | null =
      null
    if (audit) {
      const headRow = await this.db.sealed.get(SEALED.auditHead)
      const head = headRow ? await this.sealed.open(key, headRow) : null
      if (head && !head.ok) throw head.error
      const current = head?.ok ? head.value : EMPTY_HEAD
      const entry = await nextEntry(current, audit, stamp())
      auditRows = {
        entry: await this.audit.seal(key, newId(), entry),
        head: await this.sealed.seal(key, SEALED.auditHead, { seq: entry.seq, hash: entry.hash }),
        headIv: headRow ? headRow.enc.iv : null,
      }
    }
    const tables = new Set<Table>([
      ...changes.map((c) => c.store.table),
      ...preconditions.map((p) => p.store.table),
    ])
    if (auditRows) {
      tables.add(this.db.audit)
      tables.add(this.db.sealed)
    }
    if (clearMeta.length > 0) tables.add(this.db.meta)
    await this.db.transaction('rw', [...tables], async () => {
      for (const condition of preconditions) {
        const row = await condition.store.table.get(condition.id)
        if (!sameBytes(row?.enc.iv ?? null, condition.iv)) throw new ConflictError()
      }
      if (auditRows) {
        const headRow = await this.db.sealed.get(SEALED.auditHead)
        if (!sameBytes(headRow?.enc.iv ?? null, auditRows.headIv)) throw new ConflictError()
      }
      for (const { change, row } of sealed) {
        if (row) await change.store.table.put(row)
        else await change.store.table.delete(change.id)
      }
      if (auditRows) {
        await this.db.audit.add(auditRows.entry)
        await this.db.sealed.put(auditRows.head)
      }
      for (const id of clearMeta) await this.db.meta.delete(id)
    })
  }

  /** Records an event in the audit log on its own (unlock, print, export…). */
  async record(event: AuditEvent): Promise<void> {
    await withRetry(() => this.commit({ changes: [], audit: event }))
  }

  close(): void {
    this.key = null
    this.flushers.clear()
  }
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
