import { bytesEqual, randomBytes } from './bytes'
import { VaultError } from './errors'

/**
 * A recovery key: 160 random bits plus a 20-bit checksum, written as 36 Crockford base32 characters
 * in nine groups of four (e.g. "7K3M-…"). The checksum catches a mistyped group before any key is
 * tried; ambiguous characters (O, I, L) are read as 0, 1, 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const RECOVERY_KEY_BYTES = 20
const KEY_CHARS = 32
const CHECK_CHARS = 4
export const RECOVERY_KEY_LENGTH = KEY_CHARS + CHECK_CHARS

function toBase32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

function fromBase32(text: string): Uint8Array | null {
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const char of text) {
    const index = ALPHABET.indexOf(char)
    if (index < 0) return null
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return new Uint8Array(out)
}

async function checksum(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)))
  return toBase32(digest.subarray(0, 3)).slice(0, CHECK_CHARS)
}

export function groupRecoveryKey(chars: string): string {
  return chars.match(/.{1,4}/g)?.join('-') ?? chars
}

export interface RecoveryKey {
  bytes: Uint8Array<ArrayBuffer>
  /** The grouped text shown to the therapist, once. */
  text: string
}

export async function generateRecoveryKey(): Promise<RecoveryKey> {
  const bytes = randomBytes(RECOVERY_KEY_BYTES)
  return { bytes, text: groupRecoveryKey(toBase32(bytes) + (await checksum(bytes))) }
}

/** Reads a typed recovery key, forgiving spaces, dashes, case and look-alike characters. */
export async function parseRecoveryKey(input: string): Promise<Uint8Array<ArrayBuffer>> {
  const normalized = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (normalized.length !== RECOVERY_KEY_LENGTH) throw new VaultError('recovery-key-malformed')
  const bytes = fromBase32(normalized.slice(0, KEY_CHARS))
  if (!bytes || bytes.length !== RECOVERY_KEY_BYTES) throw new VaultError('recovery-key-malformed')
  const expected = await checksum(bytes)
  const given = normalized.slice(KEY_CHARS)
  const encoder = new TextEncoder()
  if (!bytesEqual(encoder.encode(expected), encoder.encode(given)))
    throw new VaultError('recovery-key-malformed')
  return new Uint8Array(bytes)
}

/** The recovery key is already high-entropy: HKDF (fast) is the right derivation, not Argon2. */
export async function deriveKeyFromRecoveryKey(
  bytes: Uint8Array<ArrayBuffer>,
  salt: Uint8Array,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', bytes, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(salt),
      info: new TextEncoder().encode('mend recovery key v1'),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  )
}
