import { afterEach, describe, expect, it, vi } from 'vitest'
import { page } from 'vitest/browser'
import { App } from '../../src/renderer/src/app/App'
import { routes } from '../../src/renderer/src/app/routes'
import { emptyClient } from '../../src/renderer/src/domain/client'
import { browserPlatform } from '../../src/renderer/src/platform/browser'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { SAMPLE_NOT_BACKED_UP } from '../../src/renderer/src/store/sample-vault'
import { vaultExists } from '../../src/renderer/src/store/vault'
import { FAST, freshSession, PASS, saveClient } from './fixtures'
import { render } from './render'

/**
 * "Try Mend with sample data", through the screens: the sample opens in a database of its own,
 * says so on every screen, is refused backups, and is left or removed in one click; the real
 * vault's database is checked row by row to be untouched, and never shows a sample record.
 */
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** Seeding twenty walkouts on a loaded machine takes a few seconds. */
const OPENING = { timeout: 25_000 }

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
  window.location.hash = ''
})

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '')
}

/** Every row of every table of the real vault's database, as stored (sealed). */
async function snapshot(db: MendDatabase): Promise<string> {
  const tables: Record<string, unknown[]> = {}
  for (const table of db.tables) tables[table.name] = await table.toArray()
  return JSON.stringify(tables, (_, value: unknown) =>
    value instanceof Uint8Array ? Array.from(value) : value,
  )
}

async function rowCount(db: MendDatabase): Promise<number> {
  let rows = 0
  for (const table of db.tables) rows += await table.count()
  return rows
}

async function renderApp(db: MendDatabase, sampleName: string) {
  const rendered = await render(
    <App
      platform={browserPlatform()}
      db={db}
      kdf={FAST}
      endDocumentOnLock={false}
      sampleName={sampleName}
    />,
  )
  cleanup = async () => {
    await rendered.unmount()
    db.close()
    await db.delete()
    await new MendDatabase(sampleName).delete()
  }
}

const banner = () => page.getByRole('region', { name: 'Sample vault' })
const previewWarning = () => page.getByRole('complementary', { name: 'Web preview warning' })

async function visit(hash: string, heading: string | RegExp) {
  window.location.hash = hash
  await expect.element(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

function Boom(): never {
  throw new Error('a screen that fails')
}

describe('the sample vault', () => {
  it('a screen that fails says so inside the shell: the sample banner and the preview warning stay', async () => {
    // A screen that throws, among the app's own (the pathless route that holds every screen).
    const screens = routes[0]!.children![0]!.children!
    screens.unshift({ path: 'boom', element: <Boom /> })
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const db = new MendDatabase(`mend-real-${crypto.randomUUID()}`)
      await renderApp(db, `mend-sample-test-${crypto.randomUUID()}`)
      await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
      await expect.element(banner(), OPENING).toBeVisible()
      window.location.hash = '#/boom'
      await expect
        .element(page.getByRole('heading', { level: 1, name: 'This screen ran into a problem' }))
        .toBeVisible()
      await expect.element(banner()).toBeVisible()
      await expect.element(previewWarning()).toBeVisible()
      // The rest of the shell too: the way to another screen, and the way out of the sample.
      await expect.element(page.getByRole('button', { name: 'Leave the sample' })).toBeVisible()
      await expect.element(page.getByRole('link', { name: 'Clients' })).toBeVisible()
      window.location.hash = '#/clients'
      await expect.element(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
      expect(page.getByRole('alert').elements()).toHaveLength(0)
    } finally {
      screens.shift()
      errors.mockRestore()
    }
  }, 60_000)

  it('on first run: opens apart from the real vault, is marked on every screen, and is removed in one click', async () => {
    const db = new MendDatabase(`mend-real-${crypto.randomUUID()}`)
    const sampleName = `mend-sample-test-${crypto.randomUUID()}`
    await renderApp(db, sampleName)
    await expect.element(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
    // Not even created until asked for.
    expect(await databaseNames()).not.toContain(sampleName)
    await expect.element(previewWarning()).toBeVisible()
    expect(banner().elements()).toHaveLength(0)

    await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
    await expect.element(banner(), OPENING).toBeVisible()
    await expect.element(banner()).toHaveTextContent(/fictional clients, not a real vault/)
    expect(await databaseNames()).toContain(sampleName)

    // Marked on every screen, the preview warning too; invented clients and walkouts are there.
    await expect.element(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible()
    await visit('#/clients', 'Clients')
    const clients = page.getByRole('list', { name: 'Clients' }).getByRole('link')
    await expect.poll(() => clients.elements().length).toBeGreaterThanOrEqual(12)
    for (const [hash, heading] of [
      ['#/', 'Today'],
      ['#/clients', 'Clients'],
      ['#/audit', 'Audit trail'],
      ['#/settings', 'Settings'],
      ['#/walkout/new', /walk/i],
    ] as const) {
      await visit(hash, heading)
      await expect.element(banner()).toBeVisible()
      await expect.element(previewWarning()).toBeVisible()
    }
    await visit('#/clients', 'Clients')
    await clients.first().click()
    await expect.poll(() => window.location.hash).toMatch(/^#\/clients\/[^/]+$/)
    await expect.element(banner()).toBeVisible()

    // A walkout record, with its steps.
    await visit('#/', 'Today')
    await expect.poll(() => document.querySelector('a[href^="#/incidents/"]')).not.toBeNull()
    window.location.hash = document.querySelector('a[href^="#/incidents/"]')!.getAttribute('href')!
    await expect
      .element(page.getByRole('navigation', { name: 'Steps of the walkout protocol' }))
      .toBeVisible()
    await expect.element(banner()).toBeVisible()
    await expect.element(previewWarning()).toBeVisible()

    // Backups are refused here.
    await visit('#/settings', 'Settings')
    await expect.element(page.getByText(SAMPLE_NOT_BACKED_UP)).toBeVisible()
    expect(
      page.getByRole('button', { name: /Export an encrypted backup|Back up now/ }).elements(),
    ).toHaveLength(0)

    // Nothing of it in the real vault's database: no vault, not one row.
    expect(await vaultExists(db)).toBe(false)
    expect(await rowCount(db)).toBe(0)
    const sample = new MendDatabase(sampleName)
    expect(await rowCount(sample)).toBeGreaterThan(30)
    sample.close()

    await page.getByRole('button', { name: 'Remove the sample' }).click()
    await expect.element(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
    await expect
      .element(page.getByText('The sample vault was removed from this computer.'))
      .toBeVisible()
    expect(banner().elements()).toHaveLength(0)
    expect(await databaseNames()).not.toContain(sampleName)
    expect(await vaultExists(db)).toBe(false)
  })

  it('beside a real vault: the real records are untouched and never shown in the sample, nor the sample’s in the real vault', async () => {
    const db = new MendDatabase(`mend-real-${crypto.randomUUID()}`)
    const session = await freshSession(db)
    await saveClient(session, 'real-client-1', {
      ...emptyClient(),
      displayName: 'Robin Realperson',
    })
    session.close()
    const before = await snapshot(db)
    const sampleName = `mend-sample-test-${crypto.randomUUID()}`
    await renderApp(db, sampleName)

    await expect.element(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    await page.getByRole('button', { name: 'Try Mend with sample data' }).click()
    await expect.element(banner(), OPENING).toBeVisible()
    await visit('#/clients', 'Clients')
    const clients = page.getByRole('list', { name: 'Clients' }).getByRole('link')
    await expect.poll(() => clients.elements().length).toBeGreaterThanOrEqual(12)
    expect(document.body.textContent).not.toContain('Realperson')
    const sampleNames = clients.elements().map((link) => link.textContent ?? '')

    // Leaving keeps the sample and goes back to the real vault's lock screen.
    await page.getByRole('button', { name: 'Leave the sample' }).click()
    await expect.element(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    await expect.element(page.getByText(/You left the sample vault/)).toBeVisible()
    expect(await databaseNames()).toContain(sampleName)
    expect(await snapshot(db)).toBe(before)

    await page.getByLabelText('Passphrase', { exact: true }).fill(PASS)
    await page.getByRole('button', { name: 'Unlock', exact: true }).click()
    await expect.element(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible()
    expect(banner().elements()).toHaveLength(0)
    await visit('#/clients', 'Clients')
    await expect
      .element(page.getByRole('list', { name: 'Clients' }).getByRole('link'))
      .toHaveTextContent(/Realperson/)
    for (const name of sampleNames) expect(document.body.textContent).not.toContain(name)
    // Backups are offered in the real vault.
    await visit('#/settings', 'Settings')
    expect(page.getByText(SAMPLE_NOT_BACKED_UP).elements()).toHaveLength(0)
  })
})
