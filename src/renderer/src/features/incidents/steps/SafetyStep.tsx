import { useFieldArray } from 'react-hook-form'
import { newId } from '../../../domain/ids'
import {
  atLeastModerate,
  FIREARMS_WORDS,
  IDEATION_FREQUENCY_WORDS,
  IDEATION_INTENSITY_WORDS,
  isHighRisk,
  optionsOf,
  PROTECTIVE_WORDS,
  RISK_HISTORY_WORDS,
  RISK_INDICATOR_WORDS,
  RISK_LEVEL_WORDS,
  RUPTURE_WORDS,
  SAFETY_ACTION_WORDS,
  SAFETY_PLAN_WORDS,
  SCREENING_WORDS,
} from '../../../domain/incident'
import { stamp } from '../../../domain/time'
import {
  ChoiceField,
  DateTimeField,
  NumberField,
  RepeatList,
  SelectField,
  TextField,
} from '../../../ui/form-fields'
import { Notice } from '../../../ui/Notice'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'

/** Step 1: the SAFE-T shape: risk and protective factors, level with rationale, actions with times. */
export function SafetyStep(props: StepProps<'safety'>) {
  const form = useStepForm(props)
  const actions = useFieldArray({ control: form.control, name: 'actions', keyName: 'key' })
  const level = form.watch('riskLevel')
  const high = isHighRisk(level)

  return (
    <StepFrame props={props} form={form}>
      <div className="field-row">
        <DateTimeField form={form} name="leftAt" label="When the client left" autoFocus />
        <NumberField form={form} name="minutesIntoSession" label="Minutes into the session" />
      </div>
      <TextField form={form} name="beforeNarrative" label="What happened just before" rows={4} />
      <ChoiceField
        form={form}
        name="ruptureType"
        label="Rupture type"
        type="radio"
        options={optionsOf(RUPTURE_WORDS)}
      />
      <ChoiceField
        form={form}
        name="riskIndicators"
        label="Risk indicators observed"
        type="checkbox"
        options={optionsOf(RISK_INDICATOR_WORDS)}
      />
      <TextField form={form} name="riskIndicatorsOther" label="Other risk indicators" />
      <div className="field-row">
        <SelectField
          form={form}
          name="ideationFrequency"
          label="How often the suicidal thoughts come"
          nullable
          options={[{ value: '', label: 'Not asked' }, ...optionsOf(IDEATION_FREQUENCY_WORDS)]}
        />
        <SelectField
          form={form}
          name="ideationIntensity"
          label="How intense they are"
          nullable
          options={[{ value: '', label: 'Not asked' }, ...optionsOf(IDEATION_INTENSITY_WORDS)]}
        />
      </div>
      <ChoiceField
        form={form}
        name="history"
        label="History"
        hint="Asked apart from what you saw today."
        type="checkbox"
        options={optionsOf(RISK_HISTORY_WORDS)}
      />
      <TextField form={form} name="historyNotes" label="Notes on history" rows={2} />
      <ChoiceField
        form={form}
        name="firearms"
        label="Access to firearms"
        hint={
          atLeastModerate(level)
            ? 'Ask on its own, apart from other means. Needed before the step can be complete at this level of risk.'
            : 'Ask on its own, apart from other means.'
        }
        type="radio"
        options={optionsOf(FIREARMS_WORDS)}
      />
      <div className="field-row">
        <SelectField
          form={form}
          name="screening"
          label="Screening instrument used"
          hint="Named only; note the result in your own words."
          options={optionsOf(SCREENING_WORDS)}
        />
        <TextField form={form} name="screeningNotes" label="Result, in your words" />
      </div>
      <ChoiceField
        form={form}
        name="protectiveFactors"
        label="Protective factors"
        type="checkbox"
        options={optionsOf(PROTECTIVE_WORDS)}
      />
      <TextField form={form} name="protectiveNotes" label="Notes on protective factors" rows={2} />
      <ChoiceField
        form={form}
        name="riskLevel"
        label="Risk level"
        type="radio"
        options={optionsOf(RISK_LEVEL_WORDS)}
      />
      {high && <EmergencyPanel {...props} />}
      <TextField form={form} name="rationale" label="Rationale for the risk level" rows={3} />
      <RepeatList
        legend="Actions taken"
        emptyHint="No action recorded yet."
        itemLegend={(index) => `Action ${index + 1}`}
        keys={actions.fields.map((item) => item.key)}
        onRemove={actions.remove}
        addLabel="Add an action"
        onAdd={() =>
          actions.append({
            id: newId(),
            kind: high ? 'crisis-line-info' : 'none-needed',
            at: stamp(),
            detail: '',
          })
        }
      >
        {(index) => (
          <>
            <div className="field-row">
              <SelectField
                form={form}
                name={`actions.${index}.kind`}
                label="Action"
                options={optionsOf(SAFETY_ACTION_WORDS)}
              />
              <DateTimeField form={form} name={`actions.${index}.at`} label="When" />
            </div>
            <TextField
              form={form}
              name={`actions.${index}.detail`}
              label="What was done, or why none was needed"
            />
          </>
        )}
      </RepeatList>
      <ChoiceField
        form={form}
        name="safetyPlan"
        label="Safety plan"
        hint={
          high
            ? 'A safety plan in the Stanley-Brown shape (warning signs, coping, people and places, professionals, making the environment safer). Needed before the step can be complete at this level of risk.'
            : 'A safety plan in the Stanley-Brown shape (warning signs, coping, people and places, professionals, making the environment safer).'
        }
        type="radio"
        options={optionsOf(SAFETY_PLAN_WORDS)}
      />
      <TextField form={form} name="safetyPlanNotes" label="Notes on the safety plan" rows={2} />
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
