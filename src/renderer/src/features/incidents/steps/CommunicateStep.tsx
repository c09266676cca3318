import { TextField } from '../../../ui/form-fields'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'

/** Step 7. */
export function CommunicateStep(props: StepProps<'communicate'>) {
  const form = useStepForm(props)
  return (
    <StepFrame props={props} form={form}>
      <TextField
        form={form}
        name="agreements"
        label="Agreements made with the client"
        hint="For example a signal for needing a pause, or how to reach out between sessions."
        rows={3}
        autoFocus
      />
      <TextField form={form} name="clientFeedback" label="The client’s feedback" rows={3} />
    </StepFrame>
  )
}
