import { expect, type Page } from '@playwright/test'

export const PASSPHRASE = 'quiet harbour lantern 47 violet'

/** First run through the UI: passphrase twice, with or without a recovery key. Returns the key text. */
export async function setUpVault(
  page: Page,
  options: { recoveryKey?: boolean; passphrase?: string } = {},
): Promise<string | null> {
  const passphrase = options.passphrase ?? PASSPHRASE
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByLabel('Type the passphrase again', { exact: true }).fill(passphrase)
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible()
  const recovery = page.getByLabel(/Create a recovery key/)
  if (options.recoveryKey === false) await recovery.uncheck()
  await page.getByRole('button', { name: 'Create vault' }).click()
  let key: string | null = null
  if (options.recoveryKey !== false) {
    await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible({
      timeout: 15_000,
    })
    key = (await page.locator('.recovery-key__group').allTextContents()).join('-')
    await page.getByLabel('I have stored the recovery key somewhere safe.').check()
    await page.getByRole('button', { name: 'Continue to Mend' }).click()
  }
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({
    timeout: 15_000,
  })
  return key
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
}

export async function addClient(page: Page, name: string, notes = ''): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click()
  await page.getByRole('link', { name: 'Add client' }).click()
  await page.getByLabel('Name', { exact: true }).fill(name)
  if (notes) await page.getByLabel('Notes').fill(notes)
  await page.getByRole('button', { name: 'Save client' }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients' })
    .click()
  await expect(page.getByRole('list', { name: 'Clients' }).getByText(name)).toBeVisible()
}

/** Settings: lock after `minutes` without activity, saved. */
export async function setAutoLockMinutes(page: Page, minutes: number): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click()
  await page.getByLabel('Lock after this many minutes without activity').fill(String(minutes))
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved.')).toBeVisible()
}
