/// <reference lib="webworker" />
import { NO_RESULTS, RecordSearch, type SearchSource } from '../domain/search'
import { encodeSearchSnapshot } from '../domain/search-snapshot'
import {
  addendumCodec,
  clientCodec,
  incidentCodec,
  INDEXED_TABLES,
  type IndexedTable,
} from './codecs'
import { MendDatabase } from './db'
import { openEveryIndexed } from './packs'
import { RecordStore, type Opened } from './records'
import type {
  ChangedRecord,
  FromSearchWorker,
  RecordHashes,
  ToSearchWorker,
} from './search-protocol'
import {
  readSearchSnapshot,
  recordKey,
  writeSearchSnapshot,
  type RestoredSearch,
} from './search-snapshot'

/**
 * The search index of an unlocked vault, built and kept here, off the page's thread. The worker
 * opens its own connection to the vault's database. If the sealed snapshot of the last index
 * opens (see search-snapshot.ts), the index is restored from it and only the records whose
 * sealed row is not the one it was indexed from are read (and, for the results shown, the
 * records whose texts the snapshot does not keep); otherwise every client, walkout record and
 * addendum is read, page by page. Each record is opened with the same code as the page
 * (decrypt, migrate, validate) and its words indexed. The page only sends queries and the ids of
 * records that changed. After a build, and a few seconds after changes, the index is sealed and
 * written back as the new snapshot. Closing the session terminates the worker: the index, and the
 * key it was given, go with it.
 */

/** Rows per page: small enough that a query waits at most one page while the index is built. */
const PAGE = 400
/** A snapshot is written this long after the last change… */
const SAVE_DELAY_MS = 3000
/** …or at the latest this long after the first change not yet written. */
const SAVE_MAX_WAIT_MS = 30_000

let search = new RecordSearch()
/**
 * `table:id` -> the hash of the sealed row each indexed record was read from, as the page's
 * sealed index gave it (at most as new as what was read: a later write is sent as a change).
 * Records without one are indexed but left out of the snapshot.
 */
let hashes = new Map<string, string>()
let database: MendDatabase | null = null
let key: CryptoKey | null = null
let built = false
/** 'build' came (once). */
let building = false
let closed = false
/** Changes that arrived while the index was being built: applied once it is. */
let waiting: ChangedRecord[] = []
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

/**
 * Indexes a record that opened, under the hash it was read as (none: left out of snapshots);
 * forgets one that did not (it was damaged or altered).
 */
function take(table: IndexedTable, opened: Opened<unknown>, h: string | undefined): void {
  const id = recordKey(table, opened.id)
  if (opened.ok) {
    search.put({ table, id: opened.id, value: opened.value } as SearchSource)
    if (h === undefined) hashes.delete(id)
    else hashes.set(id, h)
  } else {
    search.remove(table, opened.id)
    hashes.delete(id)
  }
}

function forget(table: IndexedTable, id: string): void {
  search.remove(table, id)
  hashes.delete(recordKey(table, id))
}

/** `table:id` -> hash: the page's records as it knew them when the search started ('records'). */
const current = new Map<string, string>()
/** Whether every slice of them was in the expected form. */
let currentValid = true

const strings = (list: unknown): list is string[] =>
  Array.isArray(list) && list.every((item) => typeof item === 'string')

function takeRecords({ table, ids, hashes: h, clients }: RecordHashes): void {
  if (
    !INDEXED_TABLES.includes(table) ||
    !strings(ids) ||
    !strings(h) ||
    ids.length !== h.length ||
    (clients !== undefined && (!strings(clients) || clients.length !== ids.length))
  ) {
    currentValid = false
    return
  }
  ids.forEach((id, i) => current.set(recordKey(table, id), h[i]!))
  if (table === 'incidents' && clients) ids.forEach((id, i) => owners.set(id, clients[i]!))
}

/** Walkout record id -> client id, as the page's sealed index had them ('records'). */
const owners = new Map<string, string>()

/** When the key came ('open'): the build's time counts from there. */
let keyCameAt = 0
/** The snapshot being opened since 'open' (null: none, or it did not open). */
let opening: Promise<RestoredSearch | null> | null = null
/** Settles once the page says the check of this unlock has ended ('checked'). */
let checkEnded!: () => void
const checked = new Promise<void>((resolve) => (checkEnded = resolve))
const phases: Record<string, number> = {}

async function build(db: MendDatabase, dataKey: CryptoKey): Promise<void> {
  const start = keyCameAt
  if (!currentValid) throw new Error('The records sent are not in the expected form.')
  const restored = await (opening ?? readSearchSnapshot(db, dataKey, phases))
  opening = null
  phases.waited = performance.now() - start
  let at = performance.now()
  if (closed) return
  let reused = 0
  let read: number
  let dropped = 0
  if (restored) {
    search = restored.search
    hashes = restored.hashes
    // Whose each walkout is: a restored index knows its walkouts' words, not their clients.
    // (Records read from here on say it themselves, and are newer.)
    for (const [walkout, client] of owners) search.setClientOf(walkout, client)
    // What the snapshot holds of records since changed or deleted goes; what it lacks is read.
    const stale: [IndexedTable, string][] = []
    for (const [id, h] of hashes) {
      if (current.get(id) === h) continue
      const cut = id.indexOf(':')
      stale.push([id.slice(0, cut) as IndexedTable, id.slice(cut + 1)])
    }
    for (const [table, id] of stale) forget(table, id)
    dropped = stale.length
    reused = hashes.size
    phases.compare = performance.now() - at
    at = performance.now()
    const missing: ChangedRecord[] = []
    for (const [key, h] of current) {
      if (hashes.has(key)) continue
      const cut = key.indexOf(':')
      missing.push({ table: key.slice(0, cut) as IndexedTable, id: key.slice(cut + 1), h })
    }
    read = missing.length
    post({ type: 'progress', indexed: 0, total: read })
    for (let from = 0; from < missing.length && !closed; from += PAGE) {
      await update(missing.slice(from, from + PAGE))
      post({ type: 'progress', indexed: Math.min(from + PAGE, read), total: read })
    }
  } else {
    // Every record is read: after the check of this unlock, which reads the database too.
    await checked
    if (closed) return
    at = performance.now()
    read = await readAll(db, dataKey, current)
  }
  if (closed) return
  phases.records = performance.now() - at
  // Only a restored index needed them (records read say whose they are themselves).
  owners.clear()
  built = true
  post({ type: 'ready', indexed: search.size, ms: performance.now() - start, reused, read, phases })
  const pending = waiting
  waiting = []
  if (pending.length > 0) applying = applying.then(() => update(pending)).catch(() => {})
  // A full build is written at once (after any query waiting); a restored index once it changed.
  if (!restored) scheduleSave(0)
  else if (read > 0 || dropped > 0 || pending.length > 0) scheduleSave(SAVE_DELAY_MS)
}

/** Reads and indexes every record (no snapshot to start from). Returns how many were read. */
async function readAll(
  db: MendDatabase,
  dataKey: CryptoKey,
  current: ReadonlyMap<string, string>,
): Promise<number> {
  const stores = storesOf(db)
  const counts = await Promise.all(INDEXED_TABLES.map((table) => stores[table].table.count()))
  const total = counts.reduce((a, b) => a + b, 0)
  let indexed = 0
  post({ type: 'progress', indexed, total })
  // Clients first: names and initials are searchable within moments of unlocking. Records come
  // from their read packs where those are current (see packs.ts), a batch being decrypted while
  // the one before it is indexed.
  try {
    for (const table of INDEXED_TABLES) {
      const prefix = recordKey(table, '')
      const ofTable = new Map<string, string>()
      for (const [record, h] of current)
        if (record.startsWith(prefix)) ofTable.set(record.slice(prefix.length), h)
      await openEveryIndexed(db, stores[table], dataKey, ofTable, (opened) => {
        if (closed) throw CLOSED
        for (const item of opened) take(table, item, ofTable.get(item.id))
        indexed += opened.length
        post({ type: 'progress', indexed, total: Math.max(total, indexed) })
      })
    }
  } catch (error) {
    if (error !== CLOSED) throw error
  }
  return indexed
}

/** Ends a read when the session closed meanwhile. */
const CLOSED = new Error('closed')

/** These records of a table read and opened, by id (null: gone). */
async function openRecords(
  db: MendDatabase,
  dataKey: CryptoKey,
  table: IndexedTable,
  ids: string[],
): Promise<(Opened<unknown> | null)[]> {
  const store = storesOf(db)[table]
  const rows = await store.table.bulkGet(ids)
  return Promise.all(rows.map((row) => (row ? store.open(dataKey, row) : null)))
}

/** Reads the given records again: indexes what is there now, forgets what is gone. */
async function update(records: ChangedRecord[]): Promise<void> {
  if (!database || !key || closed) return
  const db = database
  const dataKey = key
  for (const table of INDEXED_TABLES) {
    // The last hash sent for each record is the one it is read as.
    const latest = new Map<string, string | null>()
    for (const record of records) if (record.table === table) latest.set(record.id, record.h)
    const ids = [...latest.keys()]
    if (ids.length === 0) continue
    const opened = await openRecords(db, dataKey, table, ids)
    if (closed) return
    ids.forEach((id, i) => {
      const item = opened[i]
      if (item) take(table, item, latest.get(id) ?? undefined)
      else forget(table, id)
    })
  }
}

/**
 * Reads and opens these records to give their restored documents their texts (for the results
 * shown). A record that does not open, or is gone, keeps its shell: it is still found, with
 * fewer excerpts, until its change arrives.
 */
async function fill(records: { table: IndexedTable; id: string }[]): Promise<void> {
  if (!database || !key || records.length === 0) return
  const db = database
  const dataKey = key
  await Promise.all(
    INDEXED_TABLES.map(async (table) => {
      const ids = records.filter((r) => r.table === table).map((r) => r.id)
      if (ids.length === 0) return
      const opened = await openRecords(db, dataKey, table, ids)
      if (closed) return
      for (const item of opened)
        if (item?.ok) search.fill({ table, id: item.id, value: item.value } as SearchSource)
    }),
  ).catch(() => {})
}

// ------------------------------------------------------------------ the snapshot

let saveTimer: ReturnType<typeof setTimeout> | null = null
/** When the first change not yet in a snapshot was made (null: none). */
let dirtySince: number | null = null
let saving = false

function scheduleSave(delay: number): void {
  if (closed) return
  const now = performance.now()
  dirtySince ??= now
  const wait = Math.max(0, Math.min(delay, dirtySince + SAVE_MAX_WAIT_MS - now))
  if (saveTimer !== null) clearTimeout(saveTimer)
  saveTimer = setTimeout(() => void save(), wait)
}

/**
 * Writes the index out, seals it and puts it in place of the last snapshot. Only records with a
 * known hash go in. A failure is not reported: the next unlock reads more records, that is all.
 */
async function save(): Promise<void> {
  saveTimer = null
  if (closed || !database || !key || !built) return
  if (saving) return scheduleSave(SAVE_DELAY_MS)
  saving = true
  try {
    // Changes being applied go in first.
    await applying
    if (closed) return
    dirtySince = null
    const start = performance.now()
    const data = search.write((table, id) => hashes.get(recordKey(table, id)))
    const bytes = encodeSearchSnapshot(data)
    await writeSearchSnapshot(database, key, bytes)
    if (!closed) post({ type: 'saved', ms: performance.now() - start })
  } catch {
    // Left as it was: the next unlock reads what the snapshot does not hold.
  } finally {
    saving = false
  }
}

function close(): void {
  closed = true
  if (saveTimer !== null) clearTimeout(saveTimer)
  search.clear()
  hashes.clear()
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
      keyCameAt = performance.now()
      opening = readSearchSnapshot(database, message.key, phases)
      return
    }
    case 'records':
      if (!building && !closed) takeRecords(message)
      return
    case 'build': {
      if (!database || !key || closed || building) return
      building = true
      build(database, key).catch(() => {
        if (!closed) post({ type: 'failed' })
      })
      return
    }
    case 'checked':
      checkEnded()
      return
    case 'changed': {
      if (closed) return
      if (!built) waiting.push(...message.records)
      else {
        applying = applying.then(() => update(message.records)).catch(() => {})
        scheduleSave(SAVE_DELAY_MS)
      }
      return
    }
    case 'search': {
      const { seq, query, includeReflections, limit } = message
      void applying.then(async () => {
        const options = { includeReflections, limit }
        // Restored results shown for the first time: their texts are read from the records.
        if (!closed && search.unfilled > 0) await fill(search.missing(query, options))
        const results = closed ? NO_RESULTS : search.search(query, options)
        post({ type: 'results', seq, results, complete: built })
      })
      return
    }
    case 'close':
      close()
      return
  }
}
