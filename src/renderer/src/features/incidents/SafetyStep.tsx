import { useFieldArray } from 'react-hook-form'
import { newId } from '../../domain/ids'
import { PROTECTIVE_FACTORS, RISK_INDICATORS, SAFETY_ACTION_KINDS } from '../../domain/incident'
import { stamp } from '../../domain/time'
import { Choices } from '../../ui/Choices'
import { DateTimeField } from '../../ui/DateTimeField'
import { Field } from '../../ui/Field'
import { emptyToNull } from '../../ui/form-values'
import { RepeatItem } from '../../ui/RepeatItem'
import { Notice } from '../../ui/Notice'
import { StepFrame, useStepForm, type StepProps } from './StepFrame'
import {
  optionsOf,
  PROTECTIVE_WORDS,
  RISK_INDICATOR_WORDS,
  RISK_LEVEL_WORDS,
  RUPTURE_WORDS,
  SAFETY_ACTION_WORDS,
} from './words'

/** Step 1: the SAFE-T shape: risk and protective factors, level with rationale, actions with times. */
export function SafetyStep(props: StepProps<'safety'>) {
  const form = useStepForm(props)
  const { register, control, watch, formState } = form
  const errors = formState.errors
  const actions = useFieldArray({ control, name: 'actions', keyName: 'key' })
  const level = watch('riskLevel')
  const high = level === 'high' || level === 'imminent'

  return (
    <StepFrame props={props} form={form}>
      <div className="field-row">
        <DateTimeField
          control={control}
          name="leftAt"
          label="When the client left"
          error={errors.leftAt?.message ?? errors.leftAt?.utc?.message}
          autoFocus
        />
        <Field label="Minutes into the session" error={errors.minutesIntoSession?.message}>
          {(fieldProps) => (
            <input
              {...fieldProps}
              type="number"
              min={0}
              inputMode="numeric"
              className="narrow"
              {...register('minutesIntoSession', { setValueAs: emptyToNull })}
            />
          )}
        </Field>
      </div>
      <Field label="What happened just before" error={errors.beforeNarrative?.message}>
        {(fieldProps) => <textarea {...fieldProps} rows={4} {...register('beforeNarrative')} />}
      </Field>
      <Choices
        legend="Rupture type"
        type="radio"
        options={optionsOf(RUPTURE_WORDS)}
        register={register('ruptureType')}
      />
      <Choices
        legend="Risk indicators observed"
        type="checkbox"
        options={RISK_INDICATORS.map((value) => ({ value, label: RISK_INDICATOR_WORDS[value] }))}
        register={register('riskIndicators')}
      />
      <Field label="Other risk indicators" error={errors.riskIndicatorsOther?.message}>
        {(fieldProps) => <input {...fieldProps} {...register('riskIndicatorsOther')} />}
      </Field>
      <Choices
        legend="Protective factors"
        type="checkbox"
        options={PROTECTIVE_FACTORS.map((value) => ({ value, label: PROTECTIVE_WORDS[value] }))}
        register={register('protectiveFactors')}
      />
      <Field label="Notes on protective factors" error={errors.protectiveNotes?.message}>
        {(fieldProps) => <textarea {...fieldProps} rows={2} {...register('protectiveNotes')} />}
      </Field>
      <Choices
        legend="Risk level"
        type="radio"
        options={optionsOf(RISK_LEVEL_WORDS)}
        register={register('riskLevel')}
        error={errors.riskLevel?.message}
      />
      {high && <EmergencyPanel {...props} />}
      <Field label="Rationale for the risk level" error={errors.rationale?.message}>
        {(fieldProps) => <textarea {...fieldProps} rows={3} {...register('rationale')} />}
      </Field>

      <fieldset className="group">
        <legend>Actions taken</legend>
        {actions.fields.length === 0 && <p className="field__hint">No action recorded yet.</p>}
        {actions.fields.map((item, index) => (
          <RepeatItem
            key={item.key}
            legend={`Action ${index + 1}`}
            onRemove={() => actions.remove(index)}
          >
            <div className="field-row">
              <Field label="Action" error={errors.actions?.[index]?.kind?.message}>
                {(fieldProps) => (
                  <select {...fieldProps} {...register(`actions.${index}.kind`)}>
                    {SAFETY_ACTION_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {SAFETY_ACTION_WORDS[kind]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <DateTimeField
                control={control}
                name={`actions.${index}.at`}
                label="When"
                error={errors.actions?.[index]?.at?.message}
              />
            </div>
            <Field
              label="What was done, or why none was needed"
              error={errors.actions?.[index]?.detail?.message}
            >
              {(fieldProps) => <input {...fieldProps} {...register(`actions.${index}.detail`)} />}
            </Field>
          </RepeatItem>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            actions.append({
              id: newId(),
              kind: high ? 'crisis-line-info' : 'none-needed',
              at: stamp(),
              detail: '',
            })
          }
        >
          Add an action
        </button>
      </fieldset>
    </StepFrame>
  )
}

/** Shown when the risk is high or imminent: who and what to call, right here. */
function EmergencyPanel({ client, practice }: StepProps<'safety'>) {
  return (
    <Notice tone="warning" role="alert">
      <p>
        <strong>High risk: act now, then record the action taken below.</strong>
      </p>
      <p>Emergency contacts of this client:</p>
      {client && client.emergencyContacts.length > 0 ? (
        <ul aria-label="Client’s emergency contacts">
          {client.emergencyContacts.map((contact) => (
            <li key={contact.id}>
              {contact.name}
              {contact.relation && ` (${contact.relation})`}: <strong>{contact.phone}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p>None recorded for this client.</p>
      )}
      <p>Emergency resources:</p>
      <ul aria-label="Emergency resources">
        {practice.emergencyResources.map((resource) => (
          <li key={resource.name}>
            {resource.name}
            {resource.phone && (
              <>
                : <strong>{resource.phone}</strong>
              </>
            )}
            {resource.notes && `. ${resource.notes}`}
          </li>
        ))}
      </ul>
    </Notice>
  )
}
