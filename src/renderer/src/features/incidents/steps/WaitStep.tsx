import { optionsOf, WAIT_WORDS } from '../../../domain/incident'
import { ChoiceField, NumberField, TextField } from '../../../ui/form-fields'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'

/** Step 2. */
export function WaitStep(props: StepProps<'wait'>) {
  const form = useStepForm(props)
  return (
    <StepFrame props={props} form={form}>
      <NumberField
        form={form}
        name="waitedMinutes"
        label="How long you waited (minutes)"
        autoFocus
      />
      <ChoiceField
        form={form}
        name="outcome"
        label="Outcome"
        type="radio"
        options={optionsOf(WAIT_WORDS)}
      />
      <TextField form={form} name="notes" label="Notes" rows={4} />
    </StepFrame>
  )
}
