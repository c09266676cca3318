import { sameOptionalBytes } from '../crypto/bytes'
import { sealedHasher } from '../crypto/hash'
import { summarizeClient } from '../domain/client'
import { summarizeAddendum, summarizeIncident } from '../domain/incident'
import { INDEXED_TABLES, type IndexedTable } from './codecs'
import type { SealedRow } from './db'
import type { RecordStore } from './records'
import type { VaultSession } from './session'
import { ConflictError } from './session'
import type { IndexEntry, IndexUpdate } from './vault-index'

/** The store and summary of each indexed table. */
export function indexedStore(
  session: VaultSession,
  table: IndexedTable,
): { store: RecordStore<unknown, SealedRow>; summarize: (value: unknown) => unknown } {
  switch (table) {
    case 'clients':
      return { store: session.clients as never, summarize: (v) => summarizeClient(v as never) }
    case 'incidents':
      return { store: session.incidents as never, summarize: (v) => summarizeIncident(v as never) }
    case 'addenda':
      return { store: session.addenda as never, summarize: (v) => summarizeAddendum(v as never) }
  }
}

/** A record's index entry from its stored row: the row's hash and its summary (null if it does not open). */
export async function entriesFor(
  session: VaultSession,
  table: IndexedTable,
  rows: readonly SealedRow[],
): Promise<IndexEntry<unknown>[]> {
  const { store, summarize } = indexedStore(session, table)
  const hash = await sealedHasher()
  const opened = await Promise.all(rows.map((row) => store.open(session.dataKey, row)))
  return rows.map((row, i) => {
    const result = opened[i]!
    return { h: hash(row.enc), s: result.ok ? summarize(result.value) : null }
  })
}

export interface IndexRepair {
  /** Records whose entry was missing (a damaged or outdated segment, an interrupted write). */
  added: number
  /** Entries of records that no longer exist. */
  removed: number
}

/**
 * Makes the index cover exactly the records that exist: entries of records missing from every
 * segment are rebuilt from the records themselves; entries of records that no longer exist are
 * dropped; `replace` segments (damaged, outdated) are rewritten. One transaction; nothing is
 * silently emptied.
 */
export async function repairIndex(
  session: VaultSession,
  replace: readonly string[] = [],
  alsoRebuild: { table: IndexedTable; id: string }[] = [],
): Promise<IndexRepair> {
  const index = session.index
  index.forget(replace)
  // A write of this session while the rows are read would be undone by what was read before it
  // (a record created meanwhile taken for one deleted): the repair then starts again.
  const version = index.getVersion()
  const updates: IndexUpdate[] = []
  let added = 0
  let removed = 0
  for (const table of INDEXED_TABLES) {
    const { store } = indexedStore(session, table)
    const ids = new Set(await store.table.toCollection().primaryKeys())
    const known = index.all(table)
    const rebuild = new Set([...ids].filter((id) => !known.has(id)))
    for (const item of alsoRebuild)
      if (item.table === table && ids.has(item.id)) rebuild.add(item.id)
    const missing = [...rebuild]
    for (let i = 0; i < missing.length; i += 1000) {
      const chunk = missing.slice(i, i + 1000)
      const rows = (await store.table.bulkGet(chunk)).filter((row) => row !== undefined)
      const entries = await entriesFor(session, table, rows)
      rows.forEach((row, j) => updates.push({ table, id: row.id, entry: entries[j]! }))
      added += rows.filter((row) => !known.has(row.id)).length
    }
    for (const id of known.keys()) {
      if (!ids.has(id)) {
        updates.push({ table, id, entry: null })
        removed += 1
      }
    }
  }
  if (index.getVersion() !== version) throw new ConflictError()
  if (updates.length === 0 && replace.length === 0) return { added, removed }
  const prepared = await index.prepare(session.dataKey, updates)
  if (index.getVersion() !== version) throw new ConflictError()
  await session.db.transaction('rw', session.db.segments, async () => {
    const stored = await session.db.segments.bulkGet(prepared.expected.map((e) => e.id))
    prepared.expected.forEach((expected, i) => {
      const same = sameOptionalBytes(stored[i]?.enc.iv, expected.iv)
      // A replaced (damaged) segment is overwritten whatever it holds.
      if (!same && !replace.includes(expected.id)) throw new ConflictError()
    })
    const rewritten = new Set(prepared.rows.map((row) => row.id))
    await session.db.segments.bulkDelete(replace.filter((id) => !rewritten.has(id)))
    await session.db.segments.bulkPut(prepared.rows)
  })
  prepared.apply()
  return { added, removed }
}

/**
 * Seals the whole index again in the current segment version, full segments first (after an
 * upgrade; see `VaultIndex.prepareRegroup`). One transaction, which refuses to land if any
 * segment changed since the index was loaded (another window wrote, perhaps this very regroup):
 * the index is then read again as it is stored. Only a speed-up: whatever fails, the index
 * stays as it was and the next unlock tries again. Returns whether it landed.
 */
export async function regroupIndex(session: VaultSession): Promise<boolean> {
  try {
    if (await writeRegroup(session, await session.index.prepareRegroup(session.dataKey)))
      return true
    await session.index.refresh(session.dataKey)
  } catch {
    // Nothing was written (one transaction) and nothing in memory changed before it landed.
  }
  return false
}

/** Lands a prepared regroup (see `regroupIndex`); false if a segment changed since it was made. */
export async function writeRegroup(
  session: VaultSession,
  prepared: Awaited<ReturnType<VaultSession['index']['prepareRegroup']>>,
): Promise<boolean> {
  try {
    await session.db.transaction('rw', session.db.segments, async () => {
      const stored = await session.db.segments.toCollection().primaryKeys()
      const rows = await session.db.segments.bulkGet(prepared.expected.map((e) => e.id))
      const same =
        stored.length === prepared.expected.length &&
        prepared.expected.every((expected, i) =>
          sameOptionalBytes(rows[i]?.enc.iv ?? null, expected.iv),
        )
      if (!same) throw new ConflictError()
      await session.db.segments.bulkDelete(prepared.removed)
      await session.db.segments.bulkPut(prepared.rows)
    })
  } catch (error) {
    if (error instanceof ConflictError) return false
    throw error
  }
  prepared.apply()
  return true
}
