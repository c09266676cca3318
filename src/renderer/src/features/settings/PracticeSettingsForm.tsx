import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import {
  DEFAULT_PRACTICE_SETTINGS,
  practiceSettingsSchema,
  type PracticeSettings,
} from '../../domain/practice'
import { useSession } from '../../store/session-context'
import { readPracticeSettings, writePracticeSettings } from '../../store/vault'
import { Field } from '../../ui/Field'
import { RepeatItem } from '../../ui/RepeatItem'
import { Notice } from '../../ui/Notice'

/** The practice's emergency resources, shown in the safety step when risk is high. */
export function PracticeSettingsForm() {
  const session = useSession()
  const [saved, setSaved] = useState(false)
  const form = useForm<PracticeSettings>({
    resolver: zodResolver(practiceSettingsSchema),
    defaultValues: DEFAULT_PRACTICE_SETTINGS,
  })
  const { register, control, handleSubmit, formState, reset } = form
  const resources = useFieldArray({ control, name: 'emergencyResources' })
  useEffect(() => {
    let cancelled = false
    void readPracticeSettings(session.db).then((value) => !cancelled && reset(value))
    return () => {
      cancelled = true
    }
  }, [session, reset])
  const errors = formState.errors.emergencyResources
  const onSubmit = handleSubmit(async (values) => {
    await writePracticeSettings(session.db, values)
    setSaved(true)
  })
  return (
    <section aria-labelledby="resources-title" className="card">
      <h2 id="resources-title">Emergency resources</h2>
      <p>
        Shown in the safety step when a client’s risk is high or imminent. The defaults are for the
        United States.
      </p>
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={() => setSaved(false)}>
        {resources.fields.map((item, index) => (
          <RepeatItem
            key={item.id}
            legend={`Resource ${index + 1}`}
            onRemove={() => resources.remove(index)}
          >
            <div className="field-row">
              <Field label="Name" error={errors?.[index]?.name?.message}>
                {(props) => <input {...props} {...register(`emergencyResources.${index}.name`)} />}
              </Field>
              <Field label="Phone" error={errors?.[index]?.phone?.message}>
                {(props) => (
                  <input
                    {...props}
                    type="tel"
                    className="narrow"
                    {...register(`emergencyResources.${index}.phone`)}
                  />
                )}
              </Field>
            </div>
            <Field label="Notes" error={errors?.[index]?.notes?.message}>
              {(props) => <input {...props} {...register(`emergencyResources.${index}.notes`)} />}
            </Field>
          </RepeatItem>
        ))}
        <div className="actions">
          <button
            type="button"
            className="secondary"
            onClick={() => resources.append({ name: '', phone: '', notes: '' })}
          >
            Add a resource
          </button>
          <button type="submit">Save resources</button>
        </div>
        {saved && <Notice tone="success">Saved.</Notice>}
      </form>
    </section>
  )
}
