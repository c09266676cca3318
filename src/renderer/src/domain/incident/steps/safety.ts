import { z } from 'zod'
import { formatMoment } from '../../format'
import { timestampSchema, type Timestamp } from '../../time'
import { nullableMinutes, text, wordOf, type Words } from '../fields'
import { defineStep } from '../step'

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
  'none-needed',
  'other',
] as const

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
  'none-needed': 'None needed (say why)',
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
  protectiveFactors: z.array(z.enum(PROTECTIVE_FACTORS)),
  protectiveNotes: text(2000),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  rationale: text(),
  actions: z.array(safetyActionSchema).max(50),
})
export type SafetyStep = z.infer<typeof safetyStepSchema>

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
    protectiveFactors: [],
    protectiveNotes: '',
    riskLevel: null,
    rationale: '',
    actions: [],
  }),
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
  ],
})
