import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form'
import { Link } from 'react-router'
import type { Client } from '../../domain/client'
import {
  SIGNED_MESSAGE,
  STEP_IDS,
  stepOf,
  type Incident,
  type StepId,
  type StepValues,
} from '../../domain/incident'
import type { PracticeSettings } from '../../domain/practice'
import { stamp } from '../../domain/time'
import { isRuleError, saveStep } from '../../store/operations'
import { useSession } from '../../store/session-context'
import { DRAFTS } from '../../store/keys'
import { useFormDraft } from '../../store/use-draft'
import { DraftOfferNotice } from '../../ui/DraftOfferNotice'
import { Notice } from '../../ui/Notice'

export interface StepProps<K extends StepId> {
  incidentId: string
  incident: Incident
  client: Client | null
  practice: PracticeSettings
  step: K
  /** Signed: shown, never editable. */
  readOnly: boolean
}

/** A react-hook-form form for one step, filled with what is saved (or the step's empty shape). */
export function useStepForm<K extends StepId>(
  props: StepProps<K>,
): UseFormReturn<StepValues[K] & FieldValues> {
  const step = stepOf(props.step)
  const saved = props.incident.steps[props.step] as StepValues[K] | undefined
  return useForm<StepValues[K] & FieldValues>({
    // zodResolver's types cannot follow a schema chosen by a generic step id.
    resolver: zodResolver(step.schema as never) as unknown as Resolver<StepValues[K] & FieldValues>,
    defaultValues: (saved ?? step.empty(stamp())) as DefaultValues<StepValues[K] & FieldValues>,
  })
}

/**
 * Everything a step form shares: the draft kept as you type, "mark complete", Save, the reasons
 * in words when completing is refused, and a read-only view once the incident is signed.
 */
export function StepFrame<K extends StepId>({
  props,
  form,
  children,
  validate,
}: {
  props: StepProps<K>
  form: UseFormReturn<StepValues[K] & FieldValues>
  children: ReactNode
  /** Extra checks before saving (returns true when the values may be saved). */
  validate?: (values: StepValues[K]) => boolean
}) {
  const { incidentId, incident, step, readOnly } = props
  const session = useSession()
  const [complete, setComplete] = useState(incident.completed.includes(step))
  const [problems, setProblems] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const draft = useFormDraft(form, {
    id: DRAFTS.step(incidentId, step),
    label: `${stepOf(step).title} (walkout record)`,
    route: `/incidents/${incidentId}/${step}`,
  })
  const problemsRef = useRef<HTMLDivElement>(null)
  const fieldsetRef = useRef<HTMLFieldSetElement>(null)
  // A signed step is shown, never edited: text stays reachable by keyboard and selectable
  // (read-only), choices are disabled. Runs after every render so added controls follow.
  useEffect(() => {
    if (!readOnly || !fieldsetRef.current) return
    for (const control of fieldsetRef.current.querySelectorAll<
      HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement
    >('input, textarea, select, button')) {
      const choice =
        control instanceof HTMLSelectElement ||
        control instanceof HTMLButtonElement ||
        (control instanceof HTMLInputElement && ['checkbox', 'radio'].includes(control.type))
      if (choice) control.disabled = true
      else (control as HTMLInputElement | HTMLTextAreaElement).readOnly = true
    }
  })
  useEffect(() => {
    if (problems) problemsRef.current?.focus()
  }, [problems])

  const index = STEP_IDS.indexOf(step)
  const next = STEP_IDS[index + 1]

  const onSubmit = form.handleSubmit(
    async (values) => {
      setProblems(null)
      setSaved(false)
      if (validate && !validate(values as StepValues[K])) return
      try {
        await saveStep(session, incidentId, step, values as StepValues[K], complete)
        await draft.clear()
        form.reset(values)
        setSaved(true)
      } catch (error) {
        setProblems(
          isRuleError(error)
            ? error.message
            : 'This step could not be saved. What you typed is kept as a draft; please try again.',
        )
        await draft.saveNow()
      }
    },
    (errors) => {
      // Messages sit next to their fields; this summary makes sure none goes unseen.
      const messages = collectMessages(errors)
      setSaved(false)
      setProblems(
        `Some answers need attention: ${messages.join(' ') || 'check the fields marked above.'}`,
      )
    },
  )

  return (
    <section aria-labelledby="step-title" className="step">
      <h2 id="step-title">
        Step {index + 1} of {STEP_IDS.length}: {stepOf(step).title}
      </h2>
      {readOnly && <Notice tone="info">{SIGNED_MESSAGE}</Notice>}
      {!readOnly && draft.offer && <DraftOfferNotice offer={draft.offer} />}
      <form
        autoComplete="off"
        onSubmit={onSubmit}
        onBlur={readOnly ? undefined : draft.onBlur}
        noValidate
        className="record-form"
      >
        <fieldset ref={fieldsetRef} className="plain">
          <legend className="visually-hidden">{stepOf(step).title}</legend>
          {children}
          {!readOnly && (
            <>
              <div className="checkbox step__complete">
                <input
                  id="step-complete"
                  type="checkbox"
                  checked={complete}
                  onChange={(e) => setComplete(e.target.checked)}
                />
                <label htmlFor="step-complete">This step is complete</label>
              </div>
              {problems && (
                <div ref={problemsRef} tabIndex={-1}>
                  <Notice tone="error">{problems}</Notice>
                </div>
              )}
              <div className="actions">
                <button type="submit" disabled={form.formState.isSubmitting}>
                  {form.formState.isSubmitting ? 'Saving…' : 'Save step'}
                </button>
                {saved && (
                  <span role="status">
                    Saved.{' '}
                    {next && (
                      <Link to={`/incidents/${incidentId}/${next}`}>
                        Next: {stepOf(next).title}
                      </Link>
                    )}
                  </span>
                )}
              </div>
            </>
          )}
        </fieldset>
      </form>
    </section>
  )
}

/** Every message in a react-hook-form errors tree, in field order, without repeats. */
function collectMessages(errors: unknown, found: string[] = []): string[] {
  if (!errors || typeof errors !== 'object') return found
  const message = (errors as { message?: unknown }).message
  if (typeof message === 'string' && message && !found.includes(message)) found.push(message)
  for (const [key, value] of Object.entries(errors)) {
    if (key !== 'ref' && key !== 'message' && key !== 'type') collectMessages(value, found)
  }
  return found
}
