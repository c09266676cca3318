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

export class TermIndex {
  private readonly ids = new Map<string, number>()
  private readonly words: string[] = []
  private readonly tree = new SearchableMap<number>()
  /** Per field, per word id: [doc, weighted count, doc, weighted count, …], docs ascending. */
  private readonly postings: (number[] | undefined)[][]
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
    this.lastDoc = boosts.map(() => [])
    this.lengths = boosts.map(() => [])
    this.totalLength = boosts.map(() => 0)
  }

  /** Documents in the index (removed ones not counted). */
  get size(): number {
    return this.live
  }

  /** Words known (for measurements). */
  get vocabulary(): number {
    return this.ids.size
  }

  /** Adds a document: its fields' folded texts, in the order of `boosts`. Returns its number. */
  add(fields: readonly string[]): number {
    const doc = this.alive.length
    this.boosts.forEach((_, f) => {
      const postings = this.postings[f]!
      const lastDoc = this.lastDoc[f]!
      const words = wordsOf(fields[f] ?? '')
      for (const word of words) {
        let id = this.ids.get(word)
        if (id === undefined) {
          id = this.words.length
          this.ids.set(word, id)
          this.words.push(word)
          this.tree.set(word, id)
        }
        let list = postings[id]
        if (!list) {
          list = []
          postings[id] = list
        }
        if (lastDoc[id] === doc) list[list.length - 1]! += 1
        else {
          list.push(doc, 1)
          lastDoc[id] = doc
        }
      }
      this.lengths[f]![doc] = words.length
      this.totalLength[f]! += words.length
    })
    this.alive.push(true)
    this.live += 1
    return doc
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
    for (const postings of this.postings) {
      for (let id = 0; id < postings.length; id++) {
        const list = postings[id]
        if (!list) continue
        let out = 0
        for (let k = 0; k < list.length; k += 2) {
          if (!this.alive[list[k]!]) continue
          list[out++] = list[k]!
          list[out++] = list[k + 1]!
        }
        list.length = out
      }
    }
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
    const words = query.slice(0, MAX_QUERY_WORDS)
    if (words.length === 0) return []
    const count = this.alive.length
    const scores = new Float64Array(count)
    const hits = new Uint32Array(count)
    const live = Math.max(this.live, 1)
    words.forEach((word, i) => {
      const bit = 1 << i
      const expanded = this.expand(word)
      for (const f of word.fields) {
        const postings = this.postings[f]
        const lengths = this.lengths[f]
        const boost = this.boosts[f]
        if (!postings || !lengths || boost === undefined) continue
        const average = this.totalLength[f]! / live || 1
        for (const [id, weight] of expanded) {
          const list = postings[id]
          if (!list) continue
          const frequency = list.length / 2
          const idf = Math.log(1 + (live - frequency + 0.5) / (frequency + 0.5))
          const factor = weight * boost * Math.max(idf, 0.01)
          for (let k = 0; k < list.length; k += 2) {
            const doc = list[k]!
            const tf = list[k + 1]!
            const norm = K1 * (1 - B + (B * lengths[doc]!) / average)
            scores[doc]! += (factor * tf * (K1 + 1)) / (tf + norm)
            hits[doc]! |= bit
          }
        }
      }
    })
    const all = (1 << words.length) - 1
    const out: Candidate[] = []
    for (let doc = 0; doc < count; doc++) {
      if (hits[doc] === all && this.alive[doc] && (!accept || accept(doc)))
        out.push({ doc, score: scores[doc]! })
    }
    return out
  }
}
