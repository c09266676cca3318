import {
  decryptAge,
  encryptAge,
  readAgeHeader,
  type AgeEncryption,
  type AgeHeader,
  type AgeKeys,
  type AgeRecipient,
} from '../crypto/age'
import { asBackupError, BackupError } from './backup-errors'
import { fingerprintArchive, readArchive, type ArchiveContents } from './backup-format'

/**
 * A backup file: the archive (backup-format.ts), gzip-compressed (CompressionStream), in a
 * standard age file. No database here: the same code reads backups in the app, in tests and in
 * Node, and files written by the reference `age` tool open the same way.
 */

export type { AgeKeys, AgeRecipient }

/** What opens a file: a passphrase (exported by hand) or a backup key (automatic backups). */
export type BackupLock = 'passphrase' | 'key'

/** Reads a file's header (no decryption, no key derivation); refuses what cannot be a backup. */
export function inspectBackup(file: Uint8Array): { lock: BackupLock; header: AgeHeader } {
  try {
    const header = readAgeHeader(file)
    return { lock: header.types.includes('scrypt') ? 'passphrase' : 'key', header }
  } catch (error) {
    throw asBackupError(error) ?? error
  }
}

/** Compresses and encrypts an archive as it is produced. */
export async function encryptArchive(
  archive: ReadableStream<Uint8Array>,
  to: AgeRecipient,
): Promise<AgeEncryption> {
  return encryptAge(
    archive.pipeThrough(
      new CompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
    ),
    to,
  )
}

/**
 * Decrypts, unpacks and checks a whole backup in memory. Resolves only when every byte has been
 * authenticated and every line checked; any failure is a BackupError saying what is wrong.
 */
export async function openBackup(
  file: Uint8Array,
  keys: AgeKeys,
  options: { keep: 'values' | 'hashes' },
): Promise<ArchiveContents> {
  const { header } = inspectBackup(file)
  try {
    const plain = await decryptAge(header, keys)
    return await readArchive(
      plain.pipeThrough(
        new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
      ),
      options,
    )
  } catch (error) {
    throw asBackupError(error) ?? error
  }
}

export { BackupError }

/**
 * Decrypts and unpacks a file just written and fingerprints it (fingerprintArchive): how a
 * writer checks that what is on disk is, byte for byte, the archive it produced.
 */
export async function fingerprintBackup(
  file: Uint8Array,
  keys: AgeKeys,
): Promise<Awaited<ReturnType<typeof fingerprintArchive>>> {
  const { header } = inspectBackup(file)
  try {
    const plain = await decryptAge(header, keys)
    return await fingerprintArchive(
      plain.pipeThrough(
        new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
      ),
    )
  } catch (error) {
    throw asBackupError(error) ?? error
  }
}
