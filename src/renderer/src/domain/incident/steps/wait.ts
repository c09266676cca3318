import { z } from 'zod'
import { nullableMinutes, text, wordOf, type Words } from '../fields'
import { defineStep } from '../step'

/** Step 2: wait and assess. */

export const WAIT_OUTCOMES = ['returned', 'contact-later', 'no-contact'] as const
export const WAIT_WORDS: Words<typeof WAIT_OUTCOMES> = {
  returned: 'Returned during the session',
  'contact-later': 'Made contact later',
  'no-contact': 'No contact',
}

export const waitStepSchema = z.object({
  waitedMinutes: nullableMinutes,
  outcome: z.enum(WAIT_OUTCOMES).nullable(),
  notes: text(),
})
export type WaitStep = z.infer<typeof waitStepSchema>

export const waitStep = defineStep({
  id: 'wait',
  title: 'Wait and assess',
  schema: waitStepSchema,
  empty: (): WaitStep => ({ waitedMinutes: null, outcome: null, notes: '' }),
  completionProblems: (v) => (v.outcome ? [] : ['Choose the outcome of waiting.']),
  document: (v) => [
    {
      label: 'How long you waited (minutes)',
      text: v.waitedMinutes === null ? '' : String(v.waitedMinutes),
    },
    { label: 'Outcome', text: wordOf(WAIT_WORDS, v.outcome) },
    { label: 'Notes', text: v.notes },
  ],
})
