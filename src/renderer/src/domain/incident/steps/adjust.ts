import { z } from 'zod'
import { text, type Words } from '../fields'
import { defineStep } from '../step'

/** Step 6: adjust the approach. */

export const ADJUSTMENT_KINDS = [
  'pacing',
  'grounding',
  'break-signal',
  'modality',
  'frequency',
  'other',
] as const
export const ADJUSTMENT_WORDS: Words<typeof ADJUSTMENT_KINDS> = {
  pacing: 'Pacing',
  grounding: 'Grounding',
  'break-signal': 'An agreed break signal',
  modality: 'Modality',
  frequency: 'Frequency',
  other: 'Other',
}

export const adjustmentSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(ADJUSTMENT_KINDS),
  detail: text(2000),
  rationale: text(5000),
})
export type Adjustment = z.infer<typeof adjustmentSchema>
export const adjustStepSchema = z.object({ adjustments: z.array(adjustmentSchema).max(50) })
export type AdjustStep = z.infer<typeof adjustStepSchema>

export function describeAdjustment(a: Adjustment): string {
  return [
    ADJUSTMENT_WORDS[a.kind],
    a.detail.trim(),
    a.rationale.trim() && `why: ${a.rationale.trim()}`,
  ]
    .filter(Boolean)
    .join(': ')
}

export const adjustStep = defineStep({
  id: 'adjust',
  title: 'Adjust the approach',
  schema: adjustStepSchema,
  empty: (): AdjustStep => ({ adjustments: [] }),
  completionProblems: () => [],
  document: (v) => [
    {
      label: 'Adjustments',
      text: v.adjustments.length === 0 ? 'None recorded' : '',
      items: v.adjustments.map(describeAdjustment),
    },
  ],
})
