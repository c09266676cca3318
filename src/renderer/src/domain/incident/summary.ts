import { z } from 'zod'
import { compareIso, timestampSchema, type Timestamp } from '../time'
import { INCIDENT_STATUSES, nextDue, walkoutMoment, type Incident } from './incident'
import { WALKOUT_ENDINGS, walkoutEnding } from './ending'
import { RISK_LEVELS, RUPTURE_TYPES } from './steps/safety'
import { DISCUSSION_STATUSES } from './steps/discuss'
import { STEP_IDS } from './steps'

/**
 * What lists, Today, timelines and the pattern figures need to know about a walkout record,
 * without opening it. Kept
 * in the sealed index (never in clear) and computed from the record on every write.
 */
export const incidentSummarySchema = z.object({
  clientId: z.string().min(1),
  status: z.enum(INCIDENT_STATUSES),
  /** When the client left (or, before that is recorded, when the record was started). */
  walkoutAt: timestampSchema,
  createdAt: timestampSchema,
  /** Earliest follow-up due (YYYY-MM-DD) or ''. */
  nextDue: z.string(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  /** A safety action other than "none needed" is recorded. */
  safetyActionRecorded: z.boolean(),
  nextSessionDate: z.string(),
  discussStatus: z.enum(DISCUSSION_STATUSES).nullable(),
  /** Outreach attempts logged, and the earliest next attempt due among them ('' if none). */
  attempts: z.number().int().min(0),
  nextAttemptDue: z.string(),
  lastAttemptAt: timestampSchema.nullable(),
  /** Attempts since the client last replied (all of them if never). */
  attemptsWithoutReply: z.number().int().min(0),
  completed: z.array(z.enum(STEP_IDS)),
  signedAt: timestampSchema.nullable(),
  /** Voided records stay in the vault but leave the lists. */
  voided: z.boolean(),
  // What the pattern figures count (segment version 3): no free text, codes and numbers only.
  ruptureType: z.enum(RUPTURE_TYPES).nullable(),
  minutesIntoSession: z.number().int().min(0).nullable(),
  /** How the walkout ended (see `walkoutEnding`). */
  ending: z.enum(WALKOUT_ENDINGS),
  /** The reflection says something under "My own contribution" (never what it says). */
  contributionNoted: z.boolean(),
})
export type IncidentSummary = z.infer<typeof incidentSummarySchema>

const earliest = (dates: string[]): string => dates.filter((d) => d !== '').sort()[0] ?? ''

export function summarizeIncident(incident: Incident): IncidentSummary {
  const safety = incident.steps.safety
  const attempts = [...(incident.steps.outreach?.attempts ?? [])].sort((a, b) =>
    compareIso(a.at.utc, b.at.utc),
  )
  const lastReply = attempts.map((a) => a.outcome).lastIndexOf('replied')
  const discuss = incident.steps.discuss
  return {
    clientId: incident.clientId,
    status: incident.status,
    walkoutAt: walkoutMoment(incident),
    createdAt: incident.createdAt,
    nextDue: nextDue(incident),
    riskLevel: safety?.riskLevel ?? null,
    safetyActionRecorded: (safety?.actions ?? []).some((a) => a.kind !== 'none-needed'),
    nextSessionDate: discuss?.nextSessionDate ?? '',
    discussStatus: discuss?.status ?? null,
    attempts: attempts.length,
    nextAttemptDue: earliest(attempts.map((a) => a.nextDue)),
    lastAttemptAt: (attempts.at(-1)?.at as Timestamp | undefined) ?? null,
    attemptsWithoutReply: attempts.length - (lastReply + 1),
    completed: incident.completed,
    signedAt: incident.signature?.signedAt ?? null,
    voided: incident.voided !== null,
    ruptureType: safety?.ruptureType ?? null,
    minutesIntoSession: safety?.minutesIntoSession ?? null,
    ending: walkoutEnding(incident),
    contributionNoted: (incident.steps.reflect?.myContribution ?? '').trim() !== '',
  }
}
