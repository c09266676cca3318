import { z } from 'zod'
import { formatDay } from '../../format'
import { optionalDateSchema } from '../../time'
import { text, type Words } from '../fields'
import { isDayBeforeWalkout } from '../rules'
import { defineStep } from '../step'

/** Step 5: prepare and hold the next session's conversation about the walkout. */

export const DISCUSSION_STATUSES = ['planned', 'discussed'] as const
export const DISCUSSION_WORDS: Words<typeof DISCUSSION_STATUSES> = {
  planned: 'Planned',
  discussed: 'Discussed',
}

export const discussStepSchema = z.object({
  nextSessionDate: optionalDateSchema,
  pointsToRaise: text(),
  questions: text(),
  discussed: text(),
  clientAccount: text(),
  status: z.enum(DISCUSSION_STATUSES),
})
export type DiscussStep = z.infer<typeof discussStepSchema>

export const discussStep = defineStep({
  id: 'discuss',
  title: 'Discuss in the next session',
  schema: discussStepSchema,
  empty: (): DiscussStep => ({
    nextSessionDate: '',
    pointsToRaise: '',
    questions: '',
    discussed: '',
    clientAccount: '',
    status: 'planned',
  }),
  saveProblems: (v, { walkoutAt }) =>
    isDayBeforeWalkout(v.nextSessionDate, walkoutAt)
      ? [{ path: 'nextSessionDate', message: 'The next session cannot be before the walkout.' }]
      : [],
  completionProblems: (v) => {
    const problems: string[] = []
    if (v.status === 'discussed' && !v.discussed.trim()) problems.push('Note what was discussed.')
    if (v.status === 'planned')
      problems.push('Mark the conversation as discussed once it has happened.')
    return problems
  },
  document: (v) => [
    { label: 'Date of the next session', text: formatDay(v.nextSessionDate) },
    { label: 'Points to raise', text: v.pointsToRaise },
    { label: 'Questions to explore', text: v.questions },
    { label: 'The conversation', text: DISCUSSION_WORDS[v.status] },
    { label: 'What was discussed', text: v.discussed },
    { label: 'The client’s own account', text: v.clientAccount },
  ],
})
