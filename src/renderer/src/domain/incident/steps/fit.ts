import { z } from 'zod'
import { formatDay } from '../../format'
import { optionalDateSchema } from '../../time'
import { text, wordOf, yesNo, type Words } from '../fields'
import { isDayBeforeWalkout } from '../rules'
import { defineStep } from '../step'

/** Step 8: assess therapeutic fit, referral, and not abandoning the client if the relationship ends. */

export const FIT_ASSESSMENTS = ['good', 'uncertain', 'mismatch'] as const
export const REFERRAL_STATES = ['not-considered', 'considered', 'made'] as const
export const REFERRAL_OUTCOMES = ['pending', 'accepted', 'declined', 'completed'] as const

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
  interimCrisisResources: z.boolean(),
  closingLetterSent: z.boolean(),
  recordsRelease: z.boolean(),
  connectionConfirmed: z.boolean(),
})
export type FitStep = z.infer<typeof fitStepSchema>

/** The non-abandonment checklist: what must be done before an ending is complete. */
export const NON_ABANDONMENT_CHECKLIST = [
  ['preterminationContact', 'Pretermination contact attempted'],
  ['referralOptionsGiven', 'Referral options given'],
  ['interimCrisisResources', 'Interim crisis resources given'],
  ['closingLetterSent', 'Closing letter sent'],
] as const satisfies readonly (readonly [keyof FitStep, string])[]

/** Follow-through after a referral: recorded when it happens, not needed to complete the step. */
export const REFERRAL_FOLLOW_THROUGH = [
  ['recordsRelease', 'Release for transferring records signed'],
  ['connectionConfirmed', 'The client connected with the new clinician'],
] as const satisfies readonly (readonly [keyof FitStep, string])[]

export const fitStep = defineStep({
  id: 'fit',
  title: 'Assess therapeutic fit',
  schema: fitStepSchema,
  empty: (): FitStep => ({
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
    interimCrisisResources: false,
    closingLetterSent: false,
    recordsRelease: false,
    connectionConfirmed: false,
  }),
  saveProblems: (v, { walkoutAt }) =>
    isDayBeforeWalkout(v.referralDate, walkoutAt)
      ? [
          {
            path: 'referralDate',
            message: 'A referral made after the walkout cannot be dated before it.',
          },
        ]
      : [],
  completionProblems: (v) => {
    const problems: string[] = []
    if (!v.fit) problems.push('Choose how the therapeutic fit looks.')
    if (v.referral === 'made' && !v.referralTo.trim())
      problems.push('Say to whom the client was referred.')
    if (v.relationshipEnding && !NON_ABANDONMENT_CHECKLIST.every(([name]) => v[name])) {
      problems.push('The relationship is ending: complete the non-abandonment checklist.')
    }
    return problems
  },
  document: (v) => [
    { label: 'Therapeutic fit', text: wordOf(FIT_WORDS, v.fit) },
    { label: 'Reasons', text: v.reasons },
    { label: 'Referral', text: REFERRAL_WORDS[v.referral] },
    { label: 'Referred to', text: v.referralTo },
    { label: 'Date of referral', text: formatDay(v.referralDate) },
    { label: 'Referral status', text: REFERRAL_OUTCOME_WORDS[v.referralOutcome] },
    { label: 'Warm handoff', text: yesNo(v.warmHandoff) },
    { label: 'The therapeutic relationship is ending', text: yesNo(v.relationshipEnding) },
    ...NON_ABANDONMENT_CHECKLIST.map(([name, label]) => ({ label, text: yesNo(v[name]) })),
    ...REFERRAL_FOLLOW_THROUGH.map(([name, label]) => ({ label, text: yesNo(v[name]) })),
  ],
})

/** Fit content of schema version 1 (before the longer non-abandonment checklist). */
export function migrateFitV1(value: Record<string, unknown>): Record<string, unknown> {
  return {
    interimCrisisResources: false,
    recordsRelease: false,
    connectionConfirmed: false,
    ...value,
  }
}
