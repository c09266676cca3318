import type {
  ADJUSTMENT_KINDS,
  DISCUSSION_STATUSES,
  FIT_ASSESSMENTS,
  OUTREACH_OUTCOMES,
  PROTECTIVE_FACTORS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATES,
  RISK_INDICATORS,
  RISK_LEVELS,
  RUPTURE_TYPES,
  SAFETY_ACTION_KINDS,
  WAIT_OUTCOMES,
} from '../../domain/incident'

type Words<T extends readonly string[]> = Record<T[number], string>

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
export const WAIT_WORDS: Words<typeof WAIT_OUTCOMES> = {
  returned: 'Returned during the session',
  'contact-later': 'Made contact later',
  'no-contact': 'No contact',
}
export const OUTREACH_OUTCOME_WORDS: Words<typeof OUTREACH_OUTCOMES> = {
  'no-answer': 'No answer',
  voicemail: 'Voicemail left',
  replied: 'Replied',
  declined: 'Declined contact',
  undeliverable: 'Could not deliver',
}
export const DISCUSSION_WORDS: Words<typeof DISCUSSION_STATUSES> = {
  planned: 'Planned',
  discussed: 'Discussed',
}
export const ADJUSTMENT_WORDS: Words<typeof ADJUSTMENT_KINDS> = {
  pacing: 'Pacing',
  grounding: 'Grounding',
  'break-signal': 'An agreed break signal',
  modality: 'Modality',
  frequency: 'Frequency',
  other: 'Other',
}
export const FIT_WORDS: Words<typeof FIT_ASSESSMENTS> = {
  good: 'Good',
  uncertain: 'Uncertain',
  mismatch: 'Mismatch',
}
export const REFERRAL_WORDS: Words<typeof REFERRAL_STATES> = {
  'not-considered': 'Not considered',
  considered: 'Considered',
  made: 'Made',
}
export const REFERRAL_OUTCOME_WORDS: Words<typeof REFERRAL_OUTCOMES> = {
  pending: 'Pending',
  accepted: 'Accepted',
  declined: 'Declined',
  completed: 'Completed',
}

/** Options for <Choices> from a word table, in declaration order. */
export function optionsOf<K extends string>(
  words: Record<K, string>,
): { value: K; label: string }[] {
  return (Object.keys(words) as K[]).map((value) => ({ value, label: words[value] }))
}
