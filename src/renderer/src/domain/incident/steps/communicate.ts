import { z } from 'zod'
import { text } from '../fields'
import { defineStep } from '../step'

/** Step 7: encourage open communication. */

export const communicateStepSchema = z.object({ agreements: text(), clientFeedback: text() })
export type CommunicateStep = z.infer<typeof communicateStepSchema>

export const communicateStep = defineStep({
  id: 'communicate',
  title: 'Encourage open communication',
  schema: communicateStepSchema,
  empty: (): CommunicateStep => ({ agreements: '', clientFeedback: '' }),
  completionProblems: () => [],
  document: (v) => [
    { label: 'Agreements made with the client', text: v.agreements },
    { label: 'The client’s feedback', text: v.clientFeedback },
  ],
})
