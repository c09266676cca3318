import { localDate } from '../../domain/time'
import type { Platform } from '../../platform'
import {
  readBackupConfig,
  readBackupState,
  recordBackupFailure,
  type WrittenBackup,
} from '../../store/backup'
import { BackupError } from '../../store/backup-errors'
import type { BackupConfig, BackupState } from '../../store/codecs'
import type { VaultSession } from '../../store/session'
import { BackupProblem, BackupUnrecorded, keyFileHash, makeBackup } from './operations'

/**
 * Automatic backups. While the vault is unlocked, Mend checks shortly after unlocking and then
 * every few minutes whether a backup is due; if so it writes one into the backup folder
 * (encrypted to the backup key, so no passphrase is needed), reads it back and checks it, and
 * only then removes the oldest beyond the number to keep. Main removes only files named as Mend's
 * backups. A failed attempt is recorded and tried again an hour later.
 *
 * On the desktop, closing the window (or quitting) makes a due backup first: main holds the
 * window while the page works (see AutomaticBackups). There is none at lock: locking has two
 * seconds and ends the document, and a backup cut off there would only leave a temporary file
 * behind. Checking at unlock and every few minutes means a due backup is at most minutes late.
 */

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
/** After a failed attempt, the next automatic one waits this long. */
export const RETRY_AFTER_MS = HOUR
/** How often the unlocked app looks whether a backup is due, and how soon after unlocking. */
export const CHECK_EVERY_MS = 5 * 60 * 1000
export const FIRST_CHECK_AFTER_MS = 15 * 1000
/** Today's backup status warns when the last checked backup is older than this. */
export const STALE_AFTER_MS = 7 * DAY

/** Whether an automatic backup is due now. */
export function isDue(config: BackupConfig, state: BackupState, now: Date): boolean {
  if (config.schedule === 'off') return false
  const attempt = state.lastAttempt
  if (attempt && !attempt.ok) {
    const since = now.getTime() - Date.parse(attempt.at)
    if (since >= 0 && since < RETRY_AFTER_MS) return false
  }
  if (!state.lastAutomatic) return true
  const last = new Date(state.lastAutomatic)
  const since = now.getTime() - last.getTime()
  // A clock set back: the last backup seems to be in the future. Do not wait for it.
  if (since < -HOUR) return true
  if (config.schedule === 'daily') return localDate(last) !== localDate(now) || since >= DAY
  return since >= 7 * DAY - HOUR
}

export type AutomaticOutcome =
  | { status: 'not-set-up' | 'off' | 'not-due' | 'busy' }
  | { status: 'done'; written: WrittenBackup; removed: string[] }
  | { status: 'failed'; problem: string }

/** Short words for the trail and the status line (no path, no record content). */
function problemOf(error: unknown): string {
  if (error instanceof BackupError) {
    if (error.code === 'changed-during-backup')
      return 'the records kept changing while it was being written'
    if (error.code === 'read-back-differs') return 'the file did not read back as it was written'
  }
  if (error instanceof BackupUnrecorded)
    return 'the backup was written and checked, but could not be noted in the vault'
  if (error instanceof BackupProblem) return 'the backup folder could not be reached'
  return 'the file could not be written to the backup folder'
}

let running: Promise<AutomaticOutcome> | null = null

/** The automatic backup this window is making now, if any. */
export function automaticBackupInProgress(): Promise<AutomaticOutcome> | null {
  return running
}
/**
 * After a failure, this window waits an hour before trying again, whether or not the failure was
 * recorded (the same problem is recorded once a day, not at every try), unless the settings
 * changed meanwhile (a key file written again, another folder's key taken over).
 */
const quiet = new WeakMap<VaultSession, { until: number; settings: string }>()
const settingsOf = (config: BackupConfig) => `${config.keyFile}|${config.recipient}`

/**
 * Runs `work` unless another backup runs in this window or (Web Locks) of the same vault in
 * another one.
 */
async function exclusively(
  vaultId: string,
  work: () => Promise<AutomaticOutcome>,
): Promise<AutomaticOutcome> {
  if (running) return { status: 'busy' }
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  const task = locks
    ? locks.request(`mend:automatic-backup:${vaultId}`, { ifAvailable: true }, (lock) =>
        lock ? work() : Promise.resolve<AutomaticOutcome>({ status: 'busy' }),
      )
    : work()
  running = task
  try {
    return await task
  } finally {
    running = null
  }
}

/**
 * Makes an automatic backup if one is due (or now, with `force`: "Back up now"). Never throws:
 * a failure is recorded (audit trail and backup state) and returned. `onStart` is told when the
 * checks passed and the backup is being written.
 */
export async function runAutomaticBackup(
  session: VaultSession,
  platform: Platform,
  options: { now?: Date; force?: boolean; onStart?: () => void } = {},
): Promise<AutomaticOutcome> {
  const now = options.now ?? new Date()
  try {
    const config = await readBackupConfig(session)
    if (!config) return { status: 'not-set-up' }
    if (config.schedule === 'off' && !options.force) return { status: 'off' }
    const waiting = quiet.get(session)
    if (
      !options.force &&
      waiting &&
      waiting.settings === settingsOf(config) &&
      waiting.until > now.getTime()
    )
      return { status: 'not-due' }
    if (!options.force && !isDue(config, await readBackupState(session), now))
      return { status: 'not-due' }
    return await exclusively(session.vaultId, async () => {
      // Another window may have just made it.
      const state = await readBackupState(session)
      if (!options.force && !isDue(config, state, now)) return { status: 'not-due' }
      const fail = async (problem: string): Promise<AutomaticOutcome> => {
        quiet.set(session, { until: now.getTime() + RETRY_AFTER_MS, settings: settingsOf(config) })
        const last = state.lastAttempt
        const repeated =
          last !== null &&
          !last.ok &&
          last.problem === problem &&
          Math.abs(now.getTime() - Date.parse(last.at)) < DAY
        if (session.isOpen && !repeated)
          await recordBackupFailure(session, problem, now).catch(() => {})
        return { status: 'failed', problem }
      }
      const folder = await platform.backupFolder.status().catch(() => ({ configured: false }))
      if (!folder.configured) return fail('no backup folder is set')
      // No key file reads as null; a folder that cannot be reached (an unplugged drive) or a key
      // file that cannot be read rejects.
      const key = await platform.backupFolder.readKey().catch(() => 'unreadable' as const)
      if (key === 'unreadable')
        return fail(
          'the backup folder could not be reached (if it is on an external drive, connect it), or its backup key file (backup-key.age) could not be read',
        )
      if (!key)
        return fail('the backup key file (backup-key.age) is missing from the backup folder')
      // Backups the folder's key file cannot open would be useless on another computer.
      if ((await keyFileHash(key)) !== config.keyFile)
        return fail(
          'the backup key file in the backup folder is not the one made for this vault (another vault’s, or replaced)',
        )
      let written: WrittenBackup | 'cancelled'
      options.onStart?.()
      try {
        written = await makeBackup(
          session,
          platform,
          'backup-folder',
          { kind: 'x25519', recipient: config.recipient, identity: config.identity },
          'automatic',
          { now },
        )
      } catch (error) {
        return fail(problemOf(error))
      }
      quiet.delete(session)
      if (written === 'cancelled') return fail('the backup folder could not be reached')
      // Only now that the new one was read back and checked may older ones go.
      const { removed } = await pruneOwn(session, platform, config.keep, written.name).catch(
        () => ({ removed: [] as string[] }),
      )
      return { status: 'done', written, removed }
    })
  } catch {
    // The vault locked meanwhile, or the store failed: nothing more to do now.
    return { status: 'failed', problem: 'the backup could not be made' }
  }
}

/**
 * Keeps this vault's newest `keep` backups in the folder and removes its older ones. The folder
 * may also hold backups this vault did not write (another computer's, sharing the backup key):
 * those, and anything that is not a backup, are protected and never count towards `keep`.
 */
async function pruneOwn(
  session: VaultSession,
  platform: Platform,
  keep: number,
  newest: string,
): Promise<{ removed: string[] }> {
  const own = new Set((await readBackupState(session)).written)
  const listed = (await platform.backupFolder.list()).map((file) => file.name)
  const older = new Set(listed.filter((name) => own.has(name)).slice(keep))
  older.delete(newest)
  if (older.size === 0) return { removed: [] }
  // By name: main removes only these (never the newest `keep`), so nothing that arrived in the
  // folder since this listing can be taken for one of them.
  return platform.backupFolder.prune({ keep, remove: [...older] })
}
