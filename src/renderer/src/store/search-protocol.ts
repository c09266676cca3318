import type { SearchResults } from '../domain/search'
import type { IndexedTable } from './codecs'

/**
 * What the page and the search worker say to each other. The worker gets the data key (a
 * non-extractable CryptoKey, passed by structured clone) and the database's name once; after that
 * only queries and the ids of records that changed go in, and results (ids, scores, the matching
 * words and short excerpts) come out.
 */

export type ToSearchWorker =
  | { type: 'open'; database: string; key: CryptoKey }
  /** These records were written or deleted: read them again. */
  | { type: 'changed'; records: { table: IndexedTable; id: string }[] }
  | { type: 'search'; seq: number; query: string; includeReflections: boolean; limit: number }
  | { type: 'close' }

export type FromSearchWorker =
  /** Records read so far, of how many (while the index is being built). */
  | { type: 'progress'; indexed: number; total: number }
  | { type: 'ready'; indexed: number; ms: number }
  /** The index could not be built (no detail: it could hold client data). */
  | { type: 'failed' }
  /** `complete`: the index was fully built when the query ran. */
  | { type: 'results'; seq: number; results: SearchResults; complete: boolean }
