import { z } from 'zod'
import { timestampSchema, type Timestamp } from '../time'
import {
  emptyStep,
  migrateFitV1,
  migrateSafetyV1,
  STEP_IDS,
  STEPS,
  type StepId,
  type StepValues,
} from './steps'

/**
 * Version of the incident record's encrypted content; bound into its associated data.
 * 2: fuller SAFE-T safety step and non-abandonment checklist, the clinician in the signature,
 * voiding a record started in error.
 */
export const INCIDENT_SCHEMA_VERSION = 2

export const INCIDENT_STATUSES = ['open', 'in-follow-up', 'resolved'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]
export const INCIDENT_STATUS_WORDS: Record<IncidentStatus, string> = {
  open: 'Open',
  'in-follow-up': 'In follow-up',
  resolved: 'Resolved',
}

/** Who signed, when, and (when steps were unfinished) which ones and why it was signed anyway. */
export const signatureSchema = z.object({
  signedAt: timestampSchema,
  /** From the practice profile; null on records signed before the profile existed. */
  clinician: z
    .object({ name: z.string().trim().min(1).max(200), credentials: z.string().trim().max(200) })
    .nullable(),
  unfinished: z.array(z.enum(STEP_IDS)),
  reason: z.string().trim().max(2000),
})

/** Each step's values, all optional: a step not yet opened is absent. Derived from the registry. */
const stepsSchema = z.object(
  Object.fromEntries(STEPS.map((step) => [step.id, step.schema.optional()])) as unknown as {
    [K in StepId]: z.ZodOptional<z.ZodType<StepValues[K]>>
  },
)

export const incidentSchema = z.object({
  clientId: z.string().min(1),
  createdAt: timestampSchema,
  status: z.enum(INCIDENT_STATUSES),
  steps: stepsSchema,
  completed: z.array(z.enum(STEP_IDS)),
  signature: signatureSchema.nullable(),
  /** A record started in error: kept, hidden from lists, shown on request. */
  voided: z.object({ at: timestampSchema, reason: z.string().trim().min(1).max(2000) }).nullable(),
})
export type Incident = z.infer<typeof incidentSchema>
export type Signature = z.infer<typeof signatureSchema>

export function newIncident(clientId: string, now: Timestamp): Incident {
  return {
    clientId,
    createdAt: now,
    status: 'open',
    steps: { safety: emptyStep('safety', now) },
    completed: [],
    signature: null,
    voided: null,
  }
}

// ---------------------------------------------------------------- rules

export class RuleError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RuleError'
  }
}

export const SIGNED_MESSAGE =
  'This incident is signed and can no longer be edited. Add a dated addendum instead.'

export function isSigned(incident: Incident): boolean {
  return incident.signature !== null
}

/** A signed incident is never edited: corrections are addenda. */
export function assertEditable(incident: Incident): void {
  if (isSigned(incident)) throw new RuleError(SIGNED_MESSAGE)
}

/**
 * Status moves forward one step at a time (open -> in follow-up -> resolved), and a resolved
 * walkout can be reopened into follow-up.
 */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === 'resolved' && to === 'in-follow-up') return true
  return INCIDENT_STATUSES.indexOf(to) === INCIDENT_STATUSES.indexOf(from) + 1
}

/**
 * Status is workflow, not documentation: it keeps moving after the record is signed (a signed
 * record can still go into follow-up and be resolved), and every change is in the audit trail.
 */
export function withStatus(incident: Incident, to: IncidentStatus): Incident {
  if (!canTransition(incident.status, to)) {
    throw new RuleError(
      `An incident that is ${INCIDENT_STATUS_WORDS[incident.status].toLowerCase()} cannot move to ${INCIDENT_STATUS_WORDS[to].toLowerCase()}.`,
    )
  }
  return { ...incident, status: to }
}

/** One step's saved values, typed by its id (undefined: not opened yet). */
export function stepValues<K extends StepId>(
  incident: Pick<Incident, 'steps'>,
  step: K,
): StepValues[K] | undefined {
  return incident.steps[step] as StepValues[K] | undefined
}

/** The moment the client left (or, before that is recorded, when the record was started). */
export function walkoutMoment(incident: Pick<Incident, 'steps' | 'createdAt'>): Timestamp {
  return incident.steps.safety?.leftAt ?? incident.createdAt
}

/** The earliest follow-up date the incident asks for (next outreach attempt or next session), or ''. */
export function nextDue(incident: Pick<Incident, 'steps' | 'status'>): string {
  if (incident.status === 'resolved') return ''
  const dates = [
    ...(incident.steps.outreach?.attempts ?? []).map((a) => a.nextDue),
    incident.steps.discuss?.status === 'planned'
      ? (incident.steps.discuss.nextSessionDate ?? '')
      : '',
  ].filter((d) => d !== '')
  return dates.sort()[0] ?? ''
}

/** The steps not yet marked complete, in protocol order. */
export function unfinishedSteps(incident: Pick<Incident, 'completed'>): StepId[] {
  return STEP_IDS.filter((step) => !incident.completed.includes(step))
}

export const SIGN_REASON_NEEDED =
  'Some steps are not complete. Say why the record is signed anyway: after signing they can no longer be completed.'

/**
 * Signs the record as the clinician. With steps unfinished, a reason is required (they can never
 * be completed afterwards); the signature keeps which ones and why.
 */
export function sign(
  incident: Incident,
  at: Timestamp,
  by: { clinician: Signature['clinician']; reason?: string } = { clinician: null },
): Incident {
  assertEditable(incident)
  if (incident.voided) throw new RuleError('This record was voided; it cannot be signed.')
  const unfinished = unfinishedSteps(incident)
  const reason = (by.reason ?? '').trim()
  if (unfinished.length > 0 && !reason) throw new RuleError(SIGN_REASON_NEEDED)
  return {
    ...incident,
    signature: { signedAt: at, clinician: by.clinician, unfinished, reason },
  }
}

/**
 * Voids a record started in error (the wrong client, a duplicate): it is kept, with the reason,
 * hidden from lists and shown on request. A signed record is never voided: it is corrected by
 * an addendum.
 */
export function voidIncident(incident: Incident, at: Timestamp, reason: string): Incident {
  if (isSigned(incident))
    throw new RuleError('A signed record cannot be voided. Correct it with an addendum instead.')
  if (incident.voided) throw new RuleError('This record is already voided.')
  const why = reason.trim()
  if (!why) throw new RuleError('Say why this record is voided.')
  return { ...incident, voided: { at, reason: why } }
}

export function withStep<K extends StepId>(
  incident: Incident,
  step: K,
  values: StepValues[K],
  complete: boolean,
): Incident {
  assertEditable(incident)
  const completed = complete
    ? [...new Set([...incident.completed, step])]
    : incident.completed.filter((s) => s !== step)
  return {
    ...incident,
    steps: { ...incident.steps, [step]: values },
    completed: STEP_IDS.filter((s) => completed.includes(s)),
  }
}

/** Incident content of schema version 1 brought to version 2. */
export function migrateIncidentV1(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const v1 = value as {
    steps?: Record<string, Record<string, unknown> | undefined>
    signature?: { signedAt?: unknown } | null
  }
  const steps = { ...(v1.steps ?? {}) }
  if (steps['safety']) steps['safety'] = migrateSafetyV1(steps['safety'])
  if (steps['fit']) steps['fit'] = migrateFitV1(steps['fit'])
  return {
    ...value,
    steps,
    signature: v1.signature
      ? { signedAt: v1.signature.signedAt, clinician: null, unfinished: [], reason: '' }
      : null,
    voided: null,
  }
}
