import { z } from 'zod'
import { hexHash } from '../domain/audit'
import { clientSummarySchema, type ClientSummary } from '../domain/client'
import {
  addendumSummarySchema,
  incidentSummarySchema,
  type AddendumSummary,
  type IncidentSummary,
  type StepId,
} from '../domain/incident'
import { timestampSchema, type Timestamp } from '../domain/time'
import type { IndexEntry } from './vault-index'

/**
 * How a sealed index segment stores its summaries since segment version 4: each summary as a
 * tuple, its fields in a fixed order, instead of an object that repeats every field name. A
 * walkout's entry is about half the bytes, and the unlock reads, decrypts and parses every
 * segment before Today can be drawn. The fields are validated by the summary schemas' own
 * field schemas; the order below is the storage format (a change needs a new segment version).
 */

/** A timestamp as [utc, offsetMinutes]. */
const packedStamp = z.tuple([timestampSchema.shape.utc, timestampSchema.shape.offsetMinutes])
type PackedStamp = z.infer<typeof packedStamp>

/**
 * The steps a walkout summary lists as completed, stored by their place in this list.
 * Append only: a stored number keeps its meaning; a step missing here cannot be packed (a unit
 * test checks that every step has its place).
 */
export const PACKED_STEP_ORDER: readonly StepId[] = [
  'safety',
  'wait',
  'outreach',
  'reflect',
  'discuss',
  'adjust',
  'communicate',
  'fit',
]

const client = clientSummarySchema.shape
const packedClient = z.tuple([
  client.displayName,
  client.initials,
  client.status,
  client.dateOfBirth,
  client.clientNumber,
])

const incident = incidentSummarySchema.shape
const packedIncident = z.tuple([
  incident.clientId,
  incident.status,
  packedStamp,
  packedStamp,
  incident.nextDue,
  incident.riskLevel,
  incident.safetyActionRecorded,
  incident.nextSessionDate,
  incident.discussStatus,
  incident.attempts,
  incident.nextAttemptDue,
  packedStamp.nullable(),
  incident.attemptsWithoutReply,
  z.array(
    z
      .number()
      .int()
      .min(0)
      .max(PACKED_STEP_ORDER.length - 1),
  ),
  packedStamp.nullable(),
  incident.voided,
  incident.ruptureType,
  incident.minutesIntoSession,
  incident.ending,
  incident.contributionNoted,
])

const addendum = addendumSummarySchema.shape
const packedAddendum = z.tuple([addendum.incidentId, packedStamp])

/** One record: its id, the hash of its sealed row, and its packed summary (null: did not open). */
const packedEntries = <S extends z.ZodType>(summary: S) =>
  z.array(z.tuple([z.string().min(1), hexHash, summary.nullable()]))

export const packedSegmentSchema = z.discriminatedUnion('table', [
  z.object({ table: z.literal('clients'), entries: packedEntries(packedClient) }),
  z.object({ table: z.literal('incidents'), entries: packedEntries(packedIncident) }),
  z.object({ table: z.literal('addenda'), entries: packedEntries(packedAddendum) }),
])
export type PackedSegment = z.infer<typeof packedSegmentSchema>
type PackedTable = PackedSegment['table']

const packStamp = (t: Timestamp): PackedStamp => [t.utc, t.offsetMinutes]
const unpackStamp = ([utc, offsetMinutes]: PackedStamp): Timestamp => ({ utc, offsetMinutes })
const orNull = <A, B>(value: A | null, f: (a: A) => B): B | null =>
  value === null ? null : f(value)

const PACK = {
  clients: (s: ClientSummary): z.infer<typeof packedClient> => [
    s.displayName,
    s.initials,
    s.status,
    s.dateOfBirth,
    s.clientNumber,
  ],
  incidents: (s: IncidentSummary): z.infer<typeof packedIncident> => [
    s.clientId,
    s.status,
    packStamp(s.walkoutAt),
    packStamp(s.createdAt),
    s.nextDue,
    s.riskLevel,
    s.safetyActionRecorded,
    s.nextSessionDate,
    s.discussStatus,
    s.attempts,
    s.nextAttemptDue,
    orNull(s.lastAttemptAt, packStamp),
    s.attemptsWithoutReply,
    s.completed.map((step) => PACKED_STEP_ORDER.indexOf(step)),
    orNull(s.signedAt, packStamp),
    s.voided,
    s.ruptureType,
    s.minutesIntoSession,
    s.ending,
    s.contributionNoted,
  ],
  addenda: (s: AddendumSummary): z.infer<typeof packedAddendum> => [
    s.incidentId,
    packStamp(s.createdAt),
  ],
}

const UNPACK = {
  clients: (p: z.infer<typeof packedClient>): ClientSummary => ({
    displayName: p[0],
    initials: p[1],
    status: p[2],
    dateOfBirth: p[3],
    clientNumber: p[4],
  }),
  incidents: (p: z.infer<typeof packedIncident>): IncidentSummary => ({
    clientId: p[0],
    status: p[1],
    walkoutAt: unpackStamp(p[2]),
    createdAt: unpackStamp(p[3]),
    nextDue: p[4],
    riskLevel: p[5],
    safetyActionRecorded: p[6],
    nextSessionDate: p[7],
    discussStatus: p[8],
    attempts: p[9],
    nextAttemptDue: p[10],
    lastAttemptAt: orNull(p[11], unpackStamp),
    attemptsWithoutReply: p[12],
    completed: p[13].map((i) => PACKED_STEP_ORDER[i]!),
    signedAt: orNull(p[14], unpackStamp),
    voided: p[15],
    ruptureType: p[16],
    minutesIntoSession: p[17],
    ending: p[18],
    contributionNoted: p[19],
  }),
  addenda: (p: z.infer<typeof packedAddendum>): AddendumSummary => ({
    incidentId: p[0],
    createdAt: unpackStamp(p[1]),
  }),
}

/** Packs a segment's entries (record id → entry) for sealing. */
export function packSegment(
  table: PackedTable,
  entries: Iterable<[string, IndexEntry<unknown>]>,
): PackedSegment {
  const pack = PACK[table] as (s: unknown) => unknown
  const packed = []
  for (const [id, e] of entries) packed.push([id, e.h, e.s === null ? null : pack(e.s)])
  return { table, entries: packed } as PackedSegment
}

/** The entries of a segment that opened (and so was validated as packed), by record id. */
export function unpackSegment(segment: PackedSegment): Map<string, IndexEntry<unknown>> {
  const unpack = UNPACK[segment.table] as (p: unknown) => unknown
  const entries = new Map<string, IndexEntry<unknown>>()
  for (const [id, h, s] of segment.entries as [string, string, unknown][])
    entries.set(id, { h, s: s === null ? null : unpack(s) })
  return entries
}

/**
 * Segment content of version 3 (summaries as objects) packed as version 4. Whatever does not
 * pack is left for the schema to refuse (the segment is then rebuilt from the records).
 */
export function migrateSegmentV3(value: unknown): unknown {
  const v3 = value as { table?: string; entries?: unknown }
  if (!v3 || typeof v3.entries !== 'object' || v3.entries === null) return value
  if (v3.table !== 'clients' && v3.table !== 'incidents' && v3.table !== 'addenda') return value
  try {
    return packSegment(v3.table, Object.entries(v3.entries as Record<string, IndexEntry<unknown>>))
  } catch {
    return value
  }
}
