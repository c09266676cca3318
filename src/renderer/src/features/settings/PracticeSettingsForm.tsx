import { useFieldArray } from 'react-hook-form'
import {
  DEFAULT_PRACTICE_SETTINGS,
  practiceSettingsSchema,
  type PracticeSettings,
} from '../../domain/practice'
import { RepeatList, TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'
import { usePracticeSection } from './practice-section'

const resourcesSchema = practiceSettingsSchema.pick({ emergencyResources: true })
type Resources = Pick<PracticeSettings, 'emergencyResources'>

/** The practice's emergency resources, shown in the safety step when risk is high. */
export function PracticeSettingsForm() {
  const { form, onSubmit, message, clearMessage, stored } = usePracticeSection({
    schema: resourcesSchema,
    defaults: { emergencyResources: DEFAULT_PRACTICE_SETTINGS.emergencyResources },
    part: (settings) => settings.emergencyResources,
    toForm: (emergencyResources: PracticeSettings['emergencyResources']): Resources => ({
      emergencyResources,
    }),
    apply: (current, values) => ({ ...current, emergencyResources: values.emergencyResources }),
    auditName: 'Practice settings',
    what: 'The resources',
  })
  const resources = useFieldArray({ control: form.control, name: 'emergencyResources' })
  return (
    <section aria-labelledby="resources-title" className="card">
      <h2 id="resources-title">Emergency resources</h2>
      <p>
        Shown in the safety step when a client’s risk is high or imminent. The defaults are for the
        United States.
      </p>
      {stored?.damaged && (
        <Notice tone="error">
          The saved emergency resources could not be opened: they were altered or damaged outside
          Mend. The defaults are shown; check them and save to replace the damaged copy.
        </Notice>
      )}
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={clearMessage}>
        <RepeatList
          legend="Resources"
          emptyHint="No resource yet. Add at least a crisis line and emergency services."
          itemLegend={(index) => `Resource ${index + 1}`}
          keys={resources.fields.map((item) => item.id)}
          onRemove={resources.remove}
          addLabel="Add a resource"
          onAdd={() => resources.append({ name: '', phone: '', notes: '' })}
        >
          {(index) => (
            <>
              <div className="field-row">
                <TextField form={form} name={`emergencyResources.${index}.name`} label="Name" />
                <TextField
                  form={form}
                  name={`emergencyResources.${index}.phone`}
                  label="Phone"
                  type="tel"
                  narrow
                />
              </div>
              <TextField form={form} name={`emergencyResources.${index}.notes`} label="Notes" />
            </>
          )}
        </RepeatList>
        <div className="actions">
          <button type="submit">Save resources</button>
        </div>
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
      </form>
    </section>
  )
}
