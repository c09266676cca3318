import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { setUpVault } from './vault-helpers'
import { createFullClient, goToStep, nav, saveStep } from './walkout-helpers'

/** A local calendar date `days` from today, as a date input holds it. */
function day(days: number): string {
  const date = new Date()
  date.setDate(date.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

async function startWalkout(page: Page, client: string): Promise<string> {
  await page.getByRole('link', { name: 'Client walked out' }).click()
  await page.getByLabel('Find the client by name or initials').fill(client)
  await page.getByLabel(new RegExp(client)).first().check()
  await page.getByRole('button', { name: 'Start the walkout record' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Assess safety/ })).toBeVisible()
  return new URL(page.url()).hash.split('/')[2]!
}

test.describe('the record’s life', () => {
  test('Today shows the week: an outreach due tomorrow and a session in 4 days, with its prep sheet', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await createFullClient(page, 'Avery Weekly')
    await startWalkout(page, 'Avery Weekly')
    await saveStep(page, false)
    await goToStep(page, 'Reach out')
    await page.getByRole('button', { name: 'Log an attempt' }).click()
    await page.getByLabel('Next attempt due').fill(day(1))
    await saveStep(page, false)
    await goToStep(page, 'Discuss in the next session')
    await page.getByLabel('Date of the next session').fill(day(4))
    await saveStep(page, false)

    await nav(page, 'Today')
    const outreach = page.getByRole('region', { name: 'Reach out' })
    await expect(outreach).toContainText(/Avery Weekly.*next attempt to reach out due .*tomorrow/)
    const sessions = page.getByRole('region', { name: 'Sessions' })
    await expect(sessions).toContainText(/next session .*in 4 days/)
    await expect(sessions).toContainText('(not printed yet)')
    await expectNoSeriousA11yViolations(page)
    // Each item links to where it is done.
    await outreach.getByRole('link', { name: 'Avery Weekly' }).click()
    await expect(page.getByRole('heading', { level: 2, name: /Reach out/ })).toBeVisible()
  })

  test('signing with an unfinished step asks for a reason; resolving asks first; a resolved walkout reopens', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await createFullClient(page, 'Blake Signer')
    await startWalkout(page, 'Blake Signer')
    await saveStep(page, false)
    await goToStep(page, 'Overview')

    await page.getByRole('button', { name: 'Sign…' }).click()
    const unfinished = page.getByRole('list', { name: 'Steps not complete' })
    await expect(unfinished.getByRole('listitem')).toHaveCount(8)
    await page.getByLabel('Your name', { exact: true }).fill('Dr. Ana Example')
    await page.getByLabel('Credentials (optional)').fill('PsyD')
    await page.getByRole('button', { name: 'Sign with steps unfinished' }).click()
    await expect(
      page.getByText(/Say why the record is signed with these steps unfinished/),
    ).toBeVisible()
    await expectNoSeriousA11yViolations(page)
    await page
      .getByLabel('Why sign it now, with these steps unfinished')
      .fill('The client ended therapy after the walkout.')
    await page.getByRole('button', { name: 'Sign with steps unfinished' }).click()
    await expect(page.getByText(/^Signed .* by Dr\. Ana Example, PsyD\./)).toBeVisible()
    await expect(
      page.getByText(/Reason: The client ended therapy after the walkout\./),
    ).toBeVisible()

    await page.getByRole('button', { name: 'Move to follow-up' }).click()
    await expect(page.getByText('Status is now: In follow-up.')).toBeVisible()
    await page.getByRole('button', { name: 'Mark resolved…' }).click()
    await expect(page.getByText(/Mark this walkout resolved\?/)).toBeVisible()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByRole('heading', { name: 'Status: In follow-up' })).toBeVisible()
    await page.getByRole('button', { name: 'Mark resolved…' }).click()
    await page.getByRole('button', { name: 'Mark resolved', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Status: Resolved' })).toBeVisible()
    await page.getByRole('button', { name: 'Reopen' }).click()
    await expect(page.getByRole('heading', { name: 'Status: In follow-up' })).toBeVisible()

    await nav(page, 'Audit trail')
    const table = page.getByRole('table')
    await expect(table).toContainText('Status changed: Resolved')
    await expect(table).toContainText('Reopened: In follow-up')
    await expect(table).toContainText('Walkout record of Blake Signer')
    await expect(table).not.toContainText('in-follow-up')
    await expectNoSeriousA11yViolations(page)
  })

  test('a record started on the wrong client is voided with a reason: kept, out of the lists, shown on request', async ({
    page,
  }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await createFullClient(page, 'Casey Mistake')
    await startWalkout(page, 'Casey Mistake')
    await saveStep(page, false)
    await goToStep(page, 'Overview')
    await page.getByRole('button', { name: 'Void this record…' }).click()
    await page.getByRole('button', { name: 'Void the record' }).click()
    await expect(page.getByText('Say why this record is voided.')).toBeVisible()
    await page.getByLabel('Why it is voided').fill('Started on the wrong client.')
    await page.getByRole('button', { name: 'Void the record' }).click()
    await expect(page.getByText(/Voided .* Reason: Started on the wrong client\./)).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    await nav(page, 'Today')
    await expect(page.getByRole('main')).not.toContainText('Casey Mistake')
    await nav(page, 'Clients')
    await page.getByRole('link', { name: 'Casey Mistake' }).click()
    await expect(page.getByText('No walkout recorded for this client.')).toBeVisible()
    await page.getByLabel(/Show the voided record/).check()
    await expect(page.getByRole('list', { name: 'Walkouts, newest first' })).toContainText('Voided')
  })

  test('two clients of the same name: asked before adding, told apart in the picker', async ({
    page,
  }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await nav(page, 'Clients')
    await page.getByRole('link', { name: 'Add client' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Dana Same')
    await page.getByLabel('Date of birth (optional)').fill('1980-02-01')
    await page.getByRole('button', { name: 'Save client' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /Dana Same/ })).toBeVisible()

    await nav(page, 'Clients')
    await page.getByRole('link', { name: 'Add client' }).click()
    await page.getByLabel('Name', { exact: true }).fill('dana  same')
    await page.getByRole('button', { name: 'Save client' }).click()
    const asked = page
      .getByRole('alert')
      .filter({ hasText: 'A client with this name already exists' })
    await expect(asked).toContainText('born')
    await expectNoSeriousA11yViolations(page)
    await page.getByLabel('Client number (optional)').fill('2041')
    await asked.getByRole('button', { name: 'Yes, a different person: save' }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: /dana {2}same|dana same/i }),
    ).toBeVisible()

    await page.getByRole('link', { name: 'Client walked out' }).click()
    await page.getByLabel('Find the client by name or initials').fill('dana')
    const picker = page.getByRole('group', { name: 'Client' })
    await expect(picker.getByText(/born/)).toHaveCount(1)
    await expect(picker.getByText(/no\. 2041/)).toHaveCount(1)
  })

  test('dates that make sense: a future “left at” and a session before the walkout are refused at their fields', async ({
    page,
  }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await createFullClient(page, 'Emery Dates')
    await startWalkout(page, 'Emery Dates')
    const tomorrow = `${day(1)}T10:00`
    await page.getByLabel('When the client left').fill(tomorrow)
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect(
      page
        .locator('.field--invalid')
        .getByText('The time the client left cannot be in the future.'),
    ).toBeVisible()
    await page.getByLabel('Minutes into the session').fill('500')
    await page.getByLabel('When the client left').fill(`${day(0)}T00:01`)
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect(
      page.locator('.field--invalid').getByText(/A session is at most 300 minutes/),
    ).toBeVisible()
    await page.getByLabel('Minutes into the session').fill('40')
    await saveStep(page, false)
    await goToStep(page, 'Discuss in the next session')
    await page.getByLabel('Date of the next session').fill(day(-3))
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect(
      page.locator('.field--invalid').getByText('The next session cannot be before the walkout.'),
    ).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('two tabs saving the same step: the second sees a conflict with both versions, never a silent overwrite', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000)
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await createFullClient(page, 'Finley Twotabs')
    const id = await startWalkout(page, 'Finley Twotabs')
    await saveStep(page, false)
    await goToStep(page, 'Encourage open communication')

    const other = await context.newPage()
    await other.goto(`/#/incidents/${id}/communicate`)
    await other.getByLabel('Passphrase', { exact: true }).fill('quiet harbour lantern 47 violet')
    await other.getByRole('button', { name: 'Unlock', exact: true }).click()
    await expect(
      other.getByRole('heading', { level: 2, name: /Encourage open communication/ }),
    ).toBeVisible({
      timeout: 15_000,
    })

    await other.getByLabel('Agreements made with the client').fill('From the other tab.')
    await saveStep(other, false)

    await page.getByLabel('Agreements made with the client').fill('From this tab.')
    await page.getByRole('button', { name: 'Save step' }).click()
    const conflict = page
      .getByRole('alert')
      .filter({ hasText: 'This step was changed in another window' })
    await expect(conflict).toBeVisible()
    await expect(conflict).toContainText('From the other tab.')
    await expect(page.getByLabel('Agreements made with the client')).toHaveValue('From this tab.')
    await expectNoSeriousA11yViolations(page)
    await conflict.getByRole('button', { name: 'Keep mine and save' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
    await other.reload()
    await other.getByLabel('Passphrase', { exact: true }).fill('quiet harbour lantern 47 violet')
    await other.getByRole('button', { name: 'Unlock', exact: true }).click()
    await expect(other.getByLabel('Agreements made with the client')).toHaveValue(
      'From this tab.',
      {
        timeout: 15_000,
      },
    )

    // Locking one window locks the other.
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await expect(other.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible({
      timeout: 15_000,
    })
  })
})
