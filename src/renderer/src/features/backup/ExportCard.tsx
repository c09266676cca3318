import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { usePlatform } from '../../platform/context'
import { describeCounts, totalOf } from '../../store/backup-format'
import { useSession } from '../../store/session-context'
import { Notice } from '../../ui/Notice'
import { makeBackup, problemWords } from './operations'
import {
  choosePassphrase,
  EMPTY_CHOICE,
  passphraseChoiceSchema,
  PassphraseChoiceFields,
  type PassphraseChoice,
} from './PassphraseFields'

type Outcome = { tone: 'success' | 'info' | 'error' | 'warning'; text: string }

/** "Export encrypted backup": a passphrase-encrypted age file saved where the therapist chooses. */
export function ExportCard() {
  const session = useSession()
  const platform = usePlatform()
  const [phase, setPhase] = useState<'idle' | 'checking' | 'writing'>('idle')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const { register, handleSubmit, formState, watch, reset, setError } = useForm<PassphraseChoice>({
    resolver: zodResolver(passphraseChoiceSchema),
    defaultValues: EMPTY_CHOICE,
  })

  const onSubmit = handleSubmit(async (values) => {
    setOutcome(null)
    let passphrase: string
    try {
      setPhase('checking')
      passphrase = await choosePassphrase(session, values)
    } catch (error) {
      setPhase('idle')
      setError(
        'current',
        { message: problemWords(error, 'Your passphrase could not be checked. Try again.') },
        { shouldFocus: true },
      )
      return
    }
    try {
      setPhase('writing')
      const written = await makeBackup(
        session,
        platform,
        'choose',
        { kind: 'passphrase', passphrase },
        'export',
      )
      reset(EMPTY_CHOICE)
      if (written === 'cancelled') {
        setOutcome({ tone: 'info', text: 'No backup was saved.' })
        return
      }
      const skipped = totalOf(written.skipped)
      setOutcome({
        tone: skipped ? 'warning' : 'success',
        text: `Saved ${written.name}, then read it back and checked it: ${describeCounts(written.counts)}.${
          skipped
            ? ` ${skipped} records could not be opened and are not in this backup: see the integrity warning.`
            : ''
        } Keep it somewhere other than this computer.`,
      })
    } catch (error) {
      setOutcome({
        tone: 'error',
        text: problemWords(
          error,
          'The backup could not be saved. Nothing was changed; try again, or choose another place.',
        ),
      })
    } finally {
      setPhase('idle')
    }
  })

  return (
    <section aria-labelledby="export-backup-title" className="card">
      <h2 id="export-backup-title">Export an encrypted backup</h2>
      <p>
        Saves every client, walkout record, addendum and setting, with the audit trail, in one
        encrypted file (a standard age file). It opens only with the passphrase you choose here.
      </p>
      <form autoComplete="off" onSubmit={onSubmit} noValidate>
        <PassphraseChoiceFields
          register={register}
          errors={formState.errors}
          watch={watch}
          legend="Who can open this backup"
          vaultLabel="My Mend passphrase"
          otherLabel="A different passphrase"
          otherHint="For example, to hand the backup to someone who must not know your Mend passphrase."
        />
        <button type="submit" disabled={phase !== 'idle'}>
          {phase === 'checking'
            ? 'Checking your passphrase…'
            : phase === 'writing'
              ? 'Writing and checking the backup…'
              : 'Export encrypted backup'}
        </button>
      </form>
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
    </section>
  )
}
