import { SnappyCompressor } from 'snappyjs/snappy_compressor'
import { SnappyDecompressor } from 'snappyjs/snappy_decompressor'
import { VaultError } from './errors'

/**
 * Sealed texts are compressed before they are encrypted (Snappy): a walkout record's JSON
 * shrinks to about 60%, and IndexedDB's cost grows with the bytes it stores and reads (bulk
 * reads, backups, restores and the search index's build are bound by it). Snappy, not deflate:
 * it uncompresses a record in microseconds where deflate's tables cost tens of them per call.
 *
 * A compressed plaintext starts with the byte 0x00, which JSON text never starts with, so rows
 * sealed before (plain UTF-8 JSON) open as they are. Short texts, and texts that would not
 * shrink, stay plain. The marker is inside the encryption, so it is authenticated like the rest.
 *
 * What compression tells: a row's size already says how much text it holds; compressed, it says
 * roughly how much it would take to write that text down. Nobody can make Mend compress their
 * words together with a record's and watch the sizes, which is what attacks on compression need.
 */

/** The first byte of a compressed plaintext. */
export const COMPRESSED = 0x00
/** Texts shorter than this are sealed as they are (little to gain on a few hundred bytes). */
export const COMPRESS_FROM = 256
/** The most a compressed plaintext may claim to uncompress to (a sealed row is far smaller). */
const MAX_PLAIN = 64 * 1024 * 1024

/**
 * Compression is kept only where it saves at least this share of the text: a client record
 * (about 470 bytes of JSON) shrinks by a tenth, which costs more to uncompress on every read
 * than its bytes cost IndexedDB; a walkout shrinks by about two fifths.
 */
const WORTH = 7 / 8

/** The compressed bytes of the last `compact`, in one reused buffer (wiped by `wipeCompacted`). */
let packed = new Uint8Array(96 * 1024)
let packedUsed = 0

/**
 * The plaintext to encrypt for `text` (UTF-8 bytes): compressed and marked when that is
 * smaller, else `text` itself. A compressed result is a view of a buffer that the next call
 * reuses: encrypt it at once (WebCrypto copies its input) and call `wipeCompacted` after.
 */
export function compact(text: Uint8Array): Uint8Array {
  if (text.length < COMPRESS_FROM) return text
  const compressor = new SnappyCompressor(text)
  const room = compressor.maxCompressedLength() + 1
  if (room > packed.length) packed = new Uint8Array(room)
  packed[0] = COMPRESSED
  const length = compressor.compressToBuffer(packed.subarray(1)) + 1
  packedUsed = length
  if (length > text.length * WORTH) {
    wipeCompacted()
    return text
  }
  return packed.subarray(0, length)
}

/** Zeroes what `compact` wrote (nothing of a record is left in the reused buffer). */
export function wipeCompacted(): void {
  packed.fill(0, 0, packedUsed)
  packedUsed = 0
}

/** The uncompressed length a compressed plaintext declares, and its reader. */
function unpacker(plain: Uint8Array): [SnappyDecompressor, number] {
  const decompressor = new SnappyDecompressor(plain.subarray(1))
  const length = decompressor.readUncompressedLength()
  if (length < 0 || length > MAX_PLAIN) throw new VaultError('record-damaged')
  return [decompressor, length]
}

/**
 * The UTF-8 text of a decrypted plaintext: uncompressed if `compact` compressed it, else the
 * bytes themselves. A compressed plaintext that does not uncompress is 'record-damaged' (it
 * authenticated, so only a fault in Mend could make one).
 */
export function expand(plain: Uint8Array): Uint8Array {
  if (plain.length === 0 || plain[0] !== COMPRESSED) return plain
  const [decompressor, length] = unpacker(plain)
  const out = new Uint8Array(length)
  if (!decompressor.uncompressToBuffer(out)) throw new VaultError('record-damaged')
  return out
}

/** Texts uncompressed only to be decoded, in one reused buffer (wiped after each). */
const unpacked = new Uint8Array(64 * 1024)

/**
 * What `decode` makes of `expand(plain)`, without a new buffer for each compressed plaintext
 * (a bulk read opens tens of thousands): the uncompressed bytes are decoded from a reused
 * buffer, which is wiped before this returns.
 */
export function expandTo<T>(plain: Uint8Array, decode: (text: Uint8Array) => T): T {
  if (plain.length === 0 || plain[0] !== COMPRESSED) return decode(plain)
  const [decompressor, length] = unpacker(plain)
  // A longer text (rare) gets a buffer of its own, so the reused one stays small.
  const out = length <= unpacked.length ? unpacked.subarray(0, length) : new Uint8Array(length)
  try {
    if (!decompressor.uncompressToBuffer(out)) throw new VaultError('record-damaged')
    return decode(out)
  } finally {
    out.fill(0)
  }
}
