import { useFieldArray } from 'react-hook-form'
import { newId } from '../../../domain/ids'
import { ADJUSTMENT_WORDS, optionsOf } from '../../../domain/incident'
import { RepeatList, SelectField, TextField } from '../../../ui/form-fields'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'

/** Step 6. */
export function AdjustStep(props: StepProps<'adjust'>) {
  const form = useStepForm(props)
  const adjustments = useFieldArray({ control: form.control, name: 'adjustments', keyName: 'key' })
  return (
    <StepFrame props={props} form={form}>
      <RepeatList
        legend="Adjustments to the approach"
        emptyHint="No adjustment recorded yet."
        itemLegend={(index) => `Adjustment ${index + 1}`}
        keys={adjustments.fields.map((item) => item.key)}
        onRemove={adjustments.remove}
        addLabel="Add an adjustment"
        autoFocusAdd
        onAdd={() => adjustments.append({ id: newId(), kind: 'pacing', detail: '', rationale: '' })}
      >
        {(index) => (
          <>
            <SelectField
              form={form}
              name={`adjustments.${index}.kind`}
              label="Adjustment"
              options={optionsOf(ADJUSTMENT_WORDS)}
            />
            <TextField form={form} name={`adjustments.${index}.detail`} label="What changes" />
            <TextField
              form={form}
              name={`adjustments.${index}.rationale`}
              label="Rationale"
              rows={2}
            />
          </>
        )}
      </RepeatList>
    </StepFrame>
  )
}
