import { argon2id } from 'hash-wasm'
import { randomBytes } from './bytes'
import { VaultError } from './errors'

/** Argon2id parameters, stored with the vault so they can be raised later. */
export interface KdfParams {
  algorithm: 'argon2id'
  /** Memory in KiB. */
  memoryKiB: number
  iterations: number
  parallelism: number
  salt: Uint8Array
}

/** Bitwarden's defaults: 64 MiB, 3 passes, 4 lanes (OWASP's floor is 19 MiB, t=2). */
export const DEFAULT_KDF = {
  algorithm: 'argon2id',
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 4,
} as const

/**
 * What a stored header may ask for. Below: too weak to protect the data. Above: a tampered header
 * trying to hang or exhaust the machine.
 */
export const KDF_LIMITS = {
  memoryKiB: { min: 19 * 1024, max: 2 * 1024 * 1024 },
  iterations: { min: 2, max: 64 },
  parallelism: { min: 1, max: 16 },
  saltBytes: 16,
} as const

export function newKdfParams(
  overrides: Partial<Omit<KdfParams, 'salt' | 'algorithm'>> = {},
): KdfParams {
  return { ...DEFAULT_KDF, ...overrides, salt: randomBytes(KDF_LIMITS.saltBytes) }
}

export function kdfParamsAreSafe(params: KdfParams): boolean {
  const within = (value: number, range: { min: number; max: number }) =>
    Number.isInteger(value) && value >= range.min && value <= range.max
  return (
    params.algorithm === 'argon2id' &&
    within(params.memoryKiB, KDF_LIMITS.memoryKiB) &&
    within(params.iterations, KDF_LIMITS.iterations) &&
    within(params.parallelism, KDF_LIMITS.parallelism) &&
    params.salt.length === KDF_LIMITS.saltBytes
  )
}

/**
 * Derives the key-encryption key from the passphrase. The derived bytes are imported as a
 * non-extractable AES-GCM key that can only wrap and unwrap, then wiped.
 */
export async function deriveKeyFromPassphrase(
  passphrase: string,
  params: KdfParams,
): Promise<CryptoKey> {
  if (!kdfParamsAreSafe(params)) throw new VaultError('kdf-params-unsafe')
  const raw = await argon2id({
    password: passphrase.normalize('NFC'),
    salt: params.salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  })
  try {
    return await crypto.subtle.importKey(
      'raw',
      raw as Uint8Array<ArrayBuffer>,
      { name: 'AES-GCM' },
      false,
      ['wrapKey', 'unwrapKey'],
    )
  } finally {
    raw.fill(0)
  }
}
