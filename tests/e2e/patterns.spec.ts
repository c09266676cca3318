import type { Locator } from '@playwright/test'
import { emptyStep, type StepValues } from '../../src/renderer/src/domain/incident'
import { expect, expectNoSeriousA11yViolations, test as base } from './fixtures'
import { JORDAN, ROBIN } from './print-data'
import { buildSeedBundle, seedVault } from './print-helpers'
import { nav } from './walkout-helpers'

/** The seeding bundle (the app's own store modules) is built once per worker. */
const test = base.extend<object, { seedCode: string }>({
  seedCode: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => use(await buildSeedBundle()),
    { scope: 'worker', timeout: 120_000 },
  ],
})

test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } })

/** Words only the private reflection holds: never on the Patterns page. */
const PRIVATE = 'my own hurry to fix things'
const BEFORE_FIRST = 'We talked about a family visit; they went quiet, then left.'

/** A moment `days` ago at 15:00 UTC. */
function daysAgo(days: number) {
  const date = new Date(Date.now() - days * 86_400_000)
  date.setUTCHours(15, 0, 0, 0)
  return { utc: date.toISOString(), offsetMinutes: 0 }
}

function safety(
  days: number,
  values: Pick<StepValues['safety'], 'ruptureType' | 'minutesIntoSession' | 'beforeNarrative'>,
): StepValues['safety'] {
  return { ...emptyStep('safety', daysAgo(days)), ...values }
}

/** The rows of a table, each cell's text. */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent!.trim()),
      ),
    )
}

test.describe('patterns', () => {
  test('a client’s walkouts at a glance, the practice’s figures, and the prompt when they cluster', async ({
    page,
    seedCode,
    outbound,
  }) => {
    test.setTimeout(240_000)
    // Jordan walked out twice (10 and 40 days ago), Robin once (20 days ago): three walkouts of
    // two clients in the last 8 weeks, none the year before.
    const ids = await seedVault(page, seedCode, {
      clients: [
        {
          key: 'jordan',
          client: JORDAN,
          walkouts: [
            {
              key: 'older',
              steps: {
                safety: safety(40, {
                  ruptureType: 'confrontation',
                  minutesIntoSession: 12,
                  beforeNarrative: 'Asked about the missed payment.',
                }),
                discuss: { ...emptyStep('discuss', daysAgo(40)), status: 'discussed' },
              },
              complete: [],
            },
            {
              key: 'recent',
              steps: {
                safety: safety(10, {
                  ruptureType: 'withdrawal',
                  minutesIntoSession: 35,
                  beforeNarrative: BEFORE_FIRST,
                }),
                wait: { ...emptyStep('wait', daysAgo(10)), outcome: 'returned' },
                reflect: { ...emptyStep('reflect', daysAgo(10)), myContribution: PRIVATE },
              },
              complete: [],
            },
          ],
        },
        {
          key: 'robin',
          client: ROBIN,
          walkouts: [
            {
              key: 'robin-walkout',
              steps: {
                safety: safety(20, {
                  ruptureType: 'mixed',
                  minutesIntoSession: null,
                  beforeNarrative: '',
                }),
                wait: { ...emptyStep('wait', daysAgo(20)), outcome: 'no-contact' },
              },
              complete: [],
            },
          ],
        },
      ],
    })

    // The client page: count, timeline, and a table of each walkout with what preceded it.
    await nav(page, 'Clients')
    await page.getByRole('link', { name: 'Jordan Fictional' }).click()
    const glance = page.getByRole('region', { name: 'Walkouts at a glance' })
    await expect(glance).toContainText('2 walkouts, from')
    await expect(glance).toContainText('Typically 23.5 minutes into the session')
    const each = glance.getByRole('table', { name: 'Each walkout, oldest first' })
    await expect(each).toContainText(BEFORE_FIRST)
    expect((await rowsOf(each)).map((row) => row.slice(1))).toEqual([
      [
        '12',
        'Confrontation',
        'Asked about the missed payment.',
        'Talked through in a later session',
      ],
      ['35', 'Withdrawal', BEFORE_FIRST, 'Came back during the session'],
    ])
    expect(await rowsOf(glance.getByRole('table', { name: 'Rupture types' }))).toEqual([
      ['Withdrawal', '1'],
      ['Confrontation', '1'],
      ['Mixed', '0'],
    ])
    expect(await rowsOf(glance.getByRole('table', { name: 'How they ended' }))).toContainEqual([
      'Came back during the session',
      '1',
    ])
    await expect(glance.locator('svg[aria-hidden="true"]').first()).toBeVisible()
    await expectNoSeriousA11yViolations(page)
    // The address carries a random id, never a name.
    expect(page.url()).toContain(`#/clients/${ids['jordan']}`)

    // The practice: the same figures for everyone, from the index.
    await nav(page, 'Patterns')
    await expect(page.getByRole('heading', { level: 1, name: 'Patterns' })).toBeFocused()
    expect(page.url()).toMatch(/#\/patterns$/)
    await expect(page.getByText(/^3 walkouts of 2 clients, from/)).toBeVisible()
    expect(await rowsOf(page.getByRole('table', { name: 'Rupture types' }))).toEqual([
      ['Withdrawal', '1'],
      ['Confrontation', '1'],
      ['Mixed', '1'],
    ])
    const minutes = await rowsOf(page.getByRole('table', { name: 'Time into the session' }))
    expect(minutes).toContainEqual(['10 to 19 minutes', '1'])
    expect(minutes).toContainEqual(['30 to 39 minutes', '1'])
    expect(minutes).toContainEqual(['Not recorded', '1'])
    const endings = await rowsOf(page.getByRole('table', { name: 'How they ended' }))
    expect(endings).toContainEqual(['No contact yet', '1'])
    const months = await rowsOf(
      page.getByRole('table', { name: 'Walkouts per month, the last 12 months' }),
    )
    expect(months).toHaveLength(12)
    expect(months.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(3)

    // They cluster: the prompt links to each walkout's reflection, never showing it.
    const prompt = page.getByRole('region', { name: 'Walkouts have come together lately' })
    await expect(prompt).toContainText('3 walkouts of 2 different clients in the last 8 weeks')
    await expect(prompt.getByRole('link')).toHaveCount(3)
    await expect(page.getByText(PRIVATE)).toHaveCount(0)
    await expect(page.getByText(BEFORE_FIRST)).toHaveCount(0)
    await expectNoSeriousA11yViolations(page)

    await prompt
      .getByRole('link', { name: /Jordan Fictional/ })
      .first()
      .click()
    await expect(page.getByRole('heading', { level: 2, name: /Reflect/ })).toBeVisible()
    expect(page.url()).toContain(`#/incidents/${ids['recent']}/reflect`)
    await expect(page.getByLabel('My own contribution')).toHaveValue(PRIVATE)
    expect(outbound).toEqual([])
  })
})
