import { NO_RESULTS, type SearchResults } from '../domain/search'
import { INDEXED_TABLES, type IndexedTable } from './codecs'
import type {
  ChangedRecord,
  FromSearchWorker,
  RecordHashes,
  ToSearchWorker,
} from './search-protocol'
import { DERIVED } from './keys'
import { nextTask } from './next-task'
import type { VaultSession } from './session'

/**
 * Search across the records of an unlocked vault. The index lives in a worker of its own (see
 * search.worker.ts), built after unlock and kept current from the sealed index's changes;
 * closing the session (lock) terminates the worker, and with it the index and the key it was
 * given. What is written of the index is its sealed snapshot (see search-snapshot.ts): sealed with
 * the data key like every record, derived, never backed up, and checked record by record against
 * the hashes of the sealed rows at the next unlock, so that only what changed is read again.
 */

export type SearchState = 'building' | 'ready' | 'failed' | 'closed'

export interface SearchStatus {
  state: SearchState
  /** Records indexed so far, and how many there are (while building). */
  indexed: number
  total: number
  /** How long the build took, once ready. */
  buildMs: number | null
  /** Once ready: records taken from the sealed snapshot, and records read and opened. */
  reused: number
  read: number
  /** Milliseconds per step of the build, once ready (for measurements). */
  phases: Record<string, number>
  /** Snapshots of the index written since it was started, and how long the last one took. */
  saved: number
  savedMs: number | null
}

export interface SearchAnswer {
  results: SearchResults
  /** The index was complete when the query ran (false: results so far, while it is built). */
  complete: boolean
}

/** Results kept per group (clients, walkout records). */
export const SEARCH_LIMIT = 20

const EMPTY_ANSWER: SearchAnswer = { results: NO_RESULTS, complete: true }

/** Records per message when the search starts (two strings each, cloned in a few ms). */
const RECORDS_PER_SLICE = 2500

/** How the worker is started (tests pass their own to hold on to it). */
export type WorkerFactory = () => Worker

const defaultWorker: WorkerFactory = () =>
  new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })

/**
 * Whether a build of the index from scratch may take a second worker: only with more than two
 * cores. With two, both workers would take both, and the screens would wait for them (the client
 * list opened in half again the time while they ran).
 */
const shareBuild = () => (navigator.hardwareConcurrency ?? 1) > 2

/** Search workers started by an unlock for the session it opens (see `startSearchAhead`). */
const ahead = new WeakMap<VaultSession, Worker>()

/**
 * Starts the search's worker as soon as an unlock has the key (its session), while it opens the
 * sealed index: starting the worker is most of the time between the unlocked screen and a search
 * that answers (about 0.35 s here), and the index's opening leaves room for it (measured side by
 * side: no slower unlock). Starting it earlier, while the passphrase is stretched, slowed the
 * unlock, and so did reading the snapshot ahead. The worker is given nothing until the session's
 * search takes it (`searchOf`); it ends with the session if nothing did.
 */
export function startSearchAhead(session: VaultSession): void {
  if (typeof Worker === 'undefined') return
  let worker: Worker
  try {
    worker = defaultWorker()
  } catch {
    return
  }
  // Until it is taken nobody listens: a worker that fails is dropped, and the search starts anew.
  worker.onerror = (event) => {
    event.preventDefault()
    takeAhead(session)?.terminate()
  }
  ahead.set(session, worker)
  session.onClose(() => takeAhead(session)?.terminate())
  // No snapshot (its key alone is looked at): the index will be built from every record, and
  // the worker starts the second worker of that build now, while the index opens, rather than
  // when the build begins (loading it took a quarter of a second there).
  void session.db.derived
    .where(':id')
    .equals(DERIVED.searchSnapshot)
    .count()
    .then((snapshots) => {
      if (snapshots === 0 && shareBuild())
        worker.postMessage({ type: 'prepare' } satisfies ToSearchWorker)
    })
    .catch(() => {})
}

/** Whether a worker started for this session waits to be taken (for tests). */
export function searchStartedAhead(session: VaultSession): boolean {
  return ahead.has(session)
}

function takeAhead(session: VaultSession): Worker | null {
  const worker = ahead.get(session)
  if (!worker) return null
  ahead.delete(session)
  worker.onerror = null
  return worker
}

/** The status of a search in this state before anything was built or written. */
export const initialStatus = (state: SearchState): SearchStatus => ({
  state,
  indexed: 0,
  total: 0,
  buildMs: null,
  reused: 0,
  read: 0,
  phases: {},
  saved: 0,
  savedMs: null,
})

export class VaultSearch {
  private worker: Worker | null
  private status: SearchStatus = initialStatus('building')
  private readonly listeners = new Set<() => void>()
  private readonly pending = new Map<number, (answer: SearchAnswer) => void>()
  private seq = 0
  /** The hash of each record's sealed row as last sent to the worker, by table and id. */
  private readonly known = Object.fromEntries(
    INDEXED_TABLES.map((table) => [table, new Map<string, string>()]),
  ) as Record<IndexedTable, Map<string, string>>
  private readonly stopWatching: () => void
  private diffScheduled = false

  constructor(
    private readonly session: VaultSession,
    /** By default the worker the unlock started ahead (see `startSearchAhead`), or a new one. */
    createWorker: WorkerFactory = () => takeAhead(session) ?? defaultWorker(),
  ) {
    // What the worker will read is at least as new as this: any write after it shows as a change.
    // (Only the hashes are taken here, in one pass: this runs on the page as the search starts.)
    for (const table of INDEXED_TABLES)
      for (const [id, entry] of session.index.all(table)) this.known[table].set(id, entry.h)
    this.stopWatching = session.index.subscribe(() => this.scheduleDiff())
    const worker = createWorker()
    // A test's own worker: the one started ahead is not used.
    takeAhead(session)?.terminate()
    this.worker = worker
    worker.onmessage = (event: MessageEvent<FromSearchWorker>) => this.receive(event.data)
    // No detail of the error is kept or shown: it could quote a record.
    worker.onerror = (event) => {
      event.preventDefault()
      this.fail()
    }
    // The worker opens the index's sealed snapshot (one row) at once, and gets the hash of every
    // record's sealed row as known now: what its snapshot holds of a record with another hash
    // (or none) is not used, and any write after this shows as a change. Only a build that
    // reads a table's rows in order (no snapshot, and no read packs for most of the table)
    // waits for the check of this unlock, which reads them too.
    this.send({
      type: 'open',
      database: session.db.name,
      key: session.dataKey,
      shareBuild: shareBuild(),
    })
    const known: RecordHashes[] = INDEXED_TABLES.map((table) => ({
      table,
      ids: [...this.known[table].keys()],
      hashes: [...this.known[table].values()],
    }))
    // Whose each walkout record is, in the same order (a walkout is found by its client's name).
    const walkouts = known.find((k) => k.table === 'incidents')!
    walkouts.clients = walkouts.ids.map(
      (id) => session.index.entry('incidents', id)?.s?.clientId ?? '',
    )
    void this.sendKnown(known)
    void session.checked.then(() => this.send({ type: 'checked' }))
  }

  /** The records as known when the search started, in slices of one task each, then 'build'. */
  private async sendKnown(known: RecordHashes[]): Promise<void> {
    for (const { table, ids, hashes, clients } of known) {
      for (let from = 0; from < ids.length; from += RECORDS_PER_SLICE) {
        if (from > 0) await nextTask()
        const to = from + RECORDS_PER_SLICE
        this.send({
          type: 'records',
          table,
          ids: ids.slice(from, to),
          hashes: hashes.slice(from, to),
          ...(clients ? { clients: clients.slice(from, to) } : {}),
        })
      }
    }
    this.send({ type: 'build' })
  }

  // ------------------------------------------------------------ status

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getStatus = (): SearchStatus => this.status

  private setStatus(status: SearchStatus): void {
    this.status = status
    for (const listener of this.listeners) listener()
  }

  // ------------------------------------------------------------ queries

  /**
   * Clients and walkout records matching the query. The private reflections are searched only
   * when `includeReflections` is true. After the session is closed, nothing is found.
   */
  search(query: string, includeReflections: boolean, limit = SEARCH_LIMIT): Promise<SearchAnswer> {
    if (!this.worker || this.status.state === 'failed' || !query.trim())
      return Promise.resolve(EMPTY_ANSWER)
    // A change not yet sent goes first, so that what was just written is found.
    if (this.diffScheduled) this.sendChanges()
    const seq = ++this.seq
    return new Promise((resolve) => {
      this.pending.set(seq, resolve)
      this.send({ type: 'search', seq, query, includeReflections, limit })
    })
  }

  private receive(message: FromSearchWorker): void {
    switch (message.type) {
      case 'progress':
        if (this.status.state === 'building')
          this.setStatus({ ...this.status, indexed: message.indexed, total: message.total })
        return
      case 'ready':
        this.setStatus({
          ...this.status,
          state: 'ready',
          indexed: message.indexed,
          total: message.indexed,
          buildMs: message.ms,
          reused: message.reused,
          read: message.read,
          phases: message.phases,
        })
        return
      case 'saved':
        this.setStatus({ ...this.status, saved: this.status.saved + 1, savedMs: message.ms })
        return
      case 'failed':
        this.fail()
        return
      case 'results': {
        const resolve = this.pending.get(message.seq)
        this.pending.delete(message.seq)
        resolve?.({ results: message.results, complete: message.complete })
        return
      }
    }
  }

  private fail(): void {
    this.worker?.terminate()
    this.worker = null
    this.settlePending()
    this.setStatus({ ...this.status, state: 'failed' })
  }

  private settlePending(): void {
    for (const resolve of this.pending.values()) resolve(EMPTY_ANSWER)
    this.pending.clear()
  }

  private send(message: ToSearchWorker): void {
    this.worker?.postMessage(message)
  }

  // ------------------------------------------------------------ keeping current

  private diff(): ChangedRecord[] {
    const changed: ChangedRecord[] = []
    for (const table of INDEXED_TABLES) {
      const known = this.known[table]
      const current = this.session.index.all(table)
      for (const [id, entry] of current) {
        if (known.get(id) !== entry.h) {
          known.set(id, entry.h)
          changed.push({ table, id, h: entry.h })
        }
      }
      if (known.size > current.size) {
        for (const id of known.keys()) {
          if (!current.has(id)) {
            known.delete(id)
            changed.push({ table, id, h: null })
          }
        }
      }
    }
    return changed
  }

  /** After the sealed index changed (a write here or in another window): what changed, once. */
  private scheduleDiff(): void {
    // A closed session's index is emptied: that is a lock, not every record deleted.
    if (this.diffScheduled || !this.worker || !this.session.isOpen) return
    this.diffScheduled = true
    queueMicrotask(() => this.sendChanges())
  }

  private sendChanges(): void {
    if (!this.diffScheduled || !this.worker) return
    this.diffScheduled = false
    if (!this.session.isOpen) return
    const records = this.diff()
    if (records.length > 0) this.send({ type: 'changed', records })
  }

  // ------------------------------------------------------------ closing

  /** Whether the worker is still running (false once closed or failed). */
  get running(): boolean {
    return this.worker !== null
  }

  /** Drops the index: tells the worker to clear it, then terminates the worker. */
  close(): void {
    this.stopWatching()
    this.send({ type: 'close' })
    this.worker?.terminate()
    this.worker = null
    for (const table of INDEXED_TABLES) this.known[table].clear()
    this.settlePending()
    this.setStatus({ ...this.status, state: 'closed' })
    this.listeners.clear()
  }
}

const searches = new WeakMap<VaultSession, VaultSearch>()

/**
 * The search of an unlocked session: started on first use (the app starts it right after
 * unlock), closed when the session closes. A closed session has none.
 */
export function searchOf(session: VaultSession): VaultSearch | null {
  if (!session.isOpen) return null
  let search = searches.get(session)
  if (!search) {
    const created = new VaultSearch(session)
    search = created
    searches.set(session, created)
    session.onClose(() => {
      created.close()
      searches.delete(session)
    })
  }
  return search
}
