import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { EMPTY_PROFILE, practiceProfileSchema, type PracticeProfile } from '../../domain/practice'
import { isRuleError } from '../../store/operations'
import { usePracticeSettings } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { updatePracticeSettings } from '../../store/settings'
import { TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'

/** Who prints: the letterhead of letters and the clinician named on chart copies. */
export function PracticeProfileForm() {
  const session = useSession()
  const stored = usePracticeSettings()
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const form = useForm<PracticeProfile>({
    resolver: zodResolver(practiceProfileSchema),
    defaultValues: EMPTY_PROFILE,
  })
  const { reset } = form
  const loaded = stored?.value.profile
  useEffect(() => {
    if (loaded) reset(loaded)
  }, [loaded, reset])
  const onSubmit = form.handleSubmit(async (profile) => {
    try {
      await updatePracticeSettings(
        session,
        (current) => ({ ...current, profile }),
        'Practice profile',
      )
      setMessage({ tone: 'success', text: 'Saved.' })
    } catch (error) {
      setMessage({
        tone: 'error',
        text: isRuleError(error)
          ? error.message
          : 'The profile could not be saved. Nothing was changed; please try again.',
      })
    }
  })
  return (
    <section aria-labelledby="profile-title" className="card">
      <h2 id="profile-title">Practice profile</h2>
      <p>
        Printed on letters (the letterhead and your signature) and on chart copies (who signed).
        Every field may stay empty; a letter that needs one says so before it prints.
      </p>
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={() => setMessage(null)}>
        <TextField form={form} name="practiceName" label="Practice name" />
        <div className="field-row">
          <TextField
            form={form}
            name="clinicianName"
            label="Your name"
            hint="As you sign letters."
          />
          <TextField
            form={form}
            name="credentials"
            label="Credentials"
            hint="For example: PsyD, licensed psychologist."
          />
        </div>
        <TextField form={form} name="address" label="Address" rows={3} />
        <div className="field-row">
          <TextField form={form} name="phone" label="Phone" type="tel" narrow />
          <TextField form={form} name="email" label="Email" type="email" />
        </div>
        <div className="actions">
          <button type="submit">Save profile</button>
        </div>
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
      </form>
    </section>
  )
}
