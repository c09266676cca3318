import '../../src/renderer/src/app/styles.css'
import axe from 'axe-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { page } from 'vitest/browser'
import { App } from '../../src/renderer/src/app/App'
import { THEME_KEY } from '../../src/renderer/src/features/settings/theme'
import { browserPlatform } from '../../src/renderer/src/platform/browser'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { FAST } from './fixtures'
import { render } from './render'

/**
 * Light and dark, with the app's own style sheet: axe (colour contrast included) finds nothing
 * serious on the gate and on every kind of screen, in both themes, over the sample vault's
 * records (every step and status). The choice in Settings applies at once; the step list stays
 * in view on a long walkout record, beside the form and as a strip on a narrow window.
 */
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const db = new MendDatabase(`mend-themes-${crypto.randomUUID()}`)
const sampleName = `mend-sample-themes-${crypto.randomUUID()}`
let unmount: () => Promise<void>

beforeAll(async () => {
  localStorage.removeItem(THEME_KEY)
  ;({ unmount } = await render(
    <App
      platform={browserPlatform()}
      db={db}
      kdf={FAST}
      endDocumentOnLock={false}
      sampleName={sampleName}
    />,
  ))
})

afterAll(async () => {
  await unmount()
  localStorage.removeItem(THEME_KEY)
  delete document.documentElement.dataset['theme']
  window.location.hash = ''
  db.close()
  await db.delete()
  await new MendDatabase(sampleName).delete()
})

async function expectAccessible(where: string) {
  const results = await axe.run(document.body, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  })
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious).toEqual([])
  // Colour contrast was checked on the screen's text, not skipped.
  expect(results.passes.map((rule) => rule.id)).toContain('color-contrast')
}

async function visit(hash: string, heading: string | RegExp) {
  window.location.hash = hash
  await expect.element(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

const backgroundOf = (element: Element) => getComputedStyle(element).backgroundColor
const LIGHT_BG = 'rgb(247, 245, 242)' // --bg of the light theme
const DARK_BG = 'rgb(20, 23, 26)' // --bg of the dark theme

/** The address of the first walkout record Today links to (its id only, whatever the link's page). */
function firstIncident(): string {
  const href = document.querySelector('a[href^="#/incidents/"]')?.getAttribute('href') ?? ''
  const id = /^#\/incidents\/([^/]+)/.exec(href)?.[1]
  if (!id) throw new Error('Today links to no walkout record')
  return `#/incidents/${id}`
}

/** The screens axe looks at: each kind once, from the sample vault's records. */
async function everyScreen(theme: string) {
  await visit('#/', 'Today')
  await expectAccessible(`${theme} Today`)
  const incident = firstIncident()
  await visit('#/clients', 'Clients')
  await expectAccessible(`${theme} Clients`)
  const client = document.querySelector('a[href^="#/clients/"]:not([href$="/new"])')!
  const clientName = client.textContent ?? ''
  window.location.hash = client.getAttribute('href')!
  await expect.poll(() => document.querySelectorAll('h1').length).toBeGreaterThan(0)
  await expect.element(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expectAccessible(`${theme} a client`)
  window.location.hash = incident
  await expect
    .element(page.getByRole('navigation', { name: 'Steps of the walkout protocol' }))
    .toBeVisible()
  await expectAccessible(`${theme} a walkout record`)
  await visit('#/walkout/new', /walked out/)
  await expectAccessible(`${theme} new walkout`)
  await visit('#/search', 'Search')
  // Results with their marked words: the first client's family name.
  await page.getByRole('searchbox').fill(clientName.split(' ').at(-1)!)
  await expect.element(page.getByRole('list', { name: 'Clients found' })).toBeVisible()
  await expectAccessible(`${theme} Search`)
  await visit('#/patterns', 'Patterns')
  await expectAccessible(`${theme} Patterns`)
  await visit('#/audit', 'Audit trail')
  await expectAccessible(`${theme} Audit trail`)
  await visit('#/settings', 'Settings')
  await expectAccessible(`${theme} Settings`)
}

describe('themes', () => {
  it('the gate, light by default and dark when chosen, is accessible in both', async () => {
    await expect.element(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
    // Chromium here prefers light: the system's choice is light.
    expect(document.documentElement.dataset['theme']).toBe('light')
    expect(backgroundOf(document.documentElement)).toBe(LIGHT_BG)
    await expectAccessible('light setup')
    localStorage.setItem(THEME_KEY, 'dark')
    window.dispatchEvent(new StorageEvent('storage', { key: THEME_KEY }))
    await expect.poll(() => document.documentElement.dataset['theme']).toBe('dark')
    expect(backgroundOf(document.documentElement)).toBe(DARK_BG)
    await expectAccessible('dark setup')
  })

  it('every screen is accessible in the dark theme', async () => {
    localStorage.setItem(THEME_KEY, 'dark')
    window.dispatchEvent(new StorageEvent('storage', { key: THEME_KEY }))
    await expect.poll(() => document.documentElement.dataset['theme']).toBe('dark')
    await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
    await expect
      .element(page.getByRole('region', { name: 'Sample vault' }), { timeout: 25_000 })
      .toBeVisible()
    await everyScreen('dark')
    expect(backgroundOf(document.documentElement)).toBe(DARK_BG)
  })

  it('Settings → Appearance switches to light at once, and every screen is accessible in it', async () => {
    await visit('#/settings', 'Settings')
    await expect.element(page.getByRole('radio', { name: 'Dark' })).toBeChecked()
    await page.getByRole('radio', { name: 'Light' }).click()
    expect(document.documentElement.dataset['theme']).toBe('light')
    expect(backgroundOf(document.documentElement)).toBe(LIGHT_BG)
    expect(localStorage.getItem(THEME_KEY)).toBe('light')
    await everyScreen('light')
    // Back to the system's choice (light here).
    await page.getByRole('radio', { name: 'Same as this computer' }).click()
    expect(localStorage.getItem(THEME_KEY)).toBe('system')
    expect(document.documentElement.dataset['theme']).toBe('light')
  })

  it.each([
    ['beside the form', 1280, 720],
    ['as a strip on a narrow window', 600, 720],
  ])('the step list stays in view on a long walkout record (%s)', async (_, width, height) => {
    await page.viewport(width, height)
    await visit('#/', 'Today')
    window.location.hash = `${firstIncident()}/safety`
    const steps = page.getByRole('navigation', { name: 'Steps of the walkout protocol' })
    await expect.element(steps).toBeVisible()
    const scroller = document.scrollingElement!
    await expect.poll(() => scroller.scrollHeight).toBeGreaterThan(window.innerHeight * 1.5)
    scroller.scrollTop = scroller.scrollHeight
    await expect.poll(() => scroller.scrollTop).toBeGreaterThan(window.innerHeight / 2)
    const box = steps.element().getBoundingClientRect()
    expect(box.top).toBeGreaterThanOrEqual(0)
    expect(box.top).toBeLessThan(window.innerHeight / 2)
    expect(box.bottom).toBeGreaterThan(0)
    scroller.scrollTop = 0
  })
})
