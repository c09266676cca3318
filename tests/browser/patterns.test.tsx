import { afterEach, describe, expect, it } from 'vitest'
import { page } from 'vitest/browser'
import { App } from '../../src/renderer/src/app/App'
import { emptyClient } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import type { Figure } from '../../src/renderer/src/domain/patterns'
import { stamp } from '../../src/renderer/src/domain/time'
import { browserPlatform } from '../../src/renderer/src/platform/browser'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { createClient, createIncident, saveStep } from '../../src/renderer/src/store/operations'
import { createVault } from '../../src/renderer/src/store/vault'
import { BarTable, ColumnChart } from '../../src/renderer/src/ui/charts'
import { FAST } from './fixtures'
import { render } from './render'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
  window.location.hash = ''
})

const FIGURES: Figure[] = [
  { key: 'a', label: 'Withdrawal', count: 4 },
  { key: 'b', label: 'Confrontation', count: 1 },
  { key: 'c', label: 'Mixed', count: 0 },
]

/** The rows of a table as a screen reader reads them: header cell and data cells, in words. */
function rowsOf(table: HTMLTableElement): string[][] {
  return [...table.tBodies[0]!.rows].map((row) =>
    [...row.cells].map((cell) => cell.textContent!.trim()),
  )
}

describe('the charts are tables too', () => {
  it('a bar chart is a captioned table; the bars are drawn to scale and hidden from screen readers', async () => {
    const { container, unmount } = await render(
      <BarTable caption="Rupture types" category="Rupture type" figures={FIGURES} />,
    )
    cleanup = unmount
    const table = page.getByRole('table', { name: 'Rupture types' })
    await expect.element(table).toBeVisible()
    const element = table.element() as HTMLTableElement
    expect(rowsOf(element)).toEqual([
      ['Withdrawal', '4'],
      ['Confrontation', '1'],
      ['Mixed', '0'],
    ])
    expect([...element.querySelectorAll('th[scope="row"]')]).toHaveLength(3)
    const svgs = [...container.querySelectorAll('svg')]
    expect(svgs.every((svg) => svg.getAttribute('aria-hidden') === 'true')).toBe(true)
    const widths = svgs.map((svg) => svg.querySelector('.chart-bar__fill')?.getAttribute('width'))
    expect(widths).toEqual(['100', '25', undefined])
    // Colours come from the theme (CSS custom properties), never written into the drawing.
    expect(container.innerHTML).not.toMatch(/fill="#|stroke="#|rgb\(/)
    const fill = getComputedStyle(container.querySelector('.chart-bar__fill')!).fill
    expect(fill).not.toBe('none')
  })

  it('a column chart draws the counts and keeps the same figures in a table for screen readers', async () => {
    const months: Figure[] = [
      { key: '2026-10', label: 'Oct 2026', count: 2 },
      { key: '2026-11', label: 'Nov 2026', count: 5 },
    ]
    const { container, unmount } = await render(
      <ColumnChart caption="Walkouts per month" category="Month" figures={months} />,
    )
    cleanup = unmount
    const table = page.getByRole('table', { name: 'Walkouts per month' })
    await expect.element(table).toBeInTheDocument()
    expect(rowsOf(table.element() as HTMLTableElement)).toEqual([
      ['Oct 2026', '2'],
      ['Nov 2026', '5'],
    ])
    const svg = container.querySelector('svg')!
    expect(svg.getAttribute('aria-hidden')).toBe('true')
    expect(svg.textContent).toContain('5')
  })

  it('with nothing counted, no bar is drawn and the table says 0', async () => {
    const { container, unmount } = await render(
      <BarTable
        caption="Empty"
        category="Kind"
        figures={FIGURES.map((f) => ({ ...f, count: 0 }))}
      />,
    )
    cleanup = unmount
    expect(container.querySelectorAll('.chart-bar__fill')).toHaveLength(0)
    expect(rowsOf(page.getByRole('table').element() as HTMLTableElement).map((r) => r[1])).toEqual([
      '0',
      '0',
      '0',
    ])
  })
})

const PASSPHRASE = 'a passphrase for the patterns test'
const PRIVATE = 'PRIVATE-REFLECTION-TEXT about my part'
const BEFORE = 'We talked about the family visit; they went quiet, then left.'

/** A vault with three clients who walked out in the last weeks (a cluster), then the app on it. */
async function renderPractice() {
  const db = new MendDatabase(`mend-patterns-${crypto.randomUUID()}`)
  const { session } = await createVault(db, PASSPHRASE, { withRecoveryKey: false, kdf: FAST })
  const daysAgo = (n: number) => stamp(new Date(Date.now() - n * 86_400_000))
  const ids: Record<string, string> = {}
  const walkouts = [
    { name: 'Avery Pattern', days: 3, rupture: 'withdrawal', minutes: 35, reflect: true },
    { name: 'Blake Pattern', days: 10, rupture: 'withdrawal', minutes: 40, reflect: false },
    { name: 'Casey Pattern', days: 20, rupture: 'confrontation', minutes: null, reflect: false },
  ] as const
  for (const w of walkouts) {
    const clientId = await createClient(session, {
      ...emptyClient(),
      displayName: w.name,
      initials: w.name.slice(0, 2).toUpperCase(),
    })
    const id = await createIncident(session, clientId)
    ids[w.name] = id
    ids[`${w.name} client`] = clientId
    const leftAt = daysAgo(w.days)
    await saveStep(
      session,
      id,
      'safety',
      {
        ...emptyStep('safety', leftAt),
        ruptureType: w.rupture,
        minutesIntoSession: w.minutes,
        beforeNarrative: BEFORE,
      },
      false,
    )
    if (w.reflect)
      await saveStep(
        session,
        id,
        'reflect',
        { ...emptyStep('reflect', leftAt), myContribution: PRIVATE },
        false,
      )
  }
  session.close()
  const rendered = await render(
    <App platform={browserPlatform()} db={db} kdf={FAST} endDocumentOnLock={false} />,
  )
  await expect.element(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
  await page.getByLabelText('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect.element(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible()
  return {
    ids,
    unmount: async () => {
      await rendered.unmount()
      db.close()
      await db.delete()
    },
  }
}

describe('Patterns, from the index', () => {
  it('the practice’s figures, and a prompt with links to the reflections, never their text', async () => {
    const { ids, unmount } = await renderPractice()
    cleanup = unmount
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Patterns' })
      .click()
    await expect.element(page.getByRole('heading', { level: 1, name: 'Patterns' })).toHaveFocus()
    expect(window.location.hash).toBe('#/patterns')
    const ruptures = page.getByRole('table', { name: 'Rupture types' })
    await expect.element(ruptures).toBeVisible()
    expect(rowsOf(ruptures.element() as HTMLTableElement)).toEqual([
      ['Withdrawal', '2'],
      ['Confrontation', '1'],
      ['Mixed', '0'],
    ])
    const minutes = rowsOf(
      page.getByRole('table', { name: 'Time into the session' }).element() as HTMLTableElement,
    )
    expect(minutes).toContainEqual(['30 to 39 minutes', '1'])
    expect(minutes).toContainEqual(['40 to 49 minutes', '1'])
    expect(minutes).toContainEqual(['Not recorded', '1'])
    const months = rowsOf(
      page
        .getByRole('table', { name: 'Walkouts per month, the last 12 months' })
        .element() as HTMLTableElement,
    )
    expect(months.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(3)

    // Three clients within 8 weeks and none before: the prompt, linking to each reflection.
    const prompt = page.getByRole('region', { name: 'Walkouts have come together lately' })
    await expect.element(prompt).toBeVisible()
    await expect.element(prompt).toHaveTextContent(/3 walkouts of 3 different clients/)
    const links = [...(prompt.element() as HTMLElement).querySelectorAll<HTMLAnchorElement>('li a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      `#/incidents/${ids['Avery Pattern']}/reflect`,
      `#/incidents/${ids['Blake Pattern']}/reflect`,
      `#/incidents/${ids['Casey Pattern']}/reflect`,
    ])
    await expect.element(prompt).toHaveTextContent(/your own part noted/)
    await expect.element(prompt).toHaveTextContent(/your own part not written yet/)
    // Psychotherapy notes stay out of the practice view; so does what preceded each walkout.
    expect(document.body.textContent).not.toContain('PRIVATE-REFLECTION')
    expect(document.body.textContent).not.toContain('family visit')

    // A client's page: the same figures for that client, and what happened just before.
    window.location.hash = `#/clients/${ids['Avery Pattern client']}`
    const glance = page.getByRole('region', { name: 'Walkouts at a glance' })
    await expect.element(glance).toBeVisible()
    const each = page.getByRole('table', { name: 'Each walkout, oldest first' })
    await expect.element(each).toHaveTextContent(/family visit/)
    expect(rowsOf(each.element() as HTMLTableElement)[0]!.slice(1)).toEqual([
      '35',
      'Withdrawal',
      BEFORE,
      'Not recorded yet',
    ])
    expect(
      rowsOf(page.getByRole('table', { name: 'Rupture types' }).element() as HTMLTableElement),
    ).toEqual([
      ['Withdrawal', '1'],
      ['Confrontation', '0'],
      ['Mixed', '0'],
    ])
    expect(document.body.textContent).not.toContain('PRIVATE-REFLECTION')
    expect(window.location.hash).not.toMatch(/Avery|Pattern/)
  })
})
