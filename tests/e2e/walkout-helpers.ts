import { expect, type Page } from '@playwright/test'

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click()

/** A client with two agreed channels (phone call, email) and one emergency contact. */
export async function createFullClient(
  page: Page,
  name: string,
  extra: { contactName?: string; phoneDetail?: string } = {},
): Promise<void> {
  await nav(page, 'Clients')
  await page.getByRole('link', { name: 'Add client' }).click()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Pronouns (optional)').fill('they/them')
  await page.getByRole('button', { name: 'Add a channel' }).click()
  const first = page.getByRole('group', { name: 'Channel 1' })
  await first.getByLabel('Channel', { exact: true }).selectOption('phone-call')
  await first.getByLabel('Number, address or portal').fill(extra.phoneDetail ?? '555-0100')
  await first.getByLabel('Other conditions or notes').fill('voicemail OK')
  await page.getByRole('button', { name: 'Add a channel' }).click()
  const second = page.getByRole('group', { name: 'Channel 2' })
  await second.getByLabel('Channel', { exact: true }).selectOption('email')
  await second.getByLabel('Number, address or portal').fill('client@example.org')
  await second.getByLabel('Other conditions or notes').fill('no messages at work')
  await page.getByRole('button', { name: 'Add an emergency contact' }).click()
  const contact = page.getByRole('group', { name: 'Emergency contact 1' })
  await contact.getByLabel('Name', { exact: true }).fill(extra.contactName ?? 'Alex Contact')
  await contact.getByLabel('Relation').fill('sibling')
  await contact.getByLabel('Phone').fill('555-0199')
  await page.getByRole('button', { name: 'Save client' }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible()
}

export async function saveStep(page: Page, complete = true): Promise<void> {
  const checkbox = page.getByLabel('This step is complete')
  if (complete) await checkbox.check()
  else await checkbox.uncheck()
  await page.getByRole('button', { name: 'Save step' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
}

export async function goToStep(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Steps of the walkout protocol' })
    .getByRole('link', { name: new RegExp(title) })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(title) })).toBeVisible()
}

/**
 * Signs the record from its overview. The first signature asks for the clinician's name (kept in
 * the practice profile); unfinished steps ask for a reason.
 */
export async function signRecord(
  page: Page,
  options: { name?: string; credentials?: string; reason?: string } = {},
): Promise<void> {
  await page.getByRole('button', { name: 'Sign…' }).click()
  const name = page.getByLabel('Your name', { exact: true })
  if (await name.isVisible()) {
    await name.fill(options.name ?? 'Dr. Ana Example')
    await page.getByLabel('Credentials (optional)').fill(options.credentials ?? 'PsyD')
  }
  if (options.reason !== undefined) {
    await page.getByLabel('Why sign it now, with these steps unfinished').fill(options.reason)
    await page.getByRole('button', { name: 'Sign with steps unfinished' }).click()
  } else {
    await page.getByRole('button', { name: 'Sign the record' }).click()
  }
  await expect(page.getByText(/^Signed .* The record can no longer be edited/)).toBeVisible()
}
