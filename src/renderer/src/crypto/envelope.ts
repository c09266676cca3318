import { buf, fromSealedUtf8, randomBytes, utf8 } from './bytes'
import { compact, expandTo, wipeCompacted } from './compact'
import { VaultError } from './errors'

/** Format of the envelope itself (bound into the associated data). */
export const ENVELOPE_VERSION = 1
const IV_BYTES = 12

/** What is stored for an encrypted value: a fresh 96-bit IV and the AES-GCM output (ciphertext + tag). */
export interface Sealed {
  iv: Uint8Array
  ct: Uint8Array
}

/**
 * The associated data for a record: envelope version, table, record id and the record's schema
 * version. A ciphertext moved to another record, table or schema version fails to open
 * (after Standard Notes protocol 004).
 */
export function recordAad(
  table: string,
  id: string,
  schemaVersion: number,
): Uint8Array<ArrayBuffer> {
  return utf8(`mend:e${ENVELOPE_VERSION}:${table}:${id}:s${schemaVersion}`)
}

/**
 * Writes record AADs into one reused buffer: bulk readers open thousands of records without
 * allocating a string and a buffer for each. WebCrypto copies the AAD when `decrypt` is called,
 * so the buffer may be overwritten as soon as the call has been made.
 */
export class AadWriter {
  private buffer = new Uint8Array(256)
  private readonly encoder = new TextEncoder()

  write(table: string, id: string, schemaVersion: number): Uint8Array<ArrayBuffer> {
    const text = `mend:e${ENVELOPE_VERSION}:${table}:${id}:s${schemaVersion}`
    for (;;) {
      const { read, written } = this.encoder.encodeInto(text, this.buffer)
      if (read === text.length) return this.buffer.subarray(0, written)
      this.buffer = new Uint8Array(this.buffer.length * 2)
    }
  }
}

export async function sealBytes(
  key: CryptoKey,
  aad: Uint8Array,
  plaintext: Uint8Array,
): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES)
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: buf(aad), tagLength: 128 },
      key,
      buf(plaintext),
    ),
  )
  return { iv, ct }
}

export async function openBytes(
  key: CryptoKey,
  aad: Uint8Array,
  sealed: Sealed,
): Promise<Uint8Array> {
  if (
    !(sealed?.iv instanceof Uint8Array) ||
    !(sealed.ct instanceof Uint8Array) ||
    sealed.iv.length !== IV_BYTES
  ) {
    throw new VaultError('record-damaged')
  }
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: buf(sealed.iv), additionalData: buf(aad), tagLength: 128 },
        key,
        buf(sealed.ct),
      ),
    )
  } catch {
    throw new VaultError('record-damaged')
  }
}

/** IVs are cut from a block of random bytes drawn at once (one call for thousands of rows). */
const IV_BLOCK = 12 * 4096
let ivBlock = new Uint8Array(0)
let ivAt = 0

/** A fresh random 96-bit IV in a buffer of its own (never handed out twice). */
export function freshIv(): Uint8Array<ArrayBuffer> {
  if (ivAt + IV_BYTES > ivBlock.length) {
    ivBlock = randomBytes(IV_BLOCK)
    ivAt = 0
  }
  const iv = ivBlock.slice(ivAt, ivAt + IV_BYTES)
  ivAt += IV_BYTES
  return iv
}

/** The UTF-8 text of a value being sealed, written into one reused buffer (wiped after use). */
const scratch = new Uint8Array(64 * 1024)
const scratchEncoder = new TextEncoder()

/**
 * Seals a JSON-serialisable value with the given IV. The text is encoded into a shared buffer:
 * WebCrypto copies its input when `encrypt` is called, so the buffer (and `aad`, which may be
 * shared too) can be reused as soon as this returns; nothing of it is kept.
 */
export function sealInto(
  key: CryptoKey,
  aad: Uint8Array,
  iv: Uint8Array<ArrayBuffer>,
  value: unknown,
): Promise<Sealed> {
  const text = JSON.stringify(value)
  const params = { name: 'AES-GCM', iv, additionalData: buf(aad), tagLength: 128 }
  // UTF-8 needs at most three bytes per UTF-16 unit; a larger value gets a buffer of its own.
  const large = text.length * 3 > scratch.length
  const bytes = large
    ? utf8(text)
    : scratch.subarray(0, scratchEncoder.encodeInto(text, scratch).written)
  let done: Promise<ArrayBuffer>
  try {
    done = crypto.subtle.encrypt(params, key, buf(compact(bytes)))
  } finally {
    wipeCompacted()
    bytes.fill(0)
  }
  return done.then((ct) => ({ iv, ct: new Uint8Array(ct) }))
}

/**
 * The text of a sealed JSON value once decrypted: uncompressed if it was compressed (see
 * compact.ts), decoded without the fatal check (see `fromSealedUtf8`).
 */
export function sealedText(plain: Uint8Array): string {
  return expandTo(plain, fromSealedUtf8)
}

/** Seals a JSON-serialisable value. */
export async function seal(key: CryptoKey, aad: Uint8Array, value: unknown): Promise<Sealed> {
  return sealInto(key, aad, freshIv(), value)
}

/** Opens a sealed JSON value; any failure (key, tag, IV, AAD, JSON) is 'record-damaged'. */
export async function open(key: CryptoKey, aad: Uint8Array, sealed: Sealed): Promise<unknown> {
  const bytes = await openBytes(key, aad, sealed)
  try {
    return JSON.parse(sealedText(bytes)) as unknown
  } catch {
    throw new VaultError('record-damaged')
  } finally {
    bytes.fill(0)
  }
}
