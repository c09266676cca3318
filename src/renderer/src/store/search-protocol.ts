import type { RecordSearchData, SearchResults } from '../domain/search'
import type { IndexedTable } from './codecs'

/**
 * What the page and the search worker say to each other. The worker gets the data key (a
 * non-extractable CryptoKey, passed by structured clone), the database's name and the hashes of
 * the records' sealed rows once; after that only queries and the ids (and hashes) of records that
 * changed go in, and results (ids, scores, the matching words and short excerpts) come out.
 */

/** Records of one table as the sealed index has them: ids, and the hashes of their rows. */
export interface RecordHashes {
  table: IndexedTable
  ids: string[]
  hashes: string[]
  /** Walkout records: whose each is (the client's id), for finding them by the client's name. */
  clients?: string[]
}

/** A record written (`h`: the hash of its sealed row now) or deleted (`h` null). */
export interface ChangedRecord {
  table: IndexedTable
  id: string
  h: string | null
}

export type ToSearchWorker =
  /**
   * There is no snapshot (said by the unlock, before the key is given): a build from scratch is
   * coming, and its second worker can start loading.
   */
  | { type: 'prepare' }
  /**
   * The vault: the worker opens the sealed snapshot of the last index (if any) meanwhile.
   * `shareBuild`: a build from scratch may take a second worker (there are cores to spare).
   */
  | { type: 'open'; database: string; key: CryptoKey; shareBuild: boolean }
  /**
   * A slice of one table's records as the page's sealed index had them when the search started
   * (sent in slices, one task each, so that cloning tens of thousands of strings never stalls the
   * page for long).
   */
  | ({ type: 'records' } & RecordHashes)
  /**
   * Every slice was sent: build the index, from the snapshot where it still holds (the records
   * whose hash is the same), reading the others. Without a snapshot every record is read: that
   * waits for 'checked'.
   */
  | { type: 'build' }
  /** The integrity check of this unlock has ended (reading every record no longer slows it). */
  | { type: 'checked' }
  /** These records were written or deleted: read them again. */
  | { type: 'changed'; records: ChangedRecord[] }
  | { type: 'search'; seq: number; query: string; includeReflections: boolean; limit: number }
  | { type: 'close' }

export type FromSearchWorker =
  /** Records read so far, of how many (while the index is being built). */
  | { type: 'progress'; indexed: number; total: number }
  /** `reused`: records taken from the snapshot; `read`: records read and opened. */
  | {
      type: 'ready'
      indexed: number
      ms: number
      reused: number
      read: number
      /** Milliseconds per step of the build (for measurements). */
      phases: Record<string, number>
    }
  /** A snapshot of the index was sealed and written (how long the worker spent on it). */
  | { type: 'saved'; ms: number }
  /** The index could not be built (no detail: it could hold client data). */
  | { type: 'failed' }
  /** `complete`: the index was fully built when the query ran. */
  | { type: 'results'; seq: number; results: SearchResults; complete: boolean }

/**
 * The search worker and its second half (search-part.worker.ts), for an index built from scratch:
 * each reads half of the read packs and indexes their records; the part sends its index written
 * out, which the search worker takes in.
 */
export type ToSearchPart = {
  type: 'build'
  database: string
  key: CryptoKey
  /** The records as the sealed index has them, table by table, with the packs to read of each. */
  tables: (RecordHashes & { packs: string[] })[]
}

export type FromSearchPart =
  /** Records indexed so far. */
  | { type: 'progress'; indexed: number }
  /**
   * Its index written out; `stale`: some of its packs were out of date or did not open; `small`:
   * how many of each table's were less than half full.
   */
  | {
      type: 'built'
      data: RecordSearchData
      stale: boolean
      small: Record<IndexedTable, number>
    }
  /** No detail: it could hold client data. */
  | { type: 'failed' }
