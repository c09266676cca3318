import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { isVaultError } from '../../crypto/errors'
import {
  AUTO_LOCK_MINUTES,
  CLOSURE_ATTEMPTS,
  vaultSettingsSchema,
  type VaultSettings as Settings,
} from '../../domain/settings'
import { changePassphrase } from '../../store/vault'
import { Field } from '../../ui/Field'
import { Notice } from '../../ui/Notice'
import { PasswordInput } from '../../ui/PasswordInput'
import { NewPassphraseFields, useStrength } from './NewPassphraseFields'
import { changeSchema, type ChangeValues } from './passphrase-schema'
import { useVault } from './VaultProvider'

/** Vault settings: how soon Mend locks itself, and the passphrase. */
export function VaultSettings() {
  return (
    <>
      <AutoLockSetting />
      <ChangePassphrase />
    </>
  )
}

function AutoLockSetting() {
  const { settings, updateSettings } = useVault()
  const [saved, setSaved] = useState(false)
  const { register, handleSubmit, formState } = useForm<Settings>({
    resolver: zodResolver(vaultSettingsSchema),
    defaultValues: settings,
  })
  const onSubmit = handleSubmit(async (values) => {
    await updateSettings(values)
    setSaved(true)
  })
  return (
    <section aria-labelledby="autolock-setting-title" className="card">
      <h2 id="autolock-setting-title">Automatic lock and reminders</h2>
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={() => setSaved(false)}>
        <Field
          label="Lock after this many minutes without activity"
          hint={`From ${AUTO_LOCK_MINUTES.min} to ${AUTO_LOCK_MINUTES.max} minutes. A countdown appears shortly before.`}
          error={formState.errors.autoLockMinutes?.message}
        >
          {(field) => (
            <input
              {...field}
              {...register('autoLockMinutes', { valueAsNumber: true })}
              type="number"
              inputMode="numeric"
              min={AUTO_LOCK_MINUTES.min}
              max={AUTO_LOCK_MINUTES.max}
              step={1}
            />
          )}
        </Field>
        <Field
          label="On Today, ask to decide about closure after this many attempts without a reply"
          hint={`From ${CLOSURE_ATTEMPTS.min} to ${CLOSURE_ATTEMPTS.max} outreach attempts.`}
          error={formState.errors.closureAttempts?.message}
        >
          {(field) => (
            <input
              {...field}
              {...register('closureAttempts', { valueAsNumber: true })}
              type="number"
              inputMode="numeric"
              min={CLOSURE_ATTEMPTS.min}
              max={CLOSURE_ATTEMPTS.max}
              step={1}
            />
          )}
        </Field>
        <button type="submit">Save</button>
        {saved && <Notice tone="success">Saved.</Notice>}
      </form>
    </section>
  )
}

function ChangePassphrase() {
  const { sample } = useVault()
  if (sample)
    return (
      <section aria-labelledby="change-passphrase-title" className="card">
        <h2 id="change-passphrase-title">Change passphrase</h2>
        <p>
          The sample vault has no passphrase of yours: it opens without one, because everything in
          it is invented. Your own vault’s passphrase is changed here once you are in your own
          vault.
        </p>
      </section>
    )
  return <ChangePassphraseForm />
}

function ChangePassphraseForm() {
  const { db, host } = useVault()
  const [done, setDone] = useState(false)
  const form = useForm<ChangeValues>({
    resolver: zodResolver(changeSchema),
    defaultValues: { current: '', passphrase: '', confirm: '' },
  })
  const { register, handleSubmit, formState, setError, watch, reset } = form
  const { strength, problem: problemWith } = useStrength(watch('passphrase'))
  const onSubmit = handleSubmit(async (values) => {
    setDone(false)
    const problem = await problemWith(values.passphrase)
    if (problem) {
      setError('passphrase', { message: problem }, { shouldFocus: true })
      return
    }
    try {
      await changePassphrase(db, { passphrase: values.current }, values.passphrase, undefined, host)
      reset()
      setDone(true)
    } catch (error) {
      const message = isVaultError(error, 'wrong-passphrase')
        ? 'That is not your current passphrase. Nothing was changed.'
        : isVaultError(error)
          ? error.message
          : 'The passphrase could not be changed. Nothing was changed; please try again.'
      setError('current', { message }, { shouldFocus: true })
    }
  })
  return (
    <section aria-labelledby="change-passphrase-title" className="card">
      <h2 id="change-passphrase-title">Change passphrase</h2>
      <p>
        Your records stay as they are; only the key that opens them is re-sealed with the new
        passphrase.
      </p>
      <form autoComplete="off" onSubmit={onSubmit} noValidate>
        <Field label="Current passphrase" error={formState.errors.current?.message}>
          {(field) => (
            <PasswordInput
              {...field}
              {...register('current')}
              autoComplete="current-password"
              toggleLabel="Show current passphrase"
            />
          )}
        </Field>
        <NewPassphraseFields
          register={register}
          errors={formState.errors}
          strength={strength}
          watch={watch}
          labels={{ passphrase: 'New passphrase', confirm: 'Type the new passphrase again' }}
        />
        <button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Changing…' : 'Change passphrase'}
        </button>
        {done && (
          <Notice tone="success">
            Your passphrase has been changed. Use the new one from now on.
          </Notice>
        )}
      </form>
    </section>
  )
}
