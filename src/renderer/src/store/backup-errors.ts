import { AgeError, MAX_SCRYPT_LOG_N, type AgeErrorCode } from '../crypto/age'

/**
 * Every way a backup can fail to open, each with a message in words: what is wrong, and what to
 * do. Messages name kinds of record and line numbers at most, never a value from the file.
 */
export type BackupErrorCode =
  | AgeErrorCode
  /** The age file opens, but what is inside is not a Mend archive. */
  | 'not-mend'
  /** A Mend archive of a format version newer than this app reads. */
  | 'newer-format'
  /** Records saved under a schema version newer than this app knows. */
  | 'newer-schema'
  /** A Mend archive whose contents do not pass the checks (detail says which). */
  | 'malformed'
  /** Unpacks to more than the archive limit. */
  | 'too-large'
  /** The vault changed while a backup was being written: it is not a consistent copy. */
  | 'changed-during-backup'
  /** The file was written but did not read back as written. */
  | 'read-back-differs'

const MESSAGES: Record<BackupErrorCode, string> = {
  empty:
    'This file is empty (0 bytes), so it cannot be a backup. Choose the .age file Mend saved; if this was the only copy, that backup was not written completely.',
  'not-age':
    'This file is not a Mend backup: Mend backups are age-encrypted files, and this one is not. Choose a file Mend saved (its name starts with “mend-backup”).',
  'header-too-large':
    'This file’s encryption header is far larger than any backup’s, so Mend did not try to open it. The file is damaged or is not a Mend backup; choose another one.',
  'header-damaged':
    'This backup’s encryption header is damaged, so it cannot be opened. Nothing was changed. Try another backup (an earlier one, or another copy).',
  'passphrase-needed': 'Type the passphrase this backup was made with.',
  'identity-needed':
    'This is an automatic backup: it opens with the backup key kept in the backup folder (backup-key.age) and your backup passphrase.',
  'wrong-passphrase':
    'That passphrase does not open this backup. Check the keyboard layout and Caps Lock. A backup exported by hand uses the passphrase typed when it was exported (your Mend passphrase at that time, unless you chose another one).',
  'not-for-this-key':
    'This backup does not open with the backup key: it was made for another key (another vault or backup folder), or its header is damaged. Nothing was changed. Open it with the backup key file and backup passphrase of the folder it came from.',
  'work-factor-too-high': `This file asks for more passphrase-hardening work than Mend allows (the most is scrypt work factor ${MAX_SCRYPT_LOG_N}), so Mend did not try to open it. Files Mend and the age tool write never ask for more; this one is damaged or was made another way.`,
  'payload-damaged':
    'This backup is damaged: part of it was changed or cut off after it was written, and its encryption check failed. Nothing was changed. Try an earlier backup or another copy of this one.',
  'not-mend':
    'This file opens, but what is inside is not a Mend backup. Nothing was changed. Choose a file Mend saved.',
  'newer-format':
    'This backup was made by a newer version of Mend, in a format this version cannot read. Nothing was changed. Update Mend, then open the backup again.',
  'newer-schema':
    'This backup holds records saved by a newer version of Mend. Nothing was changed. Update Mend, then open the backup again.',
  malformed:
    'This backup opens, but its contents do not pass Mend’s checks, so nothing was restored. Try an earlier backup.',
  'too-large':
    'This backup unpacks to far more data than any practice holds, so Mend stopped reading it. Nothing was changed. It is damaged or is not a Mend backup.',
  'changed-during-backup':
    'Your records changed while the backup was being written (something was saved, perhaps in another window), so that copy was not kept. Nothing was lost: export again.',
  'read-back-differs':
    'The backup was written, but reading it back did not give the same contents, so it cannot be trusted. The disk or the folder may have a problem: try another place, and export again.',
}

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    /** For 'malformed': what did not pass, in words (a kind and a line number, never a value). */
    readonly detail?: string,
  ) {
    super(detail && code === 'malformed' ? `${MESSAGES[code]} (${detail}.)` : MESSAGES[code])
    this.name = 'BackupError'
  }
}

/** Any failure of opening or writing a backup as a BackupError (others keep their own words out). */
export function asBackupError(error: unknown): BackupError | null {
  if (error instanceof BackupError) return error
  if (error instanceof AgeError) return new BackupError(error.code)
  return null
}
