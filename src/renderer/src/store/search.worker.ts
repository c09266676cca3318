/// <reference lib="webworker" />
import { NO_RESULTS, RecordSearch, type SearchSource } from '../domain/search'
import { encodeSearchSnapshot } from '../domain/search-snapshot'
import { INDEXED_TABLES, type IndexedTable } from './codecs'
import { MendDatabase } from './db'
import { openEveryIndexed, packIdsOf, servePacks } from './packs'
import type { Opened } from './records'
import type {
  ChangedRecord,
  FromSearchPart,
  FromSearchWorker,
  RecordHashes,
  ToSearchPart,
  ToSearchWorker,
} from './search-protocol'
import { searchStoresOf } from './search-stores'
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

/**
 * Records read again at a time (changes, and the records no read pack gave in a build): small
 * enough that a query waits at most one batch.
 */
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
    // A second worker started for a build from scratch is not needed after all.
    part?.terminate()
    part = null
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
    // Every record is read. From the read packs (a few hundred rows) while the check of this
    // unlock runs: the work is this worker's, and the check's is the page's and the database's.
    // Where the packs do not hold most of a table, its rows are read, as the check reads them:
    // after it, so as not to slow it.
    at = performance.now()
    read = await readAll(db, dataKey)
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
  // Queries do not wait for it: it only makes the next build from scratch quicker.
  if (packUpkeep) void upkeepPacks(db, dataKey).catch(() => {})
}

/**
 * Reads and indexes every record (no snapshot to start from). Returns how many were read. With
 * enough read packs, a second worker reads and indexes half of them meanwhile (see `readSplit`);
 * if it cannot be started, or fails, everything is read here (the index started again).
 */
async function readAll(db: MendDatabase, dataKey: CryptoKey): Promise<number> {
  const listing = Promise.all(INDEXED_TABLES.map((table) => packIdsOf(db, table)))
  const total = current.size
  post({ type: 'progress', indexed: 0, total })
  // Clients first: names and initials are searchable within moments of unlocking.
  const tables = INDEXED_TABLES.map((table) => ({ table, current: currentOf(table) }))
  const packs = await listing
  splitDecided = true
  if (shareBuild && packs.reduce((n, ids) => n + ids.length, 0) >= SPLIT_FROM_PACKS) {
    const split = await readSplit(db, dataKey, tables, packs, total).catch(() => null)
    phases.split = split === null ? 0 : 1
    if (split !== null || closed) return split ?? 0
    search = new RecordSearch()
    hashes.clear()
  }
  // One worker does it all: the second one started for it, if any, is not needed.
  part?.terminate()
  part = null
  return readHere(db, dataKey, tables, total)
}

/** A table's records as the page's sealed index had them (id -> hash of its row). */
type TableNow = { table: IndexedTable; current: Map<string, string> }

/** The records of one table in `current`, by id. */
function currentOf(table: IndexedTable): Map<string, string> {
  const prefix = recordKey(table, '')
  const ofTable = new Map<string, string>()
  for (const [record, h] of current)
    if (record.startsWith(prefix)) ofTable.set(record.slice(prefix.length), h)
  return ofTable
}

/** The share of each table's read packs that the search worker reads itself when it splits. */
const HERE_SHARE = 0.55
/** Read packs from which the build is shared with a second worker (fewer: one does it all). */
const SPLIT_FROM_PACKS = 16

/** Whether a build from scratch may take a second worker (the page says, from its cores). */
let shareBuild = false
/** The second worker of a build from scratch (see search-part.worker.ts), while it runs. */
let part: Worker | null = null
/** Read packs were out of date, small or missing: they are sealed again once the index is ready. */
let packUpkeep = false

/** Whether the second worker started ahead failed before it was given its work. */
let partFailed = false

/** Starts the second worker (its script loads meanwhile); an error before its work is kept. */
function newPart(): Worker {
  const started = new Worker(new URL('./search-part.worker.ts', import.meta.url), {
    type: 'module',
  })
  partFailed = false
  started.onerror = (event) => {
    event.preventDefault()
    partFailed = true
  }
  return started
}

/** Whether the build from scratch has decided to share or not (a second worker is then late). */
let splitDecided = false

/** Starts the second worker ahead of a build from scratch, unless it is already there or late. */
function prepare(): void {
  if (!part && !closed && !splitDecided) part = newPart()
}

/** The second worker is given up on if it says nothing for this long (it stopped, say). */
const PART_SILENCE_MS = 15_000

/** Starts the second worker on its share of each table's packs; settles with its index. */
function startPart(
  db: MendDatabase,
  dataKey: CryptoKey,
  tables: (RecordHashes & { packs: string[] })[],
  onProgress: (indexed: number) => void,
): Promise<Extract<FromSearchPart, { type: 'built' }>> {
  return new Promise((resolve, reject) => {
    const failed = partFailed
    const started = part ?? newPart()
    part = started
    let silence: ReturnType<typeof setTimeout> | null = null
    const end = () => {
      if (silence !== null) clearTimeout(silence)
      started.terminate()
      if (part === started) part = null
    }
    const fail = () => {
      end()
      reject(new Error('The records could not be read.'))
    }
    if (failed) return fail()
    const listen = () => {
      if (silence !== null) clearTimeout(silence)
      silence = setTimeout(fail, PART_SILENCE_MS)
    }
    started.onmessage = (event: MessageEvent<FromSearchPart>) => {
      const message = event.data
      listen()
      if (message.type === 'progress') return onProgress(message.indexed)
      end()
      if (message.type === 'built') resolve(message)
      else reject(new Error('The records could not be read.'))
    }
    // Its error is not the page's: the build goes on here alone.
    started.onerror = (event) => {
      event.preventDefault()
      fail()
    }
    listen()
    started.postMessage({
      type: 'build',
      database: db.name,
      key: dataKey,
      tables,
    } satisfies ToSearchPart)
  })
}

/**
 * A build from scratch on two cores: the first half of each table's read packs is read and
 * indexed here while the second worker does the second half; its index is then taken in (its
 * documents' texts are read from their records when first shown, as a restored index's are).
 * What neither half's packs gave (records written since, or never packed) is read from the rows
 * here.
 */
async function readSplit(
  db: MendDatabase,
  dataKey: CryptoKey,
  tables: TableNow[],
  packs: string[][],
  total: number,
): Promise<number> {
  let here = 0
  let there = 0
  const progress = () =>
    post({ type: 'progress', indexed: here + there, total: Math.max(total, here + there) })
  // A little more than half here: the second worker starts a moment later, and writes out its
  // index at the end.
  const halves = packs.map((ids) => Math.ceil(ids.length * HERE_SHARE))
  const other = startPart(
    db,
    dataKey,
    tables.map(({ table, current: now }, i) => ({
      table,
      ids: [...now.keys()],
      hashes: [...now.values()],
      packs: packs[i]!.slice(halves[i]),
    })),
    (indexed) => {
      there = indexed
      progress()
    },
  )
  other.catch(() => {})
  const stores = searchStoresOf(db)
  const served = new Map<IndexedTable, Set<string>>()
  const small: Record<IndexedTable, number> = { clients: 0, incidents: 0, addenda: 0 }
  for (const [i, { table, current: ofTable }] of tables.entries()) {
    const set = new Set<string>()
    served.set(table, set)
    const mine = packs[i]!.slice(0, halves[i])
    const index = (opened: Opened<unknown>[]) => {
      if (closed) throw CLOSED
      for (const item of opened) take(table, item, ofTable.get(item.id))
      here += opened.length
      progress()
    }
    await servePacks(db, stores[table], dataKey, ofTable, mine, set, index, (pack) => {
      if (pack.state === 'stale') packUpkeep = true
      if (pack.state === 'small') small[table] += 1
    })
  }
  const built = await other
  if (closed) return here
  const { data } = built
  // Packs are sealed again when one was out of date, or a table has more than one small one
  // (the last pack of a table is usually small: one alone stays as it is).
  if (built.stale || INDEXED_TABLES.some((table) => small[table] + built.small[table] > 1))
    packUpkeep = true
  // A record in packs of both halves (two windows sealed packs at once): the other half's copy,
  // and the packs are sealed again without the double.
  for (const { table, id } of data.records)
    if (search.has(table, id)) {
      forget(table, id)
      packUpkeep = true
    }
  search.absorb(data)
  for (const { table, id, h } of data.records) {
    hashes.set(recordKey(table, id), h)
    served.get(table)?.add(id)
    const client = table === 'incidents' ? owners.get(id) : undefined
    if (client) search.setClientOf(id, client)
  }
  // What no pack gave: read from its row.
  const missing: ChangedRecord[] = []
  for (const { table, current: now } of tables) {
    const set = served.get(table)!
    for (const [id, h] of now) if (!set.has(id)) missing.push({ table, id, h })
  }
  if (missing.length > 0) packUpkeep = true
  // Many rows to read (the packs were mostly out of date): after the check, as in `readHere`.
  if (missing.length > total / 4) await checked
  const taken = here + data.records.length
  for (let from = 0; from < missing.length && !closed; from += PAGE) {
    await update(missing.slice(from, from + PAGE))
    const indexed = taken + Math.min(from + PAGE, missing.length)
    post({ type: 'progress', indexed, total: Math.max(total, indexed) })
  }
  return taken + missing.length
}

/** Seals the read packs again (after a build that found some out of date): one more full read. */
async function upkeepPacks(db: MendDatabase, dataKey: CryptoKey): Promise<void> {
  const stores = searchStoresOf(db)
  for (const table of INDEXED_TABLES) {
    if (closed) return
    await openEveryIndexed(db, stores[table], dataKey, currentOf(table), () => {
      if (closed) throw CLOSED
    })
  }
}

/** Reads and indexes every record on this thread alone. */
async function readHere(
  db: MendDatabase,
  dataKey: CryptoKey,
  tables: TableNow[],
  total: number,
): Promise<number> {
  const stores = searchStoresOf(db)
  let indexed = 0
  try {
    for (const { table, current: ofTable } of tables) {
      await openEveryIndexed(
        db,
        stores[table],
        dataKey,
        ofTable,
        (opened) => {
          if (closed) throw CLOSED
          for (const item of opened) take(table, item, ofTable.get(item.id))
          indexed += opened.length
          post({ type: 'progress', indexed, total: Math.max(total, indexed) })
        },
        checked,
      )
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
  const store = searchStoresOf(db)[table]
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
  // The second worker of a build goes too, with the key and what it read.
  part?.terminate()
  part = null
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
      shareBuild = message.shareBuild === true
      opening = readSearchSnapshot(database, message.key, phases)
      // No snapshot: the index will be built from scratch, perhaps on two workers. The second
      // one starts loading now (its script takes a moment), so that it is ready when asked.
      void opening.then((restored) => {
        if (!restored && shareBuild) prepare()
      })
      return
    }
    case 'prepare':
      prepare()
      return
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
