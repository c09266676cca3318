import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import {
  armor,
  Decrypter,
  Encrypter,
  generateX25519Identity,
  identityToRecipient,
  Stanza,
  type Identity,
  type Recipient,
} from 'age-encryption'
import { scrypt } from 'hash-wasm'
import { randomBytes, utf8 } from './bytes'

/**
 * Standard age files (age-encryption.org/v1, https://age-encryption.org) for backups, through
 * Filippo Valsorda's `age-encryption` package. Two kinds of recipient:
 *
 * - a passphrase (an age `scrypt` stanza), for backups exported by hand and for the backup key
 *   file. scrypt runs in a worker (at age's default work factor it takes seconds and 256 MiB);
 *   the stanza is built here, exactly as the spec and the reference implementation do.
 * - an X25519 recipient (`age1…`), for automatic backups: no passphrase needed to write them.
 *
 * Before any key derivation the header is measured and read (`readAgeHeader`): an empty file, a
 * file that is not age, a header far larger than any Mend writes, or a passphrase stanza asking
 * for more work than Mend allows is refused with its own code, before any work is done.
 * Decryption streams; a payload chunk that does not authenticate (a flipped bit, a cut-off file)
 * errors the stream with 'payload-damaged'. Nothing read from such a stream may be used before
 * the stream has ended without error.
 */

export type AgeErrorCode =
  /** Zero bytes. */
  | 'empty'
  /** Does not start with the age version line (nor age's ASCII armor). */
  | 'not-age'
  /** The header runs past MAX_AGE_HEADER_BYTES, or has more than MAX_AGE_STANZAS stanzas. */
  | 'header-too-large'
  /** The header is malformed, cut short, or its MAC does not match. */
  | 'header-damaged'
  /** A passphrase file, and no passphrase was given. */
  | 'passphrase-needed'
  /** A file for public-key recipients, and no identity was given. */
  | 'identity-needed'
  | 'wrong-passphrase'
  /** None of the identities given opens it: another recipient (or a damaged stanza). */
  | 'not-for-this-key'
  /** The passphrase stanza asks for more scrypt work than MAX_SCRYPT_LOG_N. */
  | 'work-factor-too-high'
  /** The payload does not authenticate: changed or cut short. */
  | 'payload-damaged'

/** A failure of the age layer. The message is the code only: never a key, a passphrase or data. */
export class AgeError extends Error {
  constructor(readonly code: AgeErrorCode) {
    super(`age: ${code}`)
    this.name = 'AgeError'
  }
}

export const AGE_VERSION_LINE = 'age-encryption.org/v1'
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----'
/** Mend's headers are a few hundred bytes; age's own tools write a few KiB at most. */
export const MAX_AGE_HEADER_BYTES = 64 * 1024
export const MAX_AGE_STANZAS = 32
/** age's default work factor (2^18: about a second on a desktop, 256 MiB). */
export const DEFAULT_SCRYPT_LOG_N = 18
/**
 * The most scrypt work a file may ask for. Each step doubles time and memory: 2^18 needs 256 MiB,
 * 2^20 would need 1 GiB, enough to bring the app down. age's own tools write 18.
 */
export const MAX_SCRYPT_LOG_N = 18
const SCRYPT_LABEL = 'age-encryption.org/v1/scrypt'
const FILE_KEY_BYTES = 16
const CHUNK_BYTES = 64 * 1024

/** What a file's header says, read before any key is derived. */
export interface AgeHeader {
  /** The binary age file (ASCII armor removed). */
  bytes: Uint8Array
  /** Length of the header, up to and including the MAC line. */
  headerBytes: number
  /** The type of each recipient stanza ('X25519', 'scrypt', 'mlkem768x25519'…). */
  types: string[]
  /** For a passphrase file, scrypt's work factor as written (log2 N); NaN if it is not a number. */
  scryptLogN: number | null
}

const startsWith = (bytes: Uint8Array, text: string, at = 0): boolean => {
  if (bytes.length < at + text.length) return false
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false
  return true
}

function dearmor(file: Uint8Array): Uint8Array {
  let start = 0
  while (start < file.length && /\s/.test(String.fromCharCode(file[start]!))) start++
  if (!startsWith(file, ARMOR_BEGIN, start)) return file
  try {
    return armor.decode(new TextDecoder('utf-8', { fatal: true }).decode(file))
  } catch {
    throw new AgeError('header-damaged')
  }
}

/**
 * Reads an age file's header without decrypting anything: which recipients it is for, and where
 * it ends. Refuses an empty file, a file that is not age, and a header that is too large.
 */
export function readAgeHeader(file: Uint8Array): AgeHeader {
  if (file.length === 0) throw new AgeError('empty')
  const bytes = dearmor(file)
  if (!startsWith(bytes, `${AGE_VERSION_LINE}\n`)) throw new AgeError('not-age')
  const types: string[] = []
  let scryptLogN: number | null = null
  let at = AGE_VERSION_LINE.length + 1
  const limit = Math.min(bytes.length, MAX_AGE_HEADER_BYTES)
  while (at < limit) {
    let end = at
    while (end < limit && bytes[end] !== 0x0a) end++
    if (end >= limit) break
    if (startsWith(bytes, '--- ', at)) return { bytes, headerBytes: end + 1, types, scryptLogN }
    if (startsWith(bytes, '-> ', at)) {
      if (types.length >= MAX_AGE_STANZAS) throw new AgeError('header-too-large')
      const args = String.fromCharCode(...bytes.subarray(at + 3, Math.min(end, at + 512))).split(
        ' ',
      )
      types.push(args[0] ?? '')
      if (args[0] === 'scrypt')
        scryptLogN = /^[1-9][0-9]*$/.test(args[2] ?? '') ? Number(args[2]) : NaN
    }
    at = end + 1
  }
  throw new AgeError(bytes.length > MAX_AGE_HEADER_BYTES ? 'header-too-large' : 'header-damaged')
}

// ------------------------------------------------------------------ scrypt stanzas

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '')

/** Canonical unpadded base64 (as age requires), or null. */
function fromB64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*$/.test(text)) return null
  try {
    const binary = atob(text + '='.repeat((4 - (text.length % 4)) % 4))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    return b64(bytes) === text ? bytes : null
  } catch {
    return null
  }
}

interface ScryptInput {
  password: Uint8Array
  salt: Uint8Array
  logN: number
}

/** scrypt (r = 8, p = 1, 32 bytes) in a worker; in this thread where there are no workers (Node). */
async function runScrypt(input: ScryptInput): Promise<Uint8Array> {
  if (typeof Worker === 'undefined' || typeof window === 'undefined') {
    return scrypt({
      ...input,
      costFactor: 2 ** input.logN,
      blockSize: 8,
      parallelism: 1,
      hashLength: 32,
      outputType: 'binary',
    })
  }
  const worker = new Worker(new URL('./scrypt.worker.ts', import.meta.url), { type: 'module' })
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ ok: boolean; raw?: Uint8Array }>) =>
        event.data.ok && event.data.raw
          ? resolve(event.data.raw)
          : reject(new Error('scrypt failed'))
      worker.onerror = () => reject(new Error('scrypt failed'))
      worker.postMessage(input)
    })
  } finally {
    worker.terminate()
  }
}

/** The key that wraps the file key: scrypt(passphrase, label || salt, 2^logN, 8, 1). */
async function stanzaKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Uint8Array> {
  const label = utf8(SCRYPT_LABEL)
  const labelled = new Uint8Array(label.length + salt.length)
  labelled.set(label)
  labelled.set(salt, label.length)
  return runScrypt({ password: utf8(passphrase), salt: labelled, logN })
}

const ZERO_NONCE = new Uint8Array(12)

function openFileKey(body: Uint8Array, key: Uint8Array): Uint8Array | null {
  try {
    const fileKey = chacha20poly1305(key, ZERO_NONCE).decrypt(body)
    return fileKey.length === FILE_KEY_BYTES ? fileKey : null
  } catch {
    return null
  }
}

/** The forms of a typed passphrase to try: as composed by most keyboards (NFC), then as typed. */
function passphraseForms(passphrase: string): string[] {
  const nfc = passphrase.normalize('NFC')
  return nfc === passphrase ? [nfc] : [nfc, passphrase]
}

/** The scrypt stanza's salt and work factor; anything malformed is a damaged header. */
function scryptArgs(stanza: Stanza): { salt: Uint8Array; logN: number } {
  const [, saltText, logText] = stanza.args
  if (stanza.args.length !== 3 || !/^[1-9][0-9]*$/.test(logText ?? ''))
    throw new AgeError('header-damaged')
  const salt = fromB64(saltText ?? '')
  if (!salt || salt.length !== 16 || stanza.body.length !== 32) throw new AgeError('header-damaged')
  const logN = Number(logText)
  if (logN > MAX_SCRYPT_LOG_N) throw new AgeError('work-factor-too-high')
  return { salt, logN }
}

/** Opens age's passphrase stanza ("scrypt"), deriving the key in a worker. */
class PassphraseIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'scrypt') continue
      // The spec: a passphrase stanza is the only stanza of its file.
      if (stanzas.length !== 1) throw new AgeError('header-damaged')
      const { salt, logN } = scryptArgs(stanza)
      for (const form of passphraseForms(this.passphrase)) {
        const key = await stanzaKey(form, salt, logN)
        const fileKey = openFileKey(stanza.body, key)
        key.fill(0)
        if (fileKey) return fileKey
      }
    }
    return null
  }
}

/**
 * Wraps the file key to a passphrase (age's "scrypt" stanza). Keeps the derived key until
 * `dispose`, so the file just written can be read back and checked without running scrypt again.
 */
class PassphraseRecipient implements Recipient {
  private key: Uint8Array | null = null
  private stanza: Stanza | null = null

  constructor(
    private readonly passphrase: string,
    private readonly logN: number,
  ) {}

  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    const salt = randomBytes(16)
    this.dispose()
    this.key = await stanzaKey(this.passphrase.normalize('NFC'), salt, this.logN)
    const body = chacha20poly1305(this.key, ZERO_NONCE).encrypt(fileKey)
    this.stanza = new Stanza(['scrypt', b64(salt), String(this.logN)], body)
    return [this.stanza]
  }

  /** Opens exactly the stanza this recipient wrote (same salt and work factor), with its key. */
  verifier(): Identity {
    return {
      unwrapFileKey: (stanzas) => {
        const mine = this.stanza
        const key = this.key
        if (!mine || !key) return null
        const found = stanzas.find(
          (s) =>
            stanzas.length === 1 &&
            s.args.length === 3 &&
            s.args[0] === 'scrypt' &&
            s.args[1] === mine.args[1] &&
            s.args[2] === mine.args[2],
        )
        return found ? openFileKey(found.body, key) : null
      },
    }
  }

  dispose(): void {
    this.key?.fill(0)
    this.key = null
  }
}

// ------------------------------------------------------------------ streams

/** A byte array as a stream of 64 KiB chunks (views, no copies). */
export function bytesStream(
  bytes: Uint8Array,
  chunkBytes = CHUNK_BYTES,
): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(at, at + chunkBytes))
      at += chunkBytes
    },
  })
}

/** The same stream, whose failure (whatever it was) becomes `error()`. */
function failingAs(
  stream: ReadableStream<Uint8Array>,
  error: () => Error,
): ReadableStream<Uint8Array> {
  const reader = stream.getReader()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await reader.read()
      } catch {
        controller.error(error())
        return
      }
      if (result.done) controller.close()
      else controller.enqueue(result.value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
}

/** Reads a whole stream into one array. */
export async function readAllBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let length = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    length += value.length
  }
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

// ------------------------------------------------------------------ encrypt, decrypt

export type AgeRecipient =
  { kind: 'x25519'; recipient: string } | { kind: 'passphrase'; passphrase: string; logN?: number }

export interface AgeEncryption {
  /** The age file, as it is produced. */
  stream: ReadableStream<Uint8Array>
  /**
   * For a passphrase file: an identity that opens it without running scrypt again (to read the
   * file back and check it). Null for an X25519 file (its identity is the caller's).
   */
  verifier: Identity | null
  /** Forgets the derived key kept for the verifier. */
  dispose(): void
}

function encrypterFor(to: AgeRecipient): {
  encrypter: Encrypter
  passphrase: PassphraseRecipient | null
} {
  const encrypter = new Encrypter()
  if (to.kind === 'x25519') {
    if (!/^age1[02-9ac-hj-np-z]{58}$/.test(to.recipient)) throw new Error('not an X25519 recipient')
    encrypter.addRecipient(to.recipient)
    return { encrypter, passphrase: null }
  }
  const logN = to.logN ?? DEFAULT_SCRYPT_LOG_N
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_SCRYPT_LOG_N)
    throw new Error('scrypt work factor out of range')
  if (to.passphrase.length === 0) throw new Error('empty passphrase')
  const passphrase = new PassphraseRecipient(to.passphrase, logN)
  encrypter.addRecipient(passphrase)
  return { encrypter, passphrase }
}

/** Encrypts a stream to one recipient. */
export async function encryptAge(
  plain: ReadableStream<Uint8Array>,
  to: AgeRecipient,
): Promise<AgeEncryption> {
  const { encrypter, passphrase } = encrypterFor(to)
  const stream = await encrypter.encrypt(plain)
  return {
    stream,
    verifier: passphrase ? passphrase.verifier() : null,
    dispose: () => passphrase?.dispose(),
  }
}

/** Encrypts a small byte array (the backup key file). */
export async function encryptAgeBytes(plain: Uint8Array, to: AgeRecipient): Promise<Uint8Array> {
  const { encrypter, passphrase } = encrypterFor(to)
  try {
    return await encrypter.encrypt(plain)
  } finally {
    passphrase?.dispose()
  }
}

export interface AgeKeys {
  /** For passphrase files. */
  passphrase?: string
  /** age identities (`AGE-SECRET-KEY-1…`) or identity objects, for X25519 files. */
  identities?: (string | Identity)[]
}

/**
 * Opens an age file whose header was read with `readAgeHeader`. Resolves once the header is
 * authenticated, with the plaintext as a stream; the stream errors with 'payload-damaged' if any
 * chunk does not authenticate or the file is cut short.
 */
export async function decryptAge(
  header: AgeHeader,
  keys: AgeKeys,
): Promise<ReadableStream<Uint8Array>> {
  const decrypter = new Decrypter()
  const isPassphrase = header.types.includes('scrypt')
  const identities = keys.identities ?? []
  if (isPassphrase) {
    if (header.types.length !== 1 || header.scryptLogN === null || Number.isNaN(header.scryptLogN))
      throw new AgeError('header-damaged')
    if (header.scryptLogN > MAX_SCRYPT_LOG_N) throw new AgeError('work-factor-too-high')
    // A passphrase, or an identity object that opens passphrase stanzas (a writer's verifier).
    const objects = identities.filter((identity) => typeof identity !== 'string')
    if (!keys.passphrase && objects.length === 0) throw new AgeError('passphrase-needed')
    if (keys.passphrase) decrypter.addIdentity(new PassphraseIdentity(keys.passphrase))
    for (const identity of objects) decrypter.addIdentity(identity)
  } else {
    if (identities.length === 0) throw new AgeError('identity-needed')
    for (const identity of identities) decrypter.addIdentity(identity)
  }
  // The 16-byte nonce and at least one chunk's tag must follow the header.
  if (header.bytes.length < header.headerBytes + 16 + 16) {
    // Still authenticate the header first: a wrong key must say so, not "cut short".
    await openHeader(decrypter, header, isPassphrase)
    throw new AgeError('payload-damaged')
  }
  let plain: ReadableStream<Uint8Array>
  try {
    plain = await decrypter.decrypt(bytesStream(header.bytes))
  } catch (error) {
    throw headerError(error, isPassphrase)
  }
  return failingAs(plain, () => new AgeError('payload-damaged'))
}

async function openHeader(
  decrypter: Decrypter,
  header: AgeHeader,
  isPassphrase: boolean,
): Promise<void> {
  try {
    const fileKey = await decrypter.decryptHeader(header.bytes.subarray(0, header.headerBytes))
    fileKey.fill(0)
  } catch (error) {
    throw headerError(error, isPassphrase)
  }
}

function headerError(error: unknown, isPassphrase: boolean): AgeError {
  if (error instanceof AgeError) return error
  if (error instanceof Error && /no identity matched/.test(error.message))
    return new AgeError(isPassphrase ? 'wrong-passphrase' : 'not-for-this-key')
  return new AgeError('header-damaged')
}

/** Opens a small age file whole (the backup key file). */
export async function decryptAgeBytes(file: Uint8Array, keys: AgeKeys): Promise<Uint8Array> {
  return readAllBytes(await decryptAge(readAgeHeader(file), keys))
}

// ------------------------------------------------------------------ identities

const IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/

export interface AgeKeyPair {
  /** `AGE-SECRET-KEY-1…`: opens the backups. */
  identity: string
  /** `age1…`: what backups are encrypted to. */
  recipient: string
}

/** A new X25519 identity for automatic backups. */
export async function newAgeKeyPair(): Promise<AgeKeyPair> {
  const identity = await generateX25519Identity()
  return { identity, recipient: await identityToRecipient(identity) }
}

/** The recipient of an identity, or null if it is not a valid X25519 identity. */
export async function recipientOf(identity: string): Promise<string | null> {
  if (!IDENTITY.test(identity)) return null
  try {
    return await identityToRecipient(identity)
  } catch {
    return null
  }
}

/**
 * An identity file as age-keygen writes it (comments, then the key), so the reference tools can
 * use it: `age -d -i key.txt backup.age`.
 */
export function identityFileText(pair: AgeKeyPair, createdAt: string): string {
  return `# created: ${createdAt}\n# public key: ${pair.recipient}\n${pair.identity}\n`
}

/** The identity in an identity file (the first line that is one), checked; null if none. */
export async function parseIdentityFile(text: string): Promise<AgeKeyPair | null> {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith('AGE-SECRET-KEY-1'))
  if (!line) return null
  const recipient = await recipientOf(line)
  return recipient ? { identity: line, recipient } : null
}
