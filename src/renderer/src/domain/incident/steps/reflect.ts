import { z } from 'zod'
import { text, yesNo } from '../fields'
import { defineStep } from '../step'

/**
 * Step 4: reflect. A psychotherapy note: private, kept out of prints, prep sheets and search
 * unless the therapist asks for it each time.
 */

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

/** The reflection's prompts, in order (labels of the form and of documents). */
export const REFLECT_PROMPTS = [
  ['preceded', 'What preceded the walkout'],
  ['myContribution', 'My own contribution'],
  ['triggers', 'Possible triggers'],
  ['ruptureMarkers', 'Rupture markers I noticed'],
  ['differently', 'What I would do differently'],
] as const satisfies readonly (readonly [keyof ReflectStep, string])[]

export const reflectStep = defineStep({
  id: 'reflect',
  title: 'Reflect',
  schema: reflectStepSchema,
  empty: (): ReflectStep => ({
    preceded: '',
    myContribution: '',
    triggers: '',
    ruptureMarkers: '',
    differently: '',
    consultationSought: false,
    consultationNotes: '',
  }),
  completionProblems: () => [],
  document: (v) => [
    ...REFLECT_PROMPTS.map(([name, label]) => ({ label, text: v[name] })),
    { label: 'Sought consultation or supervision', text: yesNo(v.consultationSought) },
    { label: 'Consultation or supervision notes', text: v.consultationNotes },
  ],
})
