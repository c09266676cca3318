import { describe, expect, it } from 'vitest'
import {
  allot,
  applyFit,
  CONTINUES,
  cutText,
  groupLength,
  largestFitting,
  truncateBlocks,
} from '../../src/renderer/src/features/printing/fit'
import type { SheetGroup } from '../../src/renderer/src/features/printing/prep-sheet-content'
import { MAX_GROUP_CHARS, startingFit } from '../../src/renderer/src/features/printing/useSheetFit'

describe('cutting text', () => {
  it('keeps short text whole', () => {
    expect(cutText('short enough', 50)).toBe('short enough')
  })

  it('cuts at a word boundary near the limit, without trailing punctuation', () => {
    expect(cutText('one two three four five', 16)).toBe('one two three')
    expect(cutText('alpha beta, gamma', 12)).toBe('alpha beta')
  })

  it('cuts inside a word when no boundary is near (one long word)', () => {
    expect(cutText('x'.repeat(100), 10)).toBe('x'.repeat(10))
  })

  it('never splits a character outside the BMP', () => {
    const text = '😀'.repeat(10)
    expect(cutText(text, 3)).toBe('😀😀😀')
  })

  it('nothing for a limit of zero or less', () => {
    expect(cutText('abc', 0)).toBe('')
    expect(cutText('abc', -5)).toBe('')
  })
})

describe('truncating blocks', () => {
  it('keeps everything without a limit', () => {
    expect(truncateBlocks(['a', 'b'], null)).toEqual({ texts: ['a', 'b'], cut: false })
  })

  it('keeps whole blocks while they fit, cuts the one where the limit falls, drops the rest', () => {
    expect(truncateBlocks(['aaaa', 'bbbb bbbb', 'cccc'], 8)).toEqual({
      texts: ['aaaa', 'bbbb'],
      cut: true,
    })
  })

  it('a limit that falls exactly at the end is not a cut', () => {
    expect(truncateBlocks(['aaaa', 'bbbb'], 8)).toEqual({ texts: ['aaaa', 'bbbb'], cut: false })
  })

  it('a limit of zero keeps nothing and says so', () => {
    expect(truncateBlocks(['aaaa'], 0)).toEqual({ texts: [], cut: true })
  })
})

describe('applying a fit to a group', () => {
  const group: SheetGroup = {
    heading: null,
    blocks: [
      { label: 'Points', text: 'one two three four five six seven eight' },
      { label: 'Questions', text: 'why now' },
    ],
  }

  it('no fit: everything, nothing marked', () => {
    const fitted = applyFit(group, undefined)
    expect(fitted.blocks.map((b) => b.text)).toEqual(group.blocks.map((b) => b.text))
    expect(fitted.cut).toBe(false)
    expect(fitted.blocks.some((b) => b.capped)).toBe(false)
  })

  it('a cut group ends its last kept block with the continues words', () => {
    const fitted = applyFit(group, { limit: 13 })
    expect(fitted.blocks).toHaveLength(1)
    expect(fitted.blocks[0]).toMatchObject({ label: 'Points', text: 'one two three', capped: true })
    expect(fitted.markerLine).toBe(false)
  })

  it('a group cut to nothing puts the continues words on a line of their own', () => {
    expect(applyFit(group, { limit: 0 })).toMatchObject({ blocks: [], cut: true, markerLine: true })
  })

  it('a block cap shortens that block alone, and marks it', () => {
    const fitted = applyFit(group, { limit: null, blockCaps: { 0: 7 } })
    expect(fitted.blocks.map((b) => [b.text, b.capped === true])).toEqual([
      ['one two', true],
      ['why now', false],
    ])
    expect(groupLength(group, { limit: null, blockCaps: { 0: 7 } })).toBe(14)
  })

  it('the continues words are the ones the sheet promises', () => {
    expect(CONTINUES).toBe('… continues in the chart copy')
  })
})

describe('sharing the page between groups', () => {
  it('everything fits: every group keeps its height', () => {
    expect(allot([100, 50], 200)).toEqual([100, 50])
  })

  it('short groups keep their height; long ones share what is left equally', () => {
    const shares = allot([40, 1000, 2000, 30], 400)
    expect(shares[0]).toBe(40)
    expect(shares[3]).toBe(30)
    expect(shares[1]).toBeCloseTo(165)
    expect(shares[2]).toBeCloseTo(165)
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(400)
  })

  it('never gives a group more than it needs, nor more than the page in all', () => {
    const natural = [10, 300, 80, 5000, 120]
    const shares = allot(natural, 600)
    shares.forEach((share, i) => expect(share).toBeLessThanOrEqual(natural[i]!))
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(600 + 1e-9)
  })

  it('no room at all: nothing for anyone', () => {
    expect(allot([10, 20], -5)).toEqual([0, 0])
  })
})

describe('the largest amount that fits', () => {
  const fitsUnder = (limit: number) => {
    const tried: number[] = []
    return { fits: (n: number) => (tried.push(n), n <= limit), tried }
  }

  it('finds the boundary exactly, with or without a guess', () => {
    for (const guess of [undefined, 1, 500, 731, 999, 5000]) {
      const { fits } = fitsUnder(731)
      expect(largestFitting(1000, fits, guess)).toBe(731)
    }
  })

  it('everything fits: the maximum; nothing fits: zero', () => {
    expect(largestFitting(1000, () => true)).toBe(1000)
    expect(largestFitting(1000, (n) => n === 0)).toBe(0)
    expect(largestFitting(0, () => true)).toBe(0)
  })

  it('a good guess needs few measurements', () => {
    const { fits, tried } = fitsUnder(6000)
    expect(largestFitting(20_000, fits, 5900)).toBe(6000)
    expect(tried.length).toBeLessThanOrEqual(12)
  })
})

describe('where fitting starts', () => {
  const section = (id: string, texts: string[], maxLinesPerBlock?: number) => ({
    id,
    title: id,
    groups: [{ heading: null, blocks: texts.map((text) => ({ label: null, text })) }],
    ...(maxLinesPerBlock ? { maxLinesPerBlock } : {}),
  })

  it('whole groups, except those longer than a page could ever hold', () => {
    const fit = startingFit([
      section('short', ['a few words']),
      section('long', ['x'.repeat(MAX_GROUP_CHARS), 'y'.repeat(10)]),
    ])
    expect(fit['short']).toEqual([{ limit: null }])
    expect(fit['long']).toEqual([{ limit: MAX_GROUP_CHARS }])
  })

  it('blocks with a line budget are capped one by one, so each stays on screen to measure', () => {
    const fit = startingFit([section('what', ['x'.repeat(20_000), 'short'], 3)])
    expect(fit['what']).toEqual([{ limit: null, blockCaps: { 0: MAX_GROUP_CHARS } }])
  })

  it('a page never holds that many characters: the cap is well above a full page', () => {
    // 186 mm × 240 mm of 10 pt text in a narrow font: about 130 characters × 55 lines.
    expect(MAX_GROUP_CHARS).toBeGreaterThan(130 * 55)
  })
})
