import { useEffect, useRef, useState } from 'react'
import { formatMoment, formatMomentDay } from '../../domain/format'
import { usePlatform } from '../../platform/context'
import type { BackupRecipient } from '../../store/backup'
import { BACKUP_KINDS, KIND_WORDS, totalOf } from '../../store/backup-format'
import {
  applyRestore,
  CONFLICT_WORDS,
  describePlan,
  planRestore,
  type RestoreMode,
  type RestorePlan,
  type RestoreResult,
} from '../../store/backup-restore'
import type { BackupConfig } from '../../store/codecs'
import { checkIntegrity } from '../../store/integrity'
import { useIntegrityWarning } from '../../store/integrity-warnings'
import { useSession } from '../../store/session-context'
import { Notice } from '../../ui/Notice'
import { BackupOpener, type OpenedBackup } from './BackupOpener'
import { checkVaultPassphrase, makeBackup, problemWords } from './operations'
import { PassphraseField } from './PassphraseFields'

const SHOWN_CONFLICTS = 30

type Phase = 'idle' | 'safety' | 'restoring' | 'checking'

/** Restore: open a backup, see what is in it and what it would change, then merge or replace. */
export function RestoreCard({ config, folder }: { config: BackupConfig | null; folder: boolean }) {
  const [opened, setOpened] = useState<OpenedBackup | null>(null)
  const [done, setDone] = useState<{
    result: RestoreResult
    integrity: string
    safety: string | null
  } | null>(null)
  // The preview (and the button that had the focus) goes away when a restore ends or is
  // cancelled: the focus goes to what was done, or back to the card's heading.
  const title = useRef<HTMLHeadingElement>(null)
  const outcome = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (done) outcome.current?.focus()
  }, [done])
  return (
    <section aria-labelledby="restore-backup-title" className="card">
      <h2 id="restore-backup-title" ref={title} tabIndex={-1}>
        Restore from a backup
      </h2>
      <p>
        The whole backup is decrypted and checked before anything is written. You then see what is
        in it and choose to merge it with what is here, or to replace everything here with it.
      </p>
      {done && (
        <div ref={outcome} tabIndex={-1}>
          <Notice tone={done.integrity ? 'warning' : 'success'}>
            Restored: {totalOf(done.result.written)} records written
            {done.result.mode === 'replace' ? `, ${totalOf(done.result.removed)} removed` : ''}
            {done.result.mode === 'merge' && done.result.conflicts.length > 0
              ? `, ${done.result.conflicts.length} conflicts settled as listed`
              : ''}
            . The restore is in the audit trail.{' '}
            {done.integrity || 'The integrity check afterwards found nothing wrong.'}
            {done.safety
              ? ` What was here before is in the safety backup ${done.safety}, which Mend keeps until you remove it.`
              : ''}
            {done.result.written.vaultSettings > 0
              ? ' The automatic-lock time from the backup applies from your next unlock.'
              : ''}
          </Notice>
        </div>
      )}
      {opened ? (
        <RestorePreview
          opened={opened}
          config={config}
          folder={folder}
          onCancel={() => {
            title.current?.focus()
            setOpened(null)
          }}
          onDone={(result, integrity, safety) => {
            setOpened(null)
            setDone({ result, integrity, safety })
          }}
        />
      ) : (
        <BackupOpener
          keep="values"
          config={config}
          folder={folder}
          verb="restore"
          onOpened={(value) => {
            setDone(null)
            setOpened(value)
          }}
        />
      )}
    </section>
  )
}

function RestorePreview({
  opened,
  config,
  folder,
  onCancel,
  onDone,
}: {
  opened: OpenedBackup
  config: BackupConfig | null
  folder: boolean
  onCancel: () => void
  onDone: (result: RestoreResult, integrity: string, safety: string | null) => void
}) {
  const session = useSession()
  const platform = usePlatform()
  const warnIntegrity = useIntegrityWarning()
  const { archive, name } = opened
  const [mode, setMode] = useState<RestoreMode>('merge')
  const [planned, setPlanned] = useState<RestorePlan | null>(null)
  // The plan shown is always the one for the mode chosen now.
  const plan = planned?.mode === mode ? planned : null
  const [phase, setPhase] = useState<Phase>('idle')
  const [problem, setProblem] = useState<string | null>(null)
  const [passphrase, setPassphrase] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => heading.current?.focus(), [])
  useEffect(() => {
    let cancelled = false
    void planRestore(session, archive, mode).then(
      (value) => !cancelled && setPlanned(value),
      () => !cancelled && setProblem('Mend could not compare the backup with this vault.'),
    )
    return () => {
      cancelled = true
    }
  }, [session, archive, mode])

  const automatic = Boolean(config && folder)
  const needsPassphrase = mode === 'replace' && !config

  const restore = async () => {
    setProblem(null)
    let safetyName: string | null = null
    let stage: 'safety' | 'restore' = 'safety'
    try {
      if (mode === 'replace') {
        // First a safety backup of everything here, checked like any backup.
        setPhase('safety')
        let to: BackupRecipient
        if (config) to = { kind: 'x25519', recipient: config.recipient, identity: config.identity }
        else {
          await checkVaultPassphrase(session, passphrase)
          to = { kind: 'passphrase', passphrase }
        }
        const safety = await makeBackup(
          session,
          platform,
          automatic ? 'backup-folder' : 'choose',
          to,
          'safety',
        )
        if (safety === 'cancelled') {
          setPhase('idle')
          setProblem(
            'The safety backup was not saved, so nothing was restored. Replacing needs a copy of what is here first.',
          )
          return
        }
        safetyName = safety.name
      }
      stage = 'restore'
      setPhase('restoring')
      const result = await applyRestore(session, archive, mode)
      // Restored, whatever follows: the check afterwards failing must not read as "nothing
      // was changed" (and offer the same restore again).
      setPhase('checking')
      setPassphrase('')
      const checked = await checkIntegrity(session).then(
        async (report) => {
          if (report.findings.length === 0) return ''
          // Shown and recorded as the unlock check's findings are: the warning at the top.
          await warnIntegrity?.(report.findings).catch(() => {})
          return `The integrity check afterwards found ${report.findings.length === 1 ? 'a problem' : `${report.findings.length} problems`}${warnIntegrity ? ': see the warning at the top' : ''}.`
        },
        () =>
          'The integrity check afterwards could not run; it runs again the next time you unlock Mend.',
      )
      onDone(result, checked, safetyName)
    } catch (error) {
      setPhase('idle')
      setProblem(
        stage === 'safety'
          ? `Nothing was restored: the safety backup of what is here did not go through. ${problemWords(error, 'Try again.')}`
          : problemWords(
              error,
              'The restore did not go through. Nothing was changed: the vault is as it was.',
            ),
      )
    }
  }

  const manifest = archive.manifest
  const skipped = totalOf(archive.trailer.skipped)
  return (
    <div className="restore-preview">
      <h3 ref={heading} tabIndex={-1}>
        What is in {name}
      </h3>
      <p>
        Made {formatMoment({ utc: manifest.createdAt })} by Mend {manifest.app},{' '}
        {(plan?.sameVault ?? manifest.vaultId === session.vaultId)
          ? 'from this vault'
          : 'from another vault (another computer, or before this vault was set up)'}
        . Every record and the audit trail inside it passed Mend’s checks.
      </p>
      <table className="audit">
        <caption>Records in the backup and on this computer</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">In the backup</th>
            <th scope="col">New to this computer</th>
            <th scope="col">Different here</th>
          </tr>
        </thead>
        <tbody>
          {BACKUP_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{KIND_WORDS[kind].many}</th>
              <td>{archive.trailer.counts[kind]}</td>
              <td>{plan ? plan.add[kind] : '…'}</td>
              <td>{plan ? plan.update[kind] + plan.keptHere[kind] : '…'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {archive.walkouts
          ? `Walkouts from ${formatMomentDay({ utc: archive.walkouts.first })} to ${formatMomentDay({ utc: archive.walkouts.last })}.`
          : 'No walkout records.'}{' '}
        Audit trail: {archive.audit.entries} entries,{' '}
        {archive.audit.verdict.intact
          ? 'intact.'
          : `already broken when the backup was made (${archive.audit.verdict.message}).`}
      </p>
      {skipped > 0 && (
        <Notice tone="warning">
          {skipped} records could not be opened when this backup was made, so they are not in it.
        </Notice>
      )}
      {plan && plan.orphans > 0 && (
        <Notice tone="warning">
          {plan.orphans} walkout records or addenda in the backup refer to a record that would not
          be there after this restore.
        </Notice>
      )}

      <fieldset className="choices" disabled={phase !== 'idle'}>
        <legend>How to restore</legend>
        <div className="checkbox">
          <input
            id="restore-mode-merge"
            type="radio"
            name="restore-mode"
            checked={mode === 'merge'}
            onChange={() => setMode('merge')}
          />
          <label htmlFor="restore-mode-merge">
            Merge with what is here{' '}
            <span className="field__hint">
              Records are matched by their id. New ones are added, nothing here is removed; where
              both differ, the version saved last is kept (a signed walkout record is never replaced
              by an unsigned one).
            </span>
          </label>
        </div>
        <div className="checkbox">
          <input
            id="restore-mode-replace"
            type="radio"
            name="restore-mode"
            checked={mode === 'replace'}
            onChange={() => setMode('replace')}
          />
          <label htmlFor="restore-mode-replace">
            Replace everything here with the backup{' '}
            <span className="field__hint">
              Records here that are not in the backup are removed. A safety backup of everything
              here is made first
              {automatic ? ', in the backup folder' : ', saved where you choose'}.
            </span>
          </label>
        </div>
      </fieldset>

      {plan ? (
        <p role="status">{describePlan(plan)}</p>
      ) : (
        <p role="status">Comparing the backup with this vault…</p>
      )}
      {plan && mode === 'merge' && plan.conflicts.length > 0 && (
        <details open={plan.conflicts.length <= 10}>
          <summary>
            {plan.conflicts.length} records differ between the backup and this computer
          </summary>
          <ul>
            {plan.conflicts.slice(0, SHOWN_CONFLICTS).map((conflict) => (
              <li key={`${conflict.kind}/${conflict.id}`}>
                {conflict.label}:{' '}
                {conflict.keep === 'backup' ? 'the backup’s version' : 'this computer’s version'} is
                kept ({CONFLICT_WORDS[conflict.reason]}).
              </li>
            ))}
          </ul>
          {plan.conflicts.length > SHOWN_CONFLICTS && (
            <p>And {plan.conflicts.length - SHOWN_CONFLICTS} more, settled the same way.</p>
          )}
        </details>
      )}

      {needsPassphrase && (
        <PassphraseField
          label="Your Mend passphrase (for the safety backup)"
          hint="The safety backup is encrypted to it, checked against your vault first."
          value={passphrase}
          onChange={setPassphrase}
          toggleLabel="Show your Mend passphrase"
        />
      )}

      <div className="actions">
        <button
          type="button"
          onClick={() => void restore()}
          disabled={phase !== 'idle' || !plan || (needsPassphrase && passphrase.length === 0)}
        >
          {phase === 'safety'
            ? 'Making the safety backup…'
            : phase === 'restoring'
              ? 'Restoring…'
              : phase === 'checking'
                ? 'Checking the vault…'
                : mode === 'merge'
                  ? 'Merge this backup'
                  : 'Replace everything with this backup'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={phase !== 'idle'}>
          Cancel
        </button>
      </div>
      {phase !== 'idle' && (
        <Notice tone="info">
          {phase === 'safety'
            ? 'Making a safety backup of everything here…'
            : phase === 'restoring'
              ? 'Restoring… Everything is written in one step: if this is interrupted, nothing changes.'
              : 'Checking the vault’s integrity…'}
        </Notice>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
    </div>
  )
}
