import type { Client } from './client'
import { fold } from './fold'
import { DOC_KINDS, KIND_PREFIX, NO_CLIENT } from './search-snapshot'
import { checkTerms, TermIndex, wordsOf, type QueryWord, type TermIndexData } from './term-index'
import {
  STEP_IDS,
  STEP_TITLES,
  stepOf,
  type Addendum,
  type Incident,
  type StepId,
} from './incident'

/**
 * Search over clients and walkout records: what of each record is searchable, how words are
 * compared, how results are ranked and grouped, and the excerpts that show why a record matched.
 * Pure: the store builds it in a worker from the records it opens, and drops it on lock.
 *
 * A walkout's text is what its steps' `document()` writes out (the same words as the chart copy),
 * so a new field of a step is searchable without touching search. The private reflection (step
 * 'reflect') is a psychotherapy note: it is kept in an index of its own that is only searched when
 * the therapist asks for it.
 */

/** The step whose text is private: searched only when the therapist switches it on. */
export const PRIVATE_STEP = 'reflect' satisfies StepId

/** One labelled piece of a record's text ("Safety: What happened just before", the words). */
export interface SearchField {
  label: string
  text: string
}

export type SearchDocKind = 'client' | 'walkout' | 'addendum' | 'reflection'

/** What search keeps of one record (or of one walkout's private reflection). */
export interface SearchDoc {
  /** Unique across kinds: `c:<client id>`, `w:<walkout id>`, `a:<addendum id>`, `r:<walkout id>`. */
  id: string
  kind: SearchDocKind
  /** The record a result opens: the client, or the walkout record. */
  target: string
  /** Walkouts and reflections: whose they are (their client's name is searched with them). */
  clientId: string | null
  /** Clients: name, initials and number, searched with more weight (and shown as the title). */
  name: string
  initials: string
  number: string
  /** Everything else, labelled, for matching and excerpts. */
  fields: SearchField[]
}

// ---------------------------------------------------------------- words

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu

/** The words of a text, as written ("O'Neil, 2nd" -> O, Neil, 2nd). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

/** A word as the index compares it (lower case, no accents); '' drops it. */
export function processTerm(term: string): string {
  return fold(term)
}

/** Typos forgiven: none for short words, one letter from 4, two from 8. */
export function fuzziness(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0
}

/** The words of a query as the index compares them ('' for a query with no words). */
export function queryTerms(query: string): string[] {
  return tokenize(query).map(processTerm).filter(Boolean)
}

// ---------------------------------------------------------------- what is searchable

/** Field labels by step title and line label, made once (every record shares them). */
const labels = new Map<string, Map<string, string>>()

function labelOf(title: string, line: string): string {
  let byLine = labels.get(title)
  if (!byLine) {
    byLine = new Map()
    labels.set(title, byLine)
  }
  let label = byLine.get(line)
  if (label === undefined) {
    label = `${title}: ${line}`
    byLine.set(line, label)
  }
  return label
}

const NOT_BLANK = /\S/

/** A step's text as its document writes it: one field per line or list item with words in it. */
export function stepFields(incident: Pick<Incident, 'steps'>, step: StepId): SearchField[] {
  const fields: SearchField[] = []
  pushStepFields(fields, incident, step)
  return fields
}

/** `stepFields`, added to `fields` (a walkout's steps go into one list). */
function pushStepFields(
  fields: SearchField[],
  incident: Pick<Incident, 'steps'>,
  step: StepId,
): void {
  const values = incident.steps[step]
  if (!values) return
  const title = STEP_TITLES[step]
  for (const line of stepOf(step).document(values as never)) {
    let label: string | undefined
    if (NOT_BLANK.test(line.text)) {
      label = labelOf(title, line.label)
      fields.push({ label, text: line.text })
    }
    if (line.items)
      for (const item of line.items)
        if (NOT_BLANK.test(item))
          fields.push({ label: (label ??= labelOf(title, line.label)), text: item })
  }
}

/** The steps of a walkout record searched with it: all but the private reflection. */
const RECORD_STEPS = STEP_IDS.filter((step) => step !== PRIVATE_STEP)

/** Every step of a walkout record except the private reflection. */
export function walkoutFields(incident: Pick<Incident, 'steps'>): SearchField[] {
  const fields: SearchField[] = []
  for (const step of RECORD_STEPS) pushStepFields(fields, incident, step)
  return fields
}

/** The private reflection alone. */
export function reflectionFields(incident: Pick<Incident, 'steps'>): SearchField[] {
  return stepFields(incident, PRIVATE_STEP)
}

/** A client's searchable text besides the name, initials and number. */
export function clientFields(client: Client): SearchField[] {
  return [{ label: 'Notes', text: client.notes }].filter((field) => field.text.trim() !== '')
}

export const docId = {
  client: (id: string) => `c:${id}`,
  walkout: (id: string) => `w:${id}`,
  reflection: (id: string) => `r:${id}`,
  addendum: (id: string) => `a:${id}`,
}

/** A record as the search index takes it. */
export type SearchSource =
  | { table: 'clients'; id: string; value: Client }
  | { table: 'incidents'; id: string; value: Incident }
  | { table: 'addenda'; id: string; value: Addendum }

/** The search documents of one record: a client is one; a walkout two (record, reflection). */
export function searchDocs(source: SearchSource): SearchDoc[] {
  // Written out in full, the same fields in the same order (no spreads): every record of a
  // build from scratch comes through here.
  switch (source.table) {
    case 'clients':
      return [
        {
          id: docId.client(source.id),
          kind: 'client',
          target: source.id,
          clientId: null,
          name: source.value.displayName,
          initials: source.value.initials,
          number: source.value.clientNumber,
          fields: clientFields(source.value),
        },
      ]
    case 'incidents': {
      const { clientId } = source.value
      // A voided record is out of every list, search included (it is shown on request on its
      // client's page): its documents are empty, which also drops what was indexed of it.
      const voided = source.value.voided !== null
      return [
        {
          id: docId.walkout(source.id),
          kind: 'walkout',
          target: source.id,
          clientId,
          name: '',
          initials: '',
          number: '',
          fields: voided ? [] : walkoutFields(source.value),
        },
        {
          id: docId.reflection(source.id),
          kind: 'reflection',
          target: source.id,
          clientId,
          name: '',
          initials: '',
          number: '',
          fields: voided ? [] : reflectionFields(source.value),
        },
      ]
    }
    case 'addenda':
      return [
        {
          id: docId.addendum(source.id),
          kind: 'addendum',
          target: source.value.incidentId,
          clientId: null,
          name: '',
          initials: '',
          number: '',
          fields: [{ label: 'Addendum', text: source.value.text }],
        },
      ]
  }
}

// ---------------------------------------------------------------- excerpts

/** A piece of text, marked when it is one of the matching words. */
export interface Part {
  text: string
  mark: boolean
}

/** A short passage around the matching words, from one labelled field. */
export interface Excerpt {
  label: string
  parts: Part[]
  /** From the private reflection (a psychotherapy note). */
  reflection: boolean
}

interface Token {
  start: number
  end: number
  matched: boolean
}

function tokensOf(text: string, terms: ReadonlySet<string>): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index
    tokens.push({ start, end: start + match[0].length, matched: terms.has(fold(match[0])) })
  }
  return tokens
}

function partsOf(text: string, tokens: readonly Token[], from: number, to: number): Part[] {
  const parts: Part[] = []
  let at = from
  const push = (piece: string, mark: boolean) => {
    if (!piece) return
    const last = parts.at(-1)
    if (last && last.mark === mark) last.text += piece
    else parts.push({ text: piece, mark })
  }
  for (const token of tokens) {
    if (token.end <= from || token.start >= to || !token.matched) continue
    push(text.slice(at, token.start), false)
    push(text.slice(token.start, token.end), true)
    at = token.end
  }
  push(text.slice(at, to), false)
  return parts
}

/** The whole text, with the words that are among `terms` (compared folded) marked. */
export function highlight(text: string, terms: Iterable<string>): Part[] {
  const set = new Set(terms)
  return partsOf(text, tokensOf(text, set), 0, text.length)
}

/** Words kept before the first matching word of an excerpt, and at most in all. */
const BEFORE = 4
const WORDS = 16

/**
 * Up to `max` short passages that show the matching words: the fields with the most different
 * matching words first (then in the record's order), each cut to a few words around its first
 * match, with "…" where text was left out.
 */
export function excerpts(
  fields: readonly SearchField[],
  terms: Iterable<string>,
  max = 2,
  reflection = false,
): Excerpt[] {
  const set = new Set(terms)
  const candidates = fields.flatMap((field, order) => {
    const tokens = tokensOf(field.text, set)
    const first = tokens.findIndex((token) => token.matched)
    if (first < 0) return []
    const distinct = new Set(
      tokens.filter((t) => t.matched).map((t) => fold(field.text.slice(t.start, t.end))),
    ).size
    return [{ field, order, tokens, first, distinct }]
  })
  candidates.sort((a, b) => b.distinct - a.distinct || a.order - b.order)
  return candidates.slice(0, max).map(({ field, tokens, first }) => {
    const startToken = Math.max(0, first - BEFORE)
    const endToken = Math.min(tokens.length, startToken + WORDS)
    const from = startToken === 0 ? 0 : tokens[startToken]!.start
    const to = endToken === tokens.length ? field.text.length : tokens[endToken - 1]!.end
    const parts = partsOf(field.text, tokens, from, to)
    if (from > 0) parts.unshift({ text: '…', mark: false })
    if (to < field.text.length) parts.push({ text: '…', mark: false })
    return { label: field.label, parts: merged(parts), reflection }
  })
}

/** Adjacent unmarked parts joined (after the ellipses were added). */
function merged(parts: Part[]): Part[] {
  const out: Part[] = []
  for (const part of parts) {
    const last = out.at(-1)
    if (last && !last.mark && !part.mark) last.text += part.text
    else out.push({ ...part })
  }
  return out
}

// ---------------------------------------------------------------- the index

/** One record found: the client or walkout record it opens, why, and how well it matched. */
export interface SearchHit {
  id: string
  score: number
  /** The words of the record that matched (folded), for highlighting titles. */
  terms: string[]
  excerpts: Excerpt[]
  /** It matched in the private reflection (only when reflections are searched). */
  reflection: boolean
}

export interface SearchResults {
  clients: SearchHit[]
  walkouts: SearchHit[]
  /** How many matched in all (the lists stop at the limit). */
  counts: { clients: number; walkouts: number }
}

export const NO_RESULTS: SearchResults = {
  clients: [],
  walkouts: [],
  counts: { clients: 0, walkouts: 0 },
}

export interface SearchOptions {
  /** Search the private reflections too (off unless the therapist switches it on). */
  includeReflections: boolean
  /** Results kept per group. */
  limit?: number
}

/** The fields of the index, and how much a match in each counts. */
const NAME = 0
const INITIALS = 1
const NUMBER = 2
const TEXT = 3
const BOOSTS = [3, 2, 2, 1]
const NAME_FIELDS = [NAME, INITIALS, NUMBER]
const ALL_FIELDS = [NAME, INITIALS, NUMBER, TEXT]

/**
 * The words of a query as the index takes them: each matches by prefix ("j" finds Jordan) and,
 * from four letters on, forgives a typo; a single letter is looked for in names, initials and
 * client numbers only (in free text it would match nearly everything).
 */
export function queryWords(query: string): QueryWord[] {
  return [...new Set(queryTerms(query))].map((term) => ({
    term,
    prefix: true,
    fuzzy: fuzziness(term),
    fields: term.length === 1 ? NAME_FIELDS : ALL_FIELDS,
  }))
}

/**
 * One index with the documents it holds, by their number in it. A restored shelf knows its
 * documents' words (in the index) but not their texts: each is a shell until `fill` gives it its
 * document (from the record, read when the document is first among the results shown).
 */
class Shelf {
  readonly docs: (SearchDoc | undefined)[] = []
  /** By doc number: the number of the result it counts towards (see `RecordSearch.targets`). */
  readonly targets: number[] = []
  readonly numbers = new Map<string, number>()
  /** By doc number: its id (the reverse of `numbers`). */
  readonly idOf: (string | undefined)[] = []
  /** By doc number: 1 for a restored document whose texts are not here yet. */
  private shells = new Uint8Array(0)
  /** Restored documents' kind bytes (as written out), by doc number. */
  private kinds = new Uint8Array(0)
  /** How many shells are left. */
  unfilled = 0
  readonly index = new TermIndex(BOOSTS)

  /**
   * Throws if a shelf written out (`write`) cannot be taken in (`absorb`): a document of no
   * record `owns` accepts, of another kind than its id says, on the wrong shelf, or already here.
   */
  check(written: ShelfData, reflections: boolean, owns: (record: string) => boolean): void {
    const { kinds, ids, targets, index } = written
    const count = ids.length
    if (kinds.length !== count || targets.length !== count || index.docs !== count)
      throw new Error('The shelf does not fit.')
    const seen = new Set<string>()
    for (let n = 0; n < count; n++) {
      const id = ids[n]!
      const kind = DOC_KINDS[kinds[n]! & ~NO_CLIENT]
      if (
        kind === undefined ||
        (kind === 'reflection') !== reflections ||
        !id.startsWith(KIND_PREFIX[kind]) ||
        typeof targets[n] !== 'string' ||
        seen.has(id) ||
        this.numbers.has(id) ||
        !owns(ownerOf(id))
      )
        throw new Error('The shelf does not fit.')
      seen.add(id)
    }
  }

  /**
   * Takes in a shelf written out (`write`, and `check`ed; `words`: its index's words, as
   * `checkTerms` returned them) as shells after the documents here.
   */
  absorb(
    written: ShelfData,
    words: readonly string[],
    targetOf: (doc: Pick<SearchDoc, 'kind' | 'target'>) => number,
  ): void {
    const { kinds, ids, targets, index } = written
    const count = ids.length
    const first = this.index.docCount
    this.index.absorb(index, words)
    const room = first + count
    const grown = (bytes: Uint8Array) => {
      const out = new Uint8Array(room)
      out.set(bytes.subarray(0, room))
      return out
    }
    this.shells = grown(this.shells)
    this.kinds = grown(this.kinds)
    // Filled in order, never past their end: an array written far past it becomes sparse (a
    // dictionary, much slower to read, and every result reads it).
    while (this.docs.length < room) this.docs.push(undefined)
    for (let n = 0; n < count; n++) {
      const number = first + n
      const id = ids[n]!
      const kind = DOC_KINDS[kinds[n]! & ~NO_CLIENT]!
      this.shells[number] = 1
      this.kinds[number] = kinds[n]!
      this.targets[number] = targetOf({ kind, target: targets[n]! })
      this.numbers.set(id, number)
      this.idOf[number] = id
    }
    this.unfilled += count
  }

  /** Whether document `number` is in the shelf (a shell or not). */
  has(number: number): boolean {
    return this.docs[number] !== undefined || this.shells[number] === 1
  }

  /** Whether document `number` is a shell, waiting for its texts. */
  isShell(number: number): boolean {
    return this.shells[number] === 1
  }

  /** Document `number`, if it is in the shelf with its texts. */
  doc(number: number): SearchDoc | undefined {
    return this.docs[number]
  }

  /** Gives a shell its document (the same record: its words are already in the index). */
  fill(doc: SearchDoc): void {
    const number = this.numbers.get(doc.id)
    if (number === undefined || this.shells[number] !== 1) return
    this.shells[number] = 0
    this.unfilled -= 1
    this.docs[number] = doc
  }

  /** Adds a document, in place of what it was (`known`: its record may have documents here). */
  put(doc: SearchDoc, target: number, known: boolean): void {
    if (known) this.remove(doc.id)
    if (!doc.name && !doc.initials && !doc.number && doc.fields.length === 0) return
    const number = this.index.add([
      doc.name && fold(doc.name),
      doc.initials && fold(doc.initials),
      doc.number && fold(doc.number),
      fold(doc.fields.map((field) => field.text).join('\n')),
    ])
    this.docs[number] = doc
    this.targets[number] = target
    this.numbers.set(doc.id, number)
    this.idOf[number] = doc.id
  }

  remove(id: string): void {
    const number = this.numbers.get(id)
    if (number === undefined) return
    this.index.remove(number)
    this.docs[number] = undefined
    if (this.shells[number] === 1) {
      this.shells[number] = 0
      this.unfilled -= 1
    }
    this.numbers.delete(id)
    this.idOf[number] = undefined
  }

  clear(): void {
    for (const id of [...this.numbers.keys()]) this.remove(id)
  }

  /**
   * The documents whose record `keep` accepts (by doc id), with their index, written out (see
   * `TermIndex.exportDocs`): each one's kind, id and target; no texts.
   */
  write(keep: (docId: string) => boolean, targetIds: readonly string[]): ShelfData {
    const numbers: number[] = []
    const kinds: number[] = []
    const ids: string[] = []
    const targets: string[] = []
    for (const [id, number] of [...this.numbers].sort((a, b) => a[1] - b[1])) {
      if (!keep(id)) continue
      numbers.push(number)
      ids.push(id)
      targets.push(targetIds[this.targets[number]!]!)
      const doc = this.docs[number]
      kinds.push(
        doc
          ? DOC_KINDS.indexOf(doc.kind) | (doc.clientId === null ? NO_CLIENT : 0)
          : this.kinds[number]!,
      )
    }
    return {
      kinds: Uint8Array.from(kinds),
      ids,
      targets,
      index: this.index.exportDocs(numbers),
    }
  }
}

/** Which record a search document belongs to (`table:id`), from its own id. */
function ownerOf(docId: string): string {
  const id = docId.slice(2)
  switch (docId.slice(0, 2)) {
    case 'c:':
      return `clients:${id}`
    case 'a:':
      return `addenda:${id}`
    default:
      return `incidents:${id}`
  }
}

/** A record the index holds, and the hash of the sealed row it was indexed from. */
export interface IndexedRecord {
  table: SearchSource['table']
  id: string
  h: string
}

/**
 * One shelf written out, documents in order (doc number = position): each one's kind (with
 * `NO_CLIENT`), id and the record its result opens, and the index. Not the documents' texts: a
 * restored document is read from its record when it is first among the results shown.
 */
export interface ShelfData {
  kinds: Uint8Array
  ids: string[]
  targets: string[]
  index: TermIndexData
}

/**
 * The index written out (see `RecordSearch.write`): the records it holds with the hash each was
 * indexed from, the shelf of records and the shelf of private reflections, kept apart.
 */
export interface RecordSearchData {
  records: IndexedRecord[]
  recordShelf: ShelfData
  reflectionShelf: ShelfData
}

/**
 * The in-memory search index: clients, walkout records and addenda on one shelf, the private
 * reflections on another that is only searched when the therapist asks. Every word of the query
 * must match (AND): in a client's record; in a walkout record, its addenda and (when searched)
 * its reflection, or some of them in its client's name. Nothing here touches storage: the store
 * may keep a sealed copy of what `write` gives (see store/search-snapshot.ts), and the index is
 * `restore`d from it.
 */
export class RecordSearch {
  private records = new Shelf()
  private reflections = new Shelf()
  /** Which records are indexed, by table and id (a walkout with no text yet is indexed too). */
  private readonly known = new Set<string>()
  /** The results a document can count towards (a client, or a walkout record), by number. */
  private readonly targets = new Map<string, number>()
  private readonly targetIds: string[] = []
  private readonly targetIsClient: boolean[] = []
  /** Walkout record id -> its client's id (see `setClientOf`). */
  private readonly clientOfWalkout = new Map<string, string>()
  /** Bumped by every put and remove: a ranking kept for `search` after `missing` is still right. */
  private version = 0
  private ranked: { key: string; version: number; rank: Ranking } | null = null

  private targetOf(doc: Pick<SearchDoc, 'kind' | 'target'>): number {
    const client = doc.kind === 'client'
    const key = `${client ? 'c' : 'w'}:${doc.target}`
    let number = this.targets.get(key)
    if (number === undefined) {
      number = this.targetIds.length
      this.targets.set(key, number)
      this.targetIds.push(doc.target)
      this.targetIsClient.push(client)
    }
    return number
  }

  /** How many records are indexed. */
  get size(): number {
    return this.known.size
  }

  /** Words known to the index (for measurements). */
  get vocabulary(): number {
    return this.records.index.vocabulary + this.reflections.index.vocabulary
  }

  /** Adds a record, or replaces what was indexed of it. */
  put(source: SearchSource): void {
    this.version += 1
    if (source.table === 'incidents') this.clientOfWalkout.set(source.id, source.value.clientId)
    const key = `${source.table}:${source.id}`
    // A record not indexed yet has no documents to replace (most of a build from scratch).
    const known = this.known.has(key)
    // A record's documents all count towards one result (a walkout's reflection towards it).
    let target = -1
    for (const doc of searchDocs(source)) {
      if (target < 0) target = this.targetOf(doc)
      ;(doc.kind === 'reflection' ? this.reflections : this.records).put(doc, target, known)
    }
    this.known.add(key)
  }

  /** Forgets a record (it was deleted, or no longer opens). */
  remove(table: SearchSource['table'], id: string): void {
    this.version += 1
    if (table === 'clients') this.records.remove(docId.client(id))
    if (table === 'addenda') this.records.remove(docId.addendum(id))
    if (table === 'incidents') {
      this.clientOfWalkout.delete(id)
      this.records.remove(docId.walkout(id))
      this.reflections.remove(docId.reflection(id))
    }
    this.known.delete(`${table}:${id}`)
  }

  has(table: SearchSource['table'], id: string): boolean {
    return this.known.has(`${table}:${id}`)
  }

  /** The ranking of a query, kept from `missing` for the `search` that follows it. */
  private rankOf(query: string, words: QueryWord[], options: SearchOptions): Ranking {
    const key = `${options.includeReflections ? 1 : 0}:${options.limit ?? 20}:${query}`
    const kept = this.ranked
    if (kept && kept.key === key && kept.version === this.version) return kept.rank
    const rank = this.rank(words, options)
    this.ranked = { key, version: this.version, rank }
    return rank
  }

  private rank(words: QueryWord[], options: SearchOptions) {
    const limit = options.limit ?? 20
    const shelves = options.includeReflections ? [this.records, this.reflections] : [this.records]
    const count = this.targetIds.length

    // The words each result's own documents match (a walkout with its addenda, and its
    // reflection when searched), and their summed scores, without an object per document; only
    // the results shown are gathered with their documents.
    const own = new Uint32Array(count)
    const scores = new Float64Array(count)
    let all = 0
    const matched = shelves.map((shelf) => {
      const found = shelf.index.hits(words)
      all = found.all
      const docs: number[] = []
      for (let number = 0; number < found.hits.length; number++) {
        const bits = found.hits[number]!
        if (bits === 0 || !shelf.has(number)) continue
        const target = shelf.targets[number]!
        own[target]! |= bits
        scores[target]! += found.scores[number]!
        docs.push(number)
      }
      return { shelf, docs: { docs, scores: found.scores } }
    })
    // The words clients' names, initials and numbers match: a walkout is found by its client's
    // name with words of its own ("avery shouting").
    const named = this.records.index.hits(words.map((word) => ({ ...word, fields: NAME_FIELDS })))
    const nameBits = new Uint32Array(count)
    const nameScores = new Float64Array(count)
    for (let number = 0; number < named.hits.length; number++) {
      const bits = named.hits[number]!
      if (bits === 0 || !this.records.has(number)) continue
      const target = this.records.targets[number]!
      if (!this.targetIsClient[target]) continue
      nameBits[target]! |= bits
      nameScores[target]! += named.scores[number]!
    }

    // A client: every word in its own record. A walkout: every word in its own documents, or
    // some there and the rest in its client's name (not one in the name alone: "avery" lists
    // Jordan Avery, not every walkout of theirs).
    const clientList: number[] = []
    const walkoutList: number[] = []
    for (let target = 0; target < count; target++) {
      const bits = own[target]!
      if (bits === 0) continue
      if (this.targetIsClient[target]) {
        if (bits === all) clientList.push(target)
        continue
      }
      if (bits === all) {
        walkoutList.push(target)
        continue
      }
      const client = this.clientTargetOf(target)
      if (client !== undefined && (bits | nameBits[client]!) === all) {
        walkoutList.push(target)
        scores[target]! += nameScores[client]!
      }
    }
    const shownClients = best(clientList, scores, this.targetIds, limit)
    const shownWalkouts = best(walkoutList, scores, this.targetIds, limit)
    const shown = new Uint8Array(count)
    for (const target of shownClients) shown[target] = 1
    for (const target of shownWalkouts) shown[target] = 1
    return { shelves, scores, clientList, walkoutList, shownClients, shownWalkouts, matched, shown }
  }

  /** The result number of a walkout's client (when both are indexed). */
  private clientTargetOf(walkoutTarget: number): number | undefined {
    const clientId = this.clientOfWalkout.get(this.targetIds[walkoutTarget]!)
    return clientId === undefined ? undefined : this.targets.get(`c:${clientId}`)
  }

  /**
   * Whose walkout record this is (from the page's sealed index: a restored index knows its
   * walkouts' words, not their clients). Records put in the index say it themselves.
   */
  setClientOf(walkoutId: string, clientId: string): void {
    this.version += 1
    this.clientOfWalkout.set(walkoutId, clientId)
  }

  /** Restored documents whose texts are not here yet (see `fill`). */
  get unfilled(): number {
    return this.records.unfilled + this.reflections.unfilled
  }

  /**
   * The records whose texts the results of this query would show but that are not here yet
   * (restored from a snapshot, not read since): read them and `fill` them before `search`.
   */
  missing(query: string, options: SearchOptions): { table: SearchSource['table']; id: string }[] {
    if (this.unfilled === 0) return []
    const words = queryWords(query)
    if (words.length === 0) return []
    const { matched, shown } = this.rankOf(query, words, options)
    const owners = new Set<string>()
    for (const { shelf, docs: found } of matched) {
      for (const number of found.docs) {
        if (shown[shelf.targets[number]!] && shelf.isShell(number))
          owners.add(ownerOf(shelf.idOf[number]!))
      }
    }
    return [...owners].map((key) => {
      const cut = key.indexOf(':')
      return { table: key.slice(0, cut) as SearchSource['table'], id: key.slice(cut + 1) }
    })
  }

  /** Gives the restored documents of this record their texts (the record as it was indexed). */
  fill(source: SearchSource): void {
    for (const doc of searchDocs(source))
      (doc.kind === 'reflection' ? this.reflections : this.records).fill(doc)
  }

  /**
   * Clients and walkout records that match every word of the query, best first, each with the
   * words that matched and up to two short excerpts. A walkout found through an addendum, its
   * reflection or its client's name is one result with the walkout's own.
   */
  search(query: string, options: SearchOptions): SearchResults {
    const words = queryWords(query)
    if (words.length === 0) return NO_RESULTS
    const { shelves, scores, clientList, walkoutList, shownClients, shownWalkouts, matched } =
      this.rankOf(query, words, options)
    const gathered = new Map<number, Gathered>()
    for (const target of [...shownClients, ...shownWalkouts])
      gathered.set(target, { id: this.targetIds[target]!, score: scores[target]!, docs: [] })
    for (const { shelf, docs: found } of matched) {
      for (const number of found.docs) {
        const shown = gathered.get(shelf.targets[number]!)
        const doc = shown && shelf.doc(number)
        if (doc) shown.docs.push(doc)
      }
    }

    // The indexed words each query word matched: in names, and in text.
    const nameWords = new Set<string>()
    const textWords = new Set<string>()
    for (const shelf of shelves) {
      for (const word of words) {
        const matched = shelf.index.matchingWords(word)
        for (const w of matched) nameWords.add(w)
        if (word.fields.includes(TEXT)) for (const w of matched) textWords.add(w)
      }
    }
    // A walkout found through its client's name shows that name's matching words too.
    const clientNameOf = (walkoutId: string): string => {
      const clientId = this.clientOfWalkout.get(walkoutId)
      const number =
        clientId === undefined ? undefined : this.records.numbers.get(docId.client(clientId))
      const doc = number === undefined ? undefined : this.records.doc(number)
      return doc ? `${doc.name} ${doc.initials} ${doc.number}` : ''
    }
    const hits = (shown: number[], walkouts: boolean) =>
      shown.map((target) => {
        const found = gathered.get(target)!
        return toHit(found, nameWords, textWords, walkouts ? clientNameOf(found.id) : '')
      })
    return {
      clients: hits(shownClients, false),
      walkouts: hits(shownWalkouts, true),
      counts: { clients: clientList.length, walkouts: walkoutList.length },
    }
  }

  /**
   * The index written out, for the records `hashOf` gives a hash for (the hash of the sealed row
   * each was indexed from); a record without one, and its documents, are left out.
   */
  write(
    hashOf: (table: SearchSource['table'], id: string) => string | undefined,
  ): RecordSearchData {
    const records: IndexedRecord[] = []
    const kept = new Set<string>()
    for (const key of this.known) {
      const cut = key.indexOf(':')
      const table = key.slice(0, cut) as SearchSource['table']
      const id = key.slice(cut + 1)
      const h = hashOf(table, id)
      if (h === undefined) continue
      records.push({ table, id, h })
      kept.add(key)
    }
    const keep = (docId: string) => kept.has(ownerOf(docId))
    return {
      records,
      recordShelf: this.records.write(keep, this.targetIds),
      reflectionShelf: this.reflections.write(keep, this.targetIds),
    }
  }

  /**
   * An index as `write` wrote it out. Throws on anything inconsistent: a document of no record
   * it lists, twice, of another kind than its id says, or on the wrong shelf (a private
   * reflection is never on the shelf searched by default).
   */
  static restore(data: RecordSearchData): RecordSearch {
    const search = new RecordSearch()
    search.absorb(data)
    return search
  }

  /**
   * Takes in an index written out (`write`) of other records (none of those here) as restored
   * documents: their words are searched at once, their texts read from their records when first
   * shown (see `missing` and `fill`). Throws on anything inconsistent: a record listed twice or
   * already here, a document of no record it lists, of another kind than its id says, or on the
   * wrong shelf (a private reflection is never on the shelf searched by default); everything is
   * checked before anything changes, so the index stays as it was.
   */
  absorb(data: RecordSearchData): void {
    const added = new Set<string>()
    for (const { table, id } of data.records) {
      const key = `${table}:${id}`
      if (this.known.has(key) || added.has(key)) throw new Error('A record is listed twice.')
      added.add(key)
    }
    const owns = (record: string) => added.has(record)
    this.records.check(data.recordShelf, false, owns)
    this.reflections.check(data.reflectionShelf, true, owns)
    const recordWords = checkTerms(data.recordShelf.index, BOOSTS.length)
    const reflectionWords = checkTerms(data.reflectionShelf.index, BOOSTS.length)
    const targetOf = (doc: Pick<SearchDoc, 'kind' | 'target'>) => this.targetOf(doc)
    this.version += 1
    for (const key of added) this.known.add(key)
    this.records.absorb(data.recordShelf, recordWords, targetOf)
    this.reflections.absorb(data.reflectionShelf, reflectionWords, targetOf)
  }

  /** Drops everything (on lock). */
  clear(): void {
    this.version += 1
    this.ranked = null
    this.records.clear()
    this.reflections.clear()
    this.known.clear()
    this.clientOfWalkout.clear()
    this.targets.clear()
    this.targetIds.length = 0
    this.targetIsClient.length = 0
  }
}

/**
 * The `limit` best of `list` (result numbers), best first: higher score, then the lower id. One
 * pass with a short sorted list, rather than sorting every match.
 */
function best(
  list: readonly number[],
  scores: Float64Array,
  ids: readonly string[],
  limit: number,
): number[] {
  const out: number[] = []
  if (limit <= 0) return out
  const better = (a: number, b: number) =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && ids[a]! < ids[b]!)
  for (const target of list) {
    if (out.length === limit && !better(target, out[limit - 1]!)) continue
    let i = out.length === limit ? limit - 1 : out.length
    while (i > 0 && better(target, out[i - 1]!)) {
      out[i] = out[i - 1]!
      i -= 1
    }
    out[i] = target
  }
  return out
}

type Ranking = ReturnType<RecordSearch['rank']>

interface Gathered {
  id: string
  score: number
  docs: SearchDoc[]
}

/** The folded words of a text that are among `words`. */
function wordsIn(text: string, words: ReadonlySet<string>): string[] {
  return wordsOf(fold(text)).filter((word) => words.has(word))
}

/**
 * A result with its matching words and excerpts: the record's own text first, then its addenda;
 * two excerpts at most, one of them from the reflection when the record matched there (so what
 * is shown as a psychotherapy note is seen).
 */
function toHit(
  gathered: Gathered,
  nameWords: ReadonlySet<string>,
  textWords: ReadonlySet<string>,
  /** A walkout's: its client's name, initials and number (their matching words are its too). */
  clientName = '',
): SearchHit {
  const reflection = gathered.docs.find((doc) => doc.kind === 'reflection')
  const others = gathered.docs
    .filter((doc) => doc.kind !== 'reflection')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'addendum' ? 1 : -1))
  const found: Excerpt[] = []
  const room = reflection ? 1 : 2
  for (const doc of others) {
    if (found.length >= room) break
    found.push(...excerpts(doc.fields, textWords, room - found.length))
  }
  if (reflection) found.push(...excerpts(reflection.fields, textWords, 1, true))
  const terms = new Set<string>(wordsIn(clientName, nameWords))
  for (const doc of gathered.docs) {
    for (const word of wordsIn(`${doc.name} ${doc.initials} ${doc.number}`, nameWords))
      terms.add(word)
  }
  for (const excerpt of found)
    for (const part of excerpt.parts) if (part.mark) terms.add(fold(part.text))
  return {
    id: gathered.id,
    score: gathered.score,
    terms: [...terms],
    excerpts: found,
    reflection: reflection !== undefined,
  }
}
