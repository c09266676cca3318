import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useRef } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import {
  CHANNEL_KINDS,
  CHANNEL_WORDS,
  CLIENT_STATUSES,
  CLIENT_STATUS_WORDS,
  clientSchema,
  deriveInitials,
  type Client,
} from '../../domain/client'
import { newId } from '../../domain/ids'
import { localDate } from '../../domain/time'
import { useFormDraft } from '../../store/use-draft'
import { DraftOfferNotice } from '../../ui/DraftOfferNotice'
import { Field } from '../../ui/Field'
import { RepeatItem } from '../../ui/RepeatItem'
import { Notice } from '../../ui/Notice'

/** The client form, for a new client and for editing one. Keeps an encrypted draft as you type. */
export function ClientForm({
  initial,
  draftId,
  draftLabel,
  route,
  submitLabel,
  onSave,
}: {
  initial: Client
  draftId: string
  draftLabel: string
  route: string
  submitLabel: string
  onSave: (client: Client) => Promise<void>
}) {
  const form = useForm<Client>({ resolver: zodResolver(clientSchema), defaultValues: initial })
  const { register, handleSubmit, formState, setError, control, watch, setValue, getFieldState } =
    form
  const channels = useFieldArray({ control, name: 'channels', keyName: 'key' })
  const contacts = useFieldArray({ control, name: 'emergencyContacts', keyName: 'key' })
  const draft = useFormDraft(form, { id: draftId, label: draftLabel, route })
  const errors = formState.errors
  const initialsTouched = useRef(
    initial.initials !== '' && initial.initials !== deriveInitials(initial.displayName),
  )

  // Initials follow the name until the therapist edits them.
  const displayName = watch('displayName')
  useEffect(() => {
    if (!initialsTouched.current && !getFieldState('initials').isDirty) {
      setValue('initials', deriveInitials(displayName ?? ''))
    }
  }, [displayName, setValue, getFieldState])

  const onSubmit = handleSubmit(async (values) => {
    try {
      await onSave(values)
      await draft.clear()
    } catch (error) {
      await draft.saveNow()
      setError('root', {
        message:
          error instanceof Error && error.name === 'RuleError'
            ? error.message
            : 'The client could not be saved. What you typed is kept as a draft; please try again.',
      })
    }
  })

  return (
    <>
      {draft.offer && <DraftOfferNotice offer={draft.offer} />}
      <form
        autoComplete="off"
        onSubmit={onSubmit}
        onBlur={draft.onBlur}
        noValidate
        className="record-form"
      >
        <Field
          label="Name"
          hint="The name you use for this client in your notes."
          error={errors.displayName?.message}
        >
          {(props) => <input {...props} {...register('displayName')} autoFocus />}
        </Field>
        <div className="field-row">
          <Field
            label="Initials"
            hint="Filled in from the name; you can change them."
            error={errors.initials?.message}
          >
            {(props) => (
              <input
                {...props}
                {...register('initials', { onChange: () => (initialsTouched.current = true) })}
                className="narrow"
              />
            )}
          </Field>
          <Field label="Pronouns (optional)" error={errors.pronouns?.message}>
            {(props) => <input {...props} {...register('pronouns')} className="narrow" />}
          </Field>
          <Field label="Status" error={errors.status?.message}>
            {(props) => (
              <select {...props} {...register('status')}>
                {CLIENT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {CLIENT_STATUS_WORDS[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="checkbox">
          <input id="client-minor" type="checkbox" {...register('isMinor')} />
          <label htmlFor="client-minor">This client is a minor</label>
        </div>

        <fieldset className="group">
          <legend>Contact channels the client agreed to</legend>
          {channels.fields.length === 0 && <p className="field__hint">None recorded yet.</p>}
          {channels.fields.map((item, index) => (
            <RepeatItem
              key={item.key}
              legend={`Channel ${index + 1}`}
              onRemove={() => channels.remove(index)}
            >
              <div className="field-row">
                <Field label="Channel" error={errors.channels?.[index]?.kind?.message}>
                  {(props) => (
                    <select {...props} {...register(`channels.${index}.kind`)}>
                      {CHANNEL_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {CHANNEL_WORDS[kind]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  label="Number, address or portal"
                  error={errors.channels?.[index]?.detail?.message}
                >
                  {(props) => <input {...props} {...register(`channels.${index}.detail`)} />}
                </Field>
                <Field
                  label="Date of consent"
                  error={errors.channels?.[index]?.consentDate?.message}
                >
                  {(props) => (
                    <input {...props} type="date" {...register(`channels.${index}.consentDate`)} />
                  )}
                </Field>
              </div>
              <Field
                label="Conditions"
                hint="For example “voicemail OK” or “no messages at work”."
                error={errors.channels?.[index]?.notes?.message}
              >
                {(props) => <input {...props} {...register(`channels.${index}.notes`)} />}
              </Field>
            </RepeatItem>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              channels.append({
                id: newId(),
                kind: 'phone-call',
                detail: '',
                consentDate: localDate(),
                notes: '',
              })
            }
          >
            Add a channel
          </button>
        </fieldset>

        <fieldset className="group">
          <legend>Emergency contacts</legend>
          {contacts.fields.length === 0 && <p className="field__hint">None recorded yet.</p>}
          {contacts.fields.map((item, index) => (
            <RepeatItem
              key={item.key}
              legend={`Emergency contact ${index + 1}`}
              onRemove={() => contacts.remove(index)}
            >
              <div className="field-row">
                <Field label="Name" error={errors.emergencyContacts?.[index]?.name?.message}>
                  {(props) => <input {...props} {...register(`emergencyContacts.${index}.name`)} />}
                </Field>
                <Field
                  label="Relation"
                  error={errors.emergencyContacts?.[index]?.relation?.message}
                >
                  {(props) => (
                    <input {...props} {...register(`emergencyContacts.${index}.relation`)} />
                  )}
                </Field>
                <Field label="Phone" error={errors.emergencyContacts?.[index]?.phone?.message}>
                  {(props) => (
                    <input
                      {...props}
                      type="tel"
                      {...register(`emergencyContacts.${index}.phone`)}
                    />
                  )}
                </Field>
              </div>
            </RepeatItem>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => contacts.append({ id: newId(), name: '', relation: '', phone: '' })}
          >
            Add an emergency contact
          </button>
        </fieldset>

        <Field label="Notes" error={errors.notes?.message}>
          {(props) => <textarea {...props} {...register('notes')} rows={5} />}
        </Field>
        {errors.root && <Notice tone="error">{errors.root.message}</Notice>}
        <button type="submit" disabled={formState.isSubmitting}>
          {submitLabel}
        </button>
      </form>
    </>
  )
}
