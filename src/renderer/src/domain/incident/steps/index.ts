import type { z } from 'zod'
import type { FieldProblem, StepContext, StepDefinition } from '../step'
import { adjustStep } from './adjust'
import { communicateStep } from './communicate'
import { discussStep } from './discuss'
import { fitStep } from './fit'
import { outreachStep } from './outreach'
import { reflectStep } from './reflect'
import { safetyStep } from './safety'
import { waitStep } from './wait'

/**
 * The walkout protocol: the eight steps, in order. Everything else about steps (the incident
 * schema, the ids, titles, empty values, completion rules) is derived from this list; adding a
 * field to a step touches only that step's file (plus its form and a migration).
 */
export const STEPS = [
  safetyStep,
  waitStep,
  outreachStep,
  reflectStep,
  discussStep,
  adjustStep,
  communicateStep,
  fitStep,
] as const

type AnyStep = (typeof STEPS)[number]
export type StepId = AnyStep['id']
type StepById = { [S in AnyStep as S['id']]: S }
export type StepValues = { [K in StepId]: z.infer<StepById[K]['schema']> }
/** A step's definition, typed by its id. */
export type StepOf<K extends StepId> = StepDefinition<K, z.ZodType<StepValues[K]>>

type IdsOf<T extends readonly { id: string }[]> = { readonly [I in keyof T]: T[I]['id'] }
/** The step ids in protocol order (a tuple, so zod can make an enum of it). */
export const STEP_IDS = STEPS.map((step) => step.id) as unknown as IdsOf<typeof STEPS>

const BY_ID = Object.fromEntries(STEPS.map((step) => [step.id, step])) as unknown as StepById

/** The one place a step's definition is looked up by id. */
export function stepOf<K extends StepId>(id: K): StepOf<K> {
  return BY_ID[id] as unknown as StepOf<K>
}

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && Object.hasOwn(BY_ID, value)
}

export const STEP_TITLES = Object.fromEntries(STEPS.map((s) => [s.id, s.title])) as Record<
  StepId,
  string
>

export const stepSchemas = Object.fromEntries(STEPS.map((s) => [s.id, s.schema])) as {
  [K in StepId]: StepById[K]['schema']
}

/** Fresh empty values for a step (a new object every call). */
export function emptyStep<K extends StepId>(step: K, now: Parameters<StepOf<K>['empty']>[0]) {
  return stepOf(step).empty(now)
}

function context(partial: Partial<StepContext>): StepContext {
  return { agreed: [], walkoutAt: null, now: new Date(), ...partial }
}

/**
 * What still stops a step from being marked complete, in words. Saving a step half-done is always
 * allowed; completing it asks for the few things the record must have.
 */
export function completionProblems<K extends StepId>(
  step: K,
  values: StepValues[K],
  agreed: StepContext['agreed'] = [],
): string[] {
  return [...new Set(stepOf(step).completionProblems(values, context({ agreed })))]
}

/**
 * What stops a step from being saved at all, even unfinished: the channel-consent rule, dates in
 * the future or before the walkout, numbers out of range. Each at its field, in words.
 */
export function saveProblems<K extends StepId>(
  step: K,
  values: StepValues[K],
  ctx: Partial<StepContext> = {},
): FieldProblem[] {
  const seen = new Set<string>()
  return (stepOf(step).saveProblems?.(values, context(ctx)) ?? []).filter((problem) => {
    const key = `${problem.path}:${problem.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export * from './adjust'
export * from './communicate'
export * from './discuss'
export * from './fit'
export * from './outreach'
export * from './reflect'
export * from './safety'
export * from './wait'
