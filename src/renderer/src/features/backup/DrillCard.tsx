import { useState } from 'react'
import { usePlatform } from '../../platform/context'
import type { BackupState, BackupConfig } from '../../store/codecs'
import {
  compareWithVault,
  describeFinding,
  recordDrill,
  recordFailedDrill,
  type DrillResult,
} from '../../store/backup-drill'
import { BackupError } from '../../store/backup-errors'
import { openBackup } from '../../store/backup-file'
import { useSession } from '../../store/session-context'
import { formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { BackupOpener, type OpenedBackup } from './BackupOpener'
import { FOLDER_UNREACHABLE, listFolder, problemWords } from './operations'

const SHOWN_FINDINGS = 20

/**
 * The restore drill: the newest backup is decrypted and checked in memory only, and compared
 * with the vault record by record. Nothing is restored; the result goes into the audit trail as
 * evidence that backups can be restored (a contingency plan's test).
 */
export function DrillCard({
  config,
  folder,
  state,
}: {
  config: BackupConfig | null
  folder: boolean
  state: BackupState
}) {
  const session = useSession()
  const platform = usePlatform()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<DrillResult | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [chooseFile, setChooseFile] = useState(false)

  const compare = async ({ archive, name }: OpenedBackup) => {
    setBusy(true)
    try {
      const drill = await compareWithVault(session, archive, name)
      await recordDrill(session, drill)
      setResult(drill)
      setChooseFile(false)
    } catch (error) {
      setProblem(problemWords(error, 'The drill could not be finished. Nothing was changed.'))
    } finally {
      setBusy(false)
    }
  }

  const recordUnopened = (error: unknown) =>
    recordFailedDrill(
      session,
      error instanceof BackupError ? error.code.replaceAll('-', ' ') : 'it could not be read',
    ).catch(() => {})

  /** The newest backup in the folder, opened with this vault's backup key. */
  const drillNewest = async () => {
    setProblem(null)
    setResult(null)
    if (!config) return
    setBusy(true)
    let name = ''
    try {
      // This vault's newest (the folder may hold another computer's too), else the newest.
      const own = new Set(state.written)
      const listed = await listFolder(platform).catch((error: unknown) => {
        // Not a failed drill: the drill could not run. Said, not recorded.
        setProblem(problemWords(error, FOLDER_UNREACHABLE))
        return null
      })
      if (!listed) return
      const newest = listed.find((file) => own.has(file.name)) ?? listed[0]
      if (!newest) {
        setProblem('There is no backup in the backup folder yet. Make one with “Back up now”.')
        return
      }
      name = newest.name
      const file = await platform.backupFolder.read(newest.name)
      const archive = await openBackup(file, { identities: [config.identity] }, { keep: 'hashes' })
      await compare({ archive, name })
    } catch (error) {
      // A backup that does not open is the drill's most important finding: record it.
      await recordUnopened(error)
      setProblem(
        `The drill failed: ${name || 'the newest backup'} could not be opened. ${problemWords(error, '')}`.trim(),
      )
    } finally {
      setBusy(false)
    }
  }

  const last = state.lastDrill
  return (
    <section aria-labelledby="drill-title" className="card">
      <h2 id="drill-title">Restore drill</h2>
      <p>
        Proves that your backups can be restored: the newest backup is decrypted and checked in
        memory only, then compared with your records one by one. Nothing is written except the
        result, in the audit trail. Run it every few months, and keep the result with your
        contingency plan.
      </p>
      {last && (
        <p>
          Last drill: {formatMoment({ utc: last.at })}, {last.passed ? 'passed' : 'failed'}.
        </p>
      )}
      <div className="actions">
        {config && folder && (
          <button type="button" onClick={() => void drillNewest()} disabled={busy}>
            {busy ? 'Running the drill…' : 'Run a restore drill on the newest backup'}
          </button>
        )}
        <button
          type="button"
          className={config && folder ? 'secondary' : undefined}
          onClick={() => {
            setResult(null)
            setProblem(null)
            setChooseFile(true)
          }}
          disabled={busy || chooseFile}
        >
          Run a drill on a backup file…
        </button>
      </div>
      {chooseFile && (
        <BackupOpener
          keep="hashes"
          config={config}
          folder={false}
          verb="check"
          onOpened={(opened) => void compare(opened)}
          onFailed={(error) => void recordUnopened(error)}
        />
      )}
      {busy && !chooseFile && <Notice tone="info">Decrypting and comparing…</Notice>}
      {result && (
        <Notice tone={result.passed ? 'success' : 'warning'}>
          <p>{result.summary}</p>
          {result.findings.length > 0 && (
            <ul>
              {result.findings.slice(0, SHOWN_FINDINGS).map((finding) => (
                <li key={`${finding.kind}/${finding.id}`}>{describeFinding(finding)}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
    </section>
  )
}
