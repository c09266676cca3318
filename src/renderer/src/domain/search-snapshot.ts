import type { IndexedRecord, RecordSearchData, SearchDocKind, ShelfData } from './search'
import type { TermIndexData } from './term-index'

/**
 * The search index written out as bytes (see `RecordSearch.write`), to be sealed by the store.
 * Numbers are typed arrays, read in place; every string (the records' ids and hashes, the words)
 * is one UTF-8 text cut by lengths. A document is written as numbers
 * only: its kind, the record it belongs to (its id is its kind's prefix and that record's id)
 * and the result it counts towards (a listed record's id, or rarely one of a few strings).
 * The documents' texts are not in it: the few shown as results are read from their records
 * (`RecordSearch.missing`, `fill`), so that the snapshot is what ranking needs and no more.
 *
 * Nothing here is validated by a schema: `decodeSearchSnapshot` and `RecordSearch.restore` check
 * every count, bound and reference, and throw on the first that does not fit, so that a snapshot
 * restores whole or not at all (the AEAD of the sealed row has already vouched for the bytes).
 *
 * Layout: u32 format, u32 section count, the sections' byte lengths (u32 each), then the
 * sections, each starting on a multiple of 4 bytes.
 */

/**
 * The format of the bytes: a snapshot of another format is not read (the index is rebuilt).
 * Format 1 wrote each document's id and target as strings (9.3 MB for 2,000 clients and 20,000
 * walkouts); format 2 writes them as numbers (about a quarter less to read, decrypt and decode
 * at every unlock). Format 3: the same bytes, but voided walkout records are no longer indexed;
 * a format 2 snapshot may hold them, so it is rebuilt once.
 */
export const SEARCH_SNAPSHOT_FORMAT = 3

const TABLES = ['clients', 'incidents', 'addenda'] as const
export const DOC_KINDS: readonly SearchDocKind[] = ['client', 'walkout', 'addendum', 'reflection']
/** The doc id prefix each kind has (a restored document must have its own kind's). */
export const KIND_PREFIX: Record<SearchDocKind, string> = {
  client: 'c:',
  walkout: 'w:',
  addendum: 'a:',
  reflection: 'r:',
}
/** The table of the record a document of each kind belongs to. */
const KIND_TABLE: Record<SearchDocKind, (typeof TABLES)[number]> = {
  client: 'clients',
  walkout: 'incidents',
  addendum: 'addenda',
  reflection: 'incidents',
}
/** In a document's kind byte: its clientId is null. */
export const NO_CLIENT = 0x10
/** Fields of the term index (name, initials, number, text). */
const INDEX_FIELDS = 4
const HASH = /^[0-9a-f]{64}$/

function fail(): never {
  throw new Error('The search snapshot does not fit.')
}

type Section = Uint8Array | Uint32Array | Int32Array
type SectionType<T extends Section> = {
  new (buffer: ArrayBufferLike, offset: number, length: number): T
  BYTES_PER_ELEMENT: number
}

class Writer {
  readonly sections: Section[] = []
  private readonly strings: string[] = []

  str(text: string): void {
    this.strings.push(text)
  }

  add(section: Section): void {
    this.sections.push(section)
  }

  bytes(): Uint8Array<ArrayBuffer> {
    const lengths = new Uint32Array(this.strings.length)
    for (let i = 0; i < this.strings.length; i++) lengths[i] = this.strings[i]!.length
    const utf8 = new TextEncoder().encode(this.strings.join(''))
    const sections = [...this.sections, lengths, utf8]
    const pad = (n: number) => (n + 3) & ~3
    const head = 8 + 4 * sections.length
    let total = pad(head)
    for (const section of sections) total += pad(section.byteLength)
    const out = new Uint8Array(total)
    const view = new DataView(out.buffer)
    view.setUint32(0, SEARCH_SNAPSHOT_FORMAT, true)
    view.setUint32(4, sections.length, true)
    let at = pad(head)
    sections.forEach((section, i) => {
      view.setUint32(8 + 4 * i, section.byteLength, true)
      out.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), at)
      at += pad(section.byteLength)
    })
    return out
  }
}

class Reader {
  private readonly sections: { offset: number; length: number }[] = []
  private next = 0
  private readonly lengths: Uint32Array
  private readonly text: string
  private stringAt = 0
  private charAt = 0

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.byteOffset % 4 !== 0 || bytes.byteLength < 8) fail()
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (view.getUint32(0, true) !== SEARCH_SNAPSHOT_FORMAT) fail()
    const count = view.getUint32(4, true)
    if (count < 2 || count > 1000 || 8 + 4 * count > bytes.byteLength) fail()
    const pad = (n: number) => (n + 3) & ~3
    let at = pad(8 + 4 * count)
    for (let i = 0; i < count; i++) {
      const length = view.getUint32(8 + 4 * i, true)
      if (at + length > bytes.byteLength) fail()
      this.sections.push({ offset: at, length })
      at += pad(length)
    }
    if (at !== bytes.byteLength) fail()
    const strings = this.sections.splice(count - 2, 2)
    this.lengths = this.view(strings[0]!, Uint32Array)
    // Not the fatal decoder: the bytes were sealed by Mend (valid UTF-8), and lengths are checked.
    this.text = new TextDecoder('utf-8').decode(this.view(strings[1]!, Uint8Array))
    let sum = 0
    for (const length of this.lengths) sum += length
    if (sum !== this.text.length) fail()
  }

  private view<T extends Section>(
    section: { offset: number; length: number },
    Type: SectionType<T>,
  ): T {
    if (section.length % Type.BYTES_PER_ELEMENT !== 0) fail()
    return new Type(
      this.bytes.buffer,
      this.bytes.byteOffset + section.offset,
      section.length / Type.BYTES_PER_ELEMENT,
    )
  }

  /** The next section, as this type, of exactly `count` elements (any count if undefined). */
  take<T extends Section>(Type: SectionType<T>, count?: number): T {
    const section = this.sections[this.next++] ?? fail()
    const out = this.view(section, Type)
    if (count !== undefined && out.length !== count) fail()
    return out
  }

  str(): string {
    if (this.stringAt >= this.lengths.length) fail()
    const length = this.lengths[this.stringAt++]!
    const text = this.text.slice(this.charAt, this.charAt + length)
    this.charAt += length
    return text
  }

  /** Every section and string was read. */
  end(): void {
    if (this.next !== this.sections.length || this.stringAt !== this.lengths.length) fail()
  }
}

/**
 * A field's postings, [doc, count, …] per word (docs ascending within a word, `offsets` cutting
 * the words apart), as variable-length integers: each doc as its distance from the word's
 * previous one, then its count. Most take a byte each, a quarter of the 32-bit pairs: the
 * snapshot is read, decrypted and written in a fraction of the time.
 */
export function packPairs(offsets: Uint32Array, pairs: Int32Array): Uint8Array {
  let out = new Uint8Array(Math.max(64, pairs.length * 2))
  let at = 0
  const put = (value: number) => {
    if (at + 5 > out.length) {
      const grown = new Uint8Array(out.length * 2)
      grown.set(out)
      out = grown
    }
    while (value > 0x7f) {
      out[at++] = (value & 0x7f) | 0x80
      value >>>= 7
    }
    out[at++] = value
  }
  for (let w = 0; w + 1 < offsets.length; w++) {
    let previous = 0
    for (let k = offsets[w]!; k < offsets[w + 1]!; k += 2) {
      const doc = pairs[k]!
      const count = pairs[k + 1]!
      if (doc < previous || count < 0) fail()
      put(doc - previous)
      put(count)
      previous = doc
    }
  }
  return out.subarray(0, at)
}

/** `packPairs` undone: as many pairs as `offsets` says, every byte used, or it does not fit. */
export function unpackPairs(offsets: Uint32Array, bytes: Uint8Array): Int32Array {
  const total = offsets.length > 0 ? offsets[offsets.length - 1]! : 0
  if (total % 2 !== 0 || total > bytes.length * 2) fail()
  const pairs = new Int32Array(total)
  const end = bytes.length
  let at = 0
  /** The number at `at` (most are one byte: read in place, the rest here). */
  const long = (): number => {
    let value = 0
    for (let shift = 0; shift < 35; shift += 7) {
      if (at >= end) fail()
      const byte = bytes[at++]!
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
    }
    return fail()
  }
  for (let w = 0; w + 1 < offsets.length; w++) {
    const from = offsets[w]!
    const to = offsets[w + 1]!
    if (to < from || to > total) fail()
    let doc = 0
    for (let k = from; k < to; k += 2) {
      if (at + 1 < end && bytes[at]! < 0x80 && bytes[at + 1]! < 0x80) {
        doc += bytes[at]!
        pairs[k + 1] = bytes[at + 1]!
        at += 2
      } else {
        doc += long()
        pairs[k + 1] = Math.min(long(), 0x7fffffff)
      }
      if (doc > 0x7fffffff) fail()
      pairs[k] = doc
    }
  }
  if (at !== end) fail()
  return pairs
}

/** The index written out (`RecordSearch.write`) as bytes. */
export function encodeSearchSnapshot(data: RecordSearchData): Uint8Array<ArrayBuffer> {
  const w = new Writer()
  const { records } = data
  const shelves = [data.recordShelf, data.reflectionShelf]
  /** `table:id` -> record number, and id -> the first record number with that id (targets). */
  const numberOf = new Map<string, number>()
  const byId = new Map<string, number>()
  records.forEach(({ table, id }, n) => {
    numberOf.set(`${table}:${id}`, n)
    if (!byId.has(id)) byId.set(id, n)
  })
  /** Targets that are no listed record's id (an addendum of a walkout not indexed). */
  const extra: string[] = []
  const extraOf = new Map<string, number>()
  const written = shelves.map(({ kinds, ids, targets, index }) => {
    if (index.fields.length !== INDEX_FIELDS || index.docs !== ids.length) fail()
    if (kinds.length !== ids.length || targets.length !== ids.length) fail()
    const owners = new Uint32Array(ids.length)
    const targetNumbers = new Int32Array(ids.length)
    for (let d = 0; d < ids.length; d++) {
      const kind = DOC_KINDS[kinds[d]! & ~NO_CLIENT] ?? fail()
      const id = ids[d]!
      // The id is written as its record: it must be its kind's prefix and that record's id.
      if (!id.startsWith(KIND_PREFIX[kind])) fail()
      owners[d] = numberOf.get(`${KIND_TABLE[kind]}:${id.slice(2)}`) ?? fail()
      const target = targets[d]!
      let number = byId.get(target)
      if (number === undefined) {
        let k = extraOf.get(target)
        if (k === undefined) {
          k = extra.length
          extra.push(target)
          extraOf.set(target, k)
        }
        number = -1 - k
      }
      targetNumbers[d] = number
    }
    return { kinds, owners, targetNumbers, index }
  })
  w.add(Uint32Array.from([records.length, ...shelves.map((s) => s.ids.length), extra.length]))
  w.add(Uint8Array.from(records, (record) => TABLES.indexOf(record.table)))
  for (const record of records) {
    w.str(record.id)
    w.str(record.h)
  }
  for (const target of extra) w.str(target)
  for (const { kinds, owners, targetNumbers, index } of written) {
    w.add(kinds)
    w.add(owners)
    w.add(targetNumbers)
    w.str(index.words)
    for (const field of index.fields) {
      w.add(field.offsets)
      w.add(packPairs(field.offsets, field.pairs))
      w.add(field.lengths)
    }
  }
  return w.bytes()
}

/**
 * Bytes of `encodeSearchSnapshot` back to the index written out, its numbers read in place.
 * Throws if anything does not fit (another format, a count or bound out of place); restoring
 * the result checks the rest.
 */
export function decodeSearchSnapshot(bytes: Uint8Array): RecordSearchData {
  const r = new Reader(bytes)
  const head = r.take(Uint32Array, 4)
  const recordCount = head[0]!
  const tables = r.take(Uint8Array, recordCount)
  const records: IndexedRecord[] = []
  for (let n = 0; n < recordCount; n++) {
    const table = TABLES[tables[n]!] ?? fail()
    const id = r.str()
    const h = r.str()
    if (!id || !HASH.test(h)) fail()
    records.push({ table, id, h })
  }
  const extra: string[] = []
  for (let k = 0; k < head[3]!; k++) extra.push(r.str())
  const shelf = (count: number): ShelfData => {
    const kinds = r.take(Uint8Array, count)
    const owners = r.take(Uint32Array, count)
    const targetNumbers = r.take(Int32Array, count)
    const ids: string[] = []
    const targets: string[] = []
    for (let d = 0; d < count; d++) {
      const kind = DOC_KINDS[kinds[d]! & ~NO_CLIENT] ?? fail()
      ids.push(KIND_PREFIX[kind] + (records[owners[d]!] ?? fail()).id)
      const t = targetNumbers[d]!
      targets.push(t >= 0 ? (records[t] ?? fail()).id : (extra[-1 - t] ?? fail()))
    }
    const words = r.str()
    const fields: TermIndexData['fields'] = []
    for (let k = 0; k < INDEX_FIELDS; k++) {
      const offsets = r.take(Uint32Array)
      fields.push({
        offsets,
        pairs: unpackPairs(offsets, r.take(Uint8Array)),
        lengths: r.take(Int32Array, count),
      })
    }
    return { kinds, ids, targets, index: { docs: count, words, fields } }
  }
  const recordShelf = shelf(head[1]!)
  const reflectionShelf = shelf(head[2]!)
  r.end()
  return { records, recordShelf, reflectionShelf }
}
