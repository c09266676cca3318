import { z } from 'zod'
import { CHANNEL_KINDS, type AgreedChannel, type ChannelKind } from './client'
import { optionalDateSchema, timestampSchema, type Timestamp } from './time'

/** Version of the incident record's encrypted content; bound into its associated data. */
export const INCIDENT_SCHEMA_VERSION = 1

const text = (max = 20_000) =>
  z.string().max(max, `This is limited to ${max.toLocaleString('en')} characters.`)
const nullableMinutes = z
  .number({ error: 'Enter a number of minutes.' })
  .int('Enter whole minutes.')
  .min(0, 'Minutes cannot be negative.')
  .max(24 * 60, 'That is more than a day.')
  .nullable()

// ---------------------------------------------------------------- 1. Assess safety (SAFE-T shape)

export const RUPTURE_TYPES = ['withdrawal', 'confrontation', 'mixed'] as const
export const RISK_LEVELS = ['none', 'low', 'moderate', 'high', 'imminent'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
export const RISK_INDICATORS = [
  'suicidalIdeation',
  'plan',
  'intent',
  'accessToMeans',
  'harmToOthers',
  'intoxication',
  'dissociation',
  'unsafeToDrive',
  'other',
] as const
export const PROTECTIVE_FACTORS = [
  'reasonsForLiving',
  'supportiveRelationships',
  'engagedInTreatment',
  'responsibilities',
  'copingSkills',
  'other',
] as const
export const SAFETY_ACTION_KINDS = [
  'emergency-services',
  'emergency-contact',
  'crisis-line-info',
  'none-needed',
  'other',
] as const

export const safetyActionSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(SAFETY_ACTION_KINDS),
  at: timestampSchema,
  /** What was done, or, for "none needed", why. */
  detail: text(2000),
})
export type SafetyAction = z.infer<typeof safetyActionSchema>

export const safetyStepSchema = z.object({
  leftAt: timestampSchema.nullable(),
  minutesIntoSession: nullableMinutes,
  beforeNarrative: text(),
  ruptureType: z.enum(RUPTURE_TYPES).nullable(),
  riskIndicators: z.array(z.enum(RISK_INDICATORS)),
  riskIndicatorsOther: text(500),
  protectiveFactors: z.array(z.enum(PROTECTIVE_FACTORS)),
  protectiveNotes: text(2000),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  rationale: text(),
  actions: z.array(safetyActionSchema).max(50),
})
export type SafetyStep = z.infer<typeof safetyStepSchema>

// ---------------------------------------------------------------- 2. Wait and assess

export const WAIT_OUTCOMES = ['returned', 'contact-later', 'no-contact'] as const
export const waitStepSchema = z.object({
  waitedMinutes: nullableMinutes,
  outcome: z.enum(WAIT_OUTCOMES).nullable(),
  notes: text(),
})
export type WaitStep = z.infer<typeof waitStepSchema>

// ---------------------------------------------------------------- 3. Reach out

export const OUTREACH_OUTCOMES = [
  'no-answer',
  'voicemail',
  'replied',
  'declined',
  'undeliverable',
] as const
export const outreachAttemptSchema = z.object({
  id: z.string().min(1),
  at: timestampSchema,
  channel: z.enum(CHANNEL_KINDS, { error: 'Choose the channel used.' }),
  /** Why a channel the client did not agree to was used (required in that case). */
  unconsentedReason: text(2000),
  summary: text(5000),
  outcome: z.enum(OUTREACH_OUTCOMES, { error: 'Choose the outcome.' }),
  nextDue: optionalDateSchema,
})
export type OutreachAttempt = z.infer<typeof outreachAttemptSchema>
export const outreachStepSchema = z.object({ attempts: z.array(outreachAttemptSchema).max(200) })
export type OutreachStep = z.infer<typeof outreachStepSchema>

// ---------------------------------------------------------------- 4. Reflect (psychotherapy note)

export const reflectStepSchema = z.object({
  preceded: text(),
  myContribution: text(),
  triggers: text(),
  ruptureMarkers: text(),
  differently: text(),
  consultationSought: z.boolean(),
  consultationNotes: text(),
})
export type ReflectStep = z.infer<typeof reflectStepSchema>

// ---------------------------------------------------------------- 5. Discuss in the next session

export const DISCUSSION_STATUSES = ['planned', 'discussed'] as const
export const discussStepSchema = z.object({
  nextSessionDate: optionalDateSchema,
  pointsToRaise: text(),
  questions: text(),
  discussed: text(),
  clientAccount: text(),
  status: z.enum(DISCUSSION_STATUSES),
})
export type DiscussStep = z.infer<typeof discussStepSchema>

// ---------------------------------------------------------------- 6. Adjust the approach

export const ADJUSTMENT_KINDS = [
  'pacing',
  'grounding',
  'break-signal',
  'modality',
  'frequency',
  'other',
] as const
export const adjustmentSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(ADJUSTMENT_KINDS),
  detail: text(2000),
  rationale: text(5000),
})
export const adjustStepSchema = z.object({ adjustments: z.array(adjustmentSchema).max(50) })
export type AdjustStep = z.infer<typeof adjustStepSchema>

// ---------------------------------------------------------------- 7. Encourage open communication

export const communicateStepSchema = z.object({ agreements: text(), clientFeedback: text() })
export type CommunicateStep = z.infer<typeof communicateStepSchema>

// ---------------------------------------------------------------- 8. Assess therapeutic fit

export const FIT_ASSESSMENTS = ['good', 'uncertain', 'mismatch'] as const
export const REFERRAL_STATES = ['not-considered', 'considered', 'made'] as const
export const REFERRAL_OUTCOMES = ['pending', 'accepted', 'declined', 'completed'] as const
export const fitStepSchema = z.object({
  fit: z.enum(FIT_ASSESSMENTS).nullable(),
  reasons: text(),
  referral: z.enum(REFERRAL_STATES),
  referralTo: text(500),
  referralDate: optionalDateSchema,
  warmHandoff: z.boolean(),
  referralOutcome: z.enum(REFERRAL_OUTCOMES),
  relationshipEnding: z.boolean(),
  preterminationContact: z.boolean(),
  referralOptionsGiven: z.boolean(),
  closingLetterSent: z.boolean(),
})
export type FitStep = z.infer<typeof fitStepSchema>

// ---------------------------------------------------------------- the protocol

export const STEP_IDS = [
  'safety',
  'wait',
  'outreach',
  'reflect',
  'discuss',
  'adjust',
  'communicate',
  'fit',
] as const
export type StepId = (typeof STEP_IDS)[number]

export const STEP_TITLES: Record<StepId, string> = {
  safety: 'Assess safety',
  wait: 'Wait and assess',
  outreach: 'Reach out',
  reflect: 'Reflect',
  discuss: 'Discuss in the next session',
  adjust: 'Adjust the approach',
  communicate: 'Encourage open communication',
  fit: 'Assess therapeutic fit',
}

export const stepSchemas = {
  safety: safetyStepSchema,
  wait: waitStepSchema,
  outreach: outreachStepSchema,
  reflect: reflectStepSchema,
  discuss: discussStepSchema,
  adjust: adjustStepSchema,
  communicate: communicateStepSchema,
  fit: fitStepSchema,
} as const
export type StepValues = { [K in StepId]: z.infer<(typeof stepSchemas)[K]> }

export const INCIDENT_STATUSES = ['open', 'in-follow-up', 'resolved'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]
export const INCIDENT_STATUS_WORDS: Record<IncidentStatus, string> = {
  open: 'Open',
  'in-follow-up': 'In follow-up',
  resolved: 'Resolved',
}

export const incidentSchema = z.object({
  clientId: z.string().min(1),
  createdAt: timestampSchema,
  status: z.enum(INCIDENT_STATUSES),
  steps: z.object({
    safety: safetyStepSchema.optional(),
    wait: waitStepSchema.optional(),
    outreach: outreachStepSchema.optional(),
    reflect: reflectStepSchema.optional(),
    discuss: discussStepSchema.optional(),
    adjust: adjustStepSchema.optional(),
    communicate: communicateStepSchema.optional(),
    fit: fitStepSchema.optional(),
  }),
  completed: z.array(z.enum(STEP_IDS)),
  signature: z.object({ signedAt: timestampSchema }).nullable(),
})
export type Incident = z.infer<typeof incidentSchema>

export function emptyStep<K extends StepId>(step: K, now: Timestamp): StepValues[K] {
  const empty: StepValues = {
    safety: {
      leftAt: now,
      minutesIntoSession: null,
      beforeNarrative: '',
      ruptureType: null,
      riskIndicators: [],
      riskIndicatorsOther: '',
      protectiveFactors: [],
      protectiveNotes: '',
      riskLevel: null,
      rationale: '',
      actions: [],
    },
    wait: { waitedMinutes: null, outcome: null, notes: '' },
    outreach: { attempts: [] },
    reflect: {
      preceded: '',
      myContribution: '',
      triggers: '',
      ruptureMarkers: '',
      differently: '',
      consultationSought: false,
      consultationNotes: '',
    },
    discuss: {
      nextSessionDate: '',
      pointsToRaise: '',
      questions: '',
      discussed: '',
      clientAccount: '',
      status: 'planned',
    },
    adjust: { adjustments: [] },
    communicate: { agreements: '', clientFeedback: '' },
    fit: {
      fit: null,
      reasons: '',
      referral: 'not-considered',
      referralTo: '',
      referralDate: '',
      warmHandoff: false,
      referralOutcome: 'pending',
      relationshipEnding: false,
      preterminationContact: false,
      referralOptionsGiven: false,
      closingLetterSent: false,
    },
  }
  return empty[step]
}

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

/** Why a channel choice breaks the consent rule, or null if it is fine. */
export function channelConsentProblem(
  channel: ChannelKind,
  reason: string,
  agreed: readonly Pick<AgreedChannel, 'kind'>[],
): string | null {
  if (agreed.some((c) => c.kind === channel)) return null
  return reason.trim().length > 0
    ? null
    : 'The client did not agree to this channel. Say why it was used.'
}

/**
 * What still stops a step from being marked complete, in words. Saving a step half-done is always
 * allowed; completing it asks for the few things the record must have.
 */
export function completionProblems(
  step: StepId,
  values: unknown,
  agreed: readonly Pick<AgreedChannel, 'kind'>[] = [],
): string[] {
  const problems: string[] = []
  switch (step) {
    case 'safety': {
      const v = values as SafetyStep
      if (!v.riskLevel) problems.push('Choose a risk level.')
      if (!v.rationale.trim()) problems.push('Give the rationale for the risk level.')
      if (
        (v.riskLevel === 'high' || v.riskLevel === 'imminent') &&
        !v.actions.some((a) => a.kind !== 'none-needed')
      ) {
        problems.push(
          'The risk is high: record the action taken (emergency services, emergency contact or crisis line).',
        )
      }
      for (const action of v.actions) {
        if (action.kind === 'none-needed' && !action.detail.trim())
          problems.push('Say why no action was needed.')
      }
      break
    }
    case 'wait': {
      const v = values as WaitStep
      if (!v.outcome) problems.push('Choose the outcome of waiting.')
      break
    }
    case 'outreach': {
      const v = values as OutreachStep
      if (v.attempts.length === 0) problems.push('Log at least one attempt to reach the client.')
      for (const attempt of v.attempts) {
        const problem = channelConsentProblem(attempt.channel, attempt.unconsentedReason, agreed)
        if (problem) problems.push(problem)
      }
      break
    }
    case 'discuss': {
      const v = values as DiscussStep
      if (v.status === 'discussed' && !v.discussed.trim()) problems.push('Note what was discussed.')
      if (v.status === 'planned')
        problems.push('Mark the conversation as discussed once it has happened.')
      break
    }
    case 'fit': {
      const v = values as FitStep
      if (!v.fit) problems.push('Choose how the therapeutic fit looks.')
      if (v.referral === 'made' && !v.referralTo.trim())
        problems.push('Say to whom the client was referred.')
      if (
        v.relationshipEnding &&
        !(v.preterminationContact && v.referralOptionsGiven && v.closingLetterSent)
      ) {
        problems.push('The relationship is ending: complete the non-abandonment checklist.')
      }
      break
    }
    default:
      break
  }
  return [...new Set(problems)]
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

// ---------------------------------------------------------------- addenda

export const ADDENDUM_SCHEMA_VERSION = 1
export const addendumSchema = z.object({
  incidentId: z.string().min(1),
  createdAt: timestampSchema,
  text: z
    .string()
    .trim()
    .min(1, 'Write the addendum.')
    .max(20_000, 'An addendum is limited to 20,000 characters.'),
})
export type Addendum = z.infer<typeof addendumSchema>

/** Addenda read in the order they were written, oldest first, never merged into the record. */
export function orderAddenda<T extends { createdAt: Timestamp }>(addenda: T[]): T[] {
  return [...addenda].sort((a, b) => Date.parse(a.createdAt.utc) - Date.parse(b.createdAt.utc))
}
