import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from '../support/chromium.mjs'
import { filesContaining, listFiles } from '../support/profile-scan'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { addClient, PASSPHRASE, setAutoLockMinutes, setUpVault, unlock } from './vault-helpers'
import { createFullClient, goToStep, saveStep } from './walkout-helpers'

const NEW_PASSPHRASE = 'amber willow signal 58 thistle'

test.describe('first run', () => {
  test('refuses a weak or mismatched passphrase with words, then creates the vault and shows the recovery key once', async ({
    page,
  }) => {
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
    await expect(page.getByText(/cannot be recovered by anyone/)).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    await page.getByLabel('Passphrase', { exact: true }).fill('short')
    await page.getByLabel('Type the passphrase again', { exact: true }).fill('short')
    await page.getByRole('button', { name: 'Create vault' }).click()
    await expect(
      page.getByText('Use at least 12 characters. A few unrelated words work well.'),
    ).toBeVisible()

    await page.getByLabel('Passphrase', { exact: true }).fill('password1234')
    await page.getByLabel('Type the passphrase again', { exact: true }).fill('password1234')
    await expect(page.getByText(/Strength: (Very weak|Weak)/)).toBeVisible()
    await page.getByRole('button', { name: 'Create vault' }).click()
    await expect(page.getByText(/This passphrase is too easy to guess/)).toBeVisible()

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await page.getByLabel('Type the passphrase again', { exact: true }).fill(`${PASSPHRASE}x`)
    await page.getByRole('button', { name: 'Create vault' }).click()
    await expect(page.getByText('The two passphrases are not the same.')).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()

    await page.getByLabel('Type the passphrase again', { exact: true }).fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Create vault' }).click()
    await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible({
      timeout: 15_000,
    })
    const groups = await page.locator('.recovery-key__group').allTextContents()
    expect(groups).toHaveLength(9)
    for (const group of groups) expect(group).toMatch(/^[0-9A-Z]{4}$/)
    await expectNoSeriousA11yViolations(page)
    // The one page besides the printing screens that is meant for paper: printed, it holds the key.
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.recovery-key')).toBeVisible()
    await expect(
      page.getByText('Mend recovery key. Keep this page private and safe.'),
    ).toBeVisible()
    await page.emulateMedia({ media: 'screen' })
    const proceed = page.getByRole('button', { name: 'Continue to Mend' })
    await expect(proceed).toBeDisabled()
    await page.getByLabel('I have stored the recovery key somewhere safe.').check()
    await proceed.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible()

    // Shown once: after a reload only the unlock screen, and no key anywhere.
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    await expect(page.getByText(groups.join('-'))).toHaveCount(0)
    await expectNoSeriousA11yViolations(page)
  })
})

test.describe('unlocking', () => {
  test('a wrong passphrase is refused in words; the data is still there with the right one', async ({
    page,
  }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await addClient(page, 'Robin Fictional', 'kept safe')
    await page.reload()
    await unlock(page, 'not my passphrase at all')
    await expect(page.getByText(/That passphrase did not open the vault/)).toBeVisible({
      timeout: 15_000,
    })
    await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused()
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toHaveCount(0)
    await unlock(page)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Clients' })
      .click()
    await expect(
      page.getByRole('list', { name: 'Clients' }).getByText('Robin Fictional'),
    ).toBeVisible()
  })

  test('repeated failures bring a growing delay, shown as a countdown', async ({ page }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await page.reload()
    for (let attempt = 1; attempt <= 4; attempt++) {
      await unlock(page, `wrong guess number ${attempt}`)
      await expect(page.getByText(/That passphrase did not open the vault/)).toBeVisible({
        timeout: 15_000,
      })
    }
    await expect(
      page.getByText(/Too many attempts\. You can try again in \d+ seconds/),
    ).toBeVisible()
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeDisabled()
    // The delay survives a reload.
    await page.reload()
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeEnabled({
      timeout: 10_000,
    })
    await unlock(page)
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({
      timeout: 15_000,
    })
  })

  test('the recovery key unlocks and sets a new passphrase', async ({ page }) => {
    await page.goto('/')
    const key = await setUpVault(page)
    await page.reload()
    await page.getByRole('button', { name: /Forgot your passphrase/ }).click()
    await expectNoSeriousA11yViolations(page)
    await page
      .getByLabel('Recovery key', { exact: true })
      .fill(key!.toLowerCase().replace(/-/g, ' '))
    // The key in a form of its own (no password field beside it), then the new passphrase.
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(
      page.getByText('The recovery key is right. Now choose a new passphrase.'),
    ).toBeVisible()
    await expect(page.getByLabel('Recovery key', { exact: true })).toHaveCount(0)
    await page.getByLabel('New passphrase', { exact: true }).fill('fresh meadow copper 93 kite')
    await page
      .getByLabel('Type the new passphrase again', { exact: true })
      .fill('fresh meadow copper 93 kite')
    await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible()
    await page.getByRole('button', { name: 'Set the new passphrase and unlock' }).click()
    await expect(page.getByText('Your new passphrase is set. Use it from now on.')).toBeVisible({
      timeout: 15_000,
    })
    await page.reload()
    await unlock(page, 'fresh meadow copper 93 kite')
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({
      timeout: 15_000,
    })
  })
})

test.describe('locking', () => {
  test('the Lock button and Ctrl+Shift+L hide every client value', async ({ page }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await addClient(page, 'Sky Marker-Lock-7')
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    await expect(page.locator('body')).not.toContainText('Marker-Lock-7')
    await unlock(page)
    await expect(
      page.getByRole('list', { name: 'Clients' }).getByText('Sky Marker-Lock-7'),
    ).toBeVisible({ timeout: 15_000 })
    await page.keyboard.press('Control+Shift+L')
    await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    expect(await page.content()).not.toContain('Marker-Lock-7')
  })

  test('auto-lock after idle: a countdown, then every client value hidden; the draft comes back after unlock', async ({
    page,
  }) => {
    await page.clock.install()
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await setAutoLockMinutes(page, 1)

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Clients' })
      .click()
    await page.getByRole('link', { name: 'Add client' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Draft Marker-Idle-42')
    await page.getByLabel('Notes').fill('typed but not saved')
    await page.clock.runFor(2000) // the draft autosave debounce

    await page.clock.fastForward(45_000)
    const warning = page.getByRole('dialog', { name: 'Mend is about to lock' })
    await expect(warning).toBeVisible()
    await expect(warning).toContainText(/lock in \d+ seconds/)
    await page.clock.fastForward(20_000)
    await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    await expect(page.getByText(/locked itself after a period without activity/)).toBeVisible()
    expect(await page.content()).not.toContain('Marker-Idle-42')
    expect(await page.content()).not.toContain('typed but not saved')

    await unlock(page)
    await expect(page.getByRole('heading', { name: 'New client' })).toBeVisible({ timeout: 15_000 })
    await page.getByRole('button', { name: 'Restore unsaved changes' }).click()
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Draft Marker-Idle-42')
    await expect(page.getByLabel('Notes')).toHaveValue('typed but not saved')
  })

  test('the recovery key screen is inside the lock: idle locks it and the key is gone', async ({
    page,
  }) => {
    await page.clock.install()
    await page.goto('/')
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
    await page.getByLabel('Type the passphrase again', { exact: true }).fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Create vault' }).click()
    await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible({
      timeout: 15_000,
    })
    const key = (await page.locator('.recovery-key__group').allTextContents()).join('')
    await page.clock.fastForward(5 * 60_000 + 5_000)
    await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    expect(await page.content()).not.toContain(key.slice(0, 8))
  })

  test('activity or "Stay unlocked" keeps the vault open', async ({ page }) => {
    await page.clock.install()
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await page.clock.fastForward(4 * 60_000 + 40_000)
    const warning = page.getByRole('dialog', { name: 'Mend is about to lock' })
    await expect(warning).toBeVisible()
    await page.getByRole('button', { name: 'Stay unlocked' }).click()
    await expect(warning).toBeHidden()
    await page.clock.fastForward(60_000)
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible()
  })
})

test.describe('changing the passphrase', () => {
  test('needs the current passphrase; afterwards only the new one unlocks', async ({ page }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await addClient(page, 'Kept Across Change')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click()
    await expectNoSeriousA11yViolations(page)
    await page.getByLabel('Current passphrase', { exact: true }).fill('wrong current passphrase')
    await page.getByLabel('New passphrase', { exact: true }).fill('amber willow signal 58 thistle')
    await page
      .getByLabel('Type the new passphrase again', { exact: true })
      .fill('amber willow signal 58 thistle')
    await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible()
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await expect(
      page.getByText('That is not your current passphrase. Nothing was changed.'),
    ).toBeVisible({ timeout: 15_000 })
    await page.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await expect(page.getByText('Your passphrase has been changed.', { exact: false })).toBeVisible(
      { timeout: 15_000 },
    )
    await page.reload()
    await unlock(page)
    await expect(page.getByText(/That passphrase did not open the vault/)).toBeVisible({
      timeout: 15_000,
    })
    await unlock(page, 'amber willow signal 58 thistle')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Clients' })
      .click()
    await expect(
      page.getByRole('list', { name: 'Clients' }).getByText('Kept Across Change'),
    ).toBeVisible()
  })

  test('closing the page in the middle of a change: exactly one passphrase opens, nothing is lost', async ({
    context,
    page,
  }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await addClient(page, 'Survives The Interruption')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click()
    await page.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE)
    await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE)
    await page.getByLabel('Type the new passphrase again', { exact: true }).fill(NEW_PASSPHRASE)
    await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible()
    await page.getByRole('button', { name: 'Change passphrase' }).click()
    await page.close({ runBeforeUnload: false })

    // Either the change landed whole (only the new passphrase opens) or not at all (only the
    // old one does, and Mend says the change did not finish). Never a vault neither opens.
    const again = await context.newPage()
    await again.goto('/')
    await unlock(again)
    const lock = again.getByRole('button', { name: 'Lock', exact: true })
    const refused = again.getByText(/That passphrase did not open the vault/)
    await expect(lock.or(refused)).toBeVisible({ timeout: 15_000 })
    // (Whether the notice "did not finish" appears depends on how far the change got; the store
    // tests pin that down deterministically.)
    if (await refused.isVisible()) {
      await unlock(again, NEW_PASSPHRASE)
      await expect(lock).toBeVisible({ timeout: 15_000 })
    }
    await again
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Clients' })
      .click()
    await expect(
      again.getByRole('list', { name: 'Clients' }).getByText('Survives The Interruption'),
    ).toBeVisible()
  })
})

test.describe('nothing readable at rest', () => {
  test('client names, contacts, narratives, reflections, addenda, drafts and walkout and due dates are in no file of the browser profile (UTF-8 or UTF-16LE)', async () => {
    test.setTimeout(120_000)
    const profile = await mkdtemp(path.join(tmpdir(), 'mend-profile-'))
    const baseURL =
      process.env['MEND_E2E_URL'] ?? `http://127.0.0.1:${process.env['MEND_E2E_PORT'] ?? 4719}`
    const MARKERS = {
      name: 'Zq7Marker-ClientName-Vx',
      notes: 'Zq7Marker-ClientNotes-Vx',
      channel: 'Zq7Marker-ChannelDetail-Vx',
      contact: 'Zq7Marker-ContactName-Vx',
      narrative: 'Zq7Marker-Narrative-Vx',
      reflection: 'Zq7Marker-Reflection-Vx',
      addendum: 'Zq7Marker-Addendum-Vx',
      clientDraft: 'Zq7Marker-ClientDraft-Vx',
      stepDraft: 'Zq7Marker-StepDraft-Vx',
    }
    const CONTROL = 'Zq7Control-InTheClear-Vx'
    const DATES = { walkout: '2019-02-28T13:37', due: '2031-07-19', session: '2031-08-23' }
    try {
      const context = await chromium.launchPersistentContext(profile, {
        ...chromiumLaunchOptions(),
        headless: true,
        baseURL,
      })
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto('/')
      await setUpVault(page)
      await createFullClient(page, MARKERS.name, {
        contactName: MARKERS.contact,
        phoneDetail: MARKERS.channel,
      })
      await page.getByRole('link', { name: 'Edit details' }).click()
      await page.getByLabel('Notes', { exact: true }).fill(MARKERS.notes)
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.getByRole('link', { name: 'Record a walkout' }).click()
      await page.getByRole('button', { name: 'Start the walkout record' }).click()
      await page.getByLabel('What happened just before').fill(MARKERS.narrative)
      // Distinctive dates: when the client left, and when the next attempt is due. Lists need
      // them, and they identify a client next to a calendar: they must not be in clear either.
      await page.getByLabel('When the client left').fill(DATES.walkout)
      await saveStep(page, false)
      await goToStep(page, 'Reach out')
      await page.getByRole('button', { name: 'Log an attempt' }).click()
      await page.getByLabel('Next attempt due').fill(DATES.due)
      await saveStep(page, false)
      await goToStep(page, 'Discuss in the next session')
      await page.getByLabel('Date of the next session').fill(DATES.session)
      await saveStep(page, false)
      await goToStep(page, 'Reflect')
      await page.getByLabel('What preceded the walkout').fill(MARKERS.reflection)
      await saveStep(page, false)
      await page.getByLabel('New addendum').fill(MARKERS.addendum)
      await page.getByRole('button', { name: 'Add addendum' }).click()
      await expect(page.getByRole('list', { name: 'Addenda, oldest first' })).toContainText(
        MARKERS.addendum,
      )
      // Drafts typed but never saved: a step, and a new client.
      await goToStep(page, 'Wait and assess')
      await page.getByLabel('Notes').fill(MARKERS.stepDraft)
      await page.waitForTimeout(1500)
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Clients' })
        .click()
      await page.getByRole('link', { name: 'Add client' }).click()
      await page.getByLabel('Name', { exact: true }).fill(MARKERS.clientDraft)
      await page.getByLabel('Notes').click()
      await page.waitForTimeout(1500)
      // The drafts really were kept (encrypted): the dashboard offers them back.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Today' })
        .click()
      await expect(page.getByRole('link', { name: /Continue: New client/ })).toBeVisible()
      await expect(page.getByRole('link', { name: /Continue: Wait and assess/ })).toBeVisible()
      // The search index's sealed snapshot (every searchable word) is in the profile scanned
      // below: the worker writes one 3 s after changes, and the last record (the addendum) was
      // saved longer ago than that.
      await expect
        .poll(
          () =>
            page.evaluate(
              () =>
                new Promise<boolean>((resolve) => {
                  const request = indexedDB.open('mend')
                  request.onsuccess = () => {
                    const db = request.result
                    const names = [...db.objectStoreNames]
                    if (!names.includes('derived')) return resolve(false)
                    const get = db
                      .transaction('derived')
                      .objectStore('derived')
                      .get('search-snapshot')
                    get.onsuccess = () => {
                      db.close()
                      resolve(get.result !== undefined)
                    }
                  }
                  request.onerror = () => resolve(false)
                }),
            ),
          { timeout: 20_000 },
        )
        .toBe(true)
      // Control: the same string stored in clear by a page of the same origin must be found,
      // proving the scan can see IndexedDB and localStorage contents.
      await page.evaluate(async (control) => {
        localStorage.setItem('control', control)
        await new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('control-db', 1)
          request.onupgradeneeded = () => request.result.createObjectStore('plain')
          request.onsuccess = () => {
            const tx = request.result.transaction('plain', 'readwrite')
            tx.objectStore('plain').put({ text: control }, 'k')
            tx.oncomplete = () => resolve()
            tx.onerror = () => reject(tx.error)
          }
        })
      }, CONTROL)
      await context.close()

      expect((await listFiles(profile)).length).toBeGreaterThan(10)
      expect(await filesContaining(profile, CONTROL), 'the control marker is found').not.toEqual([])
      for (const [kind, marker] of Object.entries(MARKERS)) {
        expect(await filesContaining(profile, marker), `${kind} marker at rest`).toEqual([])
      }
      // The dates, in the forms the previous layout kept them in clear (YYYY-MM-DD).
      for (const [kind, date] of Object.entries(DATES)) {
        const day = date.slice(0, 10)
        expect(await filesContaining(profile, day), `${kind} date ${day} at rest`).toEqual([])
      }
    } finally {
      await rm(profile, { recursive: true, force: true })
    }
  })
})
