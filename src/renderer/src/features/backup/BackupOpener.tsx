import { useId, useState, type FormEvent } from 'react'
import { usePlatform } from '../../platform/context'
import { BackupError, type BackupErrorCode } from '../../store/backup-errors'
import { inspectBackup, openBackup } from '../../store/backup-file'
import type { ArchiveContents } from '../../store/backup-format'
import type { BackupConfig } from '../../store/codecs'
import { Notice } from '../../ui/Notice'
import { listFolder, openKeyFile, problemWords } from './operations'
import { PassphraseField } from './PassphraseFields'

export interface OpenedBackup {
  archive: ArchiveContents
  /** The file's name, as shown to the therapist. */
  name: string
}

type Step =
  | { step: 'choose' }
  | { step: 'passphrase'; file: Uint8Array; name: string }
  | { step: 'key'; file: Uint8Array; name: string; keyFile: Uint8Array | null }

/** What the person opening a backup can still put right by giving another passphrase or key. */
const ASKS_FOR_A_KEY = new Set<BackupErrorCode>([
  'passphrase-needed',
  'identity-needed',
  'wrong-passphrase',
  'not-for-this-key',
])

/**
 * Picks a backup (a file, or the newest in the backup folder) and opens it: with its passphrase,
 * or, for an automatic backup, with this vault's backup key or the folder's key file and the
 * backup passphrase. The whole file is decrypted and checked before `onOpened` is called.
 */
export function BackupOpener({
  keep,
  config,
  folder,
  verb,
  onOpened,
  onFailed,
}: {
  keep: 'values' | 'hashes'
  config: BackupConfig | null
  /** The backup folder is set (desktop). */
  folder: boolean
  /** "restore", "drill": used in the buttons. */
  verb: string
  onOpened: (opened: OpenedBackup) => void
  /**
   * A file was read but does not open as a Mend backup (damaged, not a backup, too new…): not
   * called for a passphrase or key still to be given, nor for a file that could not be picked.
   */
  onFailed?: (error: BackupError) => void
}) {
  const platform = usePlatform()
  const id = useId()
  const [step, setStep] = useState<Step>({ step: 'choose' })
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [passphrase, setPassphrase] = useState('')

  const fail = (error: unknown) => {
    if (error instanceof BackupError && !ASKS_FOR_A_KEY.has(error.code)) onFailed?.(error)
    setProblem(problemWords(error, 'The backup could not be opened. Nothing was changed.'))
  }

  const start = async (file: Uint8Array, name: string) => {
    setProblem(null)
    let lock: 'passphrase' | 'key'
    try {
      lock = inspectBackup(file).lock
    } catch (error) {
      return fail(error)
    }
    if (lock === 'passphrase') return setStep({ step: 'passphrase', file, name })
    if (config) {
      setBusy('Opening and checking the backup…')
      try {
        const archive = await openBackup(file, { identities: [config.identity] }, { keep })
        return onOpened({ archive, name })
      } catch (error) {
        if (!(error instanceof BackupError && error.code === 'not-for-this-key')) return fail(error)
      } finally {
        setBusy(null)
      }
    }
    const keyFile = folder ? await platform.backupFolder.readKey().catch(() => null) : null
    setStep({ step: 'key', file, name, keyFile })
  }

  const pickFile = async () => {
    setProblem(null)
    try {
      const picked = await platform.files.open({ kind: 'backup' })
      if (picked.status === 'opened') await start(picked.data, picked.name)
    } catch (error) {
      fail(error)
    }
  }

  const newestInFolder = async () => {
    setProblem(null)
    try {
      const [newest] = await listFolder(platform)
      if (!newest) return setProblem('There is no backup in the backup folder yet.')
      setBusy('Reading the newest backup…')
      const file = await platform.backupFolder.read(newest.name)
      setBusy(null)
      await start(file, newest.name)
    } catch (error) {
      setBusy(null)
      fail(error)
    }
  }

  const pickKeyFile = async () => {
    if (step.step !== 'key') return
    setProblem(null)
    try {
      const picked = await platform.files.open({ kind: 'backup' })
      if (picked.status === 'opened') setStep({ ...step, keyFile: picked.data })
    } catch (error) {
      fail(error)
    }
  }

  const unlock = async (event: FormEvent) => {
    event.preventDefault()
    if (step.step === 'choose') return
    if (!passphrase) return setProblem('Type the passphrase first.')
    setProblem(null)
    setBusy('Opening and checking the backup… (deriving the key takes a few seconds)')
    try {
      let archive: ArchiveContents
      if (step.step === 'passphrase') {
        archive = await openBackup(step.file, { passphrase }, { keep })
      } else {
        if (!step.keyFile) return setProblem('Choose the backup key file first.')
        const pair = await openKeyFile(step.keyFile, passphrase)
        archive = await openBackup(step.file, { identities: [pair.identity] }, { keep })
      }
      setPassphrase('')
      setStep({ step: 'choose' })
      onOpened({ archive, name: step.name })
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="backup-opener">
      {step.step === 'choose' ? (
        <div className="actions">
          <button type="button" onClick={() => void pickFile()} disabled={busy !== null}>
            Choose a backup file to {verb}…
          </button>
          {folder && (
            <button
              type="button"
              className="secondary"
              onClick={() => void newestInFolder()}
              disabled={busy !== null}
            >
              Use the newest backup in the backup folder
            </button>
          )}
        </div>
      ) : (
        <form autoComplete="off" onSubmit={(event) => void unlock(event)} noValidate>
          <p id={`${id}-what`}>
            {step.step === 'passphrase'
              ? `${step.name} was exported by hand: it opens with the passphrase chosen when it was exported.`
              : `${step.name} is an automatic backup: it opens with the backup key of its folder (backup-key.age) and your backup passphrase.`}
          </p>
          {step.step === 'key' && (
            <p>
              {step.keyFile
                ? 'The backup key file was found.'
                : 'Choose the backup key file (backup-key.age) from the folder the backup came from.'}{' '}
              <button type="button" className="secondary" onClick={() => void pickKeyFile()}>
                {step.keyFile ? 'Choose another key file…' : 'Choose backup-key.age…'}
              </button>
            </p>
          )}
          <PassphraseField
            label={step.step === 'passphrase' ? 'Passphrase of this backup' : 'Backup passphrase'}
            value={passphrase}
            onChange={setPassphrase}
            toggleLabel="Show the passphrase"
            // The button that opened this step is gone: the focus goes on to what comes next.
            autoFocus
          />
          <div className="actions">
            <button type="submit" disabled={busy !== null}>
              Open and check the backup
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setPassphrase('')
                setProblem(null)
                setStep({ step: 'choose' })
              }}
            >
              Choose another backup
            </button>
          </div>
        </form>
      )}
      {busy && <Notice tone="info">{busy}</Notice>}
      {problem && <Notice tone="error">{problem}</Notice>}
    </div>
  )
}
