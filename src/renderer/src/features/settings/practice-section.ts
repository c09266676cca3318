import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useRef, useState } from 'react'
import { useForm, type DefaultValues, type FieldValues, type UseFormReturn } from 'react-hook-form'
import { z } from 'zod'
import { unknownPlaceholders } from '../../domain/letters'
import type { PracticeSettings } from '../../domain/practice'
import { isRuleError } from '../../store/operations'
import { usePracticeSettings } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { updatePracticeSettings } from '../../store/settings'

export interface SectionMessage {
  tone: 'success' | 'error'
  text: string
}

/**
 * One section of the practice settings as a form: filled from what is stored, saving only its
 * own part (the other sections keep theirs), and saying in words whether it was saved.
 */
export function usePracticeSection<Values extends FieldValues, Part>(options: {
  schema: z.ZodType<Values, Values>
  defaults: DefaultValues<Values>
  /** This section's part of the stored settings (the form is filled again when it changes). */
  part: (settings: PracticeSettings) => Part
  toForm: (part: Part) => Values
  apply: (current: PracticeSettings, values: Values) => PracticeSettings
  /** The section's name in the audit trail. */
  auditName: string
  /** What could not be saved, for the failure message ("The profile"). */
  what: string
}): {
  form: UseFormReturn<Values>
  onSubmit: () => Promise<void>
  message: SectionMessage | null
  clearMessage: () => void
  stored: ReturnType<typeof usePracticeSettings>
} {
  const { schema, defaults, part, toForm, apply, auditName, what } = options
  const session = useSession()
  const stored = usePracticeSettings()
  const [message, setMessage] = useState<SectionMessage | null>(null)
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: defaults })
  const { reset } = form
  const loaded = stored ? part(stored.value) : undefined
  // Every save re-reads the whole settings record (any section's): the form is filled again only
  // when this section's own stored values changed, so unsaved edits here survive another
  // section's save. `part` and `toForm` are pure.
  const filledWith = useRef<string | null>(null)
  useEffect(() => {
    if (loaded === undefined) return
    const values = toForm(loaded)
    const key = JSON.stringify(values)
    if (key === filledWith.current) return
    filledWith.current = key
    reset(values)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, reset])
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await updatePracticeSettings(session, (current) => apply(current, values), auditName)
      setMessage({ tone: 'success', text: 'Saved.' })
    } catch (error) {
      setMessage({
        tone: 'error',
        text: isRuleError(error)
          ? error.message
          : `${what} could not be saved. Nothing was changed; please try again.`,
      })
    }
  })
  return { form, onSubmit, message, clearMessage: () => setMessage(null), stored }
}

/** Templates as the form shows them (a stored null is the default's text)… */
export function templatesForForm<Kind extends string>(
  kinds: readonly Kind[],
  stored: Record<Kind, string | null>,
  defaults: Record<Kind, string>,
): Record<Kind, string> {
  return Object.fromEntries(kinds.map((kind) => [kind, stored[kind] ?? defaults[kind]])) as Record<
    Kind,
    string
  >
}

/** … and back to storage: a template equal to the default is kept as "the default" (null). */
export function templatesToStore<Kind extends string>(
  kinds: readonly Kind[],
  values: Record<Kind, string>,
  defaults: Record<Kind, string>,
): Record<Kind, string | null> {
  return Object.fromEntries(
    kinds.map((kind) => [kind, values[kind] === defaults[kind] ? null : values[kind]]),
  ) as Record<Kind, string | null>
}

/** A template's text: not blank, bounded, and only placeholders Mend knows ("A letter template"). */
export function templateText(what: string) {
  return z
    .string()
    .max(10_000, `${what} is limited to 10,000 characters.`)
    .refine(
      (text) => text.trim() !== '',
      `${what} cannot be empty. Write it, or restore Mend’s default.`,
    )
    .superRefine((text, context) => {
      const unknown = unknownPlaceholders(text)
      if (unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `${unknown.map((name) => `{{${name}}}`).join(', ')}: not a placeholder Mend knows. Use one of the placeholders listed above.`,
        })
      }
    })
}
