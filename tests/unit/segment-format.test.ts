import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ClientSummary } from '../../src/renderer/src/domain/client'
import {
  STEP_IDS,
  type AddendumSummary,
  type IncidentSummary,
} from '../../src/renderer/src/domain/incident'
import { segmentCodec } from '../../src/renderer/src/store/codecs'
import {
  migrateSegmentV3,
  packSegment,
  PACKED_STEP_ORDER,
  unpackSegment,
  type PackedSegment,
} from '../../src/renderer/src/store/segment-format'

const H = (c: string) => c.repeat(64)

// Every field a value of its own, so that two fields swapped in the order shows.
const clientSummary: ClientSummary = {
  displayName: 'Jordan Avery',
  initials: 'JA',
  status: 'referred',
  dateOfBirth: '1990-04-05',
  clientNumber: 'C-17',
}
const incidentSummary: IncidentSummary = {
  clientId: 'client-1',
  status: 'in-follow-up',
  walkoutAt: { utc: '2026-11-20T14:05:00.000Z', offsetMinutes: 60 },
  createdAt: { utc: '2026-11-20T14:09:00.000Z', offsetMinutes: -300 },
  nextDue: '2026-11-22',
  riskLevel: 'moderate',
  safetyActionRecorded: true,
  nextSessionDate: '2026-11-27',
  discussStatus: 'planned',
  attempts: 3,
  nextAttemptDue: '2026-11-23',
  lastAttemptAt: { utc: '2026-11-21T09:00:00.000Z', offsetMinutes: 0 },
  attemptsWithoutReply: 2,
  completed: ['reflect', 'safety', 'fit'],
  signedAt: { utc: '2026-11-24T10:00:00.000Z', offsetMinutes: 120 },
  voided: false,
  ruptureType: 'mixed',
  minutesIntoSession: 35,
  ending: 'reached',
  contributionNoted: true,
}
const addendumSummary: AddendumSummary = {
  incidentId: 'incident-1',
  createdAt: { utc: '2026-11-25T08:00:00.000Z', offsetMinutes: 30 },
}

/** Packed, validated as sealed (the codec's schema), and unpacked. */
function roundTrip(segment: PackedSegment) {
  return unpackSegment(segmentCodec.schema.parse(JSON.parse(JSON.stringify(segment))))
}

describe('index segments packed as tuples (segment version 4)', () => {
  it.each([
    ['clients', clientSummary],
    ['incidents', incidentSummary],
    ['addenda', addendumSummary],
  ] as const)('a %s summary comes back exactly as it went in', (table, summary) => {
    const entries = new Map([
      ['r-1', { h: H('a'), s: summary }],
      ['r-2', { h: H('b'), s: null }],
    ])
    expect(roundTrip(packSegment(table, entries))).toEqual(entries)
  })

  it('keeps a walkout’s completed steps in their order, and nulls as nulls', () => {
    const bare = { ...incidentSummary, lastAttemptAt: null, signedAt: null, riskLevel: null }
    const back = roundTrip(packSegment('incidents', [['r', { h: H('c'), s: bare }]]))
    expect(back.get('r')?.s).toEqual(bare)
    expect((back.get('r')?.s as IncidentSummary).completed).toEqual(['reflect', 'safety', 'fit'])
  })

  it('is about half the bytes of the same summaries as objects (version 3)', () => {
    const entries = new Map(
      Array.from({ length: 256 }, (_, i) => [
        `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
        { h: H('d'), s: incidentSummary },
      ]),
    )
    const packed = JSON.stringify(packSegment('incidents', entries)).length
    const objects = JSON.stringify({ table: 'incidents', entries: Object.fromEntries(entries) })
    expect(packed / objects.length).toBeLessThan(0.6)
  })

  it('gives every step of the protocol a place (a new step is appended, or it cannot be packed)', () => {
    expect([...STEP_IDS].filter((id) => !PACKED_STEP_ORDER.includes(id))).toEqual([])
    const unknown = { ...incidentSummary, completed: ['not-a-step'] } as unknown as IncidentSummary
    const packed = packSegment('incidents', [['r', { h: H('e'), s: unknown }]])
    expect(segmentCodec.schema.safeParse(packed).success).toBe(false)
  })

  it('refuses what is not a packed summary: a field out of its place, a tuple too short', () => {
    const good = packSegment('clients', [['r', { h: H('f'), s: clientSummary }]])
    const [id, h, tuple] = good.entries[0]!
    const swapped = [...tuple!] as unknown[]
    ;[swapped[1], swapped[2]] = [swapped[2], swapped[1]]
    for (const bad of [swapped, tuple!.slice(0, 4)])
      expect(
        segmentCodec.schema.safeParse({ table: 'clients', entries: [[id, h, bad]] }).success,
      ).toBe(false)
    expect(segmentCodec.schema.safeParse(good).success).toBe(true)
  })

  it('packs a version 3 segment (summaries as objects) as it opens; a malformed one is left to be refused', () => {
    const v3 = JSON.parse(
      readFileSync('tests/fixtures/records/segments.v3.json', 'utf8'),
    ) as unknown as { entries: Record<string, { h: string; s: unknown }> }
    const migrated = segmentCodec.schema.parse(migrateSegmentV3(v3))
    expect(Object.fromEntries(unpackSegment(migrated))).toEqual(v3.entries)
    const malformed = {
      table: 'incidents',
      entries: { r: { h: H('a'), s: { ...incidentSummary, completed: 'safety' } } },
    }
    expect(segmentCodec.schema.safeParse(migrateSegmentV3(malformed)).success).toBe(false)
    expect(migrateSegmentV3(null)).toBeNull()
  })
})
