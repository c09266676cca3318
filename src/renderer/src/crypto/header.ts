import { z } from 'zod'
import { KDF_LIMITS, type KdfParams } from './kdf'
import type { WrappedKey } from './keys'

/**
 * The vault header: everything needed to unlock, nothing that identifies a client. Stored twice
 * (a primary and a copy) so that damage to one is repaired from the other.
 */
export interface VaultHeader {
  format: 'mend-vault'
  /**
   * 1: the wrapped key's associated data names the vault and slot. 2: it also binds the KDF
   * settings and salt, so a header whose Argon2 settings were changed does not open.
   */
  version: 1 | 2
  vaultId: string
  createdAt: string
  kdf: KdfParams
  passphrase: WrappedKey
  recovery?: WrappedKey & { salt: Uint8Array }
}

const bytes = (length: number) =>
  z.instanceof(Uint8Array).refine((value) => value.length === length, `expected ${length} bytes`)

const wrappedKeySchema = z.object({ iv: bytes(12), wrapped: bytes(48) })

/** Structural check only; the KDF bounds are checked separately so tampering gets its own message. */
export const vaultHeaderSchema = z.object({
  format: z.literal('mend-vault'),
  version: z.union([z.literal(1), z.literal(2)]),
  vaultId: z.string().uuid(),
  createdAt: z.string().min(1),
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number(),
    iterations: z.number(),
    parallelism: z.number(),
    salt: bytes(KDF_LIMITS.saltBytes),
  }),
  passphrase: wrappedKeySchema,
  recovery: wrappedKeySchema.extend({ salt: bytes(16) }).optional(),
})

export function parseVaultHeader(value: unknown): VaultHeader | null {
  const parsed = vaultHeaderSchema.safeParse(value)
  return parsed.success ? (parsed.data as VaultHeader) : null
}
