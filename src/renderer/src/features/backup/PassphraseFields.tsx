import { z } from 'zod'
import type { FieldErrors, UseFormRegister, UseFormWatch } from 'react-hook-form'
import type { VaultSession } from '../../store/session'
import { Choices } from '../../ui/Choices'
import { Field } from '../../ui/Field'
import { PasswordInput } from '../../ui/PasswordInput'
import { checkVaultPassphrase } from './operations'

/** The shortest backup passphrase accepted when it is not the vault's own. */
export const MIN_BACKUP_PASSPHRASE = 12

/**
 * Who can open a backup: the vault passphrase typed again (checked against the vault before it is
 * used), or a different passphrase typed twice.
 */
export const passphraseChoiceSchema = z
  .object({
    which: z.enum(['vault', 'other']),
    current: z.string(),
    passphrase: z.string(),
    confirm: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.which === 'vault') {
      if (values.current.length === 0)
        ctx.addIssue({ code: 'custom', path: ['current'], message: 'Type your Mend passphrase.' })
      return
    }
    if (values.passphrase.length < MIN_BACKUP_PASSPHRASE)
      ctx.addIssue({
        code: 'custom',
        path: ['passphrase'],
        message: `Use at least ${MIN_BACKUP_PASSPHRASE} characters: a few unrelated words, with spaces.`,
      })
    if (values.confirm !== values.passphrase)
      ctx.addIssue({
        code: 'custom',
        path: ['confirm'],
        message: 'The two passphrases are not the same.',
      })
  })
export type PassphraseChoice = z.infer<typeof passphraseChoiceSchema>
export const EMPTY_CHOICE: PassphraseChoice = {
  which: 'vault',
  current: '',
  passphrase: '',
  confirm: '',
}

/** Password managers are told to leave these fields alone (and the browser not to fill them). */
export const NO_PASSWORD_MANAGER = {
  'data-1p-ignore': 'true',
  'data-lpignore': 'true',
  'data-bwignore': 'true',
} as const

/** One passphrase typed once (to open a backup or a folder's key), kept out of password managers. */
export function PassphraseField({
  label,
  hint,
  value,
  onChange,
  toggleLabel,
  autoFocus = false,
}: {
  label: string
  hint?: string
  value: string
  onChange: (value: string) => void
  toggleLabel: string
  /** Takes the focus when it appears (a step that replaces the control that had it). */
  autoFocus?: boolean
}) {
  return (
    <Field label={label} hint={hint}>
      {(field) => (
        <PasswordInput
          {...field}
          {...NO_PASSWORD_MANAGER}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete="off"
          toggleLabel={toggleLabel}
          autoFocus={autoFocus}
        />
      )}
    </Field>
  )
}

/** The passphrase to use: the vault's (checked first) or the other one. */
export async function choosePassphrase(
  session: VaultSession,
  values: PassphraseChoice,
): Promise<string> {
  if (values.which === 'other') return values.passphrase
  await checkVaultPassphrase(session, values.current)
  return values.current
}

export function PassphraseChoiceFields({
  register,
  errors,
  watch,
  legend,
  vaultLabel,
  otherLabel,
  otherHint,
}: {
  register: UseFormRegister<PassphraseChoice>
  errors: FieldErrors<PassphraseChoice>
  watch: UseFormWatch<PassphraseChoice>
  legend: string
  vaultLabel: string
  otherLabel: string
  otherHint: string
}) {
  const which = watch('which')
  return (
    <>
      <Choices
        legend={legend}
        type="radio"
        register={register('which')}
        options={[
          { value: 'vault', label: vaultLabel },
          { value: 'other', label: otherLabel, hint: otherHint },
        ]}
      />
      {which === 'vault' ? (
        <Field
          label="Your Mend passphrase"
          hint="Typed again and checked against your vault, so a typo cannot lock you out."
          error={errors.current?.message}
        >
          {(field) => (
            <PasswordInput
              {...field}
              {...register('current')}
              {...NO_PASSWORD_MANAGER}
              autoComplete="off"
              toggleLabel="Show your Mend passphrase"
            />
          )}
        </Field>
      ) : (
        <>
          <Field
            label="Backup passphrase"
            hint={`At least ${MIN_BACKUP_PASSPHRASE} characters. Write it down somewhere safe: without it the backup cannot be opened.`}
            error={errors.passphrase?.message}
          >
            {(field) => (
              <PasswordInput
                {...field}
                {...register('passphrase')}
                {...NO_PASSWORD_MANAGER}
                autoComplete="new-password"
                toggleLabel="Show the backup passphrase"
              />
            )}
          </Field>
          <Field label="Type the backup passphrase again" error={errors.confirm?.message}>
            {(field) => (
              <PasswordInput
                {...field}
                {...register('confirm')}
                {...NO_PASSWORD_MANAGER}
                autoComplete="new-password"
                toggleLabel="Show the repeated backup passphrase"
              />
            )}
          </Field>
        </>
      )}
    </>
  )
}
