import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { useFieldArray, useForm } from 'react-hook-form'
import {
  CHANNEL_CONDITION_HINTS,
  CHANNEL_CONDITION_WORDS,
  CHANNEL_CONDITIONS,
  CHANNEL_WORDS,
  CLIENT_STATUS_WORDS,
  clientSaveProblems,
  clientSchema,
  deriveInitials,
  type Client,
} from '../../domain/client'
import { newId } from '../../domain/ids'
import { localDate } from '../../domain/time'
import { useFormDraft } from '../../store/use-draft'
import { optionsOf } from '../../domain/words'
import { DraftOfferNotice } from '../../ui/DraftOfferNotice'
import {
  CheckboxField,
  ChoiceField,
  DateField,
  RepeatList,
  SelectField,
  TextField,
} from '../../ui/form-fields'
import { Field } from '../../ui/Field'
import { Notice } from '../../ui/Notice'

/** The client form, for a new client and for editing one. Keeps an encrypted draft as you type. */
export function ClientForm({
  initial,
  draftId,
  draftLabel,
  route,
  submitLabel,
  onSave,
  sameNameAs,
}: {
  initial: Client
  draftId: string
  draftLabel: string
  route: string
  submitLabel: string
  onSave: (client: Client) => Promise<void>
  /** Other clients with the same name (asked about before saving), with what tells them apart. */
  sameNameAs?: (name: string) => { id: string; label: string }[]
}) {
  // The name whose look-alikes the therapist has seen and confirmed as a different person.
  // A ref, not state: the save that follows the confirmation must see it at once.
  const confirmedName = useRef<string | null>(null)
  const [lookalikes, setLookalikes] = useState<{ id: string; label: string }[]>([])
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
    const refused = clientSaveProblems(values, new Date())
    if (refused.length > 0) {
      refused.forEach((problem, i) =>
        setError(problem.path as never, { message: problem.message }, { shouldFocus: i === 0 }),
      )
      return
    }
    const alike = sameNameAs?.(values.displayName) ?? []
    if (alike.length > 0 && confirmedName.current !== values.displayName.trim()) {
      setLookalikes(alike)
      return
    }
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
      {lookalikes.length > 0 && (
        <Notice tone="warning" role="alert">
          <p>
            {lookalikes.length === 1
              ? 'A client with this name already exists:'
              : `${lookalikes.length} clients with this name already exist:`}
          </p>
          <ul aria-label="Clients with the same name">
            {lookalikes.map((c) => (
              <li key={c.id}>
                <Link to={`/clients/${c.id}`}>{c.label}</Link>
              </li>
            ))}
          </ul>
          <p>
            Is this a different person? Add a date of birth or a client number to tell them apart.
          </p>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                confirmedName.current = watch('displayName').trim()
                setLookalikes([])
                void onSubmit()
              }}
            >
              Yes, a different person: save
            </button>
            <button type="button" className="secondary" onClick={() => setLookalikes([])}>
              Cancel
            </button>
          </div>
        </Notice>
      )}
      <form
        autoComplete="off"
        onSubmit={onSubmit}
        onBlur={draft.onBlur}
        noValidate
        className="record-form"
      >
        <TextField
          form={form}
          name="displayName"
          label="Name"
          hint="The name you use for this client in your notes."
          autoFocus
        />
        <div className="field-row">
          <Field
            label="Initials"
            hint="Filled in from the name; you can change them."
            error={errors.initials?.message}
          >
            {(field) => (
              <input
                {...field}
                {...register('initials', { onChange: () => (initialsTouched.current = true) })}
                className="narrow"
              />
            )}
          </Field>
          <TextField form={form} name="pronouns" label="Pronouns (optional)" narrow />
          <DateField form={form} name="dateOfBirth" label="Date of birth (optional)" />
          <TextField form={form} name="clientNumber" label="Client number (optional)" narrow />
          <SelectField
            form={form}
            name="status"
            label="Status"
            options={optionsOf(CLIENT_STATUS_WORDS)}
          />
        </div>
        <CheckboxField form={form} name="isMinor" label="This client is a minor" />

        <RepeatList
          legend="Contact channels the client agreed to"
          emptyHint="None recorded yet."
          itemLegend={(index) => `Channel ${index + 1}`}
          keys={channels.fields.map((item) => item.key)}
          onRemove={channels.remove}
          addLabel="Add a channel"
          onAdd={() =>
            channels.append({
              id: newId(),
              kind: 'phone-call',
              detail: '',
              consentDate: localDate(),
              conditions: [],
              notes: '',
            })
          }
        >
          {(index) => (
            <>
              <div className="field-row">
                <SelectField
                  form={form}
                  name={`channels.${index}.kind`}
                  label="Channel"
                  options={optionsOf(CHANNEL_WORDS)}
                />
                <TextField
                  form={form}
                  name={`channels.${index}.detail`}
                  label="Number, address or portal"
                />
                <DateField
                  form={form}
                  name={`channels.${index}.consentDate`}
                  label="Date of consent"
                />
              </div>
              <ChoiceField
                form={form}
                name={`channels.${index}.conditions`}
                label="Conditions the client set for this channel"
                hint="Outreach templates warn when their text would break one."
                type="checkbox"
                options={CHANNEL_CONDITIONS.map((condition) => ({
                  value: condition,
                  label: CHANNEL_CONDITION_WORDS[condition],
                  hint: CHANNEL_CONDITION_HINTS[condition],
                }))}
              />
              <TextField
                form={form}
                name={`channels.${index}.notes`}
                label="Other conditions or notes"
                hint="For example “voicemail OK” or “no messages at work”."
              />
            </>
          )}
        </RepeatList>

        <RepeatList
          legend="Emergency contacts"
          emptyHint="None recorded yet."
          itemLegend={(index) => `Emergency contact ${index + 1}`}
          keys={contacts.fields.map((item) => item.key)}
          onRemove={contacts.remove}
          addLabel="Add an emergency contact"
          onAdd={() => contacts.append({ id: newId(), name: '', relation: '', phone: '' })}
        >
          {(index) => (
            <div className="field-row">
              <TextField form={form} name={`emergencyContacts.${index}.name`} label="Name" />
              <TextField
                form={form}
                name={`emergencyContacts.${index}.relation`}
                label="Relation"
              />
              <TextField
                form={form}
                name={`emergencyContacts.${index}.phone`}
                label="Phone"
                type="tel"
              />
            </div>
          )}
        </RepeatList>

        <TextField form={form} name="notes" label="Notes" rows={5} />
        {errors.root && <Notice tone="error">{errors.root.message}</Notice>}
        <button type="submit" disabled={formState.isSubmitting}>
          {submitLabel}
        </button>
      </form>
    </>
  )
}
