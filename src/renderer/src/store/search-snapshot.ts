import { openBytes, recordAad, sealBytes } from '../crypto/envelope'
import { RecordSearch } from '../domain/search'
import {
  decodeSearchSnapshot,
  encodeSearchSnapshot,
  SEARCH_SNAPSHOT_FORMAT,
} from '../domain/search-snapshot'
import type { IndexedTable } from './codecs'
import type { MendDatabase } from './db'
import { DERIVED } from './keys'

/**
 * The search index's sealed snapshot: what the search worker built, written out (see
 * domain/search-snapshot.ts) and sealed with the data key like any record, in one row of the
 * `derived` table. The next unlock restores the index from it and reads only the records whose
 * sealed row changed since (each record in it carries the hash of the row it was indexed from),
 * instead of every record.
 *
 * It is derived data, self-correcting: a record changed, added, deleted or put back since is
 * found by its hash and read again; a snapshot that does not open (another key, tampering, a
 * format of another version, anything that does not fit) is ignored and the index is built from
 * the records. It is not backed up, not bound into the audit trail, and its row holds nothing in
 * clear (the format version is bound into the associated data).
 */

const TABLE = 'derived'

/** The ids of the snapshot's rows (to delete it, in tests and tools). */
export const SNAPSHOT_ROW_IDS = [DERIVED.searchSnapshot]

/** The index of the snapshot, with the hash of each record's row it was built from. */
export interface RestoredSearch {
  search: RecordSearch
  /** `table:id` -> the hash of the sealed row it was indexed from. */
  hashes: Map<string, string>
}

export const recordKey = (table: IndexedTable, id: string) => `${table}:${id}`

/** The snapshot, restored; null if there is none or it does not open, decode or fit. */
export async function readSearchSnapshot(
  db: MendDatabase,
  key: CryptoKey,
  /** Milliseconds per step, filled in (for measurements). */
  phases: Record<string, number> = {},
): Promise<RestoredSearch | null> {
  let at = performance.now()
  const lap = (step: string) => {
    const now = performance.now()
    phases[step] = now - at
    at = now
  }
  const row = await db.derived.get(DERIVED.searchSnapshot).catch(() => undefined)
  lap('read')
  if (!row || row.sv !== SEARCH_SNAPSHOT_FORMAT) return null
  try {
    const bytes = await openBytes(key, recordAad(TABLE, row.id, row.sv), row.enc)
    lap('decrypt')
    const data = decodeSearchSnapshot(bytes)
    lap('decode')
    const search = RecordSearch.restore(data)
    lap('restore')
    const hashes = new Map<string, string>()
    for (const record of data.records) hashes.set(recordKey(record.table, record.id), record.h)
    return { search, hashes }
  } catch {
    return null
  }
}

/** Seals the index written out (`RecordSearch.write`) and puts it in place of the last one. */
export async function writeSearchSnapshot(
  db: MendDatabase,
  key: CryptoKey,
  bytes: Uint8Array,
): Promise<void> {
  const id = DERIVED.searchSnapshot
  const enc = await sealBytes(key, recordAad(TABLE, id, SEARCH_SNAPSHOT_FORMAT), bytes)
  await db.derived.put({ id, sv: SEARCH_SNAPSHOT_FORMAT, enc })
}

/** Seals and writes the index (for tests and tools; the worker times the steps apart). */
export async function saveSearchSnapshot(
  db: MendDatabase,
  key: CryptoKey,
  search: RecordSearch,
  hashes: ReadonlyMap<string, string>,
): Promise<void> {
  const data = search.write((table, id) => hashes.get(recordKey(table, id)))
  await writeSearchSnapshot(db, key, encodeSearchSnapshot(data))
}
