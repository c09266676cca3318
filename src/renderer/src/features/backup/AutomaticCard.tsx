import { zodResolver } from '@hookform/resolvers/zod'
import { useState, type FormEvent } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import type { BackupFolderStatus } from '../../platform'
import { usePlatform } from '../../platform/context'
import { describeCounts } from '../../store/backup-format'
import {
  BACKUP_KEEP,
  BACKUP_SCHEDULES,
  type BackupConfig,
  type BackupSchedule,
  type BackupState,
} from '../../store/codecs'
import { useSession } from '../../store/session-context'
import { Field } from '../../ui/Field'
import { Notice } from '../../ui/Notice'
import { runAutomaticBackup } from './automatic'
import {
  changeSchedule,
  problemWords,
  rewriteKeyFile,
  setUpWithFolderKey,
  setUpWithNewKey,
  type ScheduleChoice,
} from './operations'
import {
  choosePassphrase,
  EMPTY_CHOICE,
  PassphraseField,
  passphraseChoiceSchema,
  PassphraseChoiceFields,
  type PassphraseChoice,
} from './PassphraseFields'
import { BackupStatusLine } from './status'

const SCHEDULE_WORDS: Record<BackupSchedule, string> = {
  daily: 'Every day',
  weekly: 'Every week',
  off: 'Paused (no automatic backups)',
}

const scheduleSchema = z.object({
  schedule: z.enum(BACKUP_SCHEDULES),
  keep: z
    .number({ error: 'Enter how many backups to keep.' })
    .int('Enter a whole number.')
    .min(BACKUP_KEEP.min, `Keep at least ${BACKUP_KEEP.min}.`)
    .max(BACKUP_KEEP.max, `Keep at most ${BACKUP_KEEP.max}.`),
})

type Notes = { tone: 'success' | 'info' | 'error' | 'warning'; text: string } | null

/** The schedule and how many to keep (shared by the setup forms and the settings form). */
function ScheduleFields({
  register,
  errors,
}: {
  register: ReturnType<typeof useForm<ScheduleChoice>>['register']
  errors: ReturnType<typeof useForm<ScheduleChoice>>['formState']['errors']
}) {
  return (
    <div className="field-row">
      <Field label="How often" error={errors.schedule?.message}>
        {(field) => (
          <select {...field} {...register('schedule')}>
            {BACKUP_SCHEDULES.map((value) => (
              <option key={value} value={value}>
                {SCHEDULE_WORDS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Backups to keep"
        hint={`Older ones are removed, only after a new one was checked. ${BACKUP_KEEP.min} to ${BACKUP_KEEP.max}.`}
        error={errors.keep?.message}
      >
        {(field) => (
          <input
            {...field}
            {...register('keep', { valueAsNumber: true })}
            type="number"
            inputMode="numeric"
            min={BACKUP_KEEP.min}
            max={BACKUP_KEEP.max}
            step={1}
            className="narrow"
          />
        )}
      </Field>
    </div>
  )
}

/**
 * Automatic backups: the folder (chosen in the desktop's own dialog; the renderer never names a
 * path), the backup key and its passphrase, how often and how many to keep, "Back up now".
 */
export function AutomaticCard({
  folder,
  folderKey,
  config,
  state,
  onFolderChanged,
}: {
  folder: BackupFolderStatus | null
  /** The hash of the folder's backup-key.age (null: there is none; undefined: not known). */
  folderKey: string | null | undefined
  config: BackupConfig | null
  state: BackupState
  onFolderChanged: () => void
}) {
  const platform = usePlatform()
  const [notes, setNotes] = useState<Notes>(null)
  const [busy, setBusy] = useState<string | null>(null)

  if (platform.kind === 'browser') {
    return (
      <section aria-labelledby="automatic-backups-title" className="card">
        <h2 id="automatic-backups-title">Automatic backups</h2>
        <p>
          Automatic backups need the desktop app: it writes them into a folder you choose. In this
          web preview, export backups by hand below.
        </p>
      </section>
    )
  }

  const choose = async () => {
    setNotes(null)
    const choice = await platform.backupFolder
      .choose()
      .catch(() => ({ status: 'cancelled' as const }))
    if (choice.status === 'chosen') onFolderChanged()
  }

  const backUpNow = async (session: Parameters<typeof runAutomaticBackup>[0]) => {
    setNotes(null)
    setBusy('Writing a backup and checking it…')
    const outcome = await runAutomaticBackup(session, platform, { force: true })
    setBusy(null)
    if (outcome.status === 'done') {
      setNotes({
        tone: 'success',
        text: `Backed up and checked: ${describeCounts(outcome.written.counts)}.${
          outcome.removed.length ? ` ${outcome.removed.length} older backups were removed.` : ''
        }`,
      })
    } else if (outcome.status === 'failed') {
      setNotes({ tone: 'error', text: `The backup failed: ${outcome.problem}.` })
    } else if (outcome.status === 'busy') {
      setNotes({ tone: 'info', text: 'A backup is being made already.' })
    }
  }

  return (
    <section aria-labelledby="automatic-backups-title" className="card">
      <h2 id="automatic-backups-title">Automatic backups</h2>
      <p>
        Mend writes an encrypted backup into a folder you choose (an external drive, or a folder
        your own backup tool copies), checks it, and keeps the newest ones. The backups open with
        the folder’s backup key (backup-key.age) and your backup passphrase: keep that passphrase
        safe, away from this computer. Mend never stores it.
      </p>
      {folder === null ? (
        <p role="status">Looking for the backup folder…</p>
      ) : !folder.configured ? (
        <div className="actions">
          <button type="button" onClick={() => void choose()}>
            Choose a folder for backups…
          </button>
        </div>
      ) : (
        <>
          <p>
            Backup folder: <strong>{folder.label}</strong>{' '}
            <button type="button" className="secondary" onClick={() => void choose()}>
              Choose another folder…
            </button>
          </p>
          {config ? (
            <Configured
              config={config}
              state={state}
              keyFile={
                folderKey === undefined
                  ? null
                  : folderKey === null
                    ? 'missing'
                    : folderKey === config.keyFile
                      ? 'ours'
                      : 'other'
              }
              busy={busy}
              onBackUpNow={backUpNow}
              onNotes={setNotes}
              onKeyWritten={onFolderChanged}
            />
          ) : (
            <SetUp
              keyFile={folderKey === undefined ? null : folderKey !== null}
              onNotes={setNotes}
              onDone={onFolderChanged}
            />
          )}
        </>
      )}
      {busy && <Notice tone="info">{busy}</Notice>}
      {notes && <Notice tone={notes.tone}>{notes.text}</Notice>}
    </section>
  )
}

/** First set-up for this vault: a new key, or the one already in the folder. */
function SetUp({
  keyFile,
  onNotes,
  onDone,
}: {
  keyFile: boolean | null
  onNotes: (notes: Notes) => void
  onDone: () => void
}) {
  const session = useSession()
  const platform = usePlatform()
  const schedule = useForm<ScheduleChoice>({
    resolver: zodResolver(scheduleSchema),
    defaultValues: { schedule: 'daily', keep: BACKUP_KEEP.default },
  })
  const newKey = useForm<PassphraseChoice>({
    resolver: zodResolver(passphraseChoiceSchema),
    defaultValues: EMPTY_CHOICE,
  })
  const [folderPassphrase, setFolderPassphrase] = useState('')
  const [working, setWorking] = useState(false)

  const submit = schedule.handleSubmit(async (choice) => {
    onNotes(null)
    setWorking(true)
    try {
      if (keyFile) {
        await setUpWithFolderKey(session, platform, folderPassphrase, choice)
        setFolderPassphrase('')
      } else {
        const valid = await newKey.trigger()
        if (!valid) return
        const passphrase = await choosePassphrase(session, newKey.getValues())
        await setUpWithNewKey(session, platform, passphrase, choice)
        newKey.reset(EMPTY_CHOICE)
      }
      onNotes({
        tone: 'success',
        text: 'Automatic backups are on. The first one is made within a few minutes.',
      })
      onDone()
    } catch (error) {
      onNotes({
        tone: 'error',
        text: problemWords(error, 'Automatic backups could not be set up. Nothing was changed.'),
      })
    } finally {
      setWorking(false)
    }
  })

  return (
    <form autoComplete="off" onSubmit={submit} noValidate>
      {keyFile ? (
        <>
          <p>
            This folder already holds a backup key (backup-key.age), made by Mend before. Type the
            backup passphrase it was made with, and new backups will use the same key.
          </p>
          <PassphraseField
            label="Backup passphrase of this folder"
            value={folderPassphrase}
            onChange={setFolderPassphrase}
            toggleLabel="Show the backup passphrase"
          />
        </>
      ) : (
        <PassphraseChoiceFields
          register={newKey.register}
          errors={newKey.formState.errors}
          watch={newKey.watch}
          legend="Backup passphrase (opens the backup key on another computer)"
          vaultLabel="My Mend passphrase, as it is today"
          otherLabel="A different backup passphrase"
          otherHint="It stays the same when you change your Mend passphrase later."
        />
      )}
      <ScheduleFields register={schedule.register} errors={schedule.formState.errors} />
      <button type="submit" disabled={working || (keyFile === true && !folderPassphrase)}>
        {working
          ? 'Setting up…'
          : keyFile
            ? 'Use this folder’s backup key'
            : 'Turn on automatic backups'}
      </button>
    </form>
  )
}

/** Switches this vault to the backup key already in the folder (opened with its passphrase). */
function AdoptFolderKey({
  config,
  onNotes,
  onDone,
}: {
  config: BackupConfig
  onNotes: (notes: Notes) => void
  onDone: () => void
}) {
  const session = useSession()
  const platform = usePlatform()
  const [passphrase, setPassphrase] = useState('')
  const [working, setWorking] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    onNotes(null)
    setWorking(true)
    try {
      await setUpWithFolderKey(session, platform, passphrase, {
        schedule: config.schedule,
        keep: config.keep,
      })
      setPassphrase('')
      onNotes({ tone: 'success', text: 'New backups use this folder’s backup key.' })
      onDone()
    } catch (error) {
      onNotes({ tone: 'error', text: problemWords(error, 'The folder’s key could not be used.') })
    } finally {
      setWorking(false)
    }
  }
  return (
    <form autoComplete="off" onSubmit={(event) => void submit(event)} noValidate>
      <PassphraseField
        label="Backup passphrase of this folder"
        value={passphrase}
        onChange={setPassphrase}
        toggleLabel="Show the backup passphrase"
      />
      <button type="submit" disabled={working || !passphrase}>
        {working ? 'Opening the key…' : 'Use this folder’s backup key'}
      </button>
    </form>
  )
}

/** Set up: the schedule, "Back up now", and writing the key file again. */
function Configured({
  config,
  state,
  keyFile,
  busy,
  onBackUpNow,
  onNotes,
  onKeyWritten,
}: {
  config: BackupConfig
  state: BackupState
  /** The folder's key file: this vault's, another one, none (null: not known). */
  keyFile: 'ours' | 'other' | 'missing' | null
  busy: string | null
  onBackUpNow: (session: ReturnType<typeof useSession>) => Promise<void>
  onNotes: (notes: Notes) => void
  onKeyWritten: () => void
}) {
  const session = useSession()
  const platform = usePlatform()
  const [rewrite, setRewrite] = useState(false)
  const schedule = useForm<ScheduleChoice>({
    resolver: zodResolver(scheduleSchema),
    values: { schedule: config.schedule, keep: config.keep },
  })
  const key = useForm<PassphraseChoice>({
    resolver: zodResolver(passphraseChoiceSchema),
    defaultValues: EMPTY_CHOICE,
  })

  const save = schedule.handleSubmit(async (choice) => {
    onNotes(null)
    try {
      await changeSchedule(session, config, choice)
      onNotes({ tone: 'success', text: 'Saved.' })
    } catch (error) {
      onNotes({ tone: 'error', text: problemWords(error, 'The change could not be saved.') })
    }
  })

  const writeKey = key.handleSubmit(async (values) => {
    onNotes(null)
    let passphrase: string
    try {
      passphrase = await choosePassphrase(session, values)
    } catch (error) {
      // Only the Mend passphrase is checked here: its field says what is wrong with it.
      key.setError('current', {
        message: problemWords(error, 'Your passphrase could not be checked. Try again.'),
      })
      return
    }
    try {
      await rewriteKeyFile(session, platform, passphrase)
      key.reset(EMPTY_CHOICE)
      setRewrite(false)
      onNotes({
        tone: 'success',
        text: 'The backup key file was written to the folder and checked. Use this passphrase to restore from the folder.',
      })
      onKeyWritten()
    } catch (error) {
      // The folder, the drive, the read-back: said above the form, whichever passphrase was chosen.
      onNotes({
        tone: 'error',
        text: problemWords(
          error,
          'The key file could not be written to the backup folder. If the folder is on an external drive, connect it, then try again.',
        ),
      })
    }
  })

  return (
    <>
      <BackupStatusLine />
      {state.lastVerified && (
        <p className="muted">
          Newest checked backup: {state.lastVerified.name}
          {state.lastVerified.how !== 'automatic' ? ' (made by hand)' : ''}.
        </p>
      )}
      {keyFile === 'missing' && (
        <Notice tone="warning">
          This folder has no backup key file (backup-key.age), so backups here could not be opened
          on another computer, and automatic backups are stopped. Write it again below.
        </Notice>
      )}
      {keyFile === 'other' && (
        <Notice tone="warning">
          The backup key file in this folder is not the one Mend made for this vault (it belongs to
          another vault, or was replaced), so automatic backups here are stopped. Use the folder’s
          key with its backup passphrase, or write this vault’s key file again (the folder’s backups
          made with the other key would then need that key file, kept elsewhere).
        </Notice>
      )}
      {keyFile === 'other' && (
        <AdoptFolderKey config={config} onNotes={onNotes} onDone={onKeyWritten} />
      )}
      <form autoComplete="off" onSubmit={save} noValidate>
        <ScheduleFields register={schedule.register} errors={schedule.formState.errors} />
        <div className="actions">
          <button type="submit">Save</button>
          <button
            type="button"
            className="secondary"
            disabled={busy !== null}
            onClick={() => void onBackUpNow(session)}
          >
            Back up now
          </button>
          {!rewrite && (
            <button type="button" className="secondary" onClick={() => setRewrite(true)}>
              Write the backup key file again…
            </button>
          )}
        </div>
      </form>
      {rewrite && (
        <form autoComplete="off" onSubmit={writeKey} noValidate>
          <p>
            Writes backup-key.age into the folder again, encrypted to the passphrase you type now
            (for a new folder, a lost key file, or a new backup passphrase). Backups already in the
            folder still open with it.
          </p>
          <PassphraseChoiceFields
            register={key.register}
            errors={key.formState.errors}
            watch={key.watch}
            legend="Backup passphrase"
            vaultLabel="My Mend passphrase, as it is today"
            otherLabel="A different backup passphrase"
            otherHint="It stays the same when you change your Mend passphrase later."
          />
          <div className="actions">
            <button type="submit" disabled={key.formState.isSubmitting}>
              {key.formState.isSubmitting ? 'Writing…' : 'Write the key file'}
            </button>
            <button type="button" className="secondary" onClick={() => setRewrite(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </>
  )
}
