import { z } from 'zod'
import { formatMoment } from '../../format'
import { timestampSchema, type Timestamp } from '../../time'
import { nullableMinutes, text, wordOf, type Words } from '../fields'
import { IN_FUTURE, isFuture, MAX_SESSION_MINUTES } from '../rules'
import { defineStep, type FieldProblem } from '../step'

/** Step 1: assess safety, in the SAFE-T shape (risk and protective factors, level with rationale, actions). */

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
  'called-client',
  'welfare-check',
  'consulted-colleague',
  'none-needed',
  'other',
] as const
/** History that raises risk (SAFE-T step 1), asked apart from what was seen today. */
export const RISK_HISTORY = [
  'prior-attempt',
  'self-harm',
  'psychiatric-hospitalization',
  'family-history',
] as const
export const IDEATION_FREQUENCIES = ['none', 'rare', 'frequent', 'constant'] as const
export const IDEATION_INTENSITIES = ['fleeting', 'moderate', 'intense'] as const
/** Access to firearms is asked on its own, apart from other means. */
export const FIREARMS_ANSWERS = ['not-asked', 'no', 'yes', 'declined'] as const
/** A safety plan (Stanley-Brown shape) reviewed or made. */
export const SAFETY_PLAN_STATES = ['not-addressed', 'reviewed', 'made', 'declined'] as const
/**
 * Screening instruments the clinician may have used: named only, never copied (they are
 * licensed); the clinician notes the result in words.
 */
export const SCREENING_INSTRUMENTS = ['none', 'c-ssrs', 'phq-9-item-9', 'asq', 'other'] as const

export const RUPTURE_WORDS: Words<typeof RUPTURE_TYPES> = {
  withdrawal: 'Withdrawal (went quiet, shut down, left)',
  confrontation: 'Confrontation (anger, challenge, accusation)',
  mixed: 'Mixed',
}
export const RISK_INDICATOR_WORDS: Words<typeof RISK_INDICATORS> = {
  suicidalIdeation: 'Suicidal ideation',
  plan: 'A plan',
  intent: 'Intent',
  accessToMeans: 'Access to means',
  harmToOthers: 'Risk of harm to others',
  intoxication: 'Intoxication',
  dissociation: 'Dissociation',
  unsafeToDrive: 'Unsafe to drive',
  other: 'Other',
}
export const PROTECTIVE_WORDS: Words<typeof PROTECTIVE_FACTORS> = {
  reasonsForLiving: 'Reasons for living, hope',
  supportiveRelationships: 'Supportive relationships',
  engagedInTreatment: 'Engaged in treatment',
  responsibilities: 'Responsibilities (children, pets, work)',
  copingSkills: 'Coping skills',
  other: 'Other',
}
export const RISK_LEVEL_WORDS: Words<typeof RISK_LEVELS> = {
  none: 'None',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  imminent: 'Imminent',
}
export const SAFETY_ACTION_WORDS: Words<typeof SAFETY_ACTION_KINDS> = {
  'emergency-services': 'Emergency services called',
  'emergency-contact': 'Emergency contact reached',
  'crisis-line-info': 'Crisis line information given',
  'called-client': 'Called the client',
  'welfare-check': 'Welfare check requested',
  'consulted-colleague': 'Consulted a colleague or supervisor',
  'none-needed': 'None needed (say why)',
  other: 'Other',
}
export const RISK_HISTORY_WORDS: Words<typeof RISK_HISTORY> = {
  'prior-attempt': 'Prior suicide attempt',
  'self-harm': 'Self-harm',
  'psychiatric-hospitalization': 'Psychiatric hospitalization',
  'family-history': 'Family history of suicide',
}
export const IDEATION_FREQUENCY_WORDS: Words<typeof IDEATION_FREQUENCIES> = {
  none: 'None reported',
  rare: 'Rare',
  frequent: 'Frequent',
  constant: 'Constant',
}
export const IDEATION_INTENSITY_WORDS: Words<typeof IDEATION_INTENSITIES> = {
  fleeting: 'Fleeting',
  moderate: 'Moderate',
  intense: 'Intense',
}
export const FIREARMS_WORDS: Words<typeof FIREARMS_ANSWERS> = {
  'not-asked': 'Not asked yet',
  no: 'No access',
  yes: 'Has access',
  declined: 'Declined to say',
}
export const SAFETY_PLAN_WORDS: Words<typeof SAFETY_PLAN_STATES> = {
  'not-addressed': 'Not addressed yet',
  reviewed: 'Existing plan reviewed',
  made: 'Plan made together',
  declined: 'Client declined',
}
export const SCREENING_WORDS: Words<typeof SCREENING_INSTRUMENTS> = {
  none: 'None used',
  'c-ssrs': 'C-SSRS',
  'phq-9-item-9': 'PHQ-9, item 9',
  asq: 'ASQ',
  other: 'Other',
}

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
  history: z.array(z.enum(RISK_HISTORY)),
  historyNotes: text(2000),
  ideationFrequency: z.enum(IDEATION_FREQUENCIES).nullable(),
  ideationIntensity: z.enum(IDEATION_INTENSITIES).nullable(),
  firearms: z.enum(FIREARMS_ANSWERS),
  screening: z.enum(SCREENING_INSTRUMENTS),
  screeningNotes: text(500),
  protectiveFactors: z.array(z.enum(PROTECTIVE_FACTORS)),
  protectiveNotes: text(2000),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  rationale: text(),
  actions: z.array(safetyActionSchema).max(50),
  safetyPlan: z.enum(SAFETY_PLAN_STATES),
  safetyPlanNotes: text(2000),
})
export type SafetyStep = z.infer<typeof safetyStepSchema>

/** Moderate risk and above call for the questions about means. */
export function atLeastModerate(level: RiskLevel | null | undefined): boolean {
  return level === 'moderate' || isHighRisk(level)
}

/** High and imminent risk call for action now. */
export function isHighRisk(level: RiskLevel | null | undefined): boolean {
  return level === 'high' || level === 'imminent'
}

export const safetyStep = defineStep({
  id: 'safety',
  title: 'Assess safety',
  schema: safetyStepSchema,
  empty: (now: Timestamp): SafetyStep => ({
    leftAt: now,
    minutesIntoSession: null,
    beforeNarrative: '',
    ruptureType: null,
    riskIndicators: [],
    riskIndicatorsOther: '',
    history: [],
    historyNotes: '',
    ideationFrequency: null,
    ideationIntensity: null,
    firearms: 'not-asked',
    screening: 'none',
    screeningNotes: '',
    protectiveFactors: [],
    protectiveNotes: '',
    riskLevel: null,
    rationale: '',
    actions: [],
    safetyPlan: 'not-addressed',
    safetyPlanNotes: '',
  }),
  saveProblems: (v, { now }) => {
    const problems: FieldProblem[] = []
    if (isFuture(v.leftAt, now))
      problems.push({
        path: 'leftAt',
        message: 'The time the client left cannot be in the future.',
      })
    if (v.minutesIntoSession !== null && v.minutesIntoSession > MAX_SESSION_MINUTES)
      problems.push({
        path: 'minutesIntoSession',
        message: `A session is at most ${MAX_SESSION_MINUTES} minutes: check the number.`,
      })
    v.actions.forEach((action, index) => {
      if (isFuture(action.at, now))
        problems.push({ path: `actions.${index}.at`, message: IN_FUTURE })
    })
    return problems
  },
  completionProblems: (v) => {
    const problems: string[] = []
    if (!v.riskLevel) problems.push('Choose a risk level.')
    if (!v.rationale.trim()) problems.push('Give the rationale for the risk level.')
    if (isHighRisk(v.riskLevel) && !v.actions.some((a) => a.kind !== 'none-needed')) {
      problems.push(
        'The risk is high: record the action taken (emergency services, emergency contact or crisis line).',
      )
    }
    for (const action of v.actions) {
      if (action.kind === 'none-needed' && !action.detail.trim())
        problems.push('Say why no action was needed.')
    }
    if (atLeastModerate(v.riskLevel) && v.firearms === 'not-asked')
      problems.push(
        'The risk is moderate or higher: record whether the client has access to firearms.',
      )
    if (isHighRisk(v.riskLevel) && v.safetyPlan === 'not-addressed')
      problems.push('The risk is high: record whether a safety plan was reviewed or made.')
    return problems
  },
  document: (v) => [
    { label: 'When the client left', text: formatMoment(v.leftAt) },
    {
      label: 'Minutes into the session',
      text: v.minutesIntoSession === null ? '' : String(v.minutesIntoSession),
    },
    { label: 'What happened just before', text: v.beforeNarrative },
    { label: 'Rupture type', text: wordOf(RUPTURE_WORDS, v.ruptureType) },
    {
      label: 'Risk indicators observed',
      text: v.riskIndicators.map((i) => RISK_INDICATOR_WORDS[i]).join(', '),
    },
    { label: 'Other risk indicators', text: v.riskIndicatorsOther },
    { label: 'History', text: v.history.map((h) => RISK_HISTORY_WORDS[h]).join(', ') },
    { label: 'Notes on history', text: v.historyNotes },
    {
      label: 'Frequency of suicidal thoughts',
      text: wordOf(IDEATION_FREQUENCY_WORDS, v.ideationFrequency),
    },
    {
      label: 'Intensity of suicidal thoughts',
      text: wordOf(IDEATION_INTENSITY_WORDS, v.ideationIntensity),
    },
    { label: 'Access to firearms', text: FIREARMS_WORDS[v.firearms] },
    { label: 'Screening instrument', text: SCREENING_WORDS[v.screening] },
    { label: 'Screening result, in your words', text: v.screeningNotes },
    {
      label: 'Protective factors',
      text: v.protectiveFactors.map((f) => PROTECTIVE_WORDS[f]).join(', '),
    },
    { label: 'Notes on protective factors', text: v.protectiveNotes },
    { label: 'Risk level', text: wordOf(RISK_LEVEL_WORDS, v.riskLevel) },
    { label: 'Rationale for the risk level', text: v.rationale },
    {
      label: 'Actions taken',
      text: v.actions.length === 0 ? 'None recorded' : '',
      items: v.actions.map(
        (a) =>
          `${SAFETY_ACTION_WORDS[a.kind]}, ${formatMoment(a.at)}${a.detail.trim() ? `: ${a.detail.trim()}` : ''}`,
      ),
    },
    { label: 'Safety plan', text: SAFETY_PLAN_WORDS[v.safetyPlan] },
    { label: 'Notes on the safety plan', text: v.safetyPlanNotes },
  ],
})

/** Safety content of schema version 1 (before history, ideation, firearms, screening, plan). */
export function migrateSafetyV1(value: Record<string, unknown>): Record<string, unknown> {
  return {
    history: [],
    historyNotes: '',
    ideationFrequency: null,
    ideationIntensity: null,
    firearms: 'not-asked',
    screening: 'none',
    screeningNotes: '',
    safetyPlan: 'not-addressed',
    safetyPlanNotes: '',
    ...value,
  }
}
