import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { KdfOverrides } from '../../crypto/vault-keys'
import type { MendDatabase } from '../../store/vault'
import type { VaultSession } from '../../store/session'
import { createVault, type VaultHost } from '../../store/vault'
import { Notice } from '../../ui/Notice'
import { NewPassphraseFields, useStrength } from './NewPassphraseFields'
import { setupSchema, type SetupValues } from './passphrase-schema'
import { SampleOffer, type SampleOfferProps } from './SampleOffer'

/** First run: create the vault with a passphrase, optionally a recovery key. */
export function SetupScreen({
  db,
  kdf,
  host,
  message = null,
  sample,
  onReady,
}: {
  db: MendDatabase
  kdf?: KdfOverrides
  host: VaultHost
  /** Why this screen is shown again (e.g. the sample vault was left), in words. */
  message?: string | null
  /** "Try Mend with sample data" (absent: not offered). */
  sample?: SampleOfferProps
  /** The vault exists and is open; the recovery key text, if one was made, is to be shown once. */
  onReady: (session: VaultSession, recoveryKeyText?: string) => void
}) {
  const form = useForm<SetupValues>({
    resolver: zodResolver(setupSchema),
    defaultValues: { passphrase: '', confirm: '', withRecoveryKey: true },
  })
  const { register, handleSubmit, watch, setError, formState } = form
  const { strength, problem: problemWith } = useStrength(watch('passphrase'))
  const [failure, setFailure] = useState<string | null>(null)

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null)
    const problem = await problemWith(values.passphrase)
    if (problem) {
      setError('passphrase', { message: problem }, { shouldFocus: true })
      return
    }
    try {
      const result = await createVault(db, values.passphrase, {
        withRecoveryKey: values.withRecoveryKey,
        kdf,
        ...host,
      })
      onReady(result.session, result.recoveryKeyText)
    } catch (error) {
      setFailure(
        error instanceof Error && error.name === 'VaultError'
          ? error.message
          : 'The vault could not be created. Nothing was saved; please try again.',
      )
    }
  })

  return (
    <main className="gate">
      <section className="gate__card" aria-labelledby="setup-title">
        <h1 id="setup-title">Set up Mend</h1>
        {message && <Notice tone="info">{message}</Notice>}
        <p>
          Mend keeps your notes encrypted on this computer. Choose a passphrase: you will type it
          each time you open Mend.
        </p>
        <Notice tone="warning" role="status">
          <strong>Keep your passphrase safe.</strong> Without your passphrase or the recovery key,
          your records cannot be recovered by anyone: not by you, not by Mend’s makers, not by a
          technician.
        </Notice>
        <form autoComplete="off" onSubmit={onSubmit} noValidate aria-describedby="setup-title">
          <NewPassphraseFields
            register={register}
            errors={formState.errors}
            strength={strength}
            watch={watch}
            autoFocus
          />
          <div className="checkbox">
            <input id="with-recovery-key" type="checkbox" {...register('withRecoveryKey')} />
            <label htmlFor="with-recovery-key">
              Create a recovery key (recommended). It is shown once, to print or write down, and can
              unlock Mend if you forget the passphrase.
            </label>
          </div>
          {failure && <Notice tone="error">{failure}</Notice>}
          <button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Creating your vault…' : 'Create vault'}
          </button>
        </form>
        {sample && (
          <SampleOffer
            {...sample}
            intro="See Mend at work first, with invented clients and walkouts in a separate sample vault. Nothing of it ever enters your own vault, and it is removed in one click."
          />
        )}
      </section>
    </main>
  )
}
