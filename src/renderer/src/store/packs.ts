import { fromSealedUtf8, toHex, utf8 } from '../crypto/bytes'
import { sealedHasher } from '../crypto/hash'
import { compact, expandTo, wipeCompacted } from '../crypto/compact'
import { freshIv, openBytes, recordAad, sealBytes, type Sealed } from '../crypto/envelope'
import type { IndexedTable } from './codecs'
import type { DerivedRow, MendDatabase, SealedRow } from './db'
import { DERIVED } from './keys'
import { PAGE_SIZE, pagesOf } from './pages'
import { checkOpened, type Opened, type RecordStore } from './records'

/**
 * Read packs: every record of an indexed table (clients, walkouts, addenda) also sealed in packs
 * of many records, so that a read of them all (the search index built from scratch) decrypts a
 * few hundred packs instead of tens of thousands of rows. WebCrypto costs about as much per call
 * as it does per kilobyte of a small record; one call per pack makes the read of every record
 * cheaper than reading the same records unencrypted. (Backup, Verify and the merge after a
 * restore read the rows: they vouch for what the rows hold now.)
 *
 * Packs are derived data in the `derived` table, like the search snapshot: sealed with the data
 * key, never backed up, not bound into the audit trail. The rows stay what is written and
 * checked. Each record in a pack carries the hash of the row it was read from, and is used only
 * while the sealed index (kept current by every write) gives that same hash for the record;
 * anything else (a record changed, added or deleted since, a pack that does not open, a pack of
 * another schema version, a record found twice) is read from its row, and its pack is sealed
 * again at the end of the read. A write that deletes records drops the table's packs in the same
 * transaction, and a read that began before it writes no pack back: a deleted record's words do
 * not outlive it there. A record edited keeps its earlier version, sealed, in its pack until a
 * full read (a build of the search index from scratch) seals that pack again.
 *
 * Packs are compressed (see compact.ts) with many records together. Someone who could both put
 * words into a record (a client's message pasted in) and watch the sizes of the vault's files
 * over time could learn, from how well a pack compresses, whether other records in it share
 * those words; that needs the disk, and repeated looks at it.
 */

/**
 * A pack is sealed once its text reaches this many bytes (UTF-8; or PACK_SIZE records): compressed
 * (see compact.ts), under about 64 KiB sealed. IndexedDB in Chromium keeps larger values in files
 * of their own, read apart and slower; packs under it are read with the rest. About 250 clients
 * or 50 walkouts to a pack.
 */
const PACK_TEXT = 128 * 1024
/** Records per pack at most. */
export const PACK_SIZE = 256
/** Version of a pack's content (bound into its associated data). */
const PACK_FORMAT = 1
/** Packs read (and decrypted side by side) at a time. */
const PACKS_PER_PAGE = 16
/** Pages of packs being read and decrypted at a time. */
const PAGES_AHEAD = 3

const DERIVED_TABLE = 'derived'

/** The ids of a table's packs, as a key range of the `derived` table. */
export const packRange = (table: IndexedTable): [string, string] => [
  DERIVED.packsOf(table),
  DERIVED.packsOf(table) + '\uffff',
]

/** A pack's content: the codec's schema version, and [id, hash of its row, value] per record. */
interface PackContent {
  sv: number
  e: [string, string, unknown][]
}

/** The hash the sealed index gives each record of a table (id -> hash of its sealed row). */
export interface CurrentHashes {
  readonly size: number
  get(id: string): string | undefined
  keys(): Iterable<string>
}

/** What the sealed index of a session gives for a table (see `CurrentHashes`). */
export function indexedHashes(
  index: { all(table: IndexedTable): ReadonlyMap<string, { h: string }> },
  table: IndexedTable,
): CurrentHashes {
  const entries = index.all(table)
  return { size: entries.size, get: (id) => entries.get(id)?.h, keys: () => entries.keys() }
}

/** A record opened for repacking: its id, the hash of the row it came from, its checked value. */
export type Entry = [string, string, unknown]

/** A pack opened: its content, and whether it is less than half full (to be merged). */
async function openPack(
  key: CryptoKey,
  row: DerivedRow,
): Promise<{ content: PackContent; small: boolean } | null> {
  if (row.sv !== PACK_FORMAT) return null
  try {
    const bytes = await openBytes(key, recordAad(DERIVED_TABLE, row.id, row.sv), row.enc)
    try {
      let size = 0
      const text = expandTo(bytes, (utf8Text) => {
        size = utf8Text.length
        return fromSealedUtf8(utf8Text)
      })
      const content = JSON.parse(text) as PackContent
      if (!Number.isInteger(content?.sv) || !Array.isArray(content.e)) return null
      return { content, small: size < PACK_TEXT / 2 && content.e.length < PACK_SIZE / 2 }
    } finally {
      bytes.fill(0)
    }
  } catch {
    return null
  }
}

/** Seals a pack from its records' JSON texts (each an `Entry`). */
async function sealPack(
  key: CryptoKey,
  table: IndexedTable,
  sv: number,
  entries: string[],
): Promise<DerivedRow> {
  const id = DERIVED.packsOf(table) + crypto.randomUUID()
  // The text of `{ sv, e: entries }` (a PackContent), from the entries written out one by one.
  const bytes = utf8(`{"sv":${sv},"e":[${entries.join(',')}]}`)
  let sealing: Promise<Sealed>
  try {
    // Compressed (see compact.ts): a third of the bytes for IndexedDB to store and read.
    sealing = sealBytes(key, recordAad(DERIVED_TABLE, id, PACK_FORMAT), compact(bytes))
  } finally {
    wipeCompacted()
    bytes.fill(0)
  }
  return { id, sv: PACK_FORMAT, enc: await sealing }
}

/** The ids of a table's packs (none if they cannot be listed). */
export function packIdsOf(db: MendDatabase, table: IndexedTable): Promise<string[]> {
  return db.derived
    .where('id')
    .between(...packRange(table))
    .primaryKeys()
    .catch(() => [])
}

/**
 * What a read found of one pack: every record in it current ('current'); current but less than
 * half full ('small'); or out of date, not opening, of another version, or holding a record
 * already given ('stale'). `entries`: its records that were current (given), for sealing again.
 */
export type PackState = { id: string; state: 'current' | 'small' | 'stale'; entries: Entry[] }

/**
 * Gives the records of these packs (of one table) that the sealed index has as they are in the
 * pack (the same row hash), each validated as a row's would be, and not already in `served`
 * (which it fills). The packs are read by id, a page at a time: a few pages being read and
 * decrypted (off this thread) ahead of the one in use. Never reads a row, never writes.
 */
export async function servePacks<T>(
  db: MendDatabase,
  store: RecordStore<T, SealedRow>,
  key: CryptoKey,
  current: CurrentHashes,
  ids: readonly string[],
  served: Set<string>,
  onPage: (opened: Opened<T>[]) => void | Promise<void>,
  onPack: (pack: PackState) => void = () => {},
): Promise<void> {
  const sv = store.codec.schemaVersion
  const serve = async (rows: DerivedRow[], packs: Awaited<ReturnType<typeof openPack>>[]) => {
    const out: Extract<Opened<T>, { ok: true }>[] = []
    packs.forEach((opened, p) => {
      const id = rows[p]!.id
      const pack = opened?.content
      if (!pack || pack.sv !== sv) return onPack({ id, state: 'stale', entries: [] })
      const from = out.length
      for (const entry of pack.e) {
        const [recordId, h, value] = Array.isArray(entry) ? entry : []
        if (
          typeof recordId !== 'string' ||
          typeof h !== 'string' ||
          served.has(recordId) ||
          current.get(recordId) !== h
        )
          continue
        const checked = checkOpened(store.codec, value)
        if (!checked.success) continue
        served.add(recordId)
        out.push({ id: recordId, ok: true, value: checked.data })
      }
      const good = out.length - from
      if (good < pack.e.length || opened.small) {
        const entries = out.slice(from).map((o): Entry => [o.id, current.get(o.id)!, o.value])
        onPack({ id, state: good < pack.e.length ? 'stale' : 'small', entries })
      } else onPack({ id, state: 'current', entries: [] })
    })
    if (out.length > 0) await onPage(out)
  }
  const load = async (page: readonly string[]) => {
    const got: (DerivedRow | undefined)[] = await db.derived.bulkGet([...page]).catch(() => [])
    const rows = got.filter((row): row is DerivedRow => row !== undefined)
    return { rows, packs: await Promise.all(rows.map((row) => openPack(key, row))) }
  }
  const ahead: ReturnType<typeof load>[] = []
  let at = 0
  const more = () => {
    if (at >= ids.length) return
    ahead.push(load(ids.slice(at, at + PACKS_PER_PAGE)))
    at += PACKS_PER_PAGE
  }
  for (let k = 0; k < PAGES_AHEAD; k++) more()
  while (ahead.length > 0) {
    const { rows, packs } = await ahead.shift()!
    more()
    await serve(rows, packs)
  }
}

/**
 * Opens every record of an indexed table that the sealed index lists (`current`), from its packs
 * where they are current and from its row otherwise, handing the results to `onPage` a batch at a
 * time (in no particular order). Every value is validated as a row's would be (the compiled check,
 * then the schema); a record that does not open is reported, never dropped. The packs of what was
 * read from rows are sealed again afterwards; that upkeep failing never fails the read.
 *
 * When the table does not hold as many rows as the index lists (the index is behind), every row
 * is read instead, and the packs are all sealed again from them. Reading every row in order (that,
 * or when the packs miss more than a quarter of the records) waits for `rowsAfter` first.
 */
export async function openEveryIndexed<T>(
  db: MendDatabase,
  store: RecordStore<T, SealedRow>,
  key: CryptoKey,
  current: CurrentHashes,
  onPage: (opened: Opened<T>[]) => void | Promise<void>,
  /** What a read of every row waits for (the search's build: the check of the unlock). */
  rowsAfter: Promise<unknown> = Promise.resolve(),
): Promise<void> {
  const table = store.codec.table as IndexedTable
  const sv = store.codec.schemaVersion
  const served = new Set<string>()
  /** Packs to delete: out of date, not opening, or merged into new ones. */
  const dropped: string[] = []
  const rebuild = new Repacker(
    db,
    key,
    table,
    sv,
    dropMark(db, table).catch(() => ''),
  )
  /** Small packs: merged into the new ones if any are made (their entries kept until then). */
  const small: { id: string; entries: Entry[] }[] = []

  const everyRow = (await store.table.count()) !== current.size
  if (!everyRow) {
    await servePacks(
      db,
      store,
      key,
      current,
      await packIdsOf(db, table),
      served,
      onPage,
      (pack) => {
        if (pack.state === 'stale') {
          dropped.push(pack.id)
          rebuild.add(pack.entries)
        } else if (pack.state === 'small') small.push(pack)
      },
    )
  }

  // Everything the packs did not give (or every row): read from the rows, by id.
  const hash = await sealedHasher()
  const take = async (rows: (SealedRow | undefined)[]) => {
    const present = rows.filter((row): row is SealedRow => row !== undefined)
    const opened = await Promise.all(present.map((row) => store.open(key, row)))
    const entries: Entry[] = []
    opened.forEach((result, i) => {
      if (result.ok) entries.push([result.id, hash(present[i]!.enc), result.value])
    })
    rebuild.add(entries)
    if (opened.length > 0) await onPage(opened)
  }
  if (everyRow) {
    dropped.push(...(await packIdsOf(db, table)))
    await rowsAfter
    for await (const rows of pagesOf(store.table)) await take(rows)
  } else {
    const missing: string[] = []
    for (const id of current.keys()) if (!served.has(id)) missing.push(id)
    if (missing.length > current.size / 4) {
      // Many (no packs yet, or most out of date): every row in order beats one read per row.
      await rowsAfter
      for await (const rows of pagesOf(store.table))
        await take(rows.filter((row) => !served.has(row.id) && current.get(row.id) !== undefined))
    } else {
      for (let i = 0; i < missing.length; i += PAGE_SIZE)
        await take(await store.table.bulkGet(missing.slice(i, i + PAGE_SIZE)))
    }
  }

  if (rebuild.any() || dropped.length > 0) {
    if (small.length > 1 || (small.length > 0 && rebuild.any())) {
      for (const pack of small) {
        dropped.push(pack.id)
        rebuild.add(pack.entries)
      }
    }
    await rebuild.finish(dropped).catch(() => {})
  }
}

/**
 * Seals new packs as records come in (a pack as soon as it is full, so that only sealed bytes
 * wait), and at the end writes them all and deletes the packs they replace, in one transaction.
 */
class Repacker {
  /** The next pack's records, each as its JSON text, and their size (UTF-8 bytes, about). */
  private texts: string[] = []
  private size = 0
  private sealed: Promise<DerivedRow>[] = []

  constructor(
    private readonly db: MendDatabase,
    private readonly key: CryptoKey,
    private readonly table: IndexedTable,
    private readonly sv: number,
    /** The table's drop mark when the read began (see `dropPacks`). */
    private readonly mark: Promise<string>,
  ) {}

  any(): boolean {
    return this.sealed.length > 0 || this.texts.length > 0
  }

  add(entries: Entry[]): void {
    for (const entry of entries) {
      const text = JSON.stringify(entry)
      this.texts.push(text)
      this.size += utf8Size(text) + 1
      if (this.size >= PACK_TEXT || this.texts.length === PACK_SIZE) this.seal()
    }
  }

  private seal(): void {
    const texts = this.texts
    this.texts = []
    this.size = 0
    this.sealed.push(sealPack(this.key, this.table, this.sv, texts))
  }

  /**
   * Seals the rest, then in one transaction deletes the packs these replace and writes the new
   * ones, unless records of the table were deleted since the read began (its packs were dropped
   * then): what was read may hold a deleted record, and nothing is written.
   */
  async finish(dropped: string[]): Promise<void> {
    if (this.texts.length > 0) this.seal()
    const rows = await Promise.all(this.sealed)
    const mark = await this.mark
    await this.db.transaction('rw', this.db.derived, async () => {
      if ((await dropMark(this.db, this.table)) !== mark) return
      await this.db.derived.bulkDelete(dropped)
      await this.db.derived.bulkPut(rows)
    })
  }
}

/** About how many bytes a text takes in UTF-8 (exact for text without lone surrogates). */
function utf8Size(text: string): number {
  let size = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) size += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1
  }
  return size
}

/** The table's drop mark now ('' if its packs were never dropped). */
async function dropMark(db: MendDatabase, table: IndexedTable): Promise<string> {
  const row = await db.derived.get(DERIVED.packsDropped(table))
  return row ? toHex(row.enc.iv) : ''
}

/**
 * Deletes every pack of a table, in a write that deletes records of it, and sets a new drop mark:
 * a read that began before cannot write back packs holding a record deleted since.
 */
export async function dropPacks(db: MendDatabase, table: IndexedTable): Promise<void> {
  const [from, to] = packRange(table)
  await db.derived.where('id').between(from, to).delete()
  await db.derived.put({
    id: DERIVED.packsDropped(table),
    sv: 0,
    enc: { iv: freshIv(), ct: new Uint8Array(0) },
  })
}
