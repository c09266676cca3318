import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useNavigate } from 'react-router'
import { CLIENT_STATUSES, clientSchema, emptyClient, type Client } from '../../domain/client'
import { newId } from '../../domain/ids'
import { useSession } from '../../store/session-context'
import { useFormDraft } from '../../store/use-draft'
import { DraftOfferNotice } from '../../ui/DraftOfferNotice'
import { Field } from '../../ui/Field'
import { Notice } from '../../ui/Notice'

const STATUS_WORDS = { active: 'Active', referred: 'Referred', ended: 'Ended' } as const

export function NewClientPage() {
  const session = useSession()
  const navigate = useNavigate()
  const form = useForm<Client>({
    resolver: zodResolver(clientSchema),
    defaultValues: emptyClient(),
  })
  const { register, handleSubmit, formState, setError } = form
  const draft = useFormDraft(form, { id: 'client:new', label: 'New client', route: '/clients/new' })

  const onSubmit = handleSubmit(async (values) => {
    try {
      await session.clients.put(session.dataKey, newId(), values)
    } catch {
      await draft.saveNow()
      setError('root', {
        message:
          'The client could not be saved. What you typed is kept as a draft; please try again.',
      })
      return
    }
    await draft.clear()
    void navigate('/clients')
  })

  return (
    <section aria-labelledby="new-client-title">
      <h1 id="new-client-title">New client</h1>
      {draft.offer && <DraftOfferNotice offer={draft.offer} />}
      <form autoComplete="off" onSubmit={onSubmit} onBlur={draft.onBlur} noValidate>
        <Field
          label="Name"
          hint="The name you use for this client in your notes."
          error={formState.errors.displayName?.message}
        >
          {(props) => (
            <input {...props} {...register('displayName')} autoComplete="off" autoFocus />
          )}
        </Field>
        <Field label="Status" error={formState.errors.status?.message}>
          {(props) => (
            <select {...props} {...register('status')}>
              {CLIENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_WORDS[status]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Notes" error={formState.errors.notes?.message}>
          {(props) => <textarea {...props} {...register('notes')} rows={5} />}
        </Field>
        {formState.errors.root && <Notice tone="error">{formState.errors.root.message}</Notice>}
        <button type="submit" disabled={formState.isSubmitting}>
          Save client
        </button>
      </form>
    </section>
  )
}
