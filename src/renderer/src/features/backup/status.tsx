import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { useBackupInfo } from '../../store/backup-queries'
import { isSampleVault } from '../../store/sample-vault'
import { useSession } from '../../store/session-context'
import { formatMoment } from '../../ui/format'
import { STALE_AFTER_MS } from './automatic'

export interface BackupStatus {
  /** Still reading the sealed state. */
  loading: boolean
  /** Automatic backups are set up and not paused. */
  automatic: boolean
  /** When the last backup that was read back and checked was made (ISO), or null. */
  lastVerifiedAt: string | null
  /** No checked backup, or the last one is older than 7 days. */
  stale: boolean
  /** The last automatic attempt failed; `problem` says why (kinds of problem only). */
  lastAttemptFailed: boolean
  problem: string | null
}

/** Re-renders every few minutes so "older than 7 days" turns without a reload. */
function useNow(everyMs = 5 * 60 * 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

/** For Today: when the last checked backup was made, and whether that needs attention. */
export function useBackupStatus(): BackupStatus {
  const info = useBackupInfo()
  const now = useNow()
  if (!info) {
    return {
      loading: true,
      automatic: false,
      lastVerifiedAt: null,
      stale: false,
      lastAttemptFailed: false,
      problem: null,
    }
  }
  const last = info.state.lastVerified?.at ?? null
  const attempt = info.state.lastAttempt
  const failed = Boolean(info.config && attempt && !attempt.ok)
  return {
    loading: false,
    automatic: Boolean(info.config && info.config.schedule !== 'off'),
    lastVerifiedAt: last,
    stale: !last || now - Date.parse(last) > STALE_AFTER_MS,
    lastAttemptFailed: failed,
    problem: failed ? (attempt?.problem ?? null) : null,
  }
}

/** One line about backups, with a way to Settings when something needs attention. */
export function BackupStatusLine() {
  const session = useSession()
  const status = useBackupStatus()
  if (isSampleVault(session))
    return (
      <p className="backup-status" role="status" data-backup-status="sample">
        The sample vault is never backed up.
      </p>
    )
  if (status.loading) return null
  const attention = status.stale || status.lastAttemptFailed
  const last = status.lastVerifiedAt
    ? `Last checked backup: ${formatMoment({ utc: status.lastVerifiedAt })}.`
    : 'No backup has been made yet.'
  return (
    <p
      className={`backup-status${attention ? ' backup-status--attention' : ''}`}
      role="status"
      data-backup-status={attention ? 'attention' : 'ok'}
    >
      {last}
      {status.lastAttemptFailed && ` The last automatic backup failed: ${status.problem}.`}
      {status.stale &&
        !status.lastAttemptFailed &&
        status.lastVerifiedAt &&
        ' That is more than a week ago.'}
      {attention && (
        <>
          {' '}
          <Link to="/settings">Open backup settings</Link>
        </>
      )}
    </p>
  )
}
