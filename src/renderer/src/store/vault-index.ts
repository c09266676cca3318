import Dexie, { RangeSet, type ObservabilitySet } from 'dexie'
import { bytesEqual } from '../crypto/bytes'
import type { ClientSummary } from '../domain/client'
import type { AddendumSummary, IncidentSummary } from '../domain/incident'
import {
  INDEXED_TABLES,
  isOutdatedSegment,
  SEGMENT_SCHEMA_VERSION,
  SEGMENT_SIZE,
  type IndexedTable,
  type Segment,
} from './codecs'
import type { MendDatabase, SegmentRow } from './db'
import type { RecordStore } from './records'
import { packSegment, unpackSegment } from './segment-format'

/**
 * The sealed index, opened in memory. Lists, Today and timelines read it; it is built from the
 * sealed segments at unlock, kept current by every write (in the same transaction as the
 * record), and dropped on lock. Nothing of it is ever stored in clear.
 */

export interface Summaries {
  clients: ClientSummary
  incidents: IncidentSummary
  addenda: AddendumSummary
}

/** One record in the index: the hash of its sealed row and its summary (null: it did not open). */
export interface IndexEntry<S> {
  h: string
  s: S | null
}

export type EntryOf<T extends IndexedTable> = IndexEntry<Summaries[T]>

/** A change to the index: the new entry of a record, or null when the record is removed. */
export interface IndexUpdate {
  table: IndexedTable
  id: string
  entry: IndexEntry<unknown> | null
}

/** What screens read of the index; a new view after every change. */
export interface IndexView {
  readonly version: number
  all<T extends IndexedTable>(table: T): ReadonlyMap<string, EntryOf<T>>
  entry<T extends IndexedTable>(table: T, id: string): EntryOf<T> | undefined
}

interface SegmentState {
  table: IndexedTable
  /** IV of the stored segment row (null before it is first written). */
  iv: Uint8Array | null
  ids: Set<string>
}

/** The segments one write will replace, sealed, with the IVs they must still have. */
export interface PreparedIndexWrite {
  rows: SegmentRow[]
  expected: { id: string; iv: Uint8Array | null }[]
  /** Applies the write to memory, after its transaction committed. */
  apply: () => void
}

const segmentId = (table: IndexedTable, n: number) => `${table}:${String(n).padStart(6, '0')}`
const tableOfSegment = (id: string): IndexedTable | null => {
  const table = id.split(':')[0]
  return (INDEXED_TABLES as readonly string[]).includes(table ?? '')
    ? (table as IndexedTable)
    : null
}

function emptyMaps<V>(): { [T in IndexedTable]: Map<string, V> } {
  return { clients: new Map(), incidents: new Map(), addenda: new Map() }
}

export class VaultIndex {
  private readonly entries = emptyMaps<IndexEntry<unknown>>()
  private readonly segmentOf = emptyMaps<string>()
  private readonly segments = new Map<string, SegmentState>()
  private readonly listeners = new Set<() => void>()
  private version = 0
  private view: IndexView = this.makeView()
  private closed = false

  constructor(
    private readonly db: MendDatabase,
    private readonly store: RecordStore<Segment, SegmentRow>,
  ) {}

  // ------------------------------------------------------------ reading

  /** Subscribe to changes (for useSyncExternalStore); returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Changes whenever anything in the index changes. */
  readonly getVersion = (): number => this.version

  /** A read-only view that is a new object after every change (a memo key for screens). */
  readonly getView = (): IndexView => this.view

  private makeView(): IndexView {
    return {
      version: this.version,
      all: (table) => this.all(table),
      entry: (table, id) => this.entry(table, id),
    }
  }

  entry<T extends IndexedTable>(table: T, id: string): EntryOf<T> | undefined {
    return this.entries[table].get(id) as EntryOf<T> | undefined
  }

  all<T extends IndexedTable>(table: T): ReadonlyMap<string, EntryOf<T>> {
    return this.entries[table] as Map<string, EntryOf<T>>
  }

  size(table: IndexedTable): number {
    return this.entries[table].size
  }

  // ------------------------------------------------------------ loading

  /**
   * Opens every segment (older versions migrate as they open). Returns the segments that could
   * not be opened (damaged or altered), and those sealed by an older version that lack fields
   * only the records hold (outdated), both to be rebuilt from the records; and how many records
   * the outdated ones hold.
   */
  async load(key: CryptoKey): Promise<{
    damaged: string[]
    outdated: string[]
    outdatedRecords: number
    /** Segments that opened but were sealed by an older version (see `prepareRegroup`). */
    older: string[]
  }> {
    const rows = await this.db.segments.toArray()
    const opened = await Promise.all(rows.map((row) => this.store.open(key, row)))
    const damaged: string[] = []
    const outdated: string[] = []
    const older: string[] = []
    let outdatedRecords = 0
    rows.forEach((row, i) => {
      const result = opened[i]!
      const table = tableOfSegment(row.id)
      if (!table || !result.ok || result.value.table !== table) return damaged.push(row.id)
      this.setSegment(row.id, table, row.enc.iv, unpackSegment(result.value))
      if (isOutdatedSegment(table, row.sv)) {
        outdated.push(row.id)
        outdatedRecords += result.value.entries.length
      } else if (row.sv < SEGMENT_SCHEMA_VERSION) older.push(row.id)
    })
    this.changed()
    return { damaged, outdated, outdatedRecords, older }
  }

  private setSegment(
    id: string,
    table: IndexedTable,
    iv: Uint8Array | null,
    entries: ReadonlyMap<string, IndexEntry<unknown>>,
  ): void {
    const previous = this.segments.get(id)
    for (const recordId of previous?.ids ?? []) {
      if (this.segmentOf[table].get(recordId) === id) {
        this.segmentOf[table].delete(recordId)
        this.entries[table].delete(recordId)
      }
    }
    const ids = new Set(entries.keys())
    this.segments.set(id, { table, iv, ids })
    for (const [recordId, entry] of entries) {
      this.segmentOf[table].set(recordId, id)
      this.entries[table].set(recordId, entry)
    }
  }

  /**
   * Re-reads the given segments (another window wrote them, or a write of ours lost a race) and
   * takes in the ones whose stored version differs from what is in memory.
   */
  async refresh(key: CryptoKey, ids?: readonly string[]): Promise<void> {
    const rows = ids
      ? (await this.db.segments.bulkGet([...ids])).filter((row) => row !== undefined)
      : await this.db.segments.toArray()
    const stale = rows.filter((row) => {
      const known = this.segments.get(row.id)?.iv
      return !known || !bytesEqual(known, row.enc.iv)
    })
    // Segments held here whose row is gone (the index was sealed again in fewer segments).
    const stored = new Set(rows.map((row) => row.id))
    const gone = (ids ?? [...this.segments.keys()]).filter(
      (id) => this.segments.has(id) && !stored.has(id),
    )
    if (stale.length === 0 && gone.length === 0) return
    const opened = await Promise.all(stale.map((row) => this.store.open(key, row)))
    if (this.closed) return
    stale.forEach((row, i) => {
      const result = opened[i]!
      const table = tableOfSegment(row.id)
      if (table && result.ok && result.value.table === table)
        this.setSegment(row.id, table, row.enc.iv, unpackSegment(result.value))
    })
    // After the segments that took their records in: only what is still theirs is dropped.
    for (const id of gone) this.drop(id)
    this.changed()
  }

  /** Keeps the index current when another window of the app writes (Dexie's storage events). */
  watch(key: CryptoKey): () => void {
    const part = `idb://${this.db.name}/segments/`
    const listener = (parts: ObservabilitySet) => {
      const tree = parts[part]
      if (!tree || this.closed) return
      const keys: string[] = []
      let exact = true
      for (const range of RangeSet(tree)) {
        if (range.from === range.to && typeof range.from === 'string') keys.push(range.from)
        else exact = false
      }
      void this.refresh(key, exact ? keys : undefined).catch(() => {})
    }
    Dexie.on('storagemutated', listener)
    return () => Dexie.on.storagemutated.unsubscribe(listener)
  }

  // ------------------------------------------------------------ writing

  /**
   * Seals the segments a write touches (no database access): the records' new entries go into
   * their segment, new records into the segment of their table with room left.
   */
  async prepare(key: CryptoKey, updates: readonly IndexUpdate[]): Promise<PreparedIndexWrite> {
    const touched = new Map<string, Map<string, IndexEntry<unknown> | null>>()
    const reserved = new Map<string, number>()
    // Where this write puts records not yet in the index, and the last segment with room per
    // table (a restore places tens of thousands: no scan of every segment per record).
    const placed = new Map<string, string>()
    const lastRoom = new Map<IndexedTable, string>()
    for (const update of updates) {
      const known = this.segmentOf[update.table].get(update.id)
      let id = known ?? placed.get(`${update.table}/${update.id}`) ?? null
      if (!id && update.entry) {
        const last = lastRoom.get(update.table)
        id =
          last !== undefined && this.hasRoom(last, reserved)
            ? last
            : this.roomIn(update.table, reserved)
        lastRoom.set(update.table, id)
      }
      if (!id) continue
      const changes = touched.get(id) ?? new Map<string, IndexEntry<unknown> | null>()
      if (known === undefined && !changes.has(update.id)) {
        reserved.set(id, (reserved.get(id) ?? 0) + 1)
        placed.set(`${update.table}/${update.id}`, id)
      }
      changes.set(update.id, update.entry)
      touched.set(id, changes)
    }
    const planned = [...touched].map(([id, changes]) => {
      const table = tableOfSegment(id)!
      const state = this.segments.get(id)
      const entries = new Map<string, IndexEntry<unknown>>()
      for (const recordId of state?.ids ?? [])
        entries.set(recordId, this.entries[table].get(recordId)!)
      for (const [recordId, entry] of changes) {
        if (entry) entries.set(recordId, entry)
        else entries.delete(recordId)
      }
      return { id, table, entries, iv: state?.iv ?? null }
    })
    return this.sealPlans(key, planned)
  }

  /** Seals planned segments; applying the write puts them in memory. */
  private async sealPlans(
    key: CryptoKey,
    planned: {
      id: string
      table: IndexedTable
      entries: Map<string, IndexEntry<unknown>>
      iv: Uint8Array | null
    }[],
  ): Promise<PreparedIndexWrite> {
    const rows = await Promise.all(
      planned.map((plan) => this.store.seal(key, plan.id, packSegment(plan.table, plan.entries))),
    )
    return {
      rows,
      expected: planned.map((plan) => ({ id: plan.id, iv: plan.iv })),
      apply: () => {
        planned.forEach((plan, i) =>
          this.setSegment(plan.id, plan.table, rows[i]!.enc.iv, plan.entries),
        )
        this.changed()
      },
    }
  }

  /**
   * Every segment sealed again under the current version, full ones first (`SEGMENT_SIZE`
   * records each), in the order the records are held now: after an upgrade, the older and
   * smaller segments of the last version become fewer and smaller to read at every unlock. No
   * record is read; the write must find every segment as it was (`expected`), remove `removed`
   * and put `rows`.
   */
  async prepareRegroup(key: CryptoKey): Promise<PreparedIndexWrite & { removed: string[] }> {
    const planned: Parameters<VaultIndex['sealPlans']>[1] = []
    for (const table of INDEXED_TABLES) {
      // Each record once, from the segment it is held by (a record some older write left in a
      // second segment as well is kept once).
      const ids = [...this.segments]
        .filter(([, state]) => state.table === table)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([id, state]) =>
          [...state.ids].filter((recordId) => this.segmentOf[table].get(recordId) === id),
        )
      for (let n = 0; n * SEGMENT_SIZE < ids.length; n++) {
        const entries = new Map<string, IndexEntry<unknown>>()
        for (const recordId of ids.slice(n * SEGMENT_SIZE, (n + 1) * SEGMENT_SIZE))
          entries.set(recordId, this.entries[table].get(recordId)!)
        planned.push({ id: segmentId(table, n), table, entries, iv: null })
      }
    }
    const written = new Set(planned.map((plan) => plan.id))
    const before = [...this.segments].map(([id, state]) => ({ id, iv: state.iv }))
    const removed = before.map((e) => e.id).filter((id) => !written.has(id))
    const prepared = await this.sealPlans(key, planned)
    return {
      ...prepared,
      expected: before,
      removed,
      apply: () => {
        for (const id of removed) this.drop(id)
        prepared.apply()
      },
    }
  }

  private hasRoom(id: string, reserved: Map<string, number>): boolean {
    return (this.segments.get(id)?.ids.size ?? 0) + (reserved.get(id) ?? 0) < SEGMENT_SIZE
  }

  /** A segment of this table with room for one more record (a new one when all are full). */
  private roomIn(table: IndexedTable, reserved: Map<string, number>): string {
    let highest = -1
    for (const [id, state] of this.segments) {
      if (state.table !== table) continue
      highest = Math.max(highest, Number(id.split(':')[1]))
      if (state.ids.size + (reserved.get(id) ?? 0) < SEGMENT_SIZE) return id
    }
    for (const [id, count] of reserved) {
      if (tableOfSegment(id) === table && !this.segments.has(id) && count < SEGMENT_SIZE) return id
      if (tableOfSegment(id) === table) highest = Math.max(highest, Number(id.split(':')[1]))
    }
    return segmentId(table, highest + 1)
  }

  /** Forgets segments (damaged ones about to be replaced by a rebuild). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.drop(id)
    this.changed()
  }

  /** A segment no longer held, with the entries still held through it (no others). */
  private drop(id: string): void {
    const state = this.segments.get(id)
    if (state) this.setSegment(id, state.table, state.iv, new Map())
    this.segments.delete(id)
  }

  /** Segment ids that exist in memory (for tests and checks). */
  segmentIds(): string[] {
    return [...this.segments.keys()]
  }

  private changed(): void {
    this.version += 1
    this.view = this.makeView()
    for (const listener of this.listeners) listener()
  }

  /** Drops everything (on lock). */
  close(): void {
    this.closed = true
    for (const table of INDEXED_TABLES) {
      this.entries[table].clear()
      this.segmentOf[table].clear()
    }
    this.segments.clear()
    this.changed()
    this.listeners.clear()
  }
}
