import { useLayoutEffect, useMemo, useState, type RefObject } from 'react'
import {
  allot,
  applyFit,
  cutText,
  groupLength,
  largestFitting,
  lengthOf,
  type GroupFit,
} from './fit'
import type { SheetGroup, SheetSection } from './prep-sheet-content'

/**
 * Fits the session-prep sheet to its page by measuring the real layout, in CSS px, before the
 * first paint:
 *
 * 1. The sheet renders every section whole (or, for 20,000-character fields, the first page's
 *    worth of it). Each section is cloned into a hidden sandbox of the same width, where text can
 *    be tried out without React.
 * 2. Blocks with a line budget ("what happened": three lines per walkout) are capped to it.
 * 3. The height left on the page (the sheet's box, minus its header, the section titles and the
 *    smallest notes area) is shared between groups (one walkout's lines in one section): short
 *    ones keep their height, long ones share the rest equally.
 * 4. Each long group keeps the most characters that fit its share (a binary search, each try
 *    measured), and ends with "… continues in the chart copy".
 * 5. The sheet renders the result and checks that nothing overflows; if something still does
 *    (a rounding), it tightens and checks again.
 *
 * Layout, fonts and sizes are the same on screen and in print (the sheet's box is in mm, its type
 * in pt, and no rule of it depends on the medium), so what fits the preview fits the paper. The
 * sheet also clips anything past its box: it can never spill onto a second page.
 */

/** Per section id: how each of its groups (one per walkout) is fitted. */
export type SheetFit = Readonly<Record<string, readonly GroupFit[]>>

/**
 * More characters than a whole page of the sheet can hold (about 5,000 at its type size, in a
 * narrow font): a group longer than this is cut to it before anything is rendered or measured,
 * which changes nothing on paper and keeps 20,000-character fields quick to fit.
 */
export const MAX_GROUP_CHARS = 8000

/**
 * Where measuring starts: whole groups, except those longer than a page could ever show. Where
 * single blocks have a line budget, each block is capped instead (all of them stay rendered, so
 * each can be measured).
 */
export function startingFit(sections: readonly SheetSection[]): SheetFit {
  return Object.fromEntries(
    sections.map((section) => [
      section.id,
      section.groups.map((group): GroupFit => {
        if (section.maxLinesPerBlock) {
          const caps = Object.fromEntries(
            group.blocks.flatMap((block, i) =>
              lengthOf(block.text) > MAX_GROUP_CHARS ? [[i, MAX_GROUP_CHARS]] : [],
            ),
          )
          return { limit: null, blockCaps: caps }
        }
        return { limit: groupLength(group, undefined) > MAX_GROUP_CHARS ? MAX_GROUP_CHARS : null }
      }),
    ]),
  )
}

/** Room kept free below the last section, for rounding between screen and print (CSS px). */
const SAFETY_PX = 4
/** Tries at tightening after the first fit before giving up (the sheet clips, never spills). */
const MAX_TIGHTENING = 6

interface FitState {
  sections: readonly SheetSection[] | null
  layout: unknown
  fit: SheetFit
  phase: 'measure' | 'verify' | 'done'
  tries: number
}

const INITIAL: FitState = { sections: null, layout: null, fit: {}, phase: 'measure', tries: 0 }

export function useSheetFit(
  sheetRef: RefObject<HTMLElement | null>,
  sections: readonly SheetSection[],
  /** Anything else the layout depends on (the paper size). */
  layout: unknown,
): { fit: SheetFit; fitted: boolean } {
  const [state, setState] = useState<FitState>(INITIAL)
  // New content or another paper size: measure again, from the whole text.
  const current = useMemo<FitState>(
    () =>
      state.sections === sections && state.layout === layout
        ? state
        : { sections, layout, fit: startingFit(sections), phase: 'measure', tries: 0 },
    [state, sections, layout],
  )

  useLayoutEffect(() => {
    const sheet = sheetRef.current
    if (!sheet || current.phase === 'done') return
    if (current.phase === 'measure') {
      setState({ ...current, fit: measure(sheet, sections, current.fit), phase: 'verify' })
    } else if (overflows(sheet) && current.tries < MAX_TIGHTENING) {
      setState({ ...current, fit: tighten(current.fit, sections), tries: current.tries + 1 })
    } else {
      setState({ ...current, phase: 'done' })
    }
  }, [current, sections, sheetRef])

  return { fit: current.fit, fitted: current.phase === 'done' }
}

function parts(sheet: HTMLElement) {
  const body = sheet.querySelector<HTMLElement>('[data-fit-body]')
  const notes = sheet.querySelector<HTMLElement>('[data-fit-notes]')
  return body && notes ? { body, notes } : null
}

const px = (value: string): number => Number.parseFloat(value) || 0
const heightOf = (element: Element): number => element.getBoundingClientRect().height

/** Does the sheet's content run past its box, or squeeze the notes area below its minimum? */
function overflows(sheet: HTMLElement): boolean {
  const found = parts(sheet)
  if (!found) return false
  const notesMin = px(getComputedStyle(found.notes).minHeight)
  return sheet.scrollHeight > sheet.clientHeight + 1 || heightOf(found.notes) < notesMin - 1
}

/** Shows a group (in a sandbox clone) as it would print under `fit`. */
function renderGroup(element: HTMLElement, group: SheetGroup, fit: GroupFit | undefined): void {
  const { blocks, markerLine } = applyFit(group, fit)
  element.querySelectorAll<HTMLElement>('[data-fit-block]').forEach((item, index) => {
    const block = blocks[index]
    if (!block) {
      item.style.display = 'none'
      return
    }
    item.style.display = ''
    writeBlock(item, block.text, block.capped === true)
  })
  const marker = element.querySelector<HTMLElement>('[data-fit-continues]')
  if (marker) marker.hidden = !markerLine
}

function writeBlock(item: HTMLElement, text: string, capped: boolean): void {
  const target = item.querySelector('[data-fit-text]')
  if (target) target.textContent = text
  const marker = item.querySelector<HTMLElement>('[data-fit-capped]')
  if (marker) marker.hidden = !capped
}

interface Unit {
  section: SheetSection
  group: SheetGroup
  index: number
  element: HTMLElement
}

function measure(sheet: HTMLElement, sections: readonly SheetSection[], start: SheetFit): SheetFit {
  const found = parts(sheet)
  if (!found) return {}
  const { body, notes } = found
  const sandbox = document.createElement('div')
  sandbox.className = 'prep-sheet__sandbox'
  sandbox.setAttribute('aria-hidden', 'true')
  body.append(sandbox)
  try {
    const clones = sections.map((section) => {
      const original = body.querySelector(`:scope > [data-fit-section="${CSS.escape(section.id)}"]`)
      const clone = (original?.cloneNode(true) ?? document.createElement('section')) as HTMLElement
      for (const element of [clone, ...clone.querySelectorAll('[id]')])
        element.removeAttribute('id')
      sandbox.append(clone)
      return clone
    })
    const units: Unit[] = sections.flatMap((section, s) => {
      const elements = clones[s]!.querySelectorAll<HTMLElement>('[data-fit-group]')
      return section.groups.flatMap((group, index) => {
        const element = elements[index]
        return element ? [{ section, group, index, element }] : []
      })
    })
    const fits: Record<string, GroupFit[]> = Object.fromEntries(
      sections.map((section) => [
        section.id,
        section.groups.map((_, index) => start[section.id]?.[index] ?? { limit: null }),
      ]),
    )
    const fitOf = (unit: Unit) => fits[unit.section.id]![unit.index]!

    // Line budgets of single blocks ("what happened": a few lines per walkout).
    for (const unit of units) {
      const lines = unit.section.maxLinesPerBlock
      if (!lines) continue
      const items = [...unit.element.querySelectorAll<HTMLElement>('[data-fit-block]')]
      const probe = items[0]
      if (!probe) continue
      writeBlock(probe, 'x', false)
      const budget = heightOf(probe) * lines + 1
      const caps: Record<number, number> = {}
      unit.group.blocks.forEach((block, i) => {
        const item = items[i]
        if (!item) return
        const total = Math.min(lengthOf(block.text), MAX_GROUP_CHARS)
        const fitsBudget = (n: number) => {
          const whole = n >= lengthOf(block.text)
          writeBlock(item, whole ? block.text : cutText(block.text, n), !whole)
          return heightOf(item) <= budget
        }
        if (!fitsBudget(total)) caps[i] = largestFitting(total, fitsBudget, lines * 90)
        else if (total < lengthOf(block.text)) caps[i] = total
      })
      fits[unit.section.id]![unit.index] = { ...fitOf(unit), blockCaps: caps }
    }

    // Natural heights of the groups, and what the sections add around them (titles).
    const natural = units.map((unit) => {
      renderGroup(unit.element, unit.group, fitOf(unit))
      return heightOf(unit.element)
    })
    const around = clones.reduce(
      (sum, clone, s) =>
        sum +
        heightOf(clone) -
        units.reduce(
          (inner, unit, u) => inner + (unit.section === sections[s] ? natural[u]! : 0),
          0,
        ),
      0,
    )

    const sheetStyle = getComputedStyle(sheet)
    const available =
      sheet.getBoundingClientRect().bottom -
      px(sheetStyle.paddingBottom) -
      body.getBoundingClientRect().top -
      px(sheetStyle.rowGap) -
      px(getComputedStyle(notes).minHeight) -
      px(getComputedStyle(body).rowGap) * Math.max(0, sections.length - 1) -
      around -
      SAFETY_PX
    const shares = allot(natural, available)

    units.forEach((unit, u) => {
      const share = shares[u]!
      const full = natural[u]!
      if (full <= share + 0.5) return
      const base = fitOf(unit)
      const total = Math.min(groupLength(unit.group, base), base.limit ?? Infinity)
      const fitsShare = (n: number) => {
        renderGroup(unit.element, unit.group, { ...base, limit: n })
        return heightOf(unit.element) <= share
      }
      const guess = Math.floor((total * share) / full)
      fits[unit.section.id]![unit.index] = {
        ...base,
        limit: largestFitting(total, fitsShare, guess),
      }
    })
    return fits
  } finally {
    sandbox.remove()
  }
}

/** Something still overflows after measuring: every long group gives up a tenth more. */
function tighten(fit: SheetFit, sections: readonly SheetSection[]): SheetFit {
  return Object.fromEntries(
    sections.map((section) => [
      section.id,
      section.groups.map((group, index) => {
        const own = fit[section.id]?.[index] ?? { limit: null }
        const limit = own.limit ?? groupLength(group, own)
        return { ...own, limit: limit > 40 ? Math.floor(limit * 0.9) : limit }
      }),
    ]),
  )
}
