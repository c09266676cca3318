import {
  decryptAgeBytes,
  encryptAgeBytes,
  identityFileText,
  newAgeKeyPair,
  parseIdentityFile,
  type AgeKeyPair,
} from '../../crypto/age'
import { toHex } from '../../crypto/bytes'
import type { BackupFileInfo, Platform, WriteDestination } from '../../platform'
import {
  isVaultPassphrase,
  readBackupConfig,
  recordBackup,
  saveBackupConfig,
  writeBackup,
  type BackupRecipient,
  type BackupSink,
  type WrittenBackup,
} from '../../store/backup'
import { asBackupError, BackupError } from '../../store/backup-errors'
import type { BackupConfig, BackupSchedule } from '../../store/codecs'
import type { VaultSession } from '../../store/session'

/**
 * The backup feature's operations against the platform (files, backup folder) and the store.
 * Everything here is written against the Platform interface, so the tests drive it with an
 * in-memory platform.
 */

/** A problem the therapist can act on, in words (no path, no record content). */
export class BackupProblem extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupProblem'
  }
}

/** A backup saved and checked that the vault could not note (audit trail, backup state). */
export class BackupUnrecorded extends BackupProblem {
  constructor(readonly fileName: string) {
    super(
      `${fileName} was saved and checked, but Mend could not note it in the audit trail. The file is good; to have it noted, make the backup again.`,
    )
    this.name = 'BackupUnrecorded'
  }
}

/** The words to show for any failure: Mend's own messages, or a calm generic one. */
export function problemWords(error: unknown, fallback: string): string {
  if (error instanceof BackupError || error instanceof BackupProblem) return error.message
  return fallback
}

export const FOLDER_UNREACHABLE =
  'The backup folder could not be reached. If it is on an external drive, connect it; or choose another folder in Settings → Backups.'

/**
 * The backups in the folder, newest first; a folder that cannot be reached (an unplugged drive,
 * which lists as empty) is said as such, never as a folder with no backup in it.
 */
export async function listFolder(platform: Platform): Promise<BackupFileInfo[]> {
  const listed = await platform.backupFolder.list()
  if (listed.length > 0) return listed
  // The key file is read only where the folder is there (null when it holds none).
  const reachable = await platform.backupFolder.readKey().then(
    () => true,
    () => false,
  )
  if (!reachable) throw new BackupProblem(FOLDER_UNREACHABLE)
  return listed
}

/** The platform's streamed write as the store's sink; 'cancelled' or 'no-folder' when there is none. */
export async function openSink(
  platform: Platform,
  destination: WriteDestination,
): Promise<BackupSink | 'cancelled' | 'no-folder'> {
  const begun = await platform.files.beginWrite({ kind: 'backup', document: 'backup', destination })
  if (begun.status !== 'ready') return begun.status
  const { handle } = begun
  return {
    write: (chunk) => platform.files.writeChunk(handle, chunk),
    commit: async () => ({ name: (await platform.files.commit(handle)).name }),
    abort: () => platform.files.abort(handle),
    readBack: () => platform.files.readBack(handle),
    withdraw: () => platform.files.withdraw(handle),
  }
}

export async function appVersion(platform: Platform): Promise<string> {
  const { version } = await platform.info().catch(() => ({ version: 'unknown' }))
  return version.slice(0, 40) || 'unknown'
}

/**
 * Writes a backup (retrying when the vault changed meanwhile, up to `attempts` times: each try
 * opens a new sink, so only destinations that need no dialog retry), then records it.
 */
export async function makeBackup(
  session: VaultSession,
  platform: Platform,
  destination: WriteDestination,
  to: BackupRecipient,
  purpose: 'export' | 'automatic' | 'safety',
  options: { now?: Date; attempts?: number } = {},
): Promise<WrittenBackup | 'cancelled'> {
  const attempts = options.attempts ?? (destination === 'backup-folder' ? 3 : 1)
  const app = await appVersion(platform)
  for (let attempt = 1; ; attempt++) {
    const sink = await openSink(platform, destination)
    if (sink === 'cancelled') return 'cancelled'
    if (sink === 'no-folder') throw new BackupProblem(FOLDER_UNREACHABLE)
    try {
      const written = await writeBackup(session, sink, to, {
        app,
        ...(options.now ? { now: options.now } : {}),
      })
      const how =
        to.kind === 'passphrase' ? 'to a passphrase' : 'to the backup key of the backup folder'
      // The file is saved and checked from here on: a failure to note it says so. A safety
      // backup (before a restore replaces everything) is not noted as one of the folder's
      // rotation: it is never removed to keep the last N, only by the therapist.
      await recordBackup(
        session,
        written,
        purpose,
        purpose === 'automatic' ? '' : how,
        destination === 'backup-folder' && purpose !== 'safety',
      ).catch(() => {
        throw new BackupUnrecorded(written.name)
      })
      return written
    } catch (error) {
      const again =
        error instanceof BackupError && error.code === 'changed-during-backup' && attempt < attempts
      if (!again) throw error
    }
  }
}

// ------------------------------------------------------------------ the passphrase

const failures = new WeakMap<VaultSession, { count: number; notBefore: number }>()
/** Wrong passphrases allowed before each further attempt waits (5 s, doubling, at most 60 s). */
const FREE_ATTEMPTS = 3

/**
 * Checks that a passphrase is the vault's before a backup is encrypted to it (a typo would make a
 * backup nobody can open). After three wrong ones, each attempt waits longer, for as long as the
 * vault stays unlocked; locking ends the document, and unlocking needs the passphrase anyway.
 */
export async function checkVaultPassphrase(
  session: VaultSession,
  passphrase: string,
  now = Date.now(),
): Promise<true> {
  const state = failures.get(session) ?? { count: 0, notBefore: 0 }
  if (now < state.notBefore) {
    throw new BackupProblem(
      `Too many attempts. Wait ${Math.ceil((state.notBefore - now) / 1000)} seconds, then try again.`,
    )
  }
  if (await isVaultPassphrase(session, passphrase)) {
    failures.delete(session)
    return true
  }
  const count = state.count + 1
  const wait =
    count <= FREE_ATTEMPTS ? 0 : Math.min(60_000, 5000 * 2 ** (count - FREE_ATTEMPTS - 1))
  failures.set(session, { count, notBefore: now + wait })
  throw new BackupProblem(
    'That is not your Mend passphrase. Check the keyboard layout and Caps Lock, then try again.',
  )
}

// ------------------------------------------------------------------ the backup key

/** SHA-256 of a key file (hex): which backup-key.age the vault's settings refer to. */
export async function keyFileHash(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)))
}

/**
 * Writes backup-key.age: the backup identity, as an age identity file, encrypted to the backup
 * passphrase (age scrypt). Read back and compared before it counts; returns the file's hash, or
 * 'exists' when the folder already has one and `replace` is false.
 */
export async function writeKeyFile(
  platform: Platform,
  pair: AgeKeyPair,
  passphrase: string,
  replace: boolean,
  logN?: number,
): Promise<{ hash: string } | 'exists'> {
  const text = identityFileText(pair, new Date().toISOString())
  const bytes = await encryptAgeBytes(new TextEncoder().encode(text), {
    kind: 'passphrase',
    passphrase,
    ...(logN ? { logN } : {}),
  })
  const result = await platform.backupFolder.writeKey(bytes, replace)
  if (result.status === 'exists') return 'exists'
  const back = await platform.backupFolder.readKey()
  if (!back || back.length !== bytes.length || back.some((byte, i) => byte !== bytes[i]))
    throw new BackupError('read-back-differs')
  return { hash: await keyFileHash(bytes) }
}

/** Opens a backup key file with the backup passphrase. */
export async function openKeyFile(file: Uint8Array, passphrase: string): Promise<AgeKeyPair> {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      await decryptAgeBytes(file, { passphrase }),
    )
  } catch (error) {
    throw asBackupError(error) ?? new BackupProblem('That file is not a Mend backup key.')
  }
  const pair = await parseIdentityFile(text)
  if (!pair)
    throw new BackupProblem(
      'That file opens, but it does not hold a backup key. Choose backup-key.age from the backup folder.',
    )
  return pair
}

export interface ScheduleChoice {
  schedule: BackupSchedule
  keep: number
}

/**
 * Sets up automatic backups with a new backup key: the key file is written to the folder (and
 * read back) before the key is kept in the vault, so there is never a key the folder lacks.
 */
export async function setUpWithNewKey(
  session: VaultSession,
  platform: Platform,
  passphrase: string,
  choice: ScheduleChoice,
  logN?: number,
): Promise<void> {
  const pair = await newAgeKeyPair()
  const written = await writeKeyFile(platform, pair, passphrase, false, logN)
  if (written === 'exists')
    throw new BackupProblem(
      'This folder already holds a backup key (backup-key.age). Use it with its backup passphrase, or choose another folder.',
    )
  await saveBackupConfig(
    session,
    { ...pair, createdAt: new Date().toISOString(), ...choice, keyFile: written.hash },
    'set up with a new backup key',
  ).catch(() => {
    // The key file is in the folder now: "nothing was changed" would not be true, and the next
    // try finds it there.
    throw new BackupProblem(
      'The backup key file was written to the folder, but Mend could not save the setup. Try again: the folder’s key is offered, and opens with the backup passphrase you just chose.',
    )
  })
}

/** Sets up automatic backups with the key already in the folder (opened with its passphrase). */
export async function setUpWithFolderKey(
  session: VaultSession,
  platform: Platform,
  passphrase: string,
  choice: ScheduleChoice,
): Promise<void> {
  const file = await platform.backupFolder.readKey()
  if (!file)
    throw new BackupProblem('The backup folder has no backup key (backup-key.age) any more.')
  const pair = await openKeyFile(file, passphrase)
  await saveBackupConfig(
    session,
    { ...pair, createdAt: new Date().toISOString(), ...choice, keyFile: await keyFileHash(file) },
    'set up with the backup key of the folder',
  )
}

/**
 * Writes this vault's key file into the folder again (a new folder, a lost file, a new backup
 * passphrase), replacing whatever key file is there.
 */
export async function rewriteKeyFile(
  session: VaultSession,
  platform: Platform,
  passphrase: string,
  logN?: number,
): Promise<void> {
  const config = await readBackupConfig(session)
  if (!config) throw new BackupProblem('Automatic backups are not set up yet.')
  const written = await writeKeyFile(platform, config, passphrase, true, logN)
  if (written === 'exists') throw new BackupError('read-back-differs')
  await saveBackupConfig(
    session,
    { ...config, keyFile: written.hash },
    'the backup key file was written again',
  )
}

export async function changeSchedule(
  session: VaultSession,
  config: BackupConfig,
  choice: ScheduleChoice,
): Promise<void> {
  await saveBackupConfig(
    session,
    { ...config, ...choice },
    `${choice.schedule === 'off' ? 'paused' : choice.schedule}, keep ${choice.keep}`,
  )
}
