import { describe, expect, it } from 'vitest'
import {
  compact,
  COMPRESSED,
  COMPRESS_FROM,
  expand,
  wipeCompacted,
} from '../../src/renderer/src/crypto/compact'
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
    for (const data of broken) expect(() => expand(data)).toThrow(VaultError)
  })
})
