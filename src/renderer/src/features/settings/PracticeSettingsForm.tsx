import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import {
  DEFAULT_PRACTICE_SETTINGS,
  practiceSettingsSchema,
  type PracticeSettings,
} from '../../domain/practice'
import { isRuleError } from '../../store/operations'
import { usePracticeSettings } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { updatePracticeSettings } from '../../store/settings'
import { RepeatList, TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'

const resourcesSchema = practiceSettingsSchema.pick({ emergencyResources: true })
type Resources = Pick<PracticeSettings, 'emergencyResources'>

/** The practice's emergency resources, shown in the safety step when risk is high. */
export function PracticeSettingsForm() {
  const session = useSession()
  const stored = usePracticeSettings()
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const form = useForm<Resources>({
    resolver: zodResolver(resourcesSchema),
    defaultValues: { emergencyResources: DEFAULT_PRACTICE_SETTINGS.emergencyResources },
  })
  const resources = useFieldArray({ control: form.control, name: 'emergencyResources' })
  const { reset } = form
  const loaded = stored?.value.emergencyResources
  useEffect(() => {
    if (loaded) reset({ emergencyResources: loaded })
  }, [loaded, reset])
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      // Only this section's part: the profile and printing settings are saved by their own.
      await updatePracticeSettings(
        session,
        (current) => ({ ...current, emergencyResources: values.emergencyResources }),
        'Practice settings',
      )
      setMessage({ tone: 'success', text: 'Saved.' })
    } catch (error) {
      setMessage({
        tone: 'error',
        text: isRuleError(error)
          ? error.message
          : 'The resources could not be saved. Nothing was changed; please try again.',
      })
    }
  })
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
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={() => setMessage(null)}>
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
