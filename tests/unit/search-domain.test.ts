import { describe, expect, it } from 'vitest'
import { emptyClient, type Client } from '../../src/renderer/src/domain/client'
import {
  emptyStep,
  newIncident,
  STEP_IDS,
  stepOf,
  withStep,
  type Incident,
} from '../../src/renderer/src/domain/incident'
import { rng, sampleIncident } from '../../src/renderer/src/domain/sample'
import {
  excerpts,
  highlight,
  NO_RESULTS,
  queryTerms,
  queryWords,
  RecordSearch,
  reflectionFields,
  searchDocs,
  tokenize,
  walkoutFields,
  type Part,
} from '../../src/renderer/src/domain/search'
import { TermIndex } from '../../src/renderer/src/domain/term-index'
import type { Timestamp } from '../../src/renderer/src/domain/time'

const NOW: Timestamp = { utc: '2026-03-02T10:00:00.000Z', offsetMinutes: 0 }

const client = (displayName: string, initials: string, extra: Partial<Client> = {}): Client => ({
  ...emptyClient(),
  displayName,
  initials,
  ...extra,
})

/** A walkout with a narrative in the safety step and, optionally, a private reflection. */
function walkout(clientId: string, narrative: string, reflection = ''): Incident {
  let record = newIncident(clientId, NOW)
  record = withStep(
    record,
    'safety',
    { ...emptyStep('safety', NOW), beforeNarrative: narrative },
    false,
  )
  if (reflection)
    record = withStep(
      record,
      'reflect',
      { ...emptyStep('reflect', NOW), preceded: reflection },
      false,
    )
  return record
}

const marked = (parts: Part[]) => parts.filter((p) => p.mark).map((p) => p.text)
const plain = (parts: Part[]) => parts.map((p) => p.text).join('')

describe('words', () => {
  it('splits on anything but letters and digits, and compares without case or accents', () => {
    expect(tokenize("O'Neil, 2nd-session: café")).toEqual(['O', 'Neil', '2nd', 'session', 'café'])
    expect(queryTerms('  Łucja  ÑÚÑEZ straße ')).toEqual(['lucja', 'nunez', 'strasse'])
    expect(queryTerms(' ,;- ')).toEqual([])
  })

  it('a single letter is looked for in names only; typos are forgiven from four letters', () => {
    const [letter, short, longer, longest] = queryWords('j dog door grounding')
    expect(letter).toMatchObject({ term: 'j', prefix: true, fuzzy: 0, fields: [0, 1, 2] })
    expect(short).toMatchObject({ term: 'dog', prefix: true, fuzzy: 0, fields: [0, 1, 2, 3] })
    expect(longer).toMatchObject({ term: 'door', fuzzy: 1 })
    expect(longest).toMatchObject({ term: 'grounding', fuzzy: 2 })
    expect(queryWords('door Door DOOR')).toHaveLength(1)
  })
})

describe('what is searchable', () => {
  // The first sample record with every step filled (the sample's stage 8).
  const random = rng(3)
  let full = sampleIncident(random, 0, 10)
  for (let i = 1; STEP_IDS.some((step) => !full.steps[step]); i++)
    full = sampleIncident(random, i, 10)
  it("is every step's document except the reflection, line by line, labelled by step", () => {
    const fields = walkoutFields(full)
    for (const step of STEP_IDS.filter((s) => s !== 'reflect')) {
      for (const line of stepOf(step).document(full.steps[step] as never)) {
        for (const text of [line.text, ...(line.items ?? [])].filter((x) => x.trim())) {
          expect(fields).toContainEqual({
            label: `${stepOf(step).title}: ${line.label}`,
            text,
          })
        }
      }
    }
    const reflection = reflectionFields(full)
    expect(reflection.length).toBeGreaterThan(0)
    for (const field of reflection) {
      expect(field.label.startsWith('Reflect: ')).toBe(true)
      expect(fields).not.toContainEqual(field)
    }
  })

  it('a walkout is two documents (the record, its reflection); a client one; an addendum one', () => {
    const docs = searchDocs({ table: 'incidents', id: 'w1', value: walkout('c1', 'a', 'b') })
    expect(docs.map((d) => [d.id, d.kind, d.target, d.clientId])).toEqual([
      ['w:w1', 'walkout', 'w1', 'c1'],
      ['r:w1', 'reflection', 'w1', 'c1'],
    ])
    const [person] = searchDocs({
      table: 'clients',
      id: 'c1',
      value: client('Jordan Avery', 'JA', { clientNumber: '1042', notes: 'Prefers mornings.' }),
    })
    expect(person).toMatchObject({
      id: 'c:c1',
      name: 'Jordan Avery',
      initials: 'JA',
      number: '1042',
      fields: [{ label: 'Notes', text: 'Prefers mornings.' }],
    })
    const [note] = searchDocs({
      table: 'addenda',
      id: 'a1',
      value: { incidentId: 'w1', createdAt: NOW, text: 'Correction.' },
    })
    expect(note).toMatchObject({ id: 'a:a1', kind: 'addendum', target: 'w1' })
  })
})

describe('excerpts', () => {
  const text =
    'The session felt tense after work came up; the client paused, looked at the door and said they needed air before we could talk about pacing.'

  it('cuts a few words around the first match, marks the matching words, and says what was left out', () => {
    const [one] = excerpts([{ label: 'Narrative', text }], ['door'])
    expect(one!.label).toBe('Narrative')
    expect(marked(one!.parts)).toEqual(['door'])
    expect(plain(one!.parts)).toBe(
      '…paused, looked at the door and said they needed air before we could talk about pacing.',
    )
  })

  it('keeps the whole text when it is short, and matches words folded', () => {
    const [one] = excerpts([{ label: 'Note', text: 'Met Zoë at the Café.' }], ['zoe', 'cafe'])
    expect(plain(one!.parts)).toBe('Met Zoë at the Café.')
    expect(marked(one!.parts)).toEqual(['Zoë', 'Café'])
  })

  it('prefers the fields with the most different matching words, then the record order', () => {
    const fields = [
      { label: 'A', text: 'door' },
      { label: 'B', text: 'nothing here' },
      { label: 'C', text: 'the door, the kettle' },
      { label: 'D', text: 'door again' },
    ]
    expect(excerpts(fields, ['door', 'kettle']).map((e) => e.label)).toEqual(['C', 'A'])
    expect(excerpts(fields, ['door'], 3).map((e) => e.label)).toEqual(['A', 'C', 'D'])
    expect(excerpts(fields, ['absent'])).toEqual([])
  })

  it('highlights whole words only', () => {
    expect(highlight('Avery and Averyl', ['avery'])).toEqual([
      { text: 'Avery', mark: true },
      { text: ' and Averyl', mark: false },
    ])
  })
})

describe('the index', () => {
  function practice() {
    const search = new RecordSearch()
    search.put({ table: 'clients', id: 'jordan', value: client('Jordan Avery', 'JA') })
    search.put({ table: 'clients', id: 'avery-s', value: client('Avery Smith', 'AS') })
    search.put({
      table: 'clients',
      id: 'kettle-notes',
      value: client('Casey Brightwater', 'CB', { notes: 'Mentioned the kettle once.' }),
    })
    search.put({ table: 'clients', id: 'kettle-name', value: client('Robin Kettle', 'RK') })
    search.put({
      table: 'incidents',
      id: 'w1',
      value: walkout(
        'jordan',
        'Jordan jumped up when the kettle whistled.',
        'I pressed about the marmalade.',
      ),
    })
    search.put({
      table: 'incidents',
      id: 'w2',
      value: walkout('avery-s', 'Long silence, then the door.'),
    })
    return search
  }
  const found = (search: RecordSearch, query: string, includeReflections = false) => {
    const results = search.search(query, { includeReflections })
    return {
      clients: results.clients.map((h) => h.id),
      walkouts: results.walkouts.map((h) => h.id),
    }
  }

  it('"avery j" finds Jordan Avery: every word must match, each by prefix, in any order', () => {
    const search = practice()
    expect(found(search, 'avery j')).toEqual({ clients: ['jordan'], walkouts: [] })
    // Jordan Avery's walkout says "Jordan": it is found with them.
    expect(found(search, 'JORD av')).toEqual({ clients: ['jordan'], walkouts: ['w1'] })
    expect(found(search, 'ja')).toEqual({ clients: ['jordan'], walkouts: [] })
    expect(found(search, 'avery').clients.sort()).toEqual(['avery-s', 'jordan'])
    expect(found(search, 'avery zzz')).toEqual({ clients: [], walkouts: [] })
  })

  it('finds a walkout by a word of its narrative, with the word shown in an excerpt', () => {
    const search = practice()
    const results = search.search('whistle', { includeReflections: false })
    expect(results.walkouts.map((h) => h.id)).toEqual(['w1'])
    const [excerpt] = results.walkouts[0]!.excerpts
    expect(excerpt!.label).toBe('Assess safety: What happened just before')
    expect(marked(excerpt!.parts)).toEqual(['whistled'])
    expect(results.walkouts[0]!.terms).toEqual(['whistled'])
  })

  it('a single letter does not match the words of a narrative ("j" is not "jumped")', () => {
    expect(found(practice(), 'j')).toEqual({ clients: ['jordan'], walkouts: [] })
  })

  it('forgives a typo in a longer word', () => {
    expect(found(practice(), 'ketle').walkouts).toEqual(['w1'])
    expect(found(practice(), 'silense').walkouts).toEqual(['w2'])
  })

  it('ranks a match in the name above a match in the notes', () => {
    expect(found(practice(), 'kettle').clients).toEqual(['kettle-name', 'kettle-notes'])
  })

  it('searches the private reflection only when asked, and says the result came from it', () => {
    const search = practice()
    expect(found(search, 'marmalade')).toEqual({ clients: [], walkouts: [] })
    const results = search.search('marmalade', { includeReflections: true })
    expect(results.walkouts.map((h) => h.id)).toEqual(['w1'])
    expect(results.walkouts[0]!.reflection).toBe(true)
    expect(results.walkouts[0]!.excerpts).toMatchObject([
      { label: 'Reflect: What preceded the walkout', reflection: true },
    ])
    const both = search.search('pressed', { includeReflections: true })
    expect(both.walkouts[0]!.excerpts.every((e) => e.reflection)).toBe(true)
    // A match in the record itself is not marked as a psychotherapy note.
    const record = search.search('whistled', { includeReflections: true })
    expect(record.walkouts[0]!.reflection).toBe(false)
    expect(record.walkouts[0]!.excerpts.some((e) => e.reflection)).toBe(false)
  })

  it('an addendum finds its walkout record, as one result with the record', () => {
    const search = practice()
    search.put({
      table: 'addenda',
      id: 'a1',
      value: { incidentId: 'w1', createdAt: NOW, text: 'Correction: the kettle was a teapot.' },
    })
    expect(found(search, 'teapot').walkouts).toEqual(['w1'])
    const kettle = search.search('kettle', { includeReflections: false })
    expect(kettle.walkouts.map((h) => h.id)).toEqual(['w1'])
    expect(kettle.counts.walkouts).toBe(1)
    expect(kettle.walkouts[0]!.excerpts.map((e) => e.label)).toEqual([
      'Assess safety: What happened just before',
      'Addendum',
    ])
  })

  it('a walkout is found by its client’s name with words of its own, never by the name alone', () => {
    const search = practice()
    expect(found(search, 'avery kettle')).toEqual({ clients: [], walkouts: ['w1'] })
    // The name's matching word is among the walkout's, for its title ("Walkout of Jordan Avery").
    const [hit] = search.search('avery kettle', { includeReflections: false }).walkouts
    expect(hit!.terms.sort()).toEqual(['avery', 'kettle'])
    expect(found(search, 'silence avery')).toEqual({ clients: [], walkouts: ['w2'] })
    expect(found(search, 'ja door')).toEqual({ clients: [], walkouts: [] })
    // Another client's name does not lend its words.
    expect(found(search, 'smith kettle')).toEqual({ clients: [], walkouts: [] })
    // The name alone finds the clients, not every walkout of theirs.
    expect(found(search, 'avery').walkouts).toEqual([])
    // A client renamed: their walkouts follow the new name at once (nothing indexed again).
    search.put({ table: 'clients', id: 'jordan', value: client('Jordan Westbrook', 'JW') })
    expect(found(search, 'westbrook kettle').walkouts).toEqual(['w1'])
    expect(found(search, 'avery kettle').walkouts).toEqual([])
  })

  it('the words of a walkout, its addenda and its reflection (when searched) count together', () => {
    const search = practice()
    search.put({
      table: 'addenda',
      id: 'a1',
      value: { incidentId: 'w1', createdAt: NOW, text: 'Correction: the kettle was a teapot.' },
    })
    expect(found(search, 'teapot whistled').walkouts).toEqual(['w1'])
    expect(found(search, 'teapot marmalade').walkouts).toEqual([])
    expect(found(search, 'teapot marmalade', true).walkouts).toEqual(['w1'])
  })

  it('restored from what it wrote out, it finds walkouts by their client once told whose they are', () => {
    const written = practice().write(() => 'h')
    const restored = RecordSearch.restore(written)
    expect(found(restored, 'avery kettle').walkouts).toEqual([])
    restored.setClientOf('w1', 'jordan')
    expect(found(restored, 'avery kettle').walkouts).toEqual(['w1'])
  })

  it('a record put again replaces what was indexed of it; a removed one is no longer found', () => {
    const search = practice()
    search.put({ table: 'clients', id: 'jordan', value: client('Jordan Westbrook', 'JW') })
    expect(found(search, 'avery j').clients).toEqual([])
    expect(found(search, 'westbrook').clients).toEqual(['jordan'])
    search.remove('incidents', 'w1')
    expect(found(search, 'kettle').walkouts).toEqual([])
    expect(found(search, 'marmalade', true).walkouts).toEqual([])
    expect(search.has('incidents', 'w1')).toBe(false)
    expect(search.has('incidents', 'w2')).toBe(true)
  })

  it('a voided walkout is found by nothing, its reflection included; the others still are', () => {
    const search = practice()
    const w1 = walkout(
      'jordan',
      'Jordan jumped up when the kettle whistled.',
      'I pressed about the marmalade.',
    )
    search.put({
      table: 'incidents',
      id: 'w1',
      value: { ...w1, voided: { at: NOW, reason: 'Started under the wrong client.' } },
    })
    expect(found(search, 'whistled').walkouts).toEqual([])
    expect(found(search, 'avery whistled').walkouts).toEqual([])
    expect(found(search, 'marmalade', true).walkouts).toEqual([])
    expect(found(search, 'door').walkouts).toEqual(['w2'])
    expect(found(search, 'avery j').clients).toEqual(['jordan'])
  })

  it('stops each list at the limit and counts all matches; an empty query finds nothing', () => {
    const search = new RecordSearch()
    for (let i = 0; i < 30; i++)
      search.put({ table: 'clients', id: `c${i}`, value: client(`Harper Oakhurst ${i}`, 'HO') })
    const results = search.search('harper', { includeReflections: false, limit: 5 })
    expect(results.clients).toHaveLength(5)
    expect(results.counts.clients).toBe(30)
    expect(search.search('   ', { includeReflections: true })).toBe(NO_RESULTS)
  })

  it('cleared, it finds nothing', () => {
    const search = practice()
    search.clear()
    expect(search.size).toBe(0)
    expect(found(search, 'jordan', true)).toEqual({ clients: [], walkouts: [] })
  })
})

describe('the term index', () => {
  it('stays right after many documents are removed and its lists are compacted', () => {
    const index = new TermIndex([1])
    const docs = Array.from({ length: 3000 }, (_, i) => index.add([`word${i % 3} common`]))
    for (const doc of docs.slice(0, 2500)) index.remove(doc)
    expect(index.size).toBe(500)
    const word = { term: 'common', prefix: false, fuzzy: 0, fields: [0] }
    expect(index.search([word]).map((c) => c.doc)).toEqual(docs.slice(2500))
    const again = index.add(['common again'])
    expect(index.search([word]).map((c) => c.doc)).toContain(again)
  })

  it('scores an exact word above a word it is the prefix of, and rarer words higher', () => {
    const index = new TermIndex([1])
    const exact = index.add(['door'])
    const longer = index.add(['doorway'])
    const scores = new Map(
      index
        .search([{ term: 'door', prefix: true, fuzzy: 0, fields: [0] }])
        .map((c) => [c.doc, c.score]),
    )
    expect(scores.get(exact)!).toBeGreaterThan(scores.get(longer)!)
  })
})
