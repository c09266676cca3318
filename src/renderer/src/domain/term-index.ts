import SearchableMap from 'minisearch/SearchableMap'

/**
 * A small inverted index with BM25 ranking, for search over tens of thousands of records inside a
 * worker. The words themselves live in MiniSearch's radix tree (`SearchableMap`), which finds the
 * words that begin with a prefix or are within a few typos of a word; what each word occurs in is
 * kept in flat arrays of numbers, so that building the index and scoring a query that matches
 * every record stay in the low milliseconds per thousand records.
 *
 * (MiniSearch's own index was measured on the benchmark practice, 22,000 records and 4.7 million
 * words: adding took seconds and a query matching most records 100–400 ms, because it keeps an
 * object per word occurrence and per result. This index is the same idea with numbers.)
 */

/** Words of already folded text (see `fold`): letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu

export function wordsOf(folded: string): string[] {
  return folded.match(WORD) ?? []
}

/** One word of a query, and how it may match. */
export interface QueryWord {
  /** Folded. */
  term: string
  /** Also match words that begin with it. */
  prefix: boolean
  /** Also match words within this many typos (0: none). */
  fuzzy: number
  /** The fields it is searched in (indexes into the index's fields). */
  fields: readonly number[]
}

/** BM25 parameters (the usual ones) and the weight of inexact matches (MiniSearch's defaults). */
const K1 = 1.2
const B = 0.7
const PREFIX_WEIGHT = 0.375
const FUZZY_WEIGHT = 0.45
/** A query of more words than this keeps only the first ones (one bit per word). */
export const MAX_QUERY_WORDS = 30

export interface Candidate {
  doc: number
  score: number
}

/** The documents a query matched (ascending), and the scores by document number. */
export interface Matches {
  docs: number[]
  scores: Float64Array
}

/** Letters and digits among the first 128 character codes (the rest are asked of WORD_CHAR). */
const ASCII_WORD = new Uint8Array(128)
for (let code = 0; code < 128; code++)
  ASCII_WORD[code] = /[\p{L}\p{N}]/u.test(String.fromCharCode(code)) ? 1 : 0
const WORD_CHAR = /^[\p{L}\p{N}]$/u
const nonAscii = new Map<number, boolean>()

/** How many code units the word character at `i` takes (0: it is not a letter or digit). */
function wordWidth(text: string, i: number, code: number): number {
  if (code < 128) return ASCII_WORD[code]!
  const point = text.codePointAt(i)!
  let known = nonAscii.get(point)
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(point))
    nonAscii.set(point, known)
  }
  return known ? (point > 0xffff ? 2 : 1) : 0
}

/** Whether `word` is written in `text` at `start` (as `startsWith`, which is slower for short words). */
function same(text: string, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k++)
    if (text.charCodeAt(start + k) !== word.charCodeAt(k)) return false
  return true
}

/**
 * The hash `add` computes for a word as it reads it (FNV-1a over its code units, a character
 * outside the basic plane counted by its first unit only), so a restored index finds its words.
 */
function hashWord(word: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < word.length;) {
    const code = word.charCodeAt(i)
    hash = Math.imul(hash ^ code, 0x01000193)
    i += code < 128 ? 1 : word.codePointAt(i)! > 0xffff ? 2 : 1
  }
  return hash >>> 0
}

/**
 * An index written out as numbers: its words (joined by newlines: a word never holds one), and
 * per field the documents of each word as [doc, count, …] pairs (`pairs[offsets[w]..offsets[w+1]]`)
 * and each document's length. Documents are numbered 0…docs-1.
 */
export interface TermIndexData {
  docs: number
  words: string
  fields: { offsets: Uint32Array; pairs: Int32Array; lengths: Int32Array }[]
}

export class TermIndex {
  private readonly ids = new Map<string, number>()
  private readonly words: string[] = []
  private readonly tree = new SearchableMap<number>()
  /** Open addressing from a word's hash to its id + 1 (0: empty), so adding allocates no words. */
  private slots = new Int32Array(4096)
  private readonly hashes: number[] = []
  /**
   * Per field, per word id: [doc, count, doc, count, …], docs ascending, in a typed array that
   * doubles when full (`used` says how much of it is filled).
   */
  private readonly postings: (Int32Array | undefined)[][]
  private readonly used: number[][]
  /** Per field, per word id: the last doc that was given an entry (to count repeats in place). */
  private readonly lastDoc: number[][]
  /** Per field, per doc: how many words. */
  private readonly lengths: number[][]
  private readonly totalLength: number[]
  private readonly alive: boolean[] = []
  private live = 0
  private dead = 0

  /** `boosts[f]`: how much a match in field f counts. */
  constructor(private readonly boosts: readonly number[]) {
    this.postings = boosts.map(() => [])
    this.used = boosts.map(() => [])
    this.lastDoc = boosts.map(() => [])
    this.lengths = boosts.map(() => [])
    this.totalLength = boosts.map(() => 0)
  }

  /** Documents in the index (removed ones not counted). */
  get size(): number {
    return this.live
  }

  /** Documents numbered so far (removed ones too): the next one added gets this number. */
  get docCount(): number {
    return this.alive.length
  }

  /** Words known (for measurements). */
  get vocabulary(): number {
    return this.ids.size
  }

  /** The id of the word text[start, end) with the given hash, added if new. */
  private intern(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!
      if (entry === 0) break
      const id = entry - 1
      const word = this.words[id]!
      if (this.hashes[id] === hash && word.length === length && same(text, start, word)) return id
    }
    const word = text.slice(start, end)
    const id = this.words.length
    this.ids.set(word, id)
    this.words.push(word)
    this.hashes.push(hash)
    this.tree.set(word, id)
    this.grow(id + 1)
    if (this.words.length * 2 > this.slots.length) this.rehash()
    else this.place(id)
    return id
  }

  /**
   * Gives every field's per-word arrays room for `words` words, filled in order: a word's id is
   * shared by the fields, and an array written at an id far past its end would become sparse
   * (a dictionary, several times slower to read and write while documents are added).
   */
  private grow(words: number): void {
    for (let f = 0; f < this.boosts.length; f++) {
      const postings = this.postings[f]!
      const used = this.used[f]!
      const lastDoc = this.lastDoc[f]!
      while (postings.length < words) {
        postings.push(undefined)
        used.push(0)
        lastDoc.push(-1)
      }
    }
  }

  private place(id: number): void {
    const mask = this.slots.length - 1
    let slot = this.hashes[id]! & mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask
    this.slots[slot] = id + 1
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    for (let id = 0; id < this.words.length; id++) this.place(id)
  }

  /** Adds a document: its fields' folded texts, in the order of `boosts`. Returns its number. */
  add(fields: readonly string[]): number {
    const doc = this.alive.length
    for (let f = 0; f < this.boosts.length; f++) {
      const postings = this.postings[f]!
      const lastDoc = this.lastDoc[f]!
      const used = this.used[f]!
      const text = fields[f] ?? ''
      const n = text.length
      let count = 0
      let i = 0
      // The words of the text as `wordsOf` finds them, each looked up without being cut out.
      while (i < n) {
        let code = text.charCodeAt(i)
        let width = code < 128 ? ASCII_WORD[code]! : wordWidth(text, i, code)
        if (width === 0) {
          i += 1
          continue
        }
        const start = i
        let hash = 0x811c9dc5
        do {
          hash = Math.imul(hash ^ code, 0x01000193)
          i += width
          if (i >= n) break
          code = text.charCodeAt(i)
          width = code < 128 ? ASCII_WORD[code]! : wordWidth(text, i, code)
        } while (width !== 0)
        const id = this.intern(text, start, i, hash >>> 0)
        count += 1
        let list = postings[id]
        if (!list) {
          list = new Int32Array(8)
          postings[id] = list
          used[id] = 0
          lastDoc[id] = -1
        }
        const at = used[id]!
        if (lastDoc[id] === doc) list[at - 1]! += 1
        else {
          if (at === list.length) {
            const grown = new Int32Array(at * 2)
            grown.set(list)
            list = grown
            postings[id] = list
          }
          list[at] = doc
          list[at + 1] = 1
          used[id] = at + 2
          lastDoc[id] = doc
        }
      }
      this.lengths[f]![doc] = count
      this.totalLength[f]! += count
    }
    this.alive.push(true)
    this.live += 1
    return doc
  }

  /**
   * The documents `keep` (ascending doc numbers, all alive) as a compact index of their own,
   * numbered 0… in that order; words no kept document has are left out.
   */
  exportDocs(keep: readonly number[]): TermIndexData {
    const renumber = new Int32Array(this.alive.length).fill(-1)
    keep.forEach((doc, i) => {
      if (!this.alive[doc]) throw new Error('Only live documents are written out.')
      renumber[doc] = i
    })
    const fieldCount = this.boosts.length
    // The kept entries of every word, field by field, before knowing which words stay.
    const kept: Int32Array[][] = this.postings.map(() => [])
    const keptWords: number[] = []
    for (let id = 0; id < this.words.length; id++) {
      let any = false
      for (let f = 0; f < fieldCount; f++) {
        const list = this.postings[f]![id]
        const used = list ? this.used[f]![id]! : 0
        let n = 0
        for (let k = 0; k < used; k += 2) if (renumber[list![k]!]! >= 0) n += 2
        const out = new Int32Array(n)
        let at = 0
        for (let k = 0; k < used; k += 2) {
          const doc = renumber[list![k]!]!
          if (doc < 0) continue
          out[at++] = doc
          out[at++] = list![k + 1]!
        }
        kept[f]!.push(out)
        if (n > 0) any = true
      }
      if (any) keptWords.push(id)
      else for (let f = 0; f < fieldCount; f++) kept[f]!.pop()
    }
    const fields = this.boosts.map((_, f) => {
      const lists = kept[f]!
      const offsets = new Uint32Array(lists.length + 1)
      let total = 0
      lists.forEach((list, w) => {
        offsets[w] = total
        total += list.length
      })
      offsets[lists.length] = total
      const pairs = new Int32Array(total)
      lists.forEach((list, w) => pairs.set(list, offsets[w]))
      const lengths = new Int32Array(keep.length)
      keep.forEach((doc, i) => (lengths[i] = this.lengths[f]![doc] ?? 0))
      return { offsets, pairs, lengths }
    })
    return {
      docs: keep.length,
      words: keptWords.map((id) => this.words[id]!).join('\n'),
      fields,
    }
  }

  /**
   * An index as `exportDocs` wrote it out. The numbers are used as they are (views, not copies); the
   * words are put back into the tree. Throws on anything inconsistent (counts, bounds).
   */
  static restore(boosts: readonly number[], data: TermIndexData): TermIndex {
    const index = new TermIndex(boosts)
    index.absorb(data)
    return index
  }

  /**
   * Adds the documents of an index written out (`exportDocs`, of other documents) after this
   * one's, numbered from `docCount` on, in their order. Into an empty index the numbers are used
   * as they are (views, not copies). Throws on anything inconsistent (counts, bounds), before
   * anything is changed; `checked`: its words, as `checkTerms` returned them (checked already).
   */
  absorb(data: TermIndexData, checked?: readonly string[]): void {
    const words = checked ?? checkTerms(data, this.boosts.length)
    const { docs } = data
    const offset = this.alive.length
    const ids = words.map((word) => this.intern(word, 0, word.length, hashWord(word)))
    for (const [f, { offsets, pairs, lengths }] of data.fields.entries()) {
      const postings = this.postings[f]!
      const used = this.used[f]!
      for (let w = 0; w < words.length; w++) {
        const from = offsets[w]!
        const to = offsets[w + 1]!
        if (to === from) continue
        const id = ids[w]!
        const list = postings[id]
        if (!list && offset === 0) {
          postings[id] = pairs.subarray(from, to)
          used[id] = to - from
          continue
        }
        const have = used[id]!
        const need = have + (to - from)
        let into = list
        if (!into || into.length < need) {
          into = new Int32Array(Math.max(need, 8, (list?.length ?? 0) * 2))
          if (list) into.set(list.subarray(0, have))
          postings[id] = into
        }
        for (let k = from; k < to; k += 2) {
          into[have + k - from] = pairs[k]! + offset
          into[have + k - from + 1] = pairs[k + 1]!
        }
        used[id] = need
      }
      const own = this.lengths[f]!
      for (let doc = 0; doc < docs; doc++) {
        own.push(lengths[doc]!)
        this.totalLength[f]! += lengths[doc]!
      }
    }
    for (let doc = 0; doc < docs; doc++) this.alive.push(true)
    this.live += docs
  }

  /** Removes a document (its entries are dropped from the lists when enough have piled up). */
  remove(doc: number): void {
    if (!this.alive[doc]) return
    this.alive[doc] = false
    this.live -= 1
    this.dead += 1
    this.boosts.forEach((_, f) => (this.totalLength[f]! -= this.lengths[f]![doc] ?? 0))
    if (this.dead > 1000 && this.dead > this.live / 4) this.compact()
  }

  private compact(): void {
    this.postings.forEach((postings, f) => {
      const used = this.used[f]!
      for (let id = 0; id < postings.length; id++) {
        const list = postings[id]
        if (!list) continue
        let out = 0
        for (let k = 0; k < used[id]!; k += 2) {
          if (!this.alive[list[k]!]) continue
          list[out++] = list[k]!
          list[out++] = list[k + 1]!
        }
        used[id] = out
      }
    })
    this.dead = 0
  }

  /** The indexed words a query word matches, each with its weight (1 for the word itself). */
  expand(word: QueryWord): Map<number, number> {
    const found = new Map<number, number>()
    const keep = (id: number, weight: number) => {
      if ((found.get(id) ?? 0) < weight) found.set(id, weight)
    }
    const length = word.term.length
    const exact = this.ids.get(word.term)
    if (exact !== undefined) keep(exact, 1)
    if (word.prefix) {
      for (const [key, id] of this.tree.atPrefix(word.term).entries())
        if (key !== word.term)
          keep(id, (PREFIX_WEIGHT * length) / (length + 0.3 * (key.length - length)))
    }
    if (word.fuzzy > 0) {
      for (const [, [id, distance]] of this.tree.fuzzyGet(word.term, word.fuzzy))
        if (distance > 0) keep(id, (FUZZY_WEIGHT * length) / (length + distance))
    }
    return found
  }

  /** The words of the index that a query word matches (folded). */
  matchingWords(word: QueryWord): string[] {
    return [...this.expand(word).keys()].map((id) => this.words[id]!)
  }

  /**
   * The documents that match every word of the query (in one of its fields), with their BM25
   * scores summed over the words and fields they matched in. Unordered.
   */
  search(query: readonly QueryWord[], accept?: (doc: number) => boolean): Candidate[] {
    const { docs, scores } = this.match(query, accept)
    return docs.map((doc) => ({ doc, score: scores[doc]! }))
  }

  /** As `search`, without an object per document: the docs in order, and a score per doc. */
  match(query: readonly QueryWord[], accept?: (doc: number) => boolean): Matches {
    const { hits, scores, all } = this.hits(query)
    const docs: number[] = []
    if (all === 0) return { docs, scores }
    for (let doc = 0; doc < hits.length; doc++) {
      if (hits[doc] === all && this.alive[doc] && (!accept || accept(doc))) docs.push(doc)
    }
    return { docs, scores }
  }

  /**
   * Which words of the query each document matches (bit i for word i), and its score for them;
   * `all` is the mask of every word (0 for an empty query). For matching across documents (a
   * walkout with its addenda and its client's name) where `match` wants every word in one.
   */
  hits(query: readonly QueryWord[]): { hits: Uint32Array; scores: Float64Array; all: number } {
    const words = query.slice(0, MAX_QUERY_WORDS)
    const count = this.alive.length
    const scores = new Float64Array(words.length === 0 ? 0 : count)
    const hits = new Uint32Array(words.length === 0 ? 0 : count)
    if (words.length === 0) return { hits, scores, all: 0 }
    const live = Math.max(this.live, 1)
    words.forEach((word, i) => {
      const bit = 1 << i
      const expanded = this.expand(word)
      for (const f of word.fields) {
        const postings = this.postings[f]
        const used = this.used[f]
        const lengths = this.lengths[f]
        const boost = this.boosts[f]
        if (!postings || !used || !lengths || boost === undefined) continue
        const average = this.totalLength[f]! / live || 1
        for (const [id, weight] of expanded) {
          const list = postings[id]
          if (!list) continue
          const size = used[id]!
          const frequency = size / 2
          const idf = Math.log(1 + (live - frequency + 0.5) / (frequency + 0.5))
          const factor = weight * boost * Math.max(idf, 0.01)
          for (let k = 0; k < size; k += 2) {
            const doc = list[k]!
            const tf = list[k + 1]!
            const norm = K1 * (1 - B + (B * lengths[doc]!) / average)
            scores[doc]! += (factor * tf * (K1 + 1)) / (tf + norm)
            hits[doc]! |= bit
          }
        }
      }
    })
    // Dead documents (removed) match nothing.
    for (let doc = 0; doc < count; doc++) if (!this.alive[doc]) hits[doc] = 0
    return { hits, scores, all: (1 << words.length) - 1 }
  }
}

/**
 * Throws if an index written out (`exportDocs`) is inconsistent (counts, bounds, words); returns
 * its words.
 */
export function checkTerms(data: TermIndexData, fields: number): string[] {
  const { docs } = data
  if (!Number.isInteger(docs) || docs < 0 || data.fields.length !== fields)
    throw new Error('The index does not fit.')
  const words = data.words === '' ? [] : data.words.split('\n')
  if (new Set(words).size !== words.length || words.includes(''))
    throw new Error('The index does not fit.')
  for (const { offsets, pairs, lengths } of data.fields) {
    if (offsets.length !== words.length + 1 || lengths.length !== docs)
      throw new Error('The index does not fit.')
    if (offsets[0] !== 0 || offsets[words.length] !== pairs.length || pairs.length % 2 !== 0)
      throw new Error('The index does not fit.')
    for (let w = 0; w < words.length; w++) {
      const from = offsets[w]!
      const to = offsets[w + 1]!
      if (to < from || (to - from) % 2 !== 0) throw new Error('The index does not fit.')
      for (let k = from; k < to; k += 2) {
        const doc = pairs[k]!
        if (doc < 0 || doc >= docs || pairs[k + 1]! < 1) throw new Error('The index does not fit.')
      }
    }
    for (let doc = 0; doc < docs; doc++)
      if (lengths[doc]! < 0) throw new Error('The index does not fit.')
  }
  return words
}
