import type { z } from 'zod'
import type { AgreedChannel } from '../client'
import type { Timestamp } from '../time'

/** What a step's rules may look at besides its own values. */
export interface StepContext {
  /** The contact channels the client agreed to. */
  agreed: readonly Pick<AgreedChannel, 'kind'>[]
  /** When the client left, as recorded so far (null before the safety step is saved). */
  walkoutAt: Timestamp | null
  /** The moment of the save (rules about the future compare with it). */
  now: Date
}

/** A reason a save is refused, at the field it is about (a react-hook-form path), in words. */
export interface FieldProblem {
  path: string | null
  message: string
}

/** One labelled line of a step written out as a document (chart copy, signed view, search). */
export interface DocumentField {
  label: string
  /** The answer in words; '' when nothing was recorded. */
  text: string
  /** For lists (actions, attempts, adjustments): one entry per item, each already in words. */
  items?: string[]
}

/**
 * Everything about one step of the walkout protocol, in one place: its id and title, the shape of
 * its values (zod), the empty value a new step starts from, and its rules. The incident schema,
 * the step list, the titles and the completion check are all derived from these definitions.
 */
export interface StepDefinition<Id extends string, Schema extends z.ZodType> {
  id: Id
  title: string
  schema: Schema
  empty: (now: Timestamp) => z.infer<Schema>
  /** What still stops the step from being marked complete, in words (empty: it may be). */
  completionProblems: (values: z.infer<Schema>, context: StepContext) => string[]
  /**
   * What stops the step from being saved at all, even unfinished (empty: it may be). These are
   * rules of the moment of saving (nothing in the future, nothing before the walkout), not of the
   * stored shape: a record saved yesterday must still open tomorrow.
   */
  saveProblems?: (values: z.infer<Schema>, context: StepContext) => FieldProblem[]
  /** The step written out in words, field by field, for documents and read-only views. */
  document: (values: z.infer<Schema>) => DocumentField[]
}

/** Declares a step with its types inferred (id as a literal). */
export function defineStep<const Id extends string, Schema extends z.ZodType>(
  definition: StepDefinition<Id, Schema>,
): StepDefinition<Id, Schema> {
  return definition
}
