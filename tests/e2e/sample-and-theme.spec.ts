import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { SAMPLE_PRINT_MARK } from '../../src/renderer/src/features/printing/sample-mark'
import { pdfOf, sheetFitted } from './print-helpers'
import { setAutoLockMinutes } from './vault-helpers'

/**
 * The production build, under its Content-Security-Policy: the theme script (public/theme.js)
 * runs before the first paint, and the sample vault opens, survives leaving (the document is
 * reloaded, as the app always does on lock) and is removed, its database with it, while the real
 * vault's database is never made.
 */

async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))
}

test('the chosen theme is on <html> before the app runs, with no CSP error', async ({
  page,
  consoleErrors,
}) => {
  await page.addInitScript(() => {
    // Read back when the document starts parsing <body>: the theme script has run by then.
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive')
        (window as unknown as { themeAtParse?: string }).themeAtParse =
          document.documentElement.dataset['theme']
    })
  })
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light')
  await page.evaluate(() => localStorage.setItem('mend:theme', 'dark'))
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  expect(
    await page.evaluate(() => (window as unknown as { themeAtParse?: string }).themeAtParse),
  ).toBe('dark')
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(20, 23, 26)')
  await expectNoSeriousA11yViolations(page)
  expect(consoleErrors).toEqual([])
})

test('the sample vault: opened, left, opened again and removed; the real vault never touched', async ({
  page,
  consoleErrors,
  outbound,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  await expect(page.getByRole('complementary', { name: 'Web preview warning' })).toBeVisible()
  await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
  const banner = page.getByRole('region', { name: 'Sample vault' })
  await expect(banner).toBeVisible({ timeout: 30_000 })
  await expectNoSeriousA11yViolations(page)
  expect(await databaseNames(page)).toContain('mend-sample')

  await banner.getByRole('button', { name: 'Leave the sample' }).click()
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  await expect(page.getByText(/You left the sample vault/)).toBeVisible()
  await expect(banner).toHaveCount(0)
  // Its passphrase is never asked for: it opens again at once, with the same records.
  await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
  await expect(banner).toBeVisible({ timeout: 30_000 })

  await banner.getByRole('button', { name: 'Remove the sample' }).click()
  await expect(page.getByText('The sample vault was removed from this computer.')).toBeVisible()
  const names = await databaseNames(page)
  expect(names).not.toContain('mend-sample')
  // The real vault's database holds no vault (it may exist, empty, from the check for one).
  const realRows = await page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'mend')) return 0
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mend')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    let rows = 0
    for (const name of Array.from(db.objectStoreNames)) {
      rows += await new Promise<number>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).count()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
    }
    db.close()
    return rows
  })
  expect(realRows).toBe(0)
  expect(consoleErrors).toEqual([])
  expect(outbound).toEqual([])
})

test('the sample vault closing itself after idle says how to open it again', async ({
  page,
  consoleErrors,
}) => {
  // The sample vault is made twice (up to 30 s each on a loaded machine).
  test.setTimeout(120_000)
  await page.clock.install()
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
  const banner = page.getByRole('region', { name: 'Sample vault' })
  await expect(banner).toBeVisible({ timeout: 30_000 })
  await setAutoLockMinutes(page, 1)

  await page.clock.fastForward(65_000)
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  await expect(
    page.getByText(/The sample vault closed itself after a period without activity/),
  ).toBeVisible()
  await expect(page.getByText(/Mend locked itself/)).toHaveCount(0)
  await expect(banner).toHaveCount(0)
  // As it says: it opens again, without a passphrase.
  await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
  await expect(banner).toBeVisible({ timeout: 30_000 })
  expect(consoleErrors).toEqual([])
})

test('every page printed from the sample vault says it is a sample; the preview warning is not printed', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await page.goto('/')
  await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
  await expect(page.getByRole('region', { name: 'Sample vault' })).toBeVisible({ timeout: 30_000 })
  await page.getByRole('link', { name: 'Clients', exact: true }).click()
  await page.getByRole('list', { name: 'Clients' }).getByRole('link').first().click()
  const clientId = /#\/clients\/([^/]+)$/.exec(page.url())?.[1]
  expect(clientId).toBeTruthy()
  await page.goto(`/#/clients/${clientId}/print/prep-sheet`)
  await sheetFitted(page)
  const printed = await pdfOf(page, 'A4')
  expect(printed.pages).toBe(1)
  expect(printed.text).toContain(SAMPLE_PRINT_MARK)
  expect(printed.text).not.toContain('Sample vault')
})
