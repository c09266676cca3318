import { describe, expect, it } from 'vitest'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import {
  rng,
  sampleAddendum,
  sampleClient,
  sampleClientId,
  sampleIncident,
  sampleIncidentId,
} from '../../src/renderer/src/domain/sample'
import {
  RecordSearch,
  type RecordSearchData,
  type SearchSource,
} from '../../src/renderer/src/domain/search'
import {
  decodeSearchSnapshot,
  encodeSearchSnapshot,
  packPairs,
  SEARCH_SNAPSHOT_FORMAT,
  unpackPairs,
} from '../../src/renderer/src/domain/search-snapshot'
import { TermIndex, type QueryWord } from '../../src/renderer/src/domain/term-index'

const word = (term: string, fields = [0, 1], prefix = true, fuzzy = 1): QueryWord => ({
  term,
  prefix,
  fuzzy,
  fields,
})

/** Documents (doc number order) with their scores, for comparing two indexes. */
const ranked = (index: TermIndex, query: QueryWord[]) =>
  index
    .search(query)
    .map((c) => [c.doc, c.score] as const)
    .sort((a, b) => a[0] - b[0])

const TEXTS = [
  ['jordan avery', 'the kettle whistled and jordan left'],
  ['casey brightwater', 'prefers mornings kettle kettle'],
  ['łucja', 'straße café 𝒜lpha 𝒜lphabet'],
  ['robin kettle', ''],
  ['', 'door pacing grounding door'],
  ['avery smith', 'long silence then the door'],
]
const QUERIES = [
  [word('kettle')],
  [word('avery'), word('j')],
  [word('door', [1], false, 0)],
  [word('𝒜lpha')],
  [word('straße', [1])],
  [word('grundin', [1], true, 2)],
  [word('zzz')],
]

describe('the term index, written out and restored', () => {
  it('answers every query with the same documents and scores', () => {
    const index = new TermIndex([3, 1])
    for (const fields of TEXTS) index.add(fields)
    const restored = TermIndex.restore([3, 1], index.exportDocs(TEXTS.map((_, i) => i)))
    expect(restored.size).toBe(index.size)
    expect(restored.vocabulary).toBe(index.vocabulary)
    for (const query of QUERIES) expect(ranked(restored, query)).toEqual(ranked(index, query))
    for (const query of QUERIES)
      expect(restored.matchingWords(query[0]!).sort()).toEqual(
        index.matchingWords(query[0]!).sort(),
      )
  })

  it('keeps finding its own words once documents are added (no word is known twice)', () => {
    const index = new TermIndex([3, 1])
    for (const fields of TEXTS) index.add(fields)
    const restored = TermIndex.restore([3, 1], index.exportDocs(TEXTS.map((_, i) => i)))
    const before = restored.vocabulary
    const doc = restored.add(['kettle 𝒜lpha', 'straße café door'])
    index.add(['kettle 𝒜lpha', 'straße café door'])
    expect(restored.vocabulary).toBe(before)
    expect(ranked(restored, [word('kettle')]).map(([d]) => d)).toContain(doc)
    for (const query of QUERIES) expect(ranked(restored, query)).toEqual(ranked(index, query))
    restored.remove(0)
    expect(ranked(restored, [word('jordan')])).toEqual([])
  })

  it('writes out only the documents kept, numbered in order, as an index of those alone', () => {
    const index = new TermIndex([3, 1])
    for (const fields of TEXTS) index.add(fields)
    index.remove(1)
    index.remove(4)
    const keep = [0, 2, 3, 5]
    const restored = TermIndex.restore([3, 1], index.exportDocs(keep))
    const fresh = new TermIndex([3, 1])
    for (const i of keep) fresh.add(TEXTS[i]!)
    expect(restored.size).toBe(4)
    for (const query of QUERIES) expect(ranked(restored, query)).toEqual(ranked(fresh, query))
    // Words only removed documents had are gone.
    expect(restored.matchingWords(word('mornings'))).toEqual([])
  })

  it('refuses numbers that do not fit', () => {
    const index = new TermIndex([3, 1])
    for (const fields of TEXTS) index.add(fields)
    const data = () => index.exportDocs(TEXTS.map((_, i) => i))
    const outOfRange = data()
    outOfRange.fields[1]!.pairs[0] = 99
    expect(() => TermIndex.restore([3, 1], outOfRange)).toThrow()
    const shortLengths = data()
    shortLengths.fields[0]!.lengths = shortLengths.fields[0]!.lengths.subarray(1)
    expect(() => TermIndex.restore([3, 1], shortLengths)).toThrow()
    const badOffsets = data()
    badOffsets.fields[1]!.offsets[1] = badOffsets.fields[1]!.pairs.length + 2
    expect(() => TermIndex.restore([3, 1], badOffsets)).toThrow()
    const twice = data()
    twice.words = twice.words.replace(/^[^\n]+\n([^\n]+)/, '$1\n$1')
    expect(() => TermIndex.restore([3, 1], twice)).toThrow()
    expect(() => TermIndex.restore([3, 1, 1], data())).toThrow()
  })
})

/** A small practice from the sample generator: clients, walkouts, addenda to signed ones. */
function practice(clients = 12, incidents = 60): SearchSource[] {
  const random = rng(7)
  const sources: SearchSource[] = []
  for (let i = 0; i < clients; i++)
    sources.push({ table: 'clients', id: sampleClientId(i), value: sampleClient(random, i) })
  for (let i = 0; i < incidents; i++) {
    const incident = sampleIncident(random, i, clients)
    const id = sampleIncidentId(i)
    sources.push({ table: 'incidents', id, value: incident })
    if (incident.signature && i % 3 === 0)
      sources.push({
        table: 'addenda',
        id: `addendum-${i}`,
        value: sampleAddendum(random, id, incident),
      })
  }
  return sources
}

const hashOf = (table: string, id: string) =>
  Array.from(`${table}:${id}`.padEnd(64, '0').slice(0, 64), (c) =>
    (c.charCodeAt(0) % 16).toString(16),
  ).join('')

const SEARCHES = [
  'avery j',
  'grounding',
  'pacing door',
  'door',
  'harper co',
  'a',
  'zzz',
  'walk',
  'safety plan',
]

/**
 * Every search's results, as the worker answers them: the records whose restored documents the
 * results would show are read first (here: taken from `sources`) and given their texts.
 */
function answers(search: RecordSearch, sources: readonly SearchSource[] = []) {
  const ask = (query: string, options: { includeReflections: boolean; limit?: number }) => {
    for (const { table, id } of search.missing(query, options)) {
      const source = sources.find((s) => s.table === table && s.id === id)
      if (source) search.fill(source)
    }
    return search.search(query, options)
  }
  return SEARCHES.flatMap((query) => [
    ask(query, { includeReflections: false }),
    ask(query, { includeReflections: true, limit: 5 }),
  ])
}

function roundTrip(
  search: RecordSearch,
  hash: (table: string, id: string) => string | undefined = hashOf,
): RecordSearch {
  return RecordSearch.restore(decodeSearchSnapshot(encodeSearchSnapshot(search.write(hash))))
}

describe('the search index, written out as bytes and restored', () => {
  const sources = practice()

  it('gives the same results, excerpts and counts as the index it was written from', () => {
    const search = new RecordSearch()
    for (const source of sources) search.put(source)
    const restored = roundTrip(search)
    expect(restored.size).toBe(search.size)
    expect(restored.unfilled).toBeGreaterThan(0)
    expect(answers(restored, sources)).toEqual(answers(search))
    expect(answers(search).some((r) => r.walkouts.length > 0)).toBe(true)
    // Only the records shown were read; the rest keep waiting, and are written out as they are.
    expect(restored.unfilled).toBeGreaterThan(0)
    expect(answers(roundTrip(restored), sources)).toEqual(answers(search))
  })

  it('finds a restored record whose texts could not be read, with no excerpt from it', () => {
    const search = new RecordSearch()
    for (const source of sources) search.put(source)
    const restored = roundTrip(search)
    const expected = search.search('grounding', { includeReflections: false })
    const found = restored.search('grounding', { includeReflections: false })
    expect(found.counts).toEqual(expected.counts)
    expect(found.walkouts.map((h) => [h.id, h.score])).toEqual(
      expected.walkouts.map((h) => [h.id, h.score]),
    )
    expect(found.walkouts.every((h) => h.excerpts.length === 0)).toBe(true)
  })

  it('keeps the private reflections on their own shelf, searched only when asked', () => {
    const search = new RecordSearch()
    search.put(sources[0]!)
    const incident = sources.find((s) => s.table === 'incidents')!
    if (incident.table !== 'incidents') throw new Error('no walkout')
    const value = structuredClone(incident.value)
    value.steps.reflect = {
      ...emptyStep('reflect', value.createdAt),
      myContribution: 'quinceblossom',
    }
    search.put({ ...incident, value })
    const restored = roundTrip(search)
    expect(restored.search('quinceblossom', { includeReflections: false }).walkouts).toEqual([])
    // Nothing of the reflection is read for a search that leaves reflections out.
    expect(restored.missing('quinceblossom', { includeReflections: false })).toEqual([])
    const need = restored.missing('quinceblossom', { includeReflections: true })
    expect(need).toEqual([{ table: 'incidents', id: incident.id }])
    restored.fill({ ...incident, value })
    expect(restored.search('quinceblossom', { includeReflections: false }).walkouts).toEqual([])
    const found = restored.search('quinceblossom', { includeReflections: true })
    expect(found.walkouts.map((h) => h.id)).toEqual([incident.id])
    expect(found.walkouts[0]!.reflection).toBe(true)
  })

  it('leaves out the records without a hash, and what was removed; a restored index keeps changing', () => {
    const search = new RecordSearch()
    for (const source of sources) search.put(source)
    const [first, second] = sources.filter((s) => s.table === 'clients')
    search.remove('clients', second!.id)
    const restored = roundTrip(search, (table, id) =>
      table === 'clients' && id === first!.id ? undefined : hashOf(table, id),
    )
    expect(restored.has('clients', first!.id)).toBe(false)
    expect(restored.has('clients', second!.id)).toBe(false)
    expect(restored.size).toBe(search.size - 1)
    const fresh = new RecordSearch()
    for (const source of sources)
      if (source.id !== first!.id && source.id !== second!.id) fresh.put(source)
    expect(answers(restored, sources)).toEqual(answers(fresh))
    // Put back, and changed: found as in an index built afresh.
    restored.put(first!)
    fresh.put(first!)
    const renamed = { ...sources[2]!, value: { ...sources[2]!.value, displayName: 'Zeno Quark' } }
    restored.put(renamed as SearchSource)
    fresh.put(renamed as SearchSource)
    expect(
      restored.search('quark', { includeReflections: false }).clients.map((h) => h.id),
    ).toEqual([sources[2]!.id])
    expect(answers(restored, sources)).toEqual(answers(fresh))
  })

  it('an addendum whose walkout is not in the index keeps the result it counts towards', () => {
    const search = new RecordSearch()
    for (const source of sources) search.put(source)
    search.put({
      table: 'addenda',
      id: 'addendum-elsewhere',
      value: {
        incidentId: 'walkout-not-indexed',
        text: 'Marmoset noted later.',
        createdAt: stamp(),
      },
    })
    const restored = roundTrip(search)
    const found = restored.search('marmoset', { includeReflections: false })
    expect(found.walkouts.map((h) => h.id)).toEqual(['walkout-not-indexed'])
    expect(answers(restored, sources)).toEqual(answers(search))
  })

  it('an empty index round-trips', () => {
    const restored = roundTrip(new RecordSearch())
    expect(restored.size).toBe(0)
    expect(restored.search('door', { includeReflections: true }).counts).toEqual({
      clients: 0,
      walkouts: 0,
    })
  })
})

describe('bytes that do not fit are refused, never half read', () => {
  const search = new RecordSearch()
  for (const source of practice(4, 10)) search.put(source)
  const bytes = encodeSearchSnapshot(search.write(hashOf))
  const restore = (b: Uint8Array) => RecordSearch.restore(decodeSearchSnapshot(b))

  it('another format version', () => {
    const other = bytes.slice()
    new DataView(other.buffer).setUint32(0, SEARCH_SNAPSHOT_FORMAT + 1, true)
    expect(() => restore(other)).toThrow()
  })

  it('truncated anywhere, or with bytes added', () => {
    for (const length of [0, 3, 8, 40, bytes.length >> 1, bytes.length - 4, bytes.length - 1])
      expect(() => restore(bytes.slice(0, length)), `${length} bytes`).toThrow()
    const longer = new Uint8Array(bytes.length + 4)
    longer.set(bytes)
    expect(() => restore(longer)).toThrow()
  })

  it('a reflection put on the shelf searched by default', () => {
    // (Decoded numbers are views of the bytes: each case decodes a copy.)
    const data: RecordSearchData = decodeSearchSnapshot(bytes.slice())
    data.recordShelf.kinds[0] = data.reflectionShelf.kinds[0]!
    expect(() => RecordSearch.restore(data)).toThrow()
    const renamed = decodeSearchSnapshot(bytes.slice())
    renamed.recordShelf.ids[1] = renamed.reflectionShelf.ids[0]!
    expect(() => RecordSearch.restore(renamed)).toThrow()
    // Both shelves' own kinds, as they were: restored.
    expect(() => RecordSearch.restore(decodeSearchSnapshot(bytes))).not.toThrow()
  })

  it('a hash that is not one, a document of no listed record', () => {
    const badHash = decodeSearchSnapshot(bytes.slice())
    badHash.records[0]!.h = 'not a hash'
    expect(() => restore(encodeSearchSnapshot(badHash))).toThrow()
    const orphan = decodeSearchSnapshot(bytes.slice())
    orphan.records = orphan.records.filter((r) => r.table !== 'clients')
    expect(() => restore(encodeSearchSnapshot(orphan))).toThrow()
  })

  it('a document written as another record, or whose record or result is out of range', () => {
    // A document's id is written as its record: one that is not its kind's is refused.
    const misnamed = decodeSearchSnapshot(bytes.slice())
    const client = misnamed.records.find((r) => r.table === 'clients')!
    misnamed.recordShelf.ids[0] = `w:${client.id}`
    expect(() => encodeSearchSnapshot(misnamed)).toThrow()
    // Sections: head, tables, then the first shelf's kinds, records (u32) and results (i32).
    const view = new DataView(bytes.buffer)
    const count = view.getUint32(4, true)
    const pad = (n: number) => (n + 3) & ~3
    const sectionAt = (index: number) => {
      let at = pad(8 + 4 * count)
      for (let i = 0; i < index; i++) at += pad(view.getUint32(8 + 4 * i, true))
      return at
    }
    for (const [section, value] of [
      [3, 0xffff_fff0],
      [4, 0x7fff_fff0],
      [4, -100_000],
    ] as const) {
      const damaged = bytes.slice()
      new DataView(damaged.buffer).setInt32(sectionAt(section), value | 0, true)
      expect(() => decodeSearchSnapshot(damaged), `section ${section}: ${value}`).toThrow()
    }
    expect(() => restore(bytes.slice())).not.toThrow()
  })

  it('any single byte of the section table changed', () => {
    const count = new DataView(bytes.buffer).getUint32(4, true)
    for (let at = 4; at < 8 + 4 * count; at++) {
      const damaged = bytes.slice()
      damaged[at]! ^= 0x41
      expect(() => restore(damaged), `byte ${at}`).toThrow()
    }
  })
})

describe('postings packed as variable-length numbers', () => {
  // Three words: docs ascending within each, counts from 1 to large, gaps from 0 to large.
  const offsets = Uint32Array.from([0, 6, 6, 12])
  const pairs = Int32Array.from([0, 1, 1, 3, 200, 1, 5, 70_000, 16_384, 1, 2_000_000, 2])

  it('round-trip, in a quarter of the bytes or less for small numbers', () => {
    const packed = packPairs(offsets, pairs)
    expect([...unpackPairs(offsets, packed)]).toEqual([...pairs])
    const small = Int32Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? i : 1))
    const bounds = Uint32Array.from([0, small.length])
    expect(packPairs(bounds, small).length).toBeLessThanOrEqual(small.byteLength / 4)
    expect([...unpackPairs(bounds, packPairs(bounds, small))]).toEqual([...small])
  })

  it('refused when cut short, when bytes are left over, or when the word bounds disagree', () => {
    const packed = packPairs(offsets, pairs)
    expect(() => unpackPairs(offsets, packed.subarray(0, packed.length - 1))).toThrow()
    expect(() => unpackPairs(offsets, Uint8Array.from([...packed, 1]))).toThrow()
    expect(() => unpackPairs(Uint32Array.from([0, 8, 6, 12]), packed)).toThrow()
    expect(() => unpackPairs(offsets, new Uint8Array(20).fill(0xff))).toThrow()
  })
})

describe('an index built in two halves, one taken into the other (a build on two workers)', () => {
  const sources = practice()
  const whole = new RecordSearch()
  for (const source of sources) whole.put(source)

  /** The records split in two (every other one, so that each half has every kind), built apart. */
  function halves() {
    const here = new RecordSearch()
    const there = new RecordSearch()
    sources.forEach((source, i) => (i % 2 === 0 ? here : there).put(source))
    return { here, there }
  }

  it('gives the same results, excerpts and counts as one index of every record', () => {
    const { here, there } = halves()
    const written = decodeSearchSnapshot(encodeSearchSnapshot(there.write(hashOf)))
    here.absorb(written)
    // Whose each walkout taken in is (the worker has it from the page's sealed index).
    for (const source of sources)
      if (source.table === 'incidents') here.setClientOf(source.id, source.value.clientId)
    expect(here.size).toBe(whole.size)
    // The other half's documents are restored ones: their texts are read when first shown.
    expect(here.unfilled).toBe(written.recordShelf.ids.length + written.reflectionShelf.ids.length)
    expect(answers(here, sources)).toEqual(answers(whole))
    expect(answers(whole).some((r) => r.walkouts.length > 0)).toBe(true)
    // Written out and restored again, it still answers the same.
    expect(answers(roundTrip(here), sources)).toEqual(answers(whole))
  })

  it('takes the other half into an index restored from a snapshot, with a record removed', () => {
    const { here, there } = halves()
    const gone = sources[2]!
    here.remove(gone.table, gone.id)
    const restored = roundTrip(here)
    restored.absorb(there.write(hashOf))
    for (const source of sources)
      if (source.table === 'incidents') restored.setClientOf(source.id, source.value.clientId)
    const without = new RecordSearch()
    for (const source of sources) if (source !== gone) without.put(source)
    expect(restored.size).toBe(without.size)
    expect(answers(restored, sources)).toEqual(answers(without))
  })

  it('keeps adding and finding records after taking the other half in', () => {
    const { here, there } = halves()
    here.absorb(there.write(hashOf))
    type ClientSource = Extract<SearchSource, { table: 'clients' }>
    const clients = sources.filter((s): s is ClientSource => s.table === 'clients')
    here.put({
      table: 'clients',
      id: 'client-new',
      value: { ...clients[0]!.value, displayName: 'Quillon Zephyrine' },
    })
    expect(here.search('quillon', { includeReflections: false }).clients[0]?.id).toBe('client-new')
    // A record taken in and then changed is found by its new words.
    const taken = clients[1]!
    expect(sources.indexOf(taken) % 2).toBe(1)
    here.put({ ...taken, value: { ...taken.value, notes: 'xylophonic' } })
    expect(
      here.search('xylophonic', { includeReflections: false }).clients.map((c) => c.id),
    ).toEqual([taken.id])
  })

  it('refuses a record it already holds, or an index that does not fit, and stays as it was', () => {
    const { here, there } = halves()
    const before = answers(here)
    const mine = sources[0]!
    there.put(mine)
    expect(() => here.absorb(there.write(hashOf))).toThrow()
    expect(answers(here)).toEqual(before)

    const other = halves().there.write(hashOf)
    const broken: RecordSearchData = {
      ...other,
      reflectionShelf: {
        ...other.reflectionShelf,
        index: { ...other.reflectionShelf.index, docs: other.reflectionShelf.index.docs + 1 },
      },
    }
    expect(() => here.absorb(broken)).toThrow()
    expect(answers(here)).toEqual(before)
  })
})

describe('the term index, taking in another', () => {
  it('answers as one index of every document, its numbers after its own', () => {
    const whole = new TermIndex([3, 1])
    for (const text of TEXTS) whole.add(text)
    const here = new TermIndex([3, 1])
    const there = new TermIndex([3, 1])
    TEXTS.forEach((text, i) => (i < 3 ? here : there).add(text))
    here.absorb(there.exportDocs([0, 1, 2]))
    for (const query of QUERIES) expect(ranked(here, query)).toEqual(ranked(whole, query))
    // Documents added afterwards are numbered after those taken in.
    expect(here.add(['kettle', 'kettle'])).toBe(TEXTS.length)
    expect(whole.add(['kettle', 'kettle'])).toBe(TEXTS.length)
    for (const query of QUERIES) expect(ranked(here, query)).toEqual(ranked(whole, query))
  })
})
