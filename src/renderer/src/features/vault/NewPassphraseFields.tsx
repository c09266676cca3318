import { useEffect, useState } from 'react'
import type { FieldErrors, UseFormRegister, UseFormWatch } from 'react-hook-form'
import { Field } from '../../ui/Field'
import { PasswordInput } from '../../ui/PasswordInput'
import { MIN_LENGTH, STRENGTH_WORDS, type Strength } from './strength'
import { StrengthChecker } from './strength-worker'

export interface NewPassphraseValues {
  passphrase: string
  confirm: string
}

/**
 * Live strength of the passphrase being typed (null while too short or still loading), rated in
 * a worker that lives as long as the form; `problem` is the check to run before using it.
 */
export function useStrength(passphrase: string): {
  strength: Strength | null
  problem: (passphrase: string) => Promise<string | null>
} {
  const [checker] = useState(() => new StrengthChecker())
  useEffect(() => () => checker.dispose(), [checker])
  const [checked, setChecked] = useState<{ passphrase: string; strength: Strength } | null>(null)
  useEffect(() => {
    if (passphrase.length === 0) return
    let cancelled = false
    const timer = setTimeout(() => {
      void checker.check(passphrase).then((strength) => {
        if (!cancelled) setChecked({ passphrase, strength })
      })
    }, 120)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [passphrase, checker])
  // Only the rating of exactly what is typed now counts.
  const strength = checked?.passphrase === passphrase ? checked.strength : null
  return { strength, problem: (value) => checker.problem(value) }
}

/** Passphrase, typed twice, with strength feedback in words and a meter. */
export function NewPassphraseFields<T extends NewPassphraseValues>({
  register,
  errors,
  strength,
  watch,
  labels = { passphrase: 'Passphrase', confirm: 'Type the passphrase again' },
  autoFocus = false,
}: {
  register: UseFormRegister<T>
  errors: FieldErrors<NewPassphraseValues>
  strength: Strength | null
  watch: UseFormWatch<T>
  labels?: { passphrase: string; confirm: string }
  autoFocus?: boolean
}) {
  const reg = register as unknown as UseFormRegister<NewPassphraseValues>
  const value = (watch as unknown as UseFormWatch<NewPassphraseValues>)('passphrase') ?? ''
  const level = strength ? STRENGTH_WORDS[strength.score] : null
  return (
    <>
      <Field
        label={labels.passphrase}
        hint={`At least ${MIN_LENGTH} characters. A few unrelated words, with spaces, are strong and easy to type.`}
        error={errors.passphrase?.message}
      >
        {(field) => (
          <PasswordInput
            {...field}
            {...reg('passphrase')}
            autoComplete="new-password"
            autoFocus={autoFocus}
            toggleLabel={`Show ${labels.passphrase.toLowerCase()}`}
          />
        )}
      </Field>
      <div className="strength" aria-live="polite">
        <meter
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={strength?.score ?? 0}
          aria-label="Passphrase strength"
          aria-valuetext={level ?? 'Not rated yet'}
        />
        <span className="strength__words">
          {value.length === 0
            ? 'Strength: not rated yet'
            : level
              ? `Strength: ${level}`
              : 'Strength: checking…'}
          {strength && strength.score < 3 && strength.warning ? `. ${strength.warning}` : ''}
        </span>
      </div>
      <Field label={labels.confirm} error={errors.confirm?.message}>
        {(field) => (
          <PasswordInput
            {...field}
            {...reg('confirm')}
            autoComplete="new-password"
            toggleLabel={`Show repeated ${labels.passphrase.toLowerCase()}`}
          />
        )}
      </Field>
    </>
  )
}
