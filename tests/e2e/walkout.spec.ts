import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { setUpVault } from './vault-helpers'
import { createFullClient, goToStep, nav, saveStep, signRecord } from './walkout-helpers'

test.describe('the walkout record', () => {
  test('client with channels, all eight steps, sign, refused edit, addendum, audit trail', async ({
    page,
  }) => {
    test.setTimeout(180_000)
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })

    // A client with two agreed channels and an emergency contact.
    await nav(page, 'Clients')
    await page.getByRole('link', { name: 'Add client' }).click()
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused()
    await page.getByRole('button', { name: 'Add a channel' }).click()
    await expectNoSeriousA11yViolations(page)
    await page.getByRole('button', { name: 'Save client' }).click()
    await expect(page.getByText('Enter a name for the client.')).toBeVisible()
    await createFullClient(page, 'Jordan Fictional')
    await expect(page.getByText('Phone call: 555-0100')).toBeVisible()
    await expect(page.getByText(/Email: client@example.org/)).toBeVisible()
    await expect(page.getByText(/Alex Contact/)).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    // Search finds by name and by initials.
    await nav(page, 'Clients')
    await expectNoSeriousA11yViolations(page)
    await page.getByLabel('Search by name or initials').fill('JF')
    await expect(
      page.getByRole('list', { name: 'Clients' }).getByRole('link', { name: 'Jordan Fictional' }),
    ).toBeVisible()
    await page.getByLabel('Search by name or initials').fill('nobody like that')
    await expect(page.getByText('No client matches that search.')).toBeVisible()

    // One click from anywhere.
    await page.getByRole('link', { name: 'Client walked out' }).click()
    await expect(page.getByRole('heading', { name: 'A client just walked out' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
    await page.getByRole('button', { name: 'Start the walkout record' }).click()
    await expect(
      page.getByText('Choose the client who walked out, or add them by name.'),
    ).toBeVisible()
    await page.getByLabel('Find the client by name or initials').fill('Jordan')
    await page.getByLabel(/Jordan Fictional/).check()
    await page.getByRole('button', { name: 'Start the walkout record' }).click()

    // 1. Safety: completing without a level is refused in words; high risk shows contacts and resources.
    await expect(
      page.getByRole('heading', { level: 2, name: /Step 1 of 8: Assess safety/ }),
    ).toBeVisible()
    await expect(page.getByLabel('When the client left')).toBeFocused()
    await page
      .getByLabel('What happened just before')
      .fill('We talked about a family visit; they went quiet, then left.')
    await page.getByLabel('This step is complete').check()
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect(page.getByText(/Choose a risk level\./)).toBeVisible()
    await page.getByLabel('Withdrawal (went quiet, shut down, left)').check()
    await page.getByLabel('Suicidal ideation').check()
    await page.getByLabel('Supportive relationships').check()
    await page.getByLabel('High', { exact: true }).check()
    const panel = page.getByRole('alert').filter({ hasText: 'High risk: act now' })
    await expect(panel).toContainText('Alex Contact')
    await expect(panel).toContainText('988')
    await page
      .getByLabel('Rationale for the risk level')
      .fill('Passive ideation voiced before leaving; no plan stated.')
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect(page.getByText(/The risk is high: record the action taken/)).toBeVisible()
    await page.getByRole('button', { name: 'Add an action' }).click()
    await page
      .getByRole('group', { name: 'Action 1' })
      .getByLabel('Action', { exact: true })
      .selectOption('emergency-contact')
    await page
      .getByLabel('What was done, or why none was needed')
      .fill('Called the sibling, who went to check on them.')
    // At high risk: access to firearms asked on its own, and a safety plan addressed.
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect(page.getByText(/record whether the client has access to firearms/)).toBeVisible()
    await expect(page.getByText(/record whether a safety plan was reviewed or made/)).toBeVisible()
    await page.getByLabel('No access', { exact: true }).check()
    await page.getByLabel('Plan made together', { exact: true }).check()
    await expectNoSeriousA11yViolations(page)
    await saveStep(page)

    // 2. Wait.
    await page.getByRole('link', { name: 'Next: Wait and assess' }).click()
    await page.getByLabel('How long you waited (minutes)').fill('15')
    await page.getByLabel('Made contact later').check()
    await expectNoSeriousA11yViolations(page)
    await saveStep(page)

    // 3. Outreach: a channel the client did not agree to needs a reason.
    await page.getByRole('link', { name: 'Next: Reach out' }).click()
    await page.getByRole('button', { name: 'Log an attempt' }).click()
    const attempt = page.getByRole('group', { name: 'Attempt 1' })
    await attempt.getByLabel('Channel', { exact: true }).selectOption('text')
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect(
      attempt.getByText('The client did not agree to this channel. Say why it was used.'),
    ).toBeVisible()
    await attempt.getByLabel('Channel', { exact: true }).selectOption('phone-call')
    await attempt.getByLabel('Outcome').selectOption('voicemail')
    await attempt
      .getByLabel('Message summary')
      .fill('Checked in, invited them to the next session.')
    await attempt.getByLabel('Next attempt due').fill('2020-01-05')
    await expectNoSeriousA11yViolations(page)
    await saveStep(page)

    // 4. Reflect (private).
    await page.getByRole('link', { name: 'Next: Reflect' }).click()
    await expect(page.getByText(/Private reflection/)).toBeVisible()
    await page
      .getByLabel('What preceded the walkout')
      .fill('I pressed on the family topic too soon.')
    await page.getByLabel('I sought consultation or supervision').check()
    await expectNoSeriousA11yViolations(page)
    await saveStep(page)

    // 5. Discuss.
    await page.getByRole('link', { name: 'Next: Discuss in the next session' }).click()
    await page.getByLabel('Date of the next session').fill('2030-01-08')
    await page.getByLabel('Points to raise').fill('Name the walkout without blame.')
    await page.getByLabel('Discussed', { exact: true }).check()
    await page.getByLabel('What was discussed').fill('We talked about what felt unsafe.')
    await page.getByLabel('The client’s own account').fill('It felt like too much, too fast.')
    await expectNoSeriousA11yViolations(page)
    await saveStep(page)

    // 6. Adjust.
    await page.getByRole('link', { name: 'Next: Adjust the approach' }).click()
    await expect(page.getByRole('button', { name: 'Add an adjustment' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Adjustment', { exact: true })).toBeFocused()
    await page.getByLabel('Adjustment', { exact: true }).selectOption('break-signal')
    await page.getByLabel('What changes').fill('Hand raised means pause.')
    await page.getByLabel('Rationale').fill('Gives control back when overwhelmed.')
    await expectNoSeriousA11yViolations(page)
    await saveStep(page)

    // 7. Communicate.
    await page.getByRole('link', { name: 'Next: Encourage open communication' }).click()
    await page
      .getByLabel('Agreements made with the client')
      .fill('They may step out and come back.')
    await saveStep(page)

    // 8. Fit.
    await page.getByRole('link', { name: 'Next: Assess therapeutic fit' }).click()
    await page.getByLabel('Good', { exact: true }).check()
    await page.getByLabel('Reasons').fill('Alliance repaired; client engaged.')
    await expectNoSeriousA11yViolations(page)
    await saveStep(page)

    // Every step complete, in the stepper.
    const stepper = page.getByRole('navigation', { name: 'Steps of the walkout protocol' })
    await expect(stepper.getByText('(complete)')).toHaveCount(8)

    // Signing waits while a step has unsaved changes (they could never be applied afterwards).
    await goToStep(page, 'Wait and assess')
    await page.getByLabel('Notes').fill('typed, not saved')
    await page.getByLabel('Notes').blur()
    await stepper.getByRole('link', { name: 'Overview' }).click()
    await page.getByRole('button', { name: 'Sign…' }).click()
    await page.getByRole('button', { name: 'Sign the record' }).click()
    await expect(page.getByText(/There are unsaved changes in: Wait and assess\./)).toBeVisible()
    await goToStep(page, 'Wait and assess')
    await page.getByRole('button', { name: 'Discard them' }).click()

    // Sign: the first signature asks for the clinician's name, which the signature keeps.
    await stepper.getByRole('link', { name: 'Overview' }).click()
    await expect(page.getByText('8 of 8 steps complete.')).toBeVisible()
    await signRecord(page, { name: 'Dr. Ana Example', credentials: 'PsyD' })
    await expect(page.getByText(/^Signed .* by Dr\. Ana Example, PsyD\./)).toBeVisible()
    // Status is workflow: a signed record still moves to follow-up.
    await page.getByRole('button', { name: 'Move to follow-up' }).click()
    await expect(page.getByText('Status is now: In follow-up.')).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    // Editing is refused: the signed step is a readable document, and says why.
    await goToStep(page, 'Assess safety')
    const signedStep = page.getByRole('region', { name: /Step 1 of 8: Assess safety/ })
    await expect(
      signedStep.getByText(
        'This incident is signed and can no longer be edited. Add a dated addendum instead.',
      ),
    ).toBeVisible()
    await expect(signedStep.getByRole('textbox')).toHaveCount(0)
    await expect(signedStep.getByRole('radio')).toHaveCount(0)
    await expect(signedStep.getByRole('definition').filter({ hasText: /^High$/ })).toBeVisible()
    // No call to action on history.
    await expect(page.getByText('High risk: act now')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Save step' })).toHaveCount(0)
    await expectNoSeriousA11yViolations(page)

    // Addendum, dated, shown below.
    await page.getByLabel('New addendum').fill('Correction: the session started 10 minutes late.')
    await page.getByRole('button', { name: 'Add addendum' }).click()
    const addenda = page.getByRole('list', { name: 'Addenda, oldest first' })
    await expect(addenda).toContainText('Correction: the session started 10 minutes late.')
    await expect(
      signedStep.getByText('We talked about a family visit; they went quiet, then left.'),
    ).toBeVisible()

    await expectNoSeriousA11yViolations(page)

    // The timeline on the client page.
    await page.getByRole('link', { name: 'Back to Jordan Fictional' }).click()
    await expect(page.getByRole('list', { name: 'Walkouts, newest first' })).toContainText(
      '8 of 8 steps complete, signed',
    )

    // Today: the overdue attempt, by client name and due date; and the walkout in follow-up.
    await nav(page, 'Today')
    const due = page.getByRole('region', { name: 'Reach out' })
    await expect(due.getByRole('link', { name: 'Jordan Fictional' })).toBeVisible()
    await expect(due).toContainText(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date('2020-01-05T00:00:00Z'),
      ),
    )
    await expect(due).toContainText('days overdue')
    await expect(
      page
        .getByRole('region', { name: 'In follow-up' })
        .getByRole('link', { name: 'Jordan Fictional' }),
    ).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    // Audit trail: intact, then tampered directly in IndexedDB.
    await nav(page, 'Audit trail')
    await expect(page.getByRole('table')).toContainText('Signed')
    await expect(page.getByRole('table')).toContainText('Client: Jordan Fictional')
    await expectNoSeriousA11yViolations(page)
    await page.getByRole('button', { name: 'Verify the audit trail' }).click()
    await expect(page.getByText(/The audit trail is intact: \d+ entries/)).toBeVisible()

    const tampered = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mend')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const seq = await new Promise<number>((resolve, reject) => {
        const tx = db.transaction('audit', 'readwrite')
        const index = tx.objectStore('audit').index('seq')
        const get = index.get(5)
        get.onsuccess = () => {
          const row = get.result as { enc: { ct: Uint8Array }; seq: number }
          row.enc.ct[3] = (row.enc.ct[3] ?? 0) ^ 0xff
          tx.objectStore('audit').put(row)
        }
        tx.oncomplete = () => resolve(5)
        tx.onerror = () => reject(tx.error)
      })
      db.close()
      return seq
    })
    await page.getByRole('button', { name: 'Verify the audit trail' }).click()
    await expect(page.getByText(`The audit trail is broken at entry ${tampered}.`)).toBeVisible()
    await expect(
      page.getByText(/cannot be opened: it was altered or damaged/).first(),
    ).toBeVisible()
    const broken = page.locator('tr[aria-current="true"]')
    await expect(broken.getByRole('rowheader')).toHaveText(String(tampered))
  })

  test('adding a list item without typing is kept as a draft across a lock', async ({ page }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await createFullClient(page, 'Morgan Fictional')
    await page.getByRole('link', { name: 'Record a walkout' }).click()
    await page.getByRole('button', { name: 'Start the walkout record' }).click()
    await goToStep(page, 'Adjust the approach')
    await page.getByRole('button', { name: 'Add an adjustment' }).click()
    await page.getByRole('button', { name: 'Add an adjustment' }).click()
    await expect(page.getByRole('group', { name: 'Adjustment 2' })).toBeVisible()
    await nav(page, 'Today')
    await expect(
      page
        .getByRole('region', { name: 'Open walkouts' })
        .getByRole('link', { name: 'Morgan Fictional' }),
    ).toBeVisible()
    await page.goBack()
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await page.getByLabel('Passphrase', { exact: true }).fill('quiet harbour lantern 47 violet')
    await page.getByRole('button', { name: 'Unlock', exact: true }).click()
    await page.getByRole('button', { name: 'Restore unsaved changes' }).click()
    await expect(page.getByRole('group', { name: 'Adjustment 2' })).toBeVisible()
  })
})
