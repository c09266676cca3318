import type { IHasher } from 'hash-wasm'
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
import { borrowSha256, giveBack, readArchive, type ArchiveContents } from './backup-format'

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

/** The compressed archive as age received it: its SHA-256 and size. */
export interface PayloadDigest {
  sha256: string
  bytes: number
}

export interface ArchiveEncryption extends AgeEncryption {
  /** The digest of the compressed archive that was encrypted, once the stream has ended. */
  payload(): PayloadDigest | null
}

/**
 * Compresses and encrypts an archive as it is produced. The compressed bytes are hashed on
 * their way to age: a file read back later is the same backup if it decrypts to bytes with the
 * same digest (`digestBackup`).
 */
export async function encryptArchive(
  archive: ReadableStream<Uint8Array>,
  to: AgeRecipient,
): Promise<ArchiveEncryption> {
  let digest: PayloadDigest | null = null
  let sha: IHasher | null = null
  let bytes = 0
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      sha ??= await borrowSha256()
      sha.update(chunk)
      bytes += chunk.length
      controller.enqueue(chunk)
    },
    async flush() {
      sha ??= await borrowSha256()
      digest = { sha256: sha.digest('hex'), bytes }
      giveBack(sha)
    },
  })
  const encryption = await encryptAge(
    archive
      .pipeThrough(new CompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>)
      .pipeThrough(tap),
    to,
  )
  return { ...encryption, payload: () => digest }
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
 * Decrypts a file just written (every chunk authenticated) and digests the compressed archive
 * inside: how a writer checks that what is on disk opens, and is byte for byte the archive it
 * produced, without unpacking and reading it again (`encryptArchive` digested the same bytes).
 */
export async function digestBackup(file: Uint8Array, keys: AgeKeys): Promise<PayloadDigest> {
  const { header } = inspectBackup(file)
  const sha = await borrowSha256()
  try {
    const reader = (await decryptAge(header, keys)).getReader()
    let bytes = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      sha.update(value)
      bytes += value.length
    }
    return { sha256: sha.digest('hex'), bytes }
  } catch (error) {
    throw asBackupError(error) ?? error
  } finally {
    giveBack(sha)
  }
}
