import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { summarizeClient } from '../../src/renderer/src/domain/client'
import {
  summarizeAddendum,
  summarizeIncident,
  type Incident,
} from '../../src/renderer/src/domain/incident'
import {
  rng,
  sampleAddendum,
  sampleClient,
  sampleIncident,
} from '../../src/renderer/src/domain/sample'
import { EMPTY_HEAD, nextEntry, type AuditEntry } from '../../src/renderer/src/domain/audit'
import {
  addendumCodec,
  auditCodec,
  clientCodec,
  incidentCodec,
  integrityCheckpointCodec,
  segmentCodec,
  type IntegrityCheckpoint,
} from '../../src/renderer/src/store/codecs'
import { compileAcceptor, type Acceptor } from '../../src/renderer/src/store/fast-accept'
import { packSegment, type PackedSegment } from '../../src/renderer/src/store/segment-format'
import type { IndexEntry } from '../../src/renderer/src/store/vault-index'

const schema = segmentCodec.schema
const accepts = compileAcceptor(schema)!

const hex = (random: () => number) =>
  Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('')

/** Segments of every table, packed from the sample generator's records as the app packs them. */
function sampleSegments(): PackedSegment[] {
  const random = rng(11)
  const entry = <S>(s: S | null): IndexEntry<S> => ({ h: hex(random), s })
  const clients = Array.from({ length: 40 }, (_, i) => sampleClient(random, i))
  const incidents: Incident[] = Array.from({ length: 120 }, (_, i) =>
    sampleIncident(random, i, clients.length),
  )
  const addenda = incidents
    .filter((incident) => incident.signature)
    .map((incident, i) => sampleAddendum(random, `incident-${i}`, incident))
  return [
    packSegment(
      'clients',
      clients.map((c, i) => [`client-${i}`, entry(i % 9 === 0 ? null : summarizeClient(c))]),
    ),
    packSegment(
      'incidents',
      incidents.map((c, i) => [`incident-${i}`, entry(i % 13 === 0 ? null : summarizeIncident(c))]),
    ),
    packSegment(
      'addenda',
      addenda.map((a, i) => [`addendum-${i}`, entry(summarizeAddendum(a))]),
    ),
  ].map((segment) => JSON.parse(JSON.stringify(segment)) as PackedSegment)
}

/** What zod makes of a value, and whether the compiled check may say yes to it. */
function agrees(check: Acceptor, zodSchema: z.ZodType, value: unknown): boolean {
  if (!check(value)) return true
  const parsed = zodSchema.safeParse(value)
  return parsed.success && isDeepStrictEqual(parsed.data, value)
}

const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  '',
  'x',
  '😀',
  ' '.repeat(3),
  '2026-13-45',
  '2026-11-20T14:05:00.000Z',
  '2026-11-20T14:05:00.000+01:00',
  '2026-11-20',
  'A'.repeat(64),
  '0'.repeat(63),
  'clients',
  'incidents',
  'open',
  'resolved',
  'nope',
  0,
  -1,
  1.5,
  840,
  841,
  -840,
  -841,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  true,
  false,
  [],
  [0],
  {},
  { utc: '2026-11-20T14:05:00.000Z', offsetMinutes: 0 },
]

/** A copy of `value` with one place, found by walking down at random, changed. */
function mutate(random: () => number, value: unknown): unknown {
  const holder: Record<string, unknown> = { root: structuredClone(value) }
  let parent: unknown[] | Record<string, unknown> = holder
  let key: string | number = 'root'
  for (;;) {
    const here: unknown = (parent as Record<string | number, unknown>)[key]
    const children: (string | number)[] = Array.isArray(here)
      ? here.map((_, i) => i)
      : here && typeof here === 'object'
        ? Object.keys(here)
        : []
    if (children.length === 0 || random() < 0.2) break
    parent = here as unknown[] | Record<string, unknown>
    key = children[Math.floor(random() * children.length)]!
  }
  const target = parent as Record<string | number, unknown>
  const roll = random()
  if (roll < 0.1 && Array.isArray(parent)) parent.push(parent[0])
  else if (roll < 0.2 && Array.isArray(parent)) parent.pop()
  else if (roll < 0.3 && !Array.isArray(parent)) target['extra'] = 1
  else if (roll < 0.4 && !Array.isArray(parent)) delete target[key]
  else target[key] = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)]
  return holder['root']
}

describe('the compiled check of opened index segments', () => {
  const segments = sampleSegments()

  it('compiles the segment schema and accepts the segments the app writes', () => {
    expect(accepts).toBeTypeOf('function')
    for (const segment of segments) {
      expect(schema.safeParse(segment).success).toBe(true)
      expect(accepts(segment)).toBe(true)
    }
  })

  it('never accepts what zod refuses or would change (3,000 seeded mutations)', () => {
    const random = rng(2026)
    let refusedByZod = 0
    let acceptedBoth = 0
    for (let i = 0; i < 3000; i++) {
      const base = segments[i % segments.length]!
      // Mutate a small segment, so that most changes land in an entry's fields.
      const small = { ...base, entries: base.entries.slice(0, 3) }
      let value = mutate(random, small)
      if (random() < 0.3) value = mutate(random, value)
      const zod = schema.safeParse(value)
      if (!zod.success) refusedByZod++
      else if (accepts(value)) acceptedBoth++
      expect(agrees(accepts, schema, value), JSON.stringify(value)).toBe(true)
      if (!zod.success) expect(accepts(value)).toBe(false)
    }
    // The mutations reach both sides: most are refused, some still valid (and accepted fast).
    expect(refusedByZod).toBeGreaterThan(1500)
    expect(acceptedBoth).toBeGreaterThan(100)
  })

  it('measures lengths in code points and bounds as zod does', () => {
    const cases: [z.ZodType, unknown[]][] = [
      [z.string().min(2), ['😀', '😀😀', 'ab', 'a']],
      [z.string().max(1), ['😀', '😀a', 'a', '']],
      [z.string().length(2), ['😀', '😀a', 'ab', '\ud800\ud800']],
      [z.number().int().min(-840).max(840), [840, 841, -840, -841, 1.5, NaN, Infinity, '1']],
      [z.number().gt(0).lt(1), [0, 0.5, 1]],
      [z.int().min(0), [0, 1.5, -1, 2 ** 53]],
      [z.array(z.string()).min(1).max(2), [[], ['a'], ['a', 'b', 'c'], [1]]],
      [z.iso.datetime(), ['2026-11-20T14:05:00.000Z', '2026-11-20T14:05:00+01:00', '2026-11-20']],
      [z.union([z.literal(''), z.iso.date()]), ['', '2026-11-20', '2026-02-30', 'x']],
      [z.enum(['a', 'b']).nullable(), ['a', 'c', null, undefined]],
      [z.object({ a: z.string() }), [{ a: 'x' }, { a: 'x', b: 1 }, {}, [], null]],
    ]
    for (const [zodSchema, values] of cases) {
      const check = compileAcceptor(zodSchema)!
      expect(check).toBeTypeOf('function')
      for (const value of values) {
        expect(agrees(check, zodSchema, value), String(value)).toBe(true)
        const valid = zodSchema.safeParse(value)
        // Every value zod returns as it is, except an object with extra keys, is accepted.
        if (valid.success && isDeepStrictEqual(valid.data, value)) expect(check(value)).toBe(true)
      }
    }
  })

  it('compiles nothing it does not know: such schemas are checked by zod alone', () => {
    const notCompiled = [
      z.string().transform((s) => s.trim()),
      z.string().email(),
      z.object({ a: z.string().default('x') }),
      z.object({ a: z.string().catch('x') }),
      z.number().overwrite((n) => Math.round(n)),
      z.strictObject({ a: z.string() }),
      z.union([z.object({ a: z.string() }), z.string()]),
      z.coerce.number(),
      z.int32(),
      z.email(),
      z.number().multipleOf(2),
      z.tuple([z.string()], z.number()),
    ]
    for (const zodSchema of notCompiled) expect(compileAcceptor(zodSchema)).toBeNull()
  })
})

/** An audit trail of every kind of event, some binding rows, as `nextEntry` makes it. */
async function sampleAuditEntries(): Promise<AuditEntry[]> {
  const random = rng(7)
  const entries: AuditEntry[] = []
  let head = EMPTY_HEAD
  const events = [
    { action: 'create', target: 'client', targetId: 'c1', detail: '' },
    { action: 'edit', target: 'incident', targetId: 'i1', detail: 'Step 3' },
    { action: 'sign', target: 'incident', targetId: 'i1', detail: '' },
    { action: 'restore', target: 'vault', targetId: 'v1', detail: 'Replaced from a backup' },
  ] as const
  for (let i = 0; i < 12; i++) {
    const rows = Array.from({ length: i % 4 }, (_, r) => ({
      t: 'incidents',
      id: `incident-${i}-${r}`,
      h: hex(random),
    }))
    const time = {
      utc: new Date(Date.UTC(2026, 10, 27, 9, i)).toISOString(),
      offsetMinutes: 60,
    }
    const entry = await nextEntry(head, events[i % events.length]!, time, rows)
    entries.push(entry)
    head = { seq: entry.seq, hash: entry.hash }
  }
  return JSON.parse(JSON.stringify(entries)) as AuditEntry[]
}

/** Checkpoints of the integrity check, shaped as the check writes them (see integrity.ts). */
function sampleCheckpoints(): IntegrityCheckpoint[] {
  const random = rng(13)
  return Array.from({ length: 12 }, (_, k) => {
    const rows = (n: number) => {
      const ids = Array.from({ length: n }, (_, i) => `row-${k}-${i}`)
      return {
        ids,
        ivs: ids.map(() => hex(random).slice(0, 24)).join(''),
        hashes: ids.map(() => hex(random)).join(''),
        seqs: ids.map((_, i) => i + 1),
      }
    }
    return {
      vaultId: `vault-${k}`,
      seq: 10 + k,
      hash: hex(random),
      rows: { clients: rows(3), incidents: rows(5), addenda: rows(2), sealed: rows(2) },
      signed: [`row-${k}-1`],
    }
  })
}

describe('the compiled check of opened records (backups, restores, search, Verify)', () => {
  const random = rng(5)
  const clients = Array.from({ length: 30 }, (_, i) => sampleClient(random, i))
  const incidents = Array.from({ length: 150 }, (_, i) => sampleIncident(random, i, clients.length))
  const addenda = incidents
    .filter((incident) => incident.signature)
    .map((incident, i) => sampleAddendum(random, `incident-${i}`, incident))
  const kinds = [
    ['clients', clientCodec.schema, clients],
    ['walkout records', incidentCodec.schema, incidents],
    ['addenda', addendumCodec.schema, addenda],
    ['integrity checkpoints', integrityCheckpointCodec.schema, sampleCheckpoints()],
  ] as [string, z.ZodType, unknown[]][]

  it('compiles every record schema and accepts the records the app writes, as they are', async () => {
    const audit = ['audit entries', auditCodec.schema, await sampleAuditEntries()] as const
    for (const [kind, zodSchema, values] of [...kinds, audit]) {
      const check = compileAcceptor(zodSchema)
      expect(check, kind).toBeTypeOf('function')
      expect(values.length, kind).toBeGreaterThan(5)
      for (const value of values) {
        const stored = JSON.parse(JSON.stringify(value)) as unknown
        const parsed = zodSchema.safeParse(stored)
        expect(parsed.success && isDeepStrictEqual(parsed.data, stored), kind).toBe(true)
        expect(check!(stored), kind).toBe(true)
      }
    }
  })

  it('never accepts a record zod refuses or would change (5,000 seeded mutations)', async () => {
    const entries = await sampleAuditEntries()
    const all = [...kinds, ['audit entries', auditCodec.schema, entries] as const]
    const mutations = rng(2027)
    const tally = new Map<string, { refused: number; accepted: number }>()
    for (let i = 0; i < 5000; i++) {
      const [kind, zodSchema, values] = all[i % all.length]!
      const check = compileAcceptor(zodSchema)!
      const base = JSON.parse(JSON.stringify(values[i % values.length])) as unknown
      let value = mutate(mutations, base)
      if (mutations() < 0.3) value = mutate(mutations, value)
      const zod = zodSchema.safeParse(value)
      const counts = tally.get(kind) ?? { refused: 0, accepted: 0 }
      if (!zod.success) counts.refused++
      else if (check(value)) counts.accepted++
      tally.set(kind, counts)
      expect(agrees(check, zodSchema, value), `${kind}: ${JSON.stringify(value)}`).toBe(true)
      if (!zod.success) expect(check(value)).toBe(false)
    }
    // Every kind's mutations reach both sides: many refused, some still valid and accepted.
    for (const [kind, counts] of tally) {
      expect(counts.refused, kind).toBeGreaterThan(300)
      expect(counts.accepted, kind).toBeGreaterThan(20)
    }
  })

  it('runs refinements and trims as zod does, and lets optional keys be missing', () => {
    const cases: [z.ZodType, unknown[]][] = [
      [z.string().trim().max(3), ['abc', ' abc', 'abc ', 'ab\n', 'abcd', '']],
      [z.string().refine((s) => !s.includes('x')), ['abc', 'xyz', '']],
      [
        z.array(z.string()).superRefine((list, context) => {
          if (new Set(list).size !== list.length)
            context.addIssue({ code: 'custom', message: 'twice' })
        }),
        [['a', 'b'], ['a', 'a'], []],
      ],
      [
        z.object({ a: z.string(), b: z.number().optional() }),
        [{ a: 'x' }, { a: 'x', b: 1 }, { a: 'x', b: undefined }, { a: 'x', b: 'y' }, { b: 1 }],
      ],
      [
        z.object({ from: z.number(), to: z.number() }).refine((r) => r.from <= r.to),
        [
          { from: 1, to: 2 },
          { from: 2, to: 1 },
        ],
      ],
      [
        z.string().refine(() => {
          throw new Error('a refinement that throws')
        }),
        ['a'],
      ],
    ]
    for (const [zodSchema, values] of cases) {
      const check = compileAcceptor(zodSchema)!
      expect(check).toBeTypeOf('function')
      for (const value of values) {
        let valid: ReturnType<typeof zodSchema.safeParse> | null = null
        try {
          valid = zodSchema.safeParse(value)
        } catch {
          // zod lets a throwing refinement's error through; the compiled check must not accept.
        }
        if (!valid) {
          expect(check(value), String(value)).toBe(false)
          continue
        }
        expect(agrees(check, zodSchema, value), JSON.stringify(value)).toBe(true)
        // Every value zod returns as it is is accepted, except one holding an explicit
        // undefined (which no stored JSON has): that goes to zod.
        const fromJson = isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)
        if (valid.success && isDeepStrictEqual(valid.data, value) && fromJson)
          expect(check(value), JSON.stringify(value)).toBe(true)
      }
    }
    // An async refinement is zod's to run: never accepted here.
    const later = compileAcceptor(z.string().refine(async () => true))!
    expect(later('a')).toBe(false)
  })
})
