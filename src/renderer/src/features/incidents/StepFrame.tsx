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
  saveProblems,
  STEP_IDS,
  stepOf,
  stepValues,
  walkoutMoment,
  type Incident,
  type StepId,
  type StepValues,
} from '../../domain/incident'
import type { PracticeSettings } from '../../domain/practice'
import { stamp } from '../../domain/time'
import { isRuleError, saveStep, StepConflictError } from '../../store/operations'
import { useSession } from '../../store/session-context'
import { DRAFTS } from '../../store/keys'
import { useFormDraft } from '../../store/use-draft'
import { DraftOfferNotice } from '../../ui/DraftOfferNotice'
import { Notice } from '../../ui/Notice'
import { StepFields } from './StepDocument'

export interface StepProps<K extends StepId> {
  incidentId: string
  incident: Incident
  client: Client | null
  practice: PracticeSettings
  step: K
  /** Signed: shown as a document, never editable. */
  readOnly: boolean
}

/** A react-hook-form form for one step, filled with what is saved (or the step's empty shape). */
export function useStepForm<K extends StepId>(
  props: StepProps<K>,
): UseFormReturn<StepValues[K] & FieldValues> {
  const step = stepOf(props.step)
  const saved = stepValues(props.incident, props.step)
  return useForm<StepValues[K] & FieldValues>({
    // zodResolver's types cannot follow a schema chosen by a generic step id.
    resolver: zodResolver(step.schema as never) as unknown as Resolver<StepValues[K] & FieldValues>,
    defaultValues: (saved ?? step.empty(stamp())) as DefaultValues<StepValues[K] & FieldValues>,
  })
}

/**
 * Everything a step form shares: the draft kept as you type, "mark complete", Save, the rules of
 * every save at their fields, the reasons in words when completing is refused, and the conflict
 * with another window's save (both versions shown, nothing overwritten).
 */
export function StepFrame<K extends StepId>({
  props,
  form,
  children,
  confirmFirst,
}: {
  props: StepProps<K>
  form: UseFormReturn<StepValues[K] & FieldValues>
  children: ReactNode
  /** Something to confirm before saving (e.g. an unusual date), in words; null when nothing. */
  confirmFirst?: string | null
}) {
  const { incidentId, incident, step, client } = props
  const session = useSession()
  const [complete, setComplete] = useState(incident.completed.includes(step))
  const [problems, setProblems] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  // The step as this form found it: a save over someone else's newer version is a conflict.
  const [base, setBase] = useState<StepValues[K] | null>(() => stepValues(incident, step) ?? null)
  const [conflict, setConflict] = useState<StepValues[K] | null | undefined>(undefined)
  const draft = useFormDraft(form, {
    id: DRAFTS.step(incidentId, step),
    label: `${stepOf(step).title} (walkout record)`,
    route: `/incidents/${incidentId}/${step}`,
  })
  const problemsRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (problems) problemsRef.current?.focus()
  }, [problems])

  const index = STEP_IDS.indexOf(step)
  const next = STEP_IDS[index + 1]

  /** Saves over `over` (the version this form started from, or the one just shown as theirs). */
  const submitOver = (over: StepValues[K] | null) =>
    form.handleSubmit(
      async (values) => {
        setProblems(null)
        setSaved(false)
        // The rules of every save, at their fields (the store checks them again).
        const refused = saveProblems(step, values as StepValues[K], {
          agreed: client?.channels ?? [],
          walkoutAt: step === 'safety' ? null : walkoutMoment(incident),
          now: new Date(),
        })
        if (confirmFirst) {
          setProblems(confirmFirst)
          return
        }
        if (refused.length > 0) {
          refused.forEach((problem, i) => {
            if (problem.path)
              form.setError(
                problem.path as never,
                { message: problem.message },
                { shouldFocus: i === 0 },
              )
          })
          setProblems(`Some answers need attention: ${refused.map((p) => p.message).join(' ')}`)
          return
        }
        try {
          await saveStep(session, incidentId, step, values as StepValues[K], complete, {
            base: over,
          })
          await draft.clear()
          form.reset(values)
          setBase(values as StepValues[K])
          setConflict(undefined)
          setSaved(true)
        } catch (error) {
          if (error instanceof StepConflictError) {
            setConflict(error.theirs as StepValues[K] | null)
            await draft.saveNow()
            return
          }
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
  const onSubmit = submitOver(base)

  return (
    <section aria-labelledby="step-title" className="step">
      <h2 id="step-title">
        Step {index + 1} of {STEP_IDS.length}: {stepOf(step).title}
      </h2>
      {draft.offer && <DraftOfferNotice offer={draft.offer} />}
      {conflict !== undefined && (
        <section
          aria-labelledby="conflict-title"
          className="notice notice--warning conflict"
          role="alert"
        >
          <h3 id="conflict-title">This step was changed in another window</h3>
          <p>
            Nothing was saved. Their version is below; yours is still in the form. Keep yours (it
            replaces theirs) or take theirs (the form shows it, and your typing is discarded).
          </p>
          <h4>Their version</h4>
          <StepFields step={step} values={conflict ?? undefined} />
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setBase(conflict)
                setConflict(undefined)
                void submitOver(conflict)()
              }}
            >
              Keep mine and save
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                const theirs = conflict ?? stepOf(step).empty(stamp())
                form.reset(theirs as never)
                setBase(conflict)
                setConflict(undefined)
                void draft.clear()
              }}
            >
              Take theirs
            </button>
          </div>
        </section>
      )}
      <form
        autoComplete="off"
        onSubmit={onSubmit}
        onBlur={draft.onBlur}
        noValidate
        className="record-form"
      >
        <fieldset className="plain">
          <legend className="visually-hidden">{stepOf(step).title}</legend>
          {children}
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
                  <Link to={`/incidents/${incidentId}/${next}`}>Next: {stepOf(next).title}</Link>
                )}
              </span>
            )}
          </div>
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
