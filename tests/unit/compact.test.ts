import { describe, expect, it } from 'vitest'
import {
  compact,
  COMPRESSED,
  COMPRESS_FROM,
  expand,
  expandTo,
  wipeCompacted,
} from '../../src/renderer/src/crypto/compact'
import { SnappyCompressor } from 'snappyjs/snappy_compressor'
import { VaultError } from '../../src/renderer/src/crypto/errors'

const bytes = (text: string) => new TextEncoder().encode(text)
const text = (data: Uint8Array) => new TextDecoder().decode(data)

/** A record-like JSON text: words repeat, as they do in notes. */
const record = JSON.stringify({
  beforeNarrative: 'we talked about sleep and the week ahead, and about work; '.repeat(30),
  rationale: 'the client said they felt tense after the topic of work came up',
})

describe('sealed texts are compressed before encryption', () => {
  it('a record-sized text shrinks, is marked, and expands to the same text', () => {
    const plain = bytes(record)
    const packed = compact(plain)
    expect(packed[0]).toBe(COMPRESSED)
    expect(packed.length).toBeLessThan(plain.length / 2)
    expect(text(expand(packed.slice()))).toBe(record)
    wipeCompacted()
  })

  it('short texts and texts that would not shrink stay as they are (and open as they are)', () => {
    const short = bytes(JSON.stringify({ a: 'x'.repeat(COMPRESS_FROM - 20) }))
    expect(compact(short)).toBe(short)
    const noise = crypto.getRandomValues(new Uint8Array(4096))
    noise[0] = 0x7b // '{': as any JSON text starts
    expect(compact(noise)).toBe(noise)
    expect(expand(short)).toBe(short)
  })

  it('a text that compression would shrink by less than an eighth stays as it is', () => {
    // Hex of a fixed pseudo-random sequence (few repeats), and one repeated stretch: Snappy
    // saves a little, not enough. Fixed, so the text is the same at every run.
    let seed = 12345
    const hex = Array.from({ length: 300 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return (seed >>> 24).toString(16).padStart(2, '0')
    }).join('')
    const stretch = 'the same sentence comes back once in this note. '
    const plain = bytes(JSON.stringify({ a: hex, b: stretch, c: stretch }))
    const snappy = new SnappyCompressor(plain)
    const room = new Uint8Array(snappy.maxCompressedLength())
    const saved = 1 - (snappy.compressToBuffer(room) + 1) / plain.length
    expect(saved).toBeGreaterThan(0)
    expect(saved).toBeLessThan(1 / 8)
    expect(compact(plain)).toBe(plain)
  })

  it('expandTo decodes a compressed text from a reused buffer and wipes it after', () => {
    const packed = compact(bytes(record)).slice()
    wipeCompacted()
    let seen: Uint8Array | undefined
    expect(expandTo(packed, (data) => ((seen = data), text(data)))).toBe(record)
    expect(seen!.length).toBe(bytes(record).length)
    expect(seen!.every((b) => b === 0)).toBe(true)
    // A plain text is handed over as it is.
    const short = bytes('{"a":1}')
    expect(expandTo(short, (data) => data)).toBe(short)
    // A decode that throws still leaves the buffer wiped.
    expect(() =>
      expandTo(packed, (data) => {
        seen = data
        throw new Error('decode failed')
      }),
    ).toThrow('decode failed')
    expect(seen!.every((b) => b === 0)).toBe(true)
  })

  it('JSON never starts with the marker, so rows sealed before open unchanged', () => {
    for (const value of [{}, [], 'text', 12, true, null])
      expect(bytes(JSON.stringify(value))[0]).not.toBe(COMPRESSED)
  })

  it('the reused buffer holds nothing of the text once wiped', () => {
    const packed = compact(bytes(record))
    const view = new Uint8Array(packed.buffer, packed.byteOffset, packed.length)
    expect(view.some((b) => b !== 0)).toBe(true)
    wipeCompacted()
    expect(view.every((b) => b === 0)).toBe(true)
  })

  it('a marked text that does not uncompress is a damaged record, not a crash', () => {
    const broken = [
      Uint8Array.of(COMPRESSED),
      Uint8Array.of(COMPRESSED, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      Uint8Array.of(COMPRESSED, 10, 0x0d, 0xff, 0xff),
    ]
    for (const data of broken) {
      expect(() => expand(data)).toThrow(VaultError)
      expect(() => expandTo(data, text)).toThrow(VaultError)
    }
  })
})
