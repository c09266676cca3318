import { buf, randomBytes, toHex, utf8 } from './bytes'

/** A data key wrapped (AES-GCM key wrap) under a key-encryption key. */
export interface WrappedKey {
  iv: Uint8Array
  wrapped: Uint8Array
}

export type WrapSlot = 'passphrase' | 'recovery'

/** Binds a wrapped key to its vault and slot, so a wrapped key copied elsewhere fails to unwrap. */
export function wrapAad(vaultId: string, slot: WrapSlot): Uint8Array<ArrayBuffer> {
  return utf8(`mend:vault:${vaultId}:${slot}`)
}

/**
 * Header version 2: the passphrase slot's associated data also binds the Argon2 settings and the
 * salt. A header whose settings were weakened (or whose salt was swapped) no longer unwraps.
 */
export function passphraseWrapAad(
  vaultId: string,
  kdf: { memoryKiB: number; iterations: number; parallelism: number; salt: Uint8Array },
): Uint8Array<ArrayBuffer> {
  const salt = toHex(kdf.salt)
  return utf8(
    `mend:vault:${vaultId}:passphrase:argon2id:m=${kdf.memoryKiB}:t=${kdf.iterations}:p=${kdf.parallelism}:s=${salt}`,
  )
}

/** A fresh 256-bit data key. Extractable only so it can be wrapped; the session uses an unwrapped, non-extractable copy. */
export function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
}

export async function wrapDataKey(
  dataKey: CryptoKey,
  kek: CryptoKey,
  aad: Uint8Array,
): Promise<WrappedKey> {
  const iv = randomBytes(12)
  const wrapped = new Uint8Array(
    await crypto.subtle.wrapKey('raw', dataKey, kek, {
      name: 'AES-GCM',
      iv,
      additionalData: buf(aad),
    }),
  )
  return { iv, wrapped }
}

/** Unwraps the data key. Throws (OperationError) when the KEK or the associated data is wrong. */
export function unwrapDataKey(
  wrappedKey: WrappedKey,
  kek: CryptoKey,
  aad: Uint8Array,
  extractable = false,
): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    buf(wrappedKey.wrapped),
    kek,
    { name: 'AES-GCM', iv: buf(wrappedKey.iv), additionalData: buf(aad) },
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  )
}
