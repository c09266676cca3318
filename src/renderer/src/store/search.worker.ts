/// <reference lib="webworker" />
import { NO_RESULTS, RecordSearch, type SearchSource } from '../domain/search'
import {
  addendumCodec,
  clientCodec,
  incidentCodec,
  INDEXED_TABLES,
  type IndexedTable,
} from './codecs'
import { MendDatabase } from './db'
import { pagesOf } from './pages'
import { RecordStore, type Opened } from './records'
import type { FromSearchWorker, ToSearchWorker } from './search-protocol'

/**
 * The search index of an unlocked vault, built and kept here, off the page's thread. The worker
 * opens its own connection to the vault's database, reads the clients, walkout records and addenda
 * page by page, opens each with the same code as the page (decrypt, migrate, validate) and indexes
 * their words. The page only sends queries and the ids of records that changed. Closing the
 * session terminates the worker: the index, and the key it was given, go with it.
 */

/** Rows per page: small enough that a query waits at most one page while the index is built. */
const PAGE = 400

const search = new RecordSearch()
let database: MendDatabase | null = null
let key: CryptoKey | null = null
let built = false
let closed = false
/** Changes that arrived while the index was being built: applied once it is. */
let waiting: { table: IndexedTable; id: string }[] = []
/** The changes being applied (queries wait for them, so a write is found right after). */
let applying: Promise<void> = Promise.resolve()

const post = (message: FromSearchWorker) => self.postMessage(message)

type Stores = { [T in IndexedTable]: RecordStore<unknown> }

function storesOf(db: MendDatabase): Stores {
  return {
    clients: new RecordStore(db.clients, clientCodec) as RecordStore<unknown>,
    incidents: new RecordStore(db.incidents, incidentCodec) as RecordStore<unknown>,
    addenda: new RecordStore(db.addenda, addendumCodec) as RecordStore<unknown>,
  }
}

/** Indexes a record that opened; forgets one that did not (it was damaged or altered). */
function take(table: IndexedTable, opened: Opened<unknown>): void {
  if (opened.ok) search.put({ table, id: opened.id, value: opened.value } as SearchSource)
  else search.remove(table, opened.id)
}

async function build(db: MendDatabase, dataKey: CryptoKey): Promise<void> {
  const start = performance.now()
  const stores = storesOf(db)
  const counts = await Promise.all(INDEXED_TABLES.map((table) => stores[table].table.count()))
  const total = counts.reduce((a, b) => a + b, 0)
  let indexed = 0
  post({ type: 'progress', indexed, total })
  // Clients first: names and initials are searchable within moments of unlocking. Each page is
  // being decrypted (WebCrypto works off this thread) while the one before it is indexed, and
  // the next one read (see pagesOf).
  for (const table of INDEXED_TABLES) {
    const store = stores[table]
    const index = async (opening: Promise<Opened<unknown>[]>) => {
      const opened = await opening
      if (closed) return
      for (const item of opened) take(table, item)
      indexed += opened.length
      post({ type: 'progress', indexed, total: Math.max(total, indexed) })
    }
    let previous: Promise<Opened<unknown>[]> | null = null
    for await (const rows of pagesOf(store.table, PAGE)) {
      if (closed) return
      const opening = Promise.all(rows.map((row) => store.open(dataKey, row)))
      if (previous) await index(previous)
      previous = opening
    }
    if (previous) await index(previous)
    if (closed) return
  }
  built = true
  post({ type: 'ready', indexed, ms: performance.now() - start })
  const pending = waiting
  waiting = []
  if (pending.length > 0) applying = applying.then(() => update(pending)).catch(() => {})
}

/** Reads the given records again: indexes what is there now, forgets what is gone. */
async function update(records: { table: IndexedTable; id: string }[]): Promise<void> {
  if (!database || !key || closed) return
  const stores = storesOf(database)
  const dataKey = key
  for (const table of INDEXED_TABLES) {
    const ids = [...new Set(records.filter((r) => r.table === table).map((r) => r.id))]
    if (ids.length === 0) continue
    const store = stores[table]
    const rows = await store.table.bulkGet(ids)
    const opened = await Promise.all(
      rows.map((row) => (row ? store.open(dataKey, row) : Promise.resolve(null))),
    )
    if (closed) return
    ids.forEach((id, i) => {
      const item = opened[i]
      if (item) take(table, item)
      else search.remove(table, id)
    })
  }
}

function close(): void {
  closed = true
  search.clear()
  waiting = []
  key = null
  database?.close()
  database = null
  self.close()
}

self.onmessage = (event: MessageEvent<ToSearchWorker>) => {
  const message = event.data
  switch (message.type) {
    case 'open': {
      if (database || closed) return
      database = new MendDatabase(message.database)
      key = message.key
      build(database, message.key).catch(() => {
        if (!closed) post({ type: 'failed' })
      })
      return
    }
    case 'changed': {
      if (closed) return
      if (!built) waiting.push(...message.records)
      else applying = applying.then(() => update(message.records)).catch(() => {})
      return
    }
    case 'search': {
      const { seq, query, includeReflections, limit } = message
      void applying.then(() => {
        const results = closed ? NO_RESULTS : search.search(query, { includeReflections, limit })
        post({ type: 'results', seq, results, complete: built })
      })
      return
    }
    case 'close':
      close()
      return
  }
}
