import { EMPTY_PROFILE, practiceProfileSchema, type PracticeProfile } from '../../domain/practice'
import { TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'
import { usePracticeSection } from './practice-section'

/** Who prints: the letterhead of letters and the clinician named on chart copies. */
export function PracticeProfileForm() {
  const { form, onSubmit, message, clearMessage } = usePracticeSection({
    schema: practiceProfileSchema,
    defaults: EMPTY_PROFILE,
    part: (settings) => settings.profile,
    toForm: (profile: PracticeProfile) => profile,
    apply: (current, profile) => ({ ...current, profile }),
    auditName: 'Practice profile',
    what: 'The profile',
  })
  return (
    <section aria-labelledby="profile-title" className="card">
      <h2 id="profile-title">Practice profile</h2>
      <p>
        Printed on letters (the letterhead and your signature) and on chart copies (who signed).
        Every field may stay empty; a letter that needs one says so before it prints.
      </p>
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={clearMessage}>
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
