import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../support/chromium.mjs'
import { filesContaining, listFiles } from '../support/profile-scan'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { PASSPHRASE, setUpVault, unlock } from './vault-helpers'
import { createFullClient, goToStep, nav, saveStep, signRecord } from './walkout-helpers'

/**
 * The adversarial review's findings, tried again the way it tried them: a memory dump after lock,
 * the browser profile after a recovery, records put back from an older copy.
 */

/** Every string the renderer's heap still reaches (HeapProfiler, after a full collection). */
async function heapText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page)
  const chunks: string[] = []
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk))
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  await cdp.detach()
  return chunks.join('')
}

const MARKERS = {
  name: 'Hq4Marker-ClientName-Wy',
  contact: 'Hq4Marker-Contact-Wy',
  narrative: 'Hq4Marker-Narrative-Wy',
  reflection: 'Hq4Marker-Reflection-Wy',
  addendum: 'Hq4Marker-Addendum-Wy',
  draft: 'Hq4Marker-Draft-Wy',
}
const NEW_PASSPHRASE = 'Hq4 amber lighthouse 61 thistle'

async function fillTheVault(page: Page): Promise<void> {
  await createFullClient(page, MARKERS.name, { contactName: MARKERS.contact })
  await page.getByRole('link', { name: 'Record a walkout' }).click()
  await page.getByRole('button', { name: 'Start the walkout record' }).click()
  await page.getByLabel('What happened just before').fill(MARKERS.narrative)
  await saveStep(page, false)
  await goToStep(page, 'Reflect')
  await page.getByLabel('My own contribution').fill(MARKERS.reflection)
  await saveStep(page, false)
  await page.getByLabel('New addendum').fill(MARKERS.addendum)
  await page.getByRole('button', { name: 'Add addendum' }).click()
  await expect(page.getByRole('list', { name: 'Addenda, oldest first' })).toContainText(
    MARKERS.addendum,
  )
  await goToStep(page, 'Wait and assess')
  await page.getByLabel('Notes').fill(MARKERS.draft)
  await page.getByLabel('Notes').blur()
}

async function expectNothingInHeap(page: Page, secrets: string[]): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
  const heap = await heapText(page)
  expect(heap.length).toBeGreaterThan(100_000)
  // Control: what the lock screen itself shows is found, so the search can find strings.
  expect(heap).toContain('Forgot your passphrase? Use your recovery key')
  const found = secrets.filter((secret) => heap.includes(secret))
  expect(found, 'secrets still reachable in the renderer heap after lock').toEqual([])
}

test.describe('lock leaves nothing behind', () => {
  test('after the Lock button, the shortcut and the idle lock, the heap holds no client value and no passphrase', async ({
    page,
  }) => {
    test.setTimeout(180_000)
    await page.clock.install()
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await fillTheVault(page)
    // A passphrase set in this session (it went through the strength check).
    await nav(page, 'Settings')
    await page.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE)
    await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE)
    await page.getByLabel('Type the new passphrase again', { exact: true }).fill(NEW_PASSPHRASE)
    await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible()
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await expect(page.getByText('Your passphrase has been changed.')).toBeVisible({
      timeout: 15_000,
    })
    const secrets = [...Object.values(MARKERS), PASSPHRASE, NEW_PASSPHRASE]

    // 1. The Lock button.
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await expectNothingInHeap(page, secrets)

    // 2. The shortcut, after the record was open again.
    await unlock(page, NEW_PASSPHRASE)
    await nav(page, 'Clients')
    await page.getByRole('link', { name: MARKERS.name }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: new RegExp(MARKERS.name) }),
    ).toBeVisible()
    await page.keyboard.press('Control+Shift+L')
    await expectNothingInHeap(page, secrets)

    // 3. Idle.
    await unlock(page, NEW_PASSPHRASE)
    await nav(page, 'Settings')
    await page.getByLabel('Lock after this many minutes without activity').fill('1')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByText('Saved.')).toBeVisible()
    await nav(page, 'Clients')
    await expect(page.getByRole('list', { name: 'Clients' })).toContainText(MARKERS.name)
    await page.clock.fastForward(70_000)
    await expect(page.getByText(/locked itself after a period without activity/)).toBeVisible()
    await expectNothingInHeap(page, secrets)
  })

  test('locking is in the audit trail, with why; failed unlocks are recorded at the next unlock', async ({
    page,
  }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await page.keyboard.press('Control+Shift+L')
    for (let i = 0; i < 2; i++) {
      await page.getByLabel('Passphrase', { exact: true }).fill(`wrong guess ${i}`)
      await page.getByRole('button', { name: 'Unlock', exact: true }).click()
      await expect(page.getByText(/did not open the vault/)).toBeVisible()
    }
    await unlock(page)
    await nav(page, 'Audit trail')
    const table = page.getByRole('table')
    await expect(table).toContainText('Locked: by the therapist')
    await expect(table).toContainText(
      'Failed unlock attempts: 2 failed attempts since the last unlock',
    )
    // Never what was typed.
    await expect(table).not.toContainText('wrong guess')
  })
})

test.describe('recovery key hygiene', () => {
  test('after a recovery, the key is in no file of the browser profile (password store, sessions)', async () => {
    test.setTimeout(120_000)
    const profile = await mkdtemp(path.join(tmpdir(), 'mend-recovery-'))
    const baseURL =
      process.env['MEND_E2E_URL'] ?? `http://127.0.0.1:${process.env['MEND_E2E_PORT'] ?? 4719}`
    try {
      const context = await chromium.launchPersistentContext(profile, {
        ...chromiumLaunchOptions(),
        headless: true,
        baseURL,
      })
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto('/')
      const key = (await setUpVault(page))!
      await page.reload()
      await page.getByRole('button', { name: /Forgot your passphrase/ }).click()
      await page.getByLabel('Recovery key', { exact: true }).fill(key)
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE)
      await page.getByLabel('Type the new passphrase again', { exact: true }).fill(NEW_PASSPHRASE)
      await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible()
      await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click()
      await expect(page.getByText('Your new passphrase is set. Use it from now on.')).toBeVisible({
        timeout: 15_000,
      })
      await page.goto('/#/settings')
      await page.waitForTimeout(1500)
      await context.close()

      expect((await listFiles(profile)).length).toBeGreaterThan(10)
      for (const form of [key, key.replace(/-/g, ''), key.replace(/-/g, ' ')]) {
        expect(await filesContaining(profile, form), `recovery key (${form.length} chars)`).toEqual(
          [],
        )
      }
    } finally {
      await rm(profile, { recursive: true, force: true })
    }
  })

  test('the web preview offers no Copy for the recovery key (a browser cannot clear its clipboard)', async ({
    page,
  }) => {
    await page.goto('/')
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await page.getByLabel('Type the passphrase again', { exact: true }).fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Create vault' }).click()
    await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible({
      timeout: 15_000,
    })
    await expect(page.getByRole('button', { name: 'Print' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Copy' })).toHaveCount(0)
  })
})

test.describe('records put back from an older copy', () => {
  test('an older copy of a signed walkout is found at unlock, named, and stays until acknowledged', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await createFullClient(page, 'Robin Rollback')
    await page.getByRole('link', { name: 'Record a walkout' }).click()
    await page.getByRole('button', { name: 'Start the walkout record' }).click()
    await saveStep(page, false)
    const incidentId = new URL(page.url()).hash.split('/')[2]!
    // The attacker keeps a copy of the unsigned row…
    const unsigned = await page.evaluate(
      (id) =>
        new Promise<unknown>((resolve, reject) => {
          const request = indexedDB.open('mend')
          request.onsuccess = () => {
            const get = request.result.transaction('incidents').objectStore('incidents').get(id)
            get.onsuccess = () => {
              request.result.close()
              resolve(get.result)
            }
            get.onerror = () => reject(get.error)
          }
        }),
      incidentId,
    )
    await goToStep(page, 'Overview')
    await signRecord(page, { reason: 'The client ended therapy; closing the record.' })
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    // …and puts it back while Mend is locked.
    await page.evaluate(
      (row) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('mend')
          request.onsuccess = () => {
            const tx = request.result.transaction('incidents', 'readwrite')
            tx.objectStore('incidents').put(row)
            tx.oncomplete = () => {
              request.result.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      unsigned,
    )
    await unlock(page)
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Mend found a problem with your records' })
    await expect(warning).toBeVisible({ timeout: 15_000 })
    await expect(warning).toContainText(
      /The walkout record of RR from .* is not the version last saved/,
    )
    await expect(warning).toContainText('It was signed; the version now stored is unsigned')
    await expect(warning).toContainText('restore it')
    await expectNoSeriousA11yViolations(page)
    // It stays on every screen until acknowledged.
    await nav(page, 'Clients')
    await expect(warning).toBeVisible()
    await warning.getByRole('button', { name: /I understand/ }).click()
    await expect(warning).toHaveCount(0)
    await nav(page, 'Audit trail')
    await expect(page.getByRole('table')).toContainText(
      'Integrity check found a problem: 1 not the last version saved',
    )
    await expect(page.getByRole('table')).toContainText('Integrity warning acknowledged')
    // Acknowledged: the next unlock does not raise it again.
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await unlock(page)
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({
      timeout: 15_000,
    })
    await page.waitForTimeout(1500)
    await expect(page.getByText('Mend found a problem with your records')).toHaveCount(0)
  })
})
