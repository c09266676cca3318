import type { SheetBlock, SheetGroup } from './prep-sheet-content'

/**
 * The pure half of fitting the session-prep sheet to one page: how text is cut, how the page's
 * height is shared between sections, and the search for the most text that fits. The measuring
 * half (rendered heights in CSS px) is in `useSheetFit`.
 */

/** What a shortened section ends with. */
export const CONTINUES = '… continues in the chart copy'

/**
 * The first `limit` characters of `text`, ending at a word boundary when one is near (within a
 * fifth of the limit), without trailing spaces or a dangling comma.
 */
export function cutText(text: string, limit: number): string {
  if (limit <= 0) return ''
  const chars = Array.from(text)
  if (chars.length <= limit) return text
  const head = chars.slice(0, limit).join('')
  const boundary = head.search(/\s\S*$/)
  const cut = boundary >= limit * 0.8 ? head.slice(0, boundary) : head
  return cut.replace(/[\s,;:–—-]+$/u, '')
}

/** Characters of a text, counted as the reader sees them (not UTF-16 units). */
export const lengthOf = (text: string): number => Array.from(text).length

export interface Truncated {
  /** The text of each block that is kept, in order (the last one may be cut). */
  texts: string[]
  /** Whether anything was left out. */
  cut: boolean
}

/**
 * Blocks shortened to at most `limit` characters in all, in reading order: whole blocks while
 * they fit, then the one where the limit falls is cut; the rest are left out. `null` keeps all.
 */
export function truncateBlocks(blocks: readonly string[], limit: number | null): Truncated {
  if (limit === null) return { texts: [...blocks], cut: false }
  const texts: string[] = []
  let remaining = Math.max(0, Math.floor(limit))
  for (const block of blocks) {
    const length = lengthOf(block)
    if (length <= remaining) {
      texts.push(block)
      remaining -= length
      continue
    }
    const cut = cutText(block, remaining)
    if (cut) texts.push(cut)
    return { texts, cut: true }
  }
  return { texts, cut: false }
}

export function totalLength(blocks: readonly string[]): number {
  return blocks.reduce((sum, block) => sum + lengthOf(block), 0)
}

/**
 * Shares `available` height between sections of natural heights `natural` (water-filling):
 * sections that need no more than an equal share keep their height; what they leave is shared
 * equally by the others. Each result is at most the section's natural height, and they add up to
 * at most `available`.
 */
export function allot(natural: readonly number[], available: number): number[] {
  const result = natural.map(() => 0)
  const total = natural.reduce((sum, h) => sum + h, 0)
  if (total <= available) return [...natural]
  let space = Math.max(0, available)
  let open = natural.map((h, i) => ({ h, i }))
  while (open.length > 0) {
    const share = space / open.length
    const small = open.filter(({ h }) => h <= share)
    if (small.length === 0) {
      for (const { i } of open) result[i] = share
      break
    }
    for (const { h, i } of small) {
      result[i] = h
      space -= h
    }
    open = open.filter(({ h }) => h > share)
  }
  return result
}

/**
 * The largest n in [0, max] for which `fits(n)` holds, assuming that fewer never fits worse.
 * `guess` (optional) starts the search near the answer; 0 is returned when nothing else fits.
 */
export function largestFitting(max: number, fits: (n: number) => boolean, guess?: number): number {
  let lo = 0 // fits (an empty section always does: it is only its heading)
  let hi = Math.max(0, Math.floor(max)) + 1 // does not fit, or beyond the range
  if (guess !== undefined && guess > 0 && guess <= max) {
    // Bracket the answer around the guess first: a good guess leaves a narrow range.
    const step = Math.max(16, Math.floor(guess * 0.1))
    const g = Math.floor(guess)
    if (fits(g)) {
      lo = g
      const up = Math.min(max, g + step)
      if (up > g && !fits(up)) hi = up
      else lo = up
    } else {
      hi = g
      const down = Math.max(0, g - step)
      if (fits(down)) lo = down
      else hi = down
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (fits(mid)) lo = mid
    else hi = mid
  }
  return lo
}

/** How one group (one walkout's lines in a section) was fitted. */
export interface GroupFit {
  /** Characters of the group's text in all (null: all of it). */
  limit: number | null
  /** Characters of single blocks capped to a few lines ("what happened"), by block index. */
  blockCaps?: Readonly<Record<number, number>>
}

export type FittedBlock = SheetBlock & {
  /** The block was shortened, or is the last one kept: it ends with the "continues" words. */
  capped?: boolean
}

export interface FittedGroup {
  blocks: FittedBlock[]
  /** Something of the group was left out. */
  cut: boolean
  /** Cut to nothing: the "continues" words stand on a line of their own. */
  markerLine: boolean
}

/**
 * A group as printed under a fit: the blocks kept, with their text. Where the group is cut, its
 * last kept block ends with the "continues" words (on a line of their own when none is kept).
 */
export function applyFit(
  group: Pick<SheetGroup, 'blocks'>,
  fit: GroupFit | undefined,
): FittedGroup {
  const caps = fit?.blockCaps ?? {}
  const capped: FittedBlock[] = group.blocks.map((block, index) => {
    const cap = caps[index]
    return cap !== undefined && cap < lengthOf(block.text)
      ? { ...block, text: cutText(block.text, cap), capped: true }
      : block
  })
  const { texts, cut } = truncateBlocks(
    capped.map((block) => block.text),
    fit?.limit ?? null,
  )
  const blocks = texts.map((text, index) => ({ ...capped[index]!, text }))
  const last = blocks.at(-1)
  if (cut && last) blocks[blocks.length - 1] = { ...last, capped: true }
  return { blocks, cut, markerLine: cut && blocks.length === 0 }
}

/** The length of a group's text once its block caps are applied (what a limit counts). */
export function groupLength(group: Pick<SheetGroup, 'blocks'>, fit: GroupFit | undefined): number {
  return totalLength(applyFit(group, { ...fit, limit: null }).blocks.map((block) => block.text))
}
