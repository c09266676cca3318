import { useState } from 'react'
import {
  FIT_WORDS,
  isOverAYearAhead,
  NON_ABANDONMENT_CHECKLIST,
  optionsOf,
  REFERRAL_FOLLOW_THROUGH,
  REFERRAL_OUTCOME_WORDS,
  REFERRAL_WORDS,
} from '../../../domain/incident'
import {
  CheckboxField,
  ChoiceField,
  DateField,
  SelectField,
  TextField,
} from '../../../ui/form-fields'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'

/** Step 8: fit, referral, and not abandoning the client if the relationship ends. */
export function FitStep(props: StepProps<'fit'>) {
  const form = useStepForm(props)
  const ending = form.watch('relationshipEnding')
  const farAhead = isOverAYearAhead(form.watch('referralDate') ?? '', new Date())
  const [dateConfirmed, setDateConfirmed] = useState(false)
  return (
    <StepFrame
      props={props}
      form={form}
      confirmFirst={
        farAhead && !dateConfirmed
          ? 'The referral date is more than a year ahead. Correct it, or tick “The date is right” to save it as it is.'
          : null
      }
    >
      <ChoiceField
        form={form}
        name="fit"
        label="Therapeutic fit"
        type="radio"
        options={optionsOf(FIT_WORDS)}
        autoFocus
      />
      <TextField form={form} name="reasons" label="Reasons" rows={3} />
      <ChoiceField
        form={form}
        name="referral"
        label="Referral"
        type="radio"
        options={optionsOf(REFERRAL_WORDS)}
      />
      <div className="field-row">
        <TextField form={form} name="referralTo" label="Referred to" />
        <DateField form={form} name="referralDate" label="Date of referral" />
        <SelectField
          form={form}
          name="referralOutcome"
          label="Referral status"
          options={optionsOf(REFERRAL_OUTCOME_WORDS)}
        />
      </div>
      {farAhead && (
        <div className="checkbox">
          <input
            id="referral-date-confirmed"
            type="checkbox"
            checked={dateConfirmed}
            onChange={(event) => setDateConfirmed(event.target.checked)}
          />
          <label htmlFor="referral-date-confirmed">
            The date is right (the referral is more than a year ahead)
          </label>
        </div>
      )}
      <CheckboxField
        form={form}
        name="warmHandoff"
        label="Warm handoff (introduced the client to the new provider)"
      />
      <CheckboxField
        form={form}
        name="relationshipEnding"
        label="The therapeutic relationship is ending"
      />
      <fieldset className="group" aria-describedby={ending ? 'non-abandonment-hint' : undefined}>
        <legend>Non-abandonment checklist</legend>
        {ending && (
          <p className="field__hint" id="non-abandonment-hint">
            Needed before the step can be complete, because the relationship is ending.
          </p>
        )}
        {NON_ABANDONMENT_CHECKLIST.map(([name, label]) => (
          <CheckboxField key={name} form={form} name={name} label={label} />
        ))}
      </fieldset>
      <fieldset className="group">
        <legend>After a referral</legend>
        {REFERRAL_FOLLOW_THROUGH.map(([name, label]) => (
          <CheckboxField key={name} form={form} name={name} label={label} />
        ))}
      </fieldset>
    </StepFrame>
  )
}
