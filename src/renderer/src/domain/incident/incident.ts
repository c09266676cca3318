import { z } from 'zod'
import { timestampSchema, type Timestamp } from '../time'
import { emptyStep, STEP_IDS, STEPS, type StepId, type StepValues } from './steps'

/** Version of the incident record's encrypted content; bound into its associated data. */
export const INCIDENT_SCHEMA_VERSION = 1

export const INCIDENT_STATUSES = ['open', 'in-follow-up', 'resolved'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]
export const INCIDENT_STATUS_WORDS: Record<IncidentStatus, string> = {
  open: 'Open',
  'in-follow-up': 'In follow-up',
  resolved: 'Resolved',
}

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
  signature: z.object({ signedAt: timestampSchema }).nullable(),
})
export type Incident = z.infer<typeof incidentSchema>

export function newIncident(clientId: string, now: Timestamp): Incident {
  return {
    clientId,
    createdAt: now,
    status: 'open',
    steps: { safety: emptyStep('safety', now) },
    completed: [],
    signature: null,
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

/** Status moves forward one step at a time: open -> in follow-up -> resolved. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
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

export function sign(incident: Incident, at: Timestamp): Incident {
  assertEditable(incident)
  return { ...incident, signature: { signedAt: at } }
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
