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
  memoryKiB: { min: 19 * 1024, max: 1024 * 1024 },
  iterations: { min: 2, max: 12 },
  parallelism: { min: 1, max: 16 },
  saltBytes: 16,
  /**
   * Memory times passes, in KiB: 16 times the defaults (a few seconds here). A header asking for
   * more is refused before any work, so a hostile header cannot freeze or exhaust the machine.
   */
  maxCost: 16 * 64 * 1024 * 3,
} as const

/** The weakest settings a vault may be (re-)wrapped with: the defaults, unless tests ask lower. */
export type KdfFloor = Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>
export const DEFAULT_FLOOR: KdfFloor = {
  memoryKiB: DEFAULT_KDF.memoryKiB,
  iterations: DEFAULT_KDF.iterations,
  parallelism: DEFAULT_KDF.parallelism,
}

/** Whether stored settings are weaker than the floor (then they are raised at the next unlock). */
export function belowFloor(params: KdfFloor, floor: KdfFloor): boolean {
  return params.memoryKiB < floor.memoryKiB || params.iterations < floor.iterations
}

/** The stronger of stored settings and the floor, field by field. */
export function atLeast(params: KdfFloor, floor: KdfFloor): KdfFloor {
  return {
    memoryKiB: Math.max(params.memoryKiB, floor.memoryKiB),
    iterations: Math.max(params.iterations, floor.iterations),
    parallelism: Math.max(params.parallelism, floor.parallelism),
  }
}

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
    params.memoryKiB * params.iterations <= KDF_LIMITS.maxCost &&
    params.salt.length === KDF_LIMITS.saltBytes
  )
}

interface Argon2Input {
  password: string
  salt: Uint8Array
  parallelism: number
  iterations: number
  memorySize: number
}

/**
 * Runs Argon2id in a dedicated worker that is terminated right after (its memory, with the
 * passphrase and the 64 MiB of Argon2 state, is released with it). Where there are no workers
 * (Node, for unit tests), in this thread.
 */
async function runArgon2id(input: Argon2Input): Promise<Uint8Array> {
  const inThread = () => argon2id({ ...input, hashLength: 32, outputType: 'binary' })
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return inThread()
  let worker: Worker
  try {
    worker = new Worker(new URL('./argon2.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return inThread()
  }
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ ok: boolean; raw?: Uint8Array }>) =>
        event.data.ok && event.data.raw ? resolve(event.data.raw) : reject(new Error('kdf failed'))
      // A worker that cannot start (a bundle without its worker file) is not a failure of the
      // passphrase: derive here instead.
      worker.onerror = (event) => {
        event.preventDefault()
        inThread().then(resolve, reject)
      }
      worker.postMessage(input)
    })
  } finally {
    worker.terminate()
  }
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
  const raw = await runArgon2id({
    password: passphrase.normalize('NFC'),
    salt: params.salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
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
