import { z } from 'zod'
import { CHANNEL_KINDS, CHANNEL_WORDS, type AgreedChannel, type ChannelKind } from '../../client'
import { formatDay, formatMoment } from '../../format'
import { optionalDateSchema, timestampSchema } from '../../time'
import { text, type Words } from '../fields'
import { IN_FUTURE, isBeforeWalkout, isFuture } from '../rules'
import { defineStep, type FieldProblem } from '../step'

/** Step 3: reach out, only by a channel the client agreed to (or with a reason). */

export const OUTREACH_OUTCOMES = [
  'no-answer',
  'voicemail',
  'replied',
  'declined',
  'undeliverable',
] as const
export type OutreachOutcome = (typeof OUTREACH_OUTCOMES)[number]
export const OUTREACH_OUTCOME_WORDS: Words<typeof OUTREACH_OUTCOMES> = {
  'no-answer': 'No answer',
  voicemail: 'Voicemail left',
  replied: 'Replied',
  declined: 'Declined contact',
  undeliverable: 'Could not deliver',
}

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

function consentProblems(
  v: OutreachStep,
  agreed: readonly Pick<AgreedChannel, 'kind'>[],
): FieldProblem[] {
  return v.attempts.flatMap((attempt, index) => {
    const problem = channelConsentProblem(attempt.channel, attempt.unconsentedReason, agreed)
    return problem ? [{ path: `attempts.${index}.unconsentedReason`, message: problem }] : []
  })
}

export function describeAttempt(a: OutreachAttempt): string {
  return [
    `${formatMoment(a.at)}, ${CHANNEL_WORDS[a.channel]}: ${OUTREACH_OUTCOME_WORDS[a.outcome]}`,
    a.summary.trim(),
    a.unconsentedReason.trim() ? `Channel not agreed; reason: ${a.unconsentedReason.trim()}` : '',
    a.nextDue ? `Next attempt due ${formatDay(a.nextDue)}` : '',
  ]
    .filter(Boolean)
    .join('. ')
}

export const outreachStep = defineStep({
  id: 'outreach',
  title: 'Reach out',
  schema: outreachStepSchema,
  empty: (): OutreachStep => ({ attempts: [] }),
  completionProblems: (v, { agreed }) => [
    ...(v.attempts.length === 0 ? ['Log at least one attempt to reach the client.'] : []),
    ...consentProblems(v, agreed).map((p) => p.message),
  ],
  // The channel-consent rule holds for every save, not only when completing; so do the dates.
  saveProblems: (v, { agreed, walkoutAt, now }) => [
    ...consentProblems(v, agreed),
    ...v.attempts.flatMap((attempt, index): FieldProblem[] =>
      isFuture(attempt.at, now)
        ? [{ path: `attempts.${index}.at`, message: IN_FUTURE }]
        : isBeforeWalkout(attempt.at, walkoutAt)
          ? [
              {
                path: `attempts.${index}.at`,
                message: 'An attempt to reach the client cannot be before the walkout.',
              },
            ]
          : [],
    ),
  ],
  document: (v) => [
    {
      label: 'Attempts',
      text: v.attempts.length === 0 ? 'None logged' : '',
      items: v.attempts.map(describeAttempt),
    },
  ],
})
