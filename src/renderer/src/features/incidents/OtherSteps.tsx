import { useFieldArray } from 'react-hook-form'
import { CHANNEL_KINDS, CHANNEL_WORDS } from '../../domain/client'
import { newId } from '../../domain/ids'
import {
  ADJUSTMENT_KINDS,
  channelConsentProblem,
  OUTREACH_OUTCOMES,
  type OutreachStep as OutreachValues,
} from '../../domain/incident'
import { stamp } from '../../domain/time'
import { Choices } from '../../ui/Choices'
import { DateTimeField } from '../../ui/DateTimeField'
import { Field } from '../../ui/Field'
import { emptyToNull } from '../../ui/form-values'
import { RepeatItem } from '../../ui/RepeatItem'
import { Notice } from '../../ui/Notice'
import { StepFrame, useStepForm, type StepProps } from './StepFrame'
import {
  ADJUSTMENT_WORDS,
  DISCUSSION_WORDS,
  FIT_WORDS,
  optionsOf,
  OUTREACH_OUTCOME_WORDS,
  REFERRAL_OUTCOME_WORDS,
  REFERRAL_WORDS,
  WAIT_WORDS,
} from './words'

/** Step 2. */
export function WaitStep(props: StepProps<'wait'>) {
  const form = useStepForm(props)
  const { register, formState } = form
  const errors = formState.errors
  return (
    <StepFrame props={props} form={form}>
      <Field label="How long you waited (minutes)" error={errors.waitedMinutes?.message}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={0}
            inputMode="numeric"
            className="narrow"
            autoFocus
            {...register('waitedMinutes', { setValueAs: emptyToNull })}
          />
        )}
      </Field>
      <Choices
        legend="Outcome"
        type="radio"
        options={optionsOf(WAIT_WORDS)}
        register={register('outcome')}
        error={errors.outcome?.message}
      />
      <Field label="Notes" error={errors.notes?.message}>
        {(p) => <textarea {...p} rows={4} {...register('notes')} />}
      </Field>
    </StepFrame>
  )
}

/** Step 3: each attempt through a channel the client agreed to, or with a reason why not. */
export function OutreachStep(props: StepProps<'outreach'>) {
  const form = useStepForm(props)
  const { register, control, formState, watch, setError } = form
  const errors = formState.errors
  const attempts = useFieldArray({ control, name: 'attempts', keyName: 'key' })
  const agreed = props.client?.channels ?? []
  const agreedKinds = new Set(agreed.map((c) => c.kind))
  const values = watch('attempts')

  // The consent rule holds for every save, not only when completing.
  const validate = (v: OutreachValues) => {
    let ok = true
    v.attempts.forEach((attempt, index) => {
      const problem = channelConsentProblem(attempt.channel, attempt.unconsentedReason, agreed)
      if (problem) {
        setError(`attempts.${index}.unconsentedReason`, { message: problem }, { shouldFocus: ok })
        ok = false
      }
    })
    return ok
  }

  return (
    <StepFrame props={props} form={form} validate={validate}>
      {agreed.length === 0 ? (
        <Notice tone="warning">
          This client has no agreed contact channel on record. Any attempt needs a reason.
        </Notice>
      ) : (
        <p>
          Agreed channels:{' '}
          {agreed
            .map(
              (c) =>
                `${CHANNEL_WORDS[c.kind]}${c.detail ? ` (${c.detail})` : ''}${c.notes ? `: ${c.notes}` : ''}`,
            )
            .join('; ')}
          .
        </p>
      )}
      {attempts.fields.length === 0 && <p className="field__hint">No attempt logged yet.</p>}
      {attempts.fields.map((item, index) => {
        const channel = values?.[index]?.channel
        const unconsented = channel !== undefined && !agreedKinds.has(channel)
        return (
          <RepeatItem
            key={item.key}
            legend={`Attempt ${index + 1}`}
            onRemove={() => attempts.remove(index)}
          >
            <div className="field-row">
              <DateTimeField
                control={control}
                name={`attempts.${index}.at`}
                label="When"
                error={errors.attempts?.[index]?.at?.message}
              />
              <Field label="Channel" error={errors.attempts?.[index]?.channel?.message}>
                {(p) => (
                  <select {...p} {...register(`attempts.${index}.channel`)}>
                    {[...CHANNEL_KINDS]
                      .sort((a, b) => Number(agreedKinds.has(b)) - Number(agreedKinds.has(a)))
                      .map((kind) => (
                        <option key={kind} value={kind}>
                          {CHANNEL_WORDS[kind]}{' '}
                          {agreedKinds.has(kind) ? '(agreed)' : '(not agreed)'}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
              <Field label="Outcome" error={errors.attempts?.[index]?.outcome?.message}>
                {(p) => (
                  <select {...p} {...register(`attempts.${index}.outcome`)}>
                    {OUTREACH_OUTCOMES.map((outcome) => (
                      <option key={outcome} value={outcome}>
                        {OUTREACH_OUTCOME_WORDS[outcome]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field
              label={
                unconsented
                  ? 'Why this channel was used (the client did not agree to it)'
                  : 'Reason, if the channel was not agreed'
              }
              error={errors.attempts?.[index]?.unconsentedReason?.message}
            >
              {(p) => <input {...p} {...register(`attempts.${index}.unconsentedReason`)} />}
            </Field>
            <Field label="Message summary" error={errors.attempts?.[index]?.summary?.message}>
              {(p) => <textarea {...p} rows={2} {...register(`attempts.${index}.summary`)} />}
            </Field>
            <Field label="Next attempt due" error={errors.attempts?.[index]?.nextDue?.message}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  className="narrow"
                  {...register(`attempts.${index}.nextDue`)}
                />
              )}
            </Field>
          </RepeatItem>
        )
      })}
      <button
        type="button"
        className="secondary"
        autoFocus
        onClick={() =>
          attempts.append({
            id: newId(),
            at: stamp(),
            channel: agreed[0]?.kind ?? 'phone-call',
            unconsentedReason: '',
            summary: '',
            outcome: 'no-answer',
            nextDue: '',
          })
        }
      >
        Log an attempt
      </button>
    </StepFrame>
  )
}

/** Step 4: a psychotherapy note, private by default. */
export function ReflectStep(props: StepProps<'reflect'>) {
  const form = useStepForm(props)
  const { register, formState } = form
  const errors = formState.errors
  const prompts = [
    ['preceded', 'What preceded the walkout'],
    ['myContribution', 'My own contribution'],
    ['triggers', 'Possible triggers'],
    ['ruptureMarkers', 'Rupture markers I noticed'],
    ['differently', 'What I would do differently'],
  ] as const
  return (
    <StepFrame props={props} form={form}>
      <Notice tone="info">
        Private reflection. Treated as a psychotherapy note: kept out of prep sheets, prints and
        exports unless you include it.
      </Notice>
      {prompts.map(([name, label], index) => (
        <Field key={name} label={label} error={errors[name]?.message}>
          {(p) => <textarea {...p} rows={3} autoFocus={index === 0} {...register(name)} />}
        </Field>
      ))}
      <div className="checkbox">
        <input id="consultation-sought" type="checkbox" {...register('consultationSought')} />
        <label htmlFor="consultation-sought">I sought consultation or supervision</label>
      </div>
      <Field label="Consultation or supervision notes" error={errors.consultationNotes?.message}>
        {(p) => <textarea {...p} rows={2} {...register('consultationNotes')} />}
      </Field>
    </StepFrame>
  )
}

/** Step 5. */
export function DiscussStep(props: StepProps<'discuss'>) {
  const form = useStepForm(props)
  const { register, formState } = form
  const errors = formState.errors
  return (
    <StepFrame props={props} form={form}>
      <Field label="Date of the next session" error={errors.nextSessionDate?.message}>
        {(p) => (
          <input {...p} type="date" className="narrow" autoFocus {...register('nextSessionDate')} />
        )}
      </Field>
      <Field
        label="Points to raise"
        hint="What you want to name, gently, about the walkout."
        error={errors.pointsToRaise?.message}
      >
        {(p) => <textarea {...p} rows={3} {...register('pointsToRaise')} />}
      </Field>
      <Field
        label="Questions to explore"
        hint="Open questions that let the client speak safely about what happened."
        error={errors.questions?.message}
      >
        {(p) => <textarea {...p} rows={3} {...register('questions')} />}
      </Field>
      <Choices
        legend="The conversation"
        type="radio"
        options={optionsOf(DISCUSSION_WORDS)}
        register={register('status')}
      />
      <Field label="What was discussed" hint="After the session." error={errors.discussed?.message}>
        {(p) => <textarea {...p} rows={3} {...register('discussed')} />}
      </Field>
      <Field label="The client’s own account" error={errors.clientAccount?.message}>
        {(p) => <textarea {...p} rows={3} {...register('clientAccount')} />}
      </Field>
    </StepFrame>
  )
}

/** Step 6. */
export function AdjustStep(props: StepProps<'adjust'>) {
  const form = useStepForm(props)
  const { register, control, formState } = form
  const errors = formState.errors
  const adjustments = useFieldArray({ control, name: 'adjustments', keyName: 'key' })
  return (
    <StepFrame props={props} form={form}>
      {adjustments.fields.length === 0 && (
        <p className="field__hint">No adjustment recorded yet.</p>
      )}
      {adjustments.fields.map((item, index) => (
        <RepeatItem
          key={item.key}
          legend={`Adjustment ${index + 1}`}
          onRemove={() => adjustments.remove(index)}
        >
          <Field label="Adjustment" error={errors.adjustments?.[index]?.kind?.message}>
            {(p) => (
              <select {...p} {...register(`adjustments.${index}.kind`)}>
                {ADJUSTMENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ADJUSTMENT_WORDS[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="What changes" error={errors.adjustments?.[index]?.detail?.message}>
            {(p) => <input {...p} {...register(`adjustments.${index}.detail`)} />}
          </Field>
          <Field label="Rationale" error={errors.adjustments?.[index]?.rationale?.message}>
            {(p) => <textarea {...p} rows={2} {...register(`adjustments.${index}.rationale`)} />}
          </Field>
        </RepeatItem>
      ))}
      <button
        type="button"
        className="secondary"
        autoFocus
        onClick={() =>
          adjustments.append({ id: newId(), kind: 'pacing', detail: '', rationale: '' })
        }
      >
        Add an adjustment
      </button>
    </StepFrame>
  )
}

/** Step 7. */
export function CommunicateStep(props: StepProps<'communicate'>) {
  const form = useStepForm(props)
  const { register, formState } = form
  const errors = formState.errors
  return (
    <StepFrame props={props} form={form}>
      <Field
        label="Agreements made with the client"
        hint="For example a signal for needing a pause, or how to reach out between sessions."
        error={errors.agreements?.message}
      >
        {(p) => <textarea {...p} rows={3} autoFocus {...register('agreements')} />}
      </Field>
      <Field label="The client’s feedback" error={errors.clientFeedback?.message}>
        {(p) => <textarea {...p} rows={3} {...register('clientFeedback')} />}
      </Field>
    </StepFrame>
  )
}

/** Step 8: fit, referral, and not abandoning the client if the relationship ends. */
export function FitStep(props: StepProps<'fit'>) {
  const form = useStepForm(props)
  const { register, formState, watch } = form
  const errors = formState.errors
  const ending = watch('relationshipEnding')
  return (
    <StepFrame props={props} form={form}>
      <Choices
        legend="Therapeutic fit"
        type="radio"
        options={optionsOf(FIT_WORDS)}
        register={register('fit')}
        error={errors.fit?.message}
        autoFocus
      />
      <Field label="Reasons" error={errors.reasons?.message}>
        {(p) => <textarea {...p} rows={3} {...register('reasons')} />}
      </Field>
      <Choices
        legend="Referral"
        type="radio"
        options={optionsOf(REFERRAL_WORDS)}
        register={register('referral')}
      />
      <div className="field-row">
        <Field label="Referred to" error={errors.referralTo?.message}>
          {(p) => <input {...p} {...register('referralTo')} />}
        </Field>
        <Field label="Date of referral" error={errors.referralDate?.message}>
          {(p) => <input {...p} type="date" className="narrow" {...register('referralDate')} />}
        </Field>
        <Field label="Referral status" error={errors.referralOutcome?.message}>
          {(p) => (
            <select {...p} {...register('referralOutcome')}>
              {optionsOf(REFERRAL_OUTCOME_WORDS).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="checkbox">
        <input id="warm-handoff" type="checkbox" {...register('warmHandoff')} />
        <label htmlFor="warm-handoff">
          Warm handoff (introduced the client to the new provider)
        </label>
      </div>
      <div className="checkbox">
        <input id="relationship-ending" type="checkbox" {...register('relationshipEnding')} />
        <label htmlFor="relationship-ending">The therapeutic relationship is ending</label>
      </div>
      <fieldset className="group" aria-describedby={ending ? 'non-abandonment-hint' : undefined}>
        <legend>Non-abandonment checklist</legend>
        {ending && (
          <p className="field__hint" id="non-abandonment-hint">
            Needed before the step can be complete, because the relationship is ending.
          </p>
        )}
        <div className="checkbox">
          <input
            id="pretermination-contact"
            type="checkbox"
            {...register('preterminationContact')}
          />
          <label htmlFor="pretermination-contact">Pretermination contact attempted</label>
        </div>
        <div className="checkbox">
          <input id="referral-options" type="checkbox" {...register('referralOptionsGiven')} />
          <label htmlFor="referral-options">Referral options given</label>
        </div>
        <div className="checkbox">
          <input id="closing-letter" type="checkbox" {...register('closingLetterSent')} />
          <label htmlFor="closing-letter">Closing letter sent</label>
        </div>
      </fieldset>
    </StepFrame>
  )
}
