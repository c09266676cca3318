import { DISCUSSION_WORDS, optionsOf } from '../../../domain/incident'
import { ChoiceField, DateField, TextField } from '../../../ui/form-fields'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'

/** Step 5. */
export function DiscussStep(props: StepProps<'discuss'>) {
  const form = useStepForm(props)
  return (
    <StepFrame props={props} form={form}>
      <DateField form={form} name="nextSessionDate" label="Date of the next session" autoFocus />
      <TextField
        form={form}
        name="pointsToRaise"
        label="Points to raise"
        hint="What you want to name, gently, about the walkout."
        rows={3}
      />
      <TextField
        form={form}
        name="questions"
        label="Questions to explore"
        hint="Open questions that let the client speak safely about what happened."
        rows={3}
      />
      <ChoiceField
        form={form}
        name="status"
        label="The conversation"
        type="radio"
        options={optionsOf(DISCUSSION_WORDS)}
      />
      <TextField
        form={form}
        name="discussed"
        label="What was discussed"
        hint="After the session."
        rows={3}
      />
      <TextField form={form} name="clientAccount" label="The client’s own account" rows={3} />
    </StepFrame>
  )
}
