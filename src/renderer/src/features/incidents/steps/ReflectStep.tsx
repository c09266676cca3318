import { REFLECT_PROMPTS } from '../../../domain/incident'
import { CheckboxField, TextField } from '../../../ui/form-fields'
import { Notice } from '../../../ui/Notice'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'

/** Step 4: a psychotherapy note, private by default. */
export function ReflectStep(props: StepProps<'reflect'>) {
  const form = useStepForm(props)
  return (
    <StepFrame props={props} form={form}>
      <Notice tone="info">
        Private reflection. Treated as a psychotherapy note: kept out of prep sheets, prints and
        exports unless you include it.
      </Notice>
      {REFLECT_PROMPTS.map(([name, label], index) => (
        <TextField
          key={name}
          form={form}
          name={name}
          label={label}
          rows={3}
          autoFocus={index === 0}
        />
      ))}
      <CheckboxField
        form={form}
        name="consultationSought"
        label="I sought consultation or supervision"
      />
      <TextField
        form={form}
        name="consultationNotes"
        label="Consultation or supervision notes"
        rows={2}
      />
    </StepFrame>
  )
}
