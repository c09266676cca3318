import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * WCAG AA for both themes, computed from the one place the colours are set: the token blocks of
 * src/renderer/src/app/styles.css. Text on its backgrounds needs 4.5:1; the edges of controls,
 * focus rings and filled buttons against what surrounds them need 3:1.
 */

const CSS = readFileSync('src/renderer/src/app/styles.css', 'utf8')

/** The body of the rule that starts with `selector {` (braces matched). */
function block(css: string, selector: string): string {
  const start = css.indexOf(`${selector} {`)
  if (start < 0) throw new Error(`no ${selector} block`)
  let depth = 0
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth += 1
    if (css[i] === '}' && --depth === 0) return css.slice(css.indexOf('{', start) + 1, i)
  }
  throw new Error(`unclosed ${selector} block`)
}

function tokens(body: string): Map<string, string> {
  return new Map([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]))
}

const LIGHT = tokens(block(CSS, ':root'))
const DARK = tokens(block(CSS, ":root[data-theme='dark']"))

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`)
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(match[1]!.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const TEXT = 4.5
const UI = 3

/** Backgrounds body text sits on. */
const TEXT_BACKGROUNDS = [
  'bg',
  'surface',
  'surface-alt',
  'surface-sunken',
  'surface-disabled',
  'accent-soft',
  'info-bg',
  'warning-bg',
  'danger-soft',
  'success-bg',
  'sample-bg',
  'preview-bg',
  'mark-bg',
]
const NOTICES = ['info-bg', 'warning-bg', 'danger-soft', 'success-bg']

/** [foreground, background, minimum ratio, where it is seen]. */
const PAIRS: [string, string, number, string][] = [
  ...TEXT_BACKGROUNDS.map((bg): [string, string, number, string] => ['text', bg, TEXT, 'text']),
  ...['bg', 'surface', 'surface-alt', 'sample-bg', 'preview-bg', ...NOTICES].map(
    (bg): [string, string, number, string] => ['muted', bg, TEXT, 'hints and meta'],
  ),
  ...['bg', 'surface', 'surface-alt', 'surface-sunken', 'accent-soft', 'sample-bg', 'preview-bg']
    .concat(NOTICES)
    .map((bg): [string, string, number, string] => [
      'accent-strong',
      bg,
      TEXT,
      'links, secondary buttons, the current page',
    ]),
  ['on-accent', 'accent', TEXT, 'button text'],
  ['on-walkout', 'walkout', TEXT, '“Client walked out”'],
  ...['bg', 'surface', 'surface-alt', ...NOTICES].map((bg): [string, string, number, string] => [
    'danger',
    bg,
    TEXT,
    'errors',
  ]),
  ['success-text', 'bg', TEXT, 'completed steps'],
  ['success-text', 'surface', TEXT, 'completed steps'],
  ...['bg', 'surface', 'surface-alt', 'surface-disabled'].map(
    (bg): [string, string, number, string] => ['control-border', bg, UI, 'edges of fields'],
  ),
  ...['bg', 'surface', 'surface-alt', 'accent-soft', 'sample-bg', 'preview-bg', ...NOTICES].map(
    (bg): [string, string, number, string] => ['focus', bg, UI, 'focus ring'],
  ),
  ['accent', 'surface', UI, 'buttons and their edges'],
  ['accent', 'bg', UI, 'buttons and their edges'],
  ['walkout', 'surface', UI, '“Client walked out” in the top bar'],
  ['sample-border', 'sample-bg', UI, 'the sample banner’s edge'],
  ['preview-border', 'preview-bg', UI, 'the web preview warning’s edge'],
]

describe('theme tokens', () => {
  it('both themes set the same tokens', () => {
    expect([...DARK.keys()].sort()).toEqual([...LIGHT.keys()].sort())
    expect(LIGHT.size).toBeGreaterThan(20)
  })

  it('the contrast formula matches WCAG’s reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5)
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    // A pair that fails is seen to fail.
    expect(contrast('#777777', '#ffffff')).toBeLessThan(TEXT)
  })

  for (const [name, theme] of [
    ['light', LIGHT],
    ['dark', DARK],
  ] as const) {
    it.each(PAIRS)(`${name}: %s on %s at least %s:1 (%s)`, (fg, bg, min) => {
      const ratio = contrast(theme.get(fg) ?? '', theme.get(bg) ?? '')
      expect(ratio, `${fg} ${theme.get(fg)} on ${bg} ${theme.get(bg)}`).toBeGreaterThanOrEqual(min)
    })
  }

  it('no colour is set outside the token blocks (paper excepted)', () => {
    let rest = CSS
    for (const selector of [':root', ":root[data-theme='dark']"])
      rest = rest.replace(block(rest, selector), '')
    // Print rules are about paper: always black on white. Each is removed whole, header included.
    while (rest.includes('@media print {'))
      rest = rest.replace(`@media print {${block(rest, '@media print')}}`, '')
    const literals = rest.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? []
    expect(literals).toEqual([])
  })

  it('a highlight sets its own text colour (never muted or link colour on the highlight)', () => {
    // Marked words sit in muted details and in links: they take the body text colour, whose
    // pair with mark-bg is checked above (muted on mark-bg was 4.39:1 in the dark theme).
    expect(block(CSS, '.search-result mark')).toMatch(/(^|;|\s)color:\s*var\(--text\);/)
  })

  it('the dark theme is for screens only: paper is always light', () => {
    expect(CSS).toMatch(/@media screen \{\s*:root\[data-theme='dark'\] \{/)
  })
})
