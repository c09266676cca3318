import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { isVaultError } from '../../crypto/errors'
import type { MendDatabase } from '../../store/vault'
import type { VaultSession } from '../../store/session'
import {
  changePassphrase,
  ThrottledError,
  unlockVault,
  unlockWait,
  verifyRecoveryKey,
  type VaultHost,
} from '../../store/vault'
import { Field } from '../../ui/Field'
import { Notice } from '../../ui/Notice'
import { PasswordInput } from '../../ui/PasswordInput'
import { NewPassphraseFields, useStrength, type NewPassphraseValues } from './NewPassphraseFields'
import {
  newPassphraseSchema,
  recoveryKeySchema,
  unlockSchema,
  type RecoveryKeyValues,
  type UnlockValues,
} from './passphrase-schema'
import { SampleOffer, type SampleOfferProps } from './SampleOffer'

export interface Unlocked {
  session: VaultSession
  notices: string[]
}

function describe(error: unknown): string {
  if (error instanceof ThrottledError)
    return `Too many attempts. Try again in ${Math.ceil(error.waitMs / 1000)} seconds.`
  if (isVaultError(error)) return error.message
  return 'Mend could not open the vault. Nothing was changed; please try again.'
}

/** Counts down the unlock delay that follows repeated failures. */
function useWait(db: MendDatabase, host: VaultHost, trigger: number): number {
  const [wait, setWait] = useState(0)
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined
    let cancelled = false
    void unlockWait(db, host).then((ms) => {
      if (cancelled) return
      const until = Date.now() + ms
      setWait(ms)
      if (ms > 0) {
        timer = setInterval(() => {
          const left = Math.max(0, until - Date.now())
          setWait(left)
          if (left === 0) clearInterval(timer)
        }, 250)
      }
    })
    return () => {
      cancelled = true
      clearInterval(timer)
    }
  }, [db, host, trigger])
  return wait
}

export function UnlockScreen({
  db,
  host,
  lockMessage,
  sample,
  onUnlocked,
}: {
  db: MendDatabase
  host: VaultHost
  lockMessage: string | null
  /** "Try Mend with sample data" (absent: not offered). */
  sample?: SampleOfferProps
  onUnlocked: (result: Unlocked) => void
}) {
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase')
  const [attempts, setAttempts] = useState(0)
  const wait = useWait(db, host, attempts)
  const waiting = wait > 0
  return (
    <main className="gate">
      <section className="gate__card" aria-labelledby="unlock-title">
        <h1 id="unlock-title">
          {mode === 'passphrase' ? 'Unlock Mend' : 'Unlock with your recovery key'}
        </h1>
        {lockMessage && mode === 'passphrase' && <Notice tone="info">{lockMessage}</Notice>}
        {waiting && (
          <Notice tone="warning" role="status">
            Too many attempts. You can try again in {Math.ceil(wait / 1000)} seconds.
          </Notice>
        )}
        {mode === 'passphrase' ? (
          <PassphraseForm
            db={db}
            host={host}
            waiting={waiting}
            onFailed={() => setAttempts((n) => n + 1)}
            onUnlocked={onUnlocked}
          />
        ) : (
          <RecoveryForm
            db={db}
            host={host}
            waiting={waiting}
            onFailed={() => setAttempts((n) => n + 1)}
            onUnlocked={onUnlocked}
          />
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => setMode((m) => (m === 'passphrase' ? 'recovery' : 'passphrase'))}
        >
          {mode === 'passphrase'
            ? 'Forgot your passphrase? Use your recovery key'
            : 'Unlock with your passphrase instead'}
        </button>
        {sample && mode === 'passphrase' && (
          <SampleOffer
            {...sample}
            intro="Show Mend to someone, or try something out, with invented clients and walkouts in a separate sample vault. Your own vault stays locked."
          />
        )}
      </section>
    </main>
  )
}

interface UnlockFormProps {
  db: MendDatabase
  host: VaultHost
  /** True while the delay after repeated failures runs. */
  waiting: boolean
  onFailed: () => void
  onUnlocked: (result: Unlocked) => void
}

function PassphraseForm({ db, host, waiting, onFailed, onUnlocked }: UnlockFormProps) {
  const { register, handleSubmit, formState, setError, setFocus, resetField } =
    useForm<UnlockValues>({
      resolver: zodResolver(unlockSchema),
      defaultValues: { passphrase: '' },
    })
  const onSubmit = handleSubmit(async ({ passphrase }) => {
    try {
      onUnlocked(await unlockVault(db, { passphrase }, host))
    } catch (error) {
      resetField('passphrase')
      setError('passphrase', { message: describe(error) })
      setFocus('passphrase')
      onFailed()
    }
  })
  return (
    <form autoComplete="off" onSubmit={onSubmit} noValidate>
      <Field label="Passphrase" error={formState.errors.passphrase?.message}>
        {(field) => (
          <PasswordInput
            {...field}
            {...register('passphrase')}
            autoComplete="current-password"
            autoFocus
          />
        )}
      </Field>
      <button type="submit" disabled={formState.isSubmitting || waiting}>
        {formState.isSubmitting ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  )
}

/**
 * Forgotten passphrase, in two steps and two forms: first the recovery key alone (checked, no
 * password field beside it, so no password manager takes it for a username), then a new
 * passphrase typed twice; the vault opens with the key and the new passphrase replaces the old.
 */
function RecoveryForm(props: UnlockFormProps) {
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null)
  return recoveryKey === null ? (
    <RecoveryKeyStep {...props} onChecked={setRecoveryKey} />
  ) : (
    <NewPassphraseStep {...props} recoveryKey={recoveryKey} onBack={() => setRecoveryKey(null)} />
  )
}

function RecoveryKeyStep({
  db,
  host,
  waiting,
  onFailed,
  onChecked,
}: UnlockFormProps & { onChecked: (recoveryKey: string) => void }) {
  const { register, handleSubmit, formState, setError } = useForm<RecoveryKeyValues>({
    resolver: zodResolver(recoveryKeySchema),
    defaultValues: { recoveryKey: '' },
  })
  const onSubmit = handleSubmit(async ({ recoveryKey }) => {
    try {
      await verifyRecoveryKey(db, recoveryKey, host)
      onChecked(recoveryKey)
    } catch (error) {
      setError('recoveryKey', { message: describe(error) }, { shouldFocus: true })
      onFailed()
    }
  })
  return (
    <form autoComplete="off" onSubmit={onSubmit} noValidate>
      <Field
        label="Recovery key"
        hint="36 letters and digits, in groups of four. Spaces, dashes and capitals do not matter."
        error={formState.errors.recoveryKey?.message}
      >
        {(field) => (
          <input
            {...field}
            {...register('recoveryKey')}
            autoComplete="off"
            data-1p-ignore="true"
            data-lpignore="true"
            data-form-type="other"
            spellCheck={false}
            autoCapitalize="characters"
            autoFocus
          />
        )}
      </Field>
      <button type="submit" disabled={formState.isSubmitting || waiting}>
        {formState.isSubmitting ? 'Checking…' : 'Continue'}
      </button>
    </form>
  )
}

function NewPassphraseStep({
  db,
  host,
  onFailed,
  onUnlocked,
  recoveryKey,
  onBack,
}: UnlockFormProps & { recoveryKey: string; onBack: () => void }) {
  const form = useForm<NewPassphraseValues & { confirm: string }>({
    resolver: zodResolver(newPassphraseSchema),
    defaultValues: { passphrase: '', confirm: '' },
  })
  const { register, handleSubmit, formState, setError, watch } = form
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
      const result = await unlockVault(db, { recoveryKey }, host)
      await changePassphrase(db, { recoveryKey }, values.passphrase, undefined, host)
      onUnlocked({
        ...result,
        notices: [...result.notices, 'Your new passphrase is set. Use it from now on.'],
      })
    } catch (error) {
      setFailure(describe(error))
      onFailed()
    }
  })
  return (
    <form autoComplete="off" onSubmit={onSubmit} noValidate>
      <p>The recovery key is right. Now choose a new passphrase.</p>
      <NewPassphraseFields
        register={register}
        errors={formState.errors}
        strength={strength}
        watch={watch}
        labels={{ passphrase: 'New passphrase', confirm: 'Type the new passphrase again' }}
        autoFocus
      />
      {failure && <Notice tone="error">{failure}</Notice>}
      <div className="actions">
        <button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Unlocking…' : 'Set the new passphrase and unlock'}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  )
}
