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
    if (!isSealedShape(sealed)) return MALFORMED_ROW_HASH
    sha.init()
    sha.update(sealed.iv)
    sha.update(sealed.ct)
    return sha.digest('hex')
  }
}

/**
 * The hash of a row whose sealed part is not an IV and a ciphertext (damaged on disk, or put
 * there by hand): no real row hashes to it, so the check names the row instead of failing on it,
 * and the index lists it as a record that does not open.
 */
const MALFORMED_ROW_HASH = '0'.repeat(64)

function isSealedShape(sealed: unknown): sealed is Sealed {
  const value = sealed as Partial<Sealed> | null | undefined
  return value?.iv instanceof Uint8Array && value.ct instanceof Uint8Array
}

/** One row's hash (see `sealedHasher`). */
export async function hashSealed(sealed: Sealed): Promise<string> {
  return (await sealedHasher())(sealed)
}
