import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test as base } from './fixtures'
import {
  END_OF_FIELD,
  FIRST_ADDENDUM,
  practice,
  REFLECTION_WORDS,
  RESOLVED_WORDS,
  SECOND_ADDENDUM,
} from './print-data'
import {
  buildSeedBundle,
  expectToMatchReference,
  pdfOf,
  seedVault,
  sheetFitted,
  type PdfText,
} from './print-helpers'
import { unlock } from './vault-helpers'
import { nav } from './walkout-helpers'

/** The seeding bundle (the app's own store modules) is built once per worker. */
const test = base.extend<object, { seedCode: string }>({
  seedCode: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => use(await buildSeedBundle()),
    { scope: 'worker', timeout: 120_000 },
  ],
})

// Fixed dates and words: the walkouts are in March 2026, read in UTC, in US English.
test.use({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } })

const SIZES = ['A4', 'Letter'] as const
const TITLES = [
  'What happened',
  'Safety now',
  'Outreach and the client’s replies',
  'Points to raise and open questions',
  'Planned adjustments',
  'Agreements about open communication',
  'Fit and referral',
  'Notes',
]
const PDF_SIZE = { A4: '(A4)', Letter: '(letter)' } as const

async function openPrepSheet(page: Page, path: string, size: 'A4' | 'Letter'): Promise<void> {
  await page.goto(`/#${path}`)
  await page.getByLabel('Paper size').selectOption(size)
  await sheetFitted(page)
}

function expectOnePage(pdf: PdfText, size: 'A4' | 'Letter'): void {
  expect(pdf.pages, 'pages').toBe(1)
  expect(pdf.pageSize).toContain(PDF_SIZE[size])
}

test.describe('printing', () => {
  test('the session-prep sheet is one page, on A4 and Letter, typical or 20,000 characters long', async ({
    page,
    seedCode,
  }) => {
    test.setTimeout(240_000)
    const ids = await seedVault(page, seedCode, practice())

    for (const size of SIZES) {
      // A typical record: every section there, in full; initials only; no reflection.
      await openPrepSheet(page, `/incidents/${ids['typical']}/print/prep-sheet`, size)
      const typical = await pdfOf(page, size)
      expectOnePage(typical, size)
      for (const words of [
        'Session-prep sheet',
        'Client: JF',
        'Walkout: Mar 3, 2026',
        'Next session: Mar 10, 2026',
        'What happened',
        'Left 35 minutes into the session.',
        'they went quiet, then left.',
        'Safety now',
        'Risk level: Moderate, assessed at the walkout on Mar 3, 2026',
        'Texted the 988 number with a short check-in.',
        'Outreach and the client’s replies',
        'Left a calm voicemail inviting them back.',
        'I needed air; I will come on Tuesday.',
        'Points to raise and open questions',
        'Name the walkout without blame.',
        'Was it the family topic, or the pace?',
        'Planned adjustments',
        'Hand raised means pause.',
        'Agreements about open communication',
        'They may step out and come back',
        'Fit and referral',
        'Therapeutic fit: Good',
        'Referred to: Dr. Sam Lee, Harbor Counseling',
        'Notes',
        'JF · Confidential',
        'Page 1 of 1',
      ]) {
        expect(typical.text, size).toContain(words)
      }
      expect(typical.text).not.toContain('continues in the chart copy')
      expect(typical.text).not.toMatch(/Jordan|Fictional/)
      for (const words of REFLECTION_WORDS) expect(typical.text).not.toContain(words)
      expect(typical.text).not.toContain('Psychotherapy note')
      // Nothing of the app around it.
      expect(typical.text).not.toMatch(/Client walked out|Audit trail|Paper size|Print…/)

      // Every text field at 20,000 characters, lists of 8 to 12 long items: still one page.
      await openPrepSheet(page, `/incidents/${ids['long1']}/print/prep-sheet`, size)
      const long = await pdfOf(page, size)
      expectOnePage(long, size)
      expect(long.text).toContain('continues in the chart copy')
      expect(long.text).not.toContain(END_OF_FIELD)
      // Shortened, not clipped: every section is there, down to the notes area.
      for (const title of TITLES) expect(long.text).toContain(title)

      // The client's open walkouts (two long ones) on one sheet; the resolved one is not there.
      await openPrepSheet(page, `/clients/${ids['robin']}/print/prep-sheet`, size)
      const both = await pdfOf(page, size)
      expectOnePage(both, size)
      expect(both.text).toContain('Session-prep sheet: 2 open walkouts')
      expect(both.text).toContain('Walkouts: Mar 3, 2026, Mar 12, 2026')
      expect(both.text).toContain('Risk level: High, assessed at the walkout on Mar 12, 2026')
      expect(both.text).not.toContain(END_OF_FIELD)
      for (const title of TITLES) expect(both.text).toContain(title)
      expect(both.text).not.toContain(RESOLVED_WORDS)
      expect(both.text).not.toMatch(/Robin|Longfield/)
      // Even with the reflection (20,000 characters more per walkout).
      await page.getByLabel('Include my reflection').check()
      await sheetFitted(page)
      const withReflection = await pdfOf(page, size)
      expectOnePage(withReflection, size)
      expect(withReflection.text).toContain('My reflection Psychotherapy note')
      for (const title of TITLES) expect(withReflection.text).toContain(title)
      await page.getByLabel('Include my reflection').uncheck()
    }
    await expectNoSeriousA11yViolations(page)
  })

  test('the prep sheet leaves the reflection and the full name out unless ticked for this print', async ({
    page,
    seedCode,
  }) => {
    test.setTimeout(180_000)
    const ids = await seedVault(page, seedCode, practice())
    // Reached from the walkout record's overview; the address holds a random id, no name.
    await page.goto(`/#/incidents/${ids['typical']}`)
    await page.getByRole('link', { name: 'Prep sheet', exact: true }).click()
    await expect(page).toHaveURL(new RegExp(`#/incidents/${ids['typical']}/print/prep-sheet$`))
    expect(page.url()).not.toMatch(/Jordan|Fictional/)
    await expect(page).toHaveTitle('Mend')
    await sheetFitted(page)
    const sheet = page.locator('.prep-sheet')
    await expect(sheet.locator('.prep-sheet__facts')).toContainText('JF')
    await expect(sheet).not.toContainText('Jordan')
    await expect(sheet).not.toContainText(REFLECTION_WORDS[0]!)
    await expectNoSeriousA11yViolations(page)

    // Keyboard: the options are plain checkboxes; Space ticks them.
    await page.getByLabel('Show the full name').focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await expect(page.getByLabel('Include my reflection')).toBeFocused()
    await page.keyboard.press('Space')
    await sheetFitted(page)
    const ticked = await pdfOf(page, 'Letter')
    expectOnePage(ticked, 'Letter')
    expect(ticked.text).toContain('Client: Jordan Fictional')
    expect(ticked.text).toContain('My reflection Psychotherapy note')
    for (const words of REFLECTION_WORDS) expect(ticked.text).toContain(words)
    // The running footer names the initials, never the full name.
    expect(ticked.text).toContain('JF · Confidential')

    // Unticked again: gone again (the choice is for this print only).
    await page.getByLabel('Include my reflection').uncheck()
    await sheetFitted(page)
    const plain = await pdfOf(page, 'Letter')
    for (const words of REFLECTION_WORDS) expect(plain.text).not.toContain(words)
    await page.reload()
    await unlock(page)
    await sheetFitted(page)
    await expect(page.getByLabel('Show the full name')).not.toBeChecked()
    await expect(page.getByLabel('Include my reflection')).not.toBeChecked()
  })

  test('the chart copy holds every step and every addendum in order, with page numbers', async ({
    page,
    seedCode,
  }) => {
    test.setTimeout(240_000)
    const ids = await seedVault(page, seedCode, practice())
    await page.goto(`/#/incidents/${ids['typical']}`)
    await page.getByRole('link', { name: 'Chart copy', exact: true }).click()
    await expect(page.locator('.chart-copy')).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    for (const size of SIZES) {
      await page.getByLabel('Paper size').selectOption(size)
      const chart = await pdfOf(page, size)
      expect(chart.pageSize).toContain(PDF_SIZE[size])
      const steps = [
        'Step 1 of 8: Assess safety',
        'Step 2 of 8: Wait and assess',
        'Step 3 of 8: Reach out',
        'Step 4 of 8: Reflect',
        'Step 5 of 8: Discuss in the next session',
        'Step 6 of 8: Adjust the approach',
        'Step 7 of 8: Encourage open communication',
        'Step 8 of 8: Assess therapeutic fit',
        'Signature',
        'Addenda',
        FIRST_ADDENDUM,
        SECOND_ADDENDUM,
      ]
      const positions = steps.map((words) => chart.text.indexOf(words))
      positions.forEach((position, i) => expect(position, steps[i]).toBeGreaterThanOrEqual(0))
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
      for (const words of [
        'Walkout record: chart copy',
        'Client: JF',
        'Rationale for the risk',
        'Passive ideation voiced before leaving; no plan stated.',
        'Questions to explore',
        'Was it the family topic, or the pace?',
        'Date of the next session',
        'Mar 10, 2026',
        'Warm handoff No',
        'A psychotherapy note, kept apart from the record: left out of this copy.',
        'Signed',
        'by the clinician (name not recorded)',
        'Addendum 1, added',
        'Addendum 2, added',
      ]) {
        expect(chart.text, size).toContain(words)
      }
      for (const words of REFLECTION_WORDS) expect(chart.text).not.toContain(words)
      expect(chart.text).not.toMatch(/Jordan|Fictional/)
      chart.perPage.forEach((text, i) => {
        expect(text).toContain(`Page ${i + 1} of ${chart.pages}`)
        expect(text).toMatch(/Printed \w{3} \d{1,2}, \d{4} · JF · Confidential/)
      })
    }

    await page.getByLabel('Include my reflection').check()
    const withReflection = await pdfOf(page, 'Letter')
    expect(withReflection.text).toContain('Step 4 of 8: Reflect Psychotherapy note')
    for (const words of REFLECTION_WORDS) expect(withReflection.text).toContain(words)

    // A long record runs over many pages: all of it is there, each page numbered.
    await page.goto(`/#/incidents/${ids['long1']}/print/chart`)
    await expect(page.locator('.chart-copy')).toBeVisible()
    const long = await pdfOf(page, 'Letter')
    expect(long.pages).toBeGreaterThan(10)
    for (const field of ['one_before', 'one_rationale', 'one_attempt11', 'one_why9', 'add'])
      expect(long.text).toContain(`${field} ${END_OF_FIELD}`)
    long.perPage.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${long.pages}`))
    // A table running onto the next page repeats its column headings there.
    expect(long.perPage.filter((text) => /^FIELD ENTRY/.test(text)).length).toBeGreaterThan(3)
  })

  test('letters fill every placeholder; an unfilled one blocks printing and says where to fill it', async ({
    page,
    seedCode,
  }) => {
    test.setTimeout(180_000)
    const ids = await seedVault(page, seedCode, practice())
    await page.goto(`/#/clients/${ids['jordan']}`)
    await page.getByRole('link', { name: 'Letters' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Letters' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
    await page.getByRole('link', { name: 'Closing letter' }).click()

    // No practice profile yet: the letter waits, naming each placeholder and where to fill it.
    const blocked = page.getByRole('alert').filter({ hasText: 'This letter cannot be printed yet' })
    await expect(blocked).toContainText(
      '{{clinician.name}} (your name) is empty. Fill it in under Settings, Practice profile.',
    )
    await expect(blocked).toContainText('{{practice.phone}}')
    await expect(page.getByRole('button', { name: 'Print…' })).toBeDisabled()
    await expect(page.getByRole('button', { name: 'Save as PDF…' })).toBeDisabled()
    await expectNoSeriousA11yViolations(page)
    // Even the browser's own Ctrl+P gets no letter.
    const refused = await pdfOf(page, 'Letter')
    expect(refused.text).toContain('not filled in yet, so it was not printed')
    expect(refused.text).not.toContain('Dear Jordan')

    // Fill in the practice profile in Settings (the notice links there).
    await blocked.getByRole('link', { name: 'Open Settings' }).click()
    const profile = page.getByRole('region', { name: 'Practice profile', exact: true })
    await profile.getByLabel('Practice name').fill('Harbour Street Therapy')
    await profile.getByLabel('Your name').fill('Dr. Ana Example')
    await profile.getByLabel('Credentials').fill('PsyD, licensed psychologist')
    await profile.getByLabel('Address').fill('12 Harbour Street\nSpringfield')
    await profile.getByLabel('Phone').fill('555-0142')
    await profile.getByLabel('Email').fill('not an email')
    await profile.getByRole('button', { name: 'Save profile' }).click()
    await expect(profile.getByText('Enter an email address like name@example.org')).toBeVisible()
    await profile.getByLabel('Email').fill('office@example.org')
    await profile.getByRole('button', { name: 'Save profile' }).click()
    await expect(profile.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()

    // A template with a placeholder Mend does not know is refused; the default comes back.
    const printing = page.getByRole('region', { name: 'Printing', exact: true })
    const outreach = printing.getByLabel('Outreach letter')
    await outreach.fill('Dear {{client.nickname}},\n\nHello.')
    await printing.getByRole('button', { name: 'Save printing settings' }).click()
    await expect(
      printing.getByText('{{client.nickname}}: not a placeholder Mend knows.'),
    ).toBeVisible()
    await printing.getByRole('button', { name: 'Restore the default outreach letter' }).click()
    await expect(outreach).toHaveValue(
      /I wanted to reach out after our session on \{\{walkout\.date\}\}/,
    )
    await printing.getByRole('button', { name: 'Save printing settings' }).click()
    await expect(printing.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    // Now every placeholder is filled.
    await page.goto(`/#/clients/${ids['jordan']}/letters/closing`)
    await expect(page.locator('.letter')).toBeVisible()
    await expect(page.getByText('This letter cannot be printed yet')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Print…' })).toBeEnabled()
    const closing = await pdfOf(page, 'Letter')
    expect(closing.text).not.toMatch(/\{\{|\}\}/)
    for (const words of [
      'Harbour Street Therapy',
      'Dear Jordan,',
      'since our session on March 3, 2026',
      'contact me at 555-0142',
      'I recommend: Dr. Sam Lee, Harbor Counseling',
      '988 Suicide & Crisis Lifeline (US): 988.',
      'Dr. Ana Example, PsyD, licensed psychologist',
      '12 Harbour Street Springfield',
    ]) {
      expect(closing.text).toContain(words)
    }
    // A letter is a letter: no running footer with initials.
    expect(closing.text).not.toContain('Confidential')

    await page.goto(`/#/clients/${ids['jordan']}/letters/referral`)
    const referral = await pdfOf(page, 'Letter')
    expect(referral.text).toContain('Dear Dr. Sam Lee, Harbor Counseling,')
    expect(referral.text).toContain('to refer Jordan Fictional to you')
    expect(referral.text).not.toMatch(/\{\{|\}\}/)

    await page.goto(`/#/clients/${ids['jordan']}/letters/outreach`)
    await page.getByLabel('Paper size').selectOption('A4')
    const outreachPdf = await pdfOf(page, 'A4')
    expect(outreachPdf.pageSize).toContain('(A4)')
    expect(outreachPdf.text).toContain('I wanted to reach out after our session on March 3, 2026.')
    expect(outreachPdf.text).not.toMatch(/\{\{|\}\}/)
  })

  test('printing and saving as PDF are in the audit trail, by kind and record, without content', async ({
    page,
    seedCode,
  }) => {
    test.setTimeout(180_000)
    const ids = await seedVault(page, seedCode, practice())
    await page.goto(`/#/clients/${ids['robin']}`)
    await page.getByRole('link', { name: 'Prep sheet (all open walkouts)' }).click()
    await sheetFitted(page)
    await expect(page.getByText('This prep sheet has not been printed yet.')).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    // Keyboard: from the paper size to Print…, Enter.
    await page.getByLabel('Paper size').focus()
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Print…' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByText('Sent to the printer. The audit trail notes it.')).toBeVisible()
    await expect(page.getByText(/^Last printed /)).toBeVisible()

    await page.goto(`/#/incidents/${ids['typical']}/print/chart`)
    await page.getByRole('button', { name: 'Save as PDF…' }).click()
    await expect(page.getByText('Saved as PDF. The audit trail notes it.')).toBeVisible()

    // The walkout's own sheet knows it was printed (as part of the client's sheet).
    await page.goto(`/#/incidents/${ids['long2']}/print/prep-sheet`)
    await expect(page.getByText(/^Last printed /)).toBeVisible()
    await page.goto(`/#/incidents/${ids['typical']}/print/prep-sheet`)
    await expect(page.getByText('This prep sheet has not been printed yet.')).toBeVisible()

    await nav(page, 'Audit trail')
    const table = page.getByRole('table')
    await expect(table).toContainText('Printed: Session-prep sheet')
    await expect(table).toContainText('Printed: Chart copy, saved as PDF')
    const printed = table.getByRole('row').filter({ hasText: 'Printed:' })
    await expect(printed).toHaveCount(2)
    for (const row of await printed.all()) {
      await expect(row).not.toContainText(/quiet|session trust|ENDOFFIELD|Harbor/)
    }
    await page.getByRole('button', { name: 'Verify the audit trail' }).click()
    await expect(page.getByText(/The audit trail is intact/)).toBeVisible()
  })

  test('Ctrl+P is the audited Print… on a printing screen; elsewhere it says where to print, and no screen reaches paper', async ({
    page,
    seedCode,
  }) => {
    test.setTimeout(180_000)
    const ids = await seedVault(page, seedCode, practice())

    // A client's page: Ctrl+P does not print the screen; it says where Mend prints.
    await page.goto(`/#/clients/${ids['robin']}`)
    await expect(page.getByRole('link', { name: 'Prep sheet (all open walkouts)' })).toBeVisible()
    await page.keyboard.press('Control+P')
    const note = page
      .getByRole('status')
      .filter({ hasText: 'Mend prints from its printing screens' })
    await expect(note).toBeVisible()
    // Printed anyway (the browser's own menu): the paper holds that note, nothing of the client.
    const screen = await pdfOf(page, 'A4')
    expect(screen.pages).toBe(1)
    expect(screen.text).toContain('Mend prints from its printing screens')
    expect(screen.text).not.toMatch(/Robin|Longfield|RL\b/)
    // The note belongs to the screen it was asked on.
    await nav(page, 'Today')
    await expect(note).toHaveCount(0)

    // The prep sheet: Ctrl+P is its Print…, printed and noted in the audit trail.
    await page.goto(`/#/incidents/${ids['typical']}/print/prep-sheet`)
    await sheetFitted(page)
    await expect(page.getByRole('button', { name: 'Print…' })).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+P',
    )
    await page.keyboard.press('Control+P')
    await expect(page.getByText('Sent to the printer. The audit trail notes it.')).toBeVisible()
    await expect(page.getByText('Mend prints from its printing screens')).toHaveCount(0)
    await expect(page.getByText(/^Last printed /)).toBeVisible()

    await nav(page, 'Audit trail')
    const printed = page.getByRole('table').getByRole('row').filter({ hasText: 'Printed:' })
    await expect(printed).toHaveCount(1)
    await expect(printed).toContainText('Printed: Session-prep sheet')
  })

  test('the prep-sheet preview looks like its reference image', async ({ page, seedCode }) => {
    test.setTimeout(120_000)
    const ids = await seedVault(page, seedCode, practice())
    await openPrepSheet(page, `/incidents/${ids['typical']}/print/prep-sheet`, 'Letter')
    const shot = await page
      .locator('.prep-sheet')
      .screenshot({ animations: 'disabled', caret: 'hide' })
    await expectToMatchReference(shot, 'tests/fixtures/print/prep-sheet.png', {
      maxDiffPixelRatio: 0.01,
    })
  })
})
