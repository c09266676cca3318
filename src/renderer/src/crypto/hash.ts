import { createSHA256, type IHasher } from 'hash-wasm'
import type { Sealed } from './envelope'

let hasher: Promise<IHasher> | null = null

/**
 * The hash that binds a stored row into the audit trail: SHA-256 over its IV and ciphertext
 * (with the GCM tag). Another version of the same record, or a row moved from elsewhere, has
 * another hash. Loads one WebAssembly hasher and reuses it: hashing every row at unlock is cheap.
 */
export async function sealedHasher(): Promise<(sealed: Sealed) => string> {
  const sha = await (hasher ??= createSHA256())
  return (sealed) => {
    sha.init()
    sha.update(sealed.iv)
    sha.update(sealed.ct)
    return sha.digest('hex')
  }
}

/** One row's hash (see `sealedHasher`). */
export async function hashSealed(sealed: Sealed): Promise<string> {
  return (await sealedHasher())(sealed)
}
