import axe from 'axe-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { MemoryRouter, Route, Routes } from 'react-router'
import type { Client } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { DEFAULT_OUTREACH_TEMPLATES } from '../../src/renderer/src/domain/outreach-templates'
import type { Timestamp } from '../../src/renderer/src/domain/time'
import { IncidentPage } from '../../src/renderer/src/features/incidents'
import { LetterPage } from '../../src/renderer/src/features/printing'
import {
  OutreachTemplatesForm,
  PracticeProfileForm,
  PrintingSettingsForm,
} from '../../src/renderer/src/features/settings'
import { browserPlatform } from '../../src/renderer/src/platform/browser'
import { PlatformProvider } from '../../src/renderer/src/platform/context'
import type { Platform } from '../../src/renderer/src/platform/types'
import { readAudit } from '../../src/renderer/src/store/integrity'
import { createClient, createIncident, saveStep } from '../../src/renderer/src/store/operations'
import type { VaultSession } from '../../src/renderer/src/store/session'
import { SessionProvider } from '../../src/renderer/src/store/session-context'
import { readPracticeSettings, updatePracticeSettings } from '../../src/renderer/src/store/settings'
import { freshSession, testDatabase } from './fixtures'
import { render } from './render'

/**
 * "Use a template" in step 3 and Settings → Outreach templates, as the therapist uses them: the
 * template filled from the client and the practice profile, copied (the clipboard is a spy), and
 * the attempt added to the form and saved with the step; conditions on the channel warn, and
 * copying waits for the warning to be acknowledged. Every control is found by its label.
 */
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const t = testDatabase('mend-outreach-templates')

const LEFT_AT: Timestamp = { utc: new Date(Date.now() - 3_600_000).toISOString(), offsetMinutes: 0 }

const JORDAN: Client = {
  displayName: 'Jordan Fictional',
  initials: 'JF',
  dateOfBirth: '',
  clientNumber: '',
  pronouns: '',
  isMinor: false,
  channels: [
    {
      id: 'ch-text',
      kind: 'text',
      detail: '555-0100',
      consentDate: '2026-01-15',
      conditions: ['no-clinical-details'],
      notes: 'shared phone',
    },
    {
      id: 'ch-phone',
      kind: 'phone-call',
      detail: '555-0101',
      consentDate: '2026-01-15',
      conditions: ['no-voicemail', 'discreet'],
      notes: '',
    },
    {
      id: 'ch-letter',
      kind: 'letter',
      detail: '1 Home Street',
      consentDate: '2026-01-15',
      conditions: ['no-clinical-details'],
      notes: '',
    },
  ],
  emergencyContacts: [],
  status: 'active',
  notes: '',
}

async function withProfile(session: VaultSession, phone = '555-0142') {
  await updatePracticeSettings(
    session,
    (current) => ({
      ...current,
      profile: {
        ...current.profile,
        practiceName: 'Harbour Street Therapy',
        clinicianName: 'Dr. Ana Example',
        credentials: 'PsyD',
        phone,
      },
    }),
    'Practice profile',
  )
}

/** A session with the profile, Jordan, and a walkout record at step 1; step 3 rendered. */
async function renderOutreach(options: { phone?: string; copy?: Platform['clipboard']['copy'] }) {
  const session = await freshSession(t.db)
  await withProfile(session, options.phone)
  const clientId = await createClient(session, JORDAN)
  const id = await createIncident(session, clientId)
  await saveStep(session, id, 'safety', { ...emptyStep('safety', LEFT_AT), leftAt: LEFT_AT }, false)
  const copy = vi.fn(
    options.copy ??
      (async (_text: string, seconds: number) => ({
        status: 'copied' as const,
        clearsAfterSeconds: seconds,
      })),
  )
  const platform: Platform = { ...browserPlatform(), clipboard: { copy } }
  const rendered = await render(
    <PlatformProvider platform={platform}>
      <SessionProvider session={session}>
        <MemoryRouter initialEntries={[`/incidents/${id}/outreach`]}>
          <main>
            <Routes>
              <Route path="/incidents/:incidentId/:step" element={<IncidentPage />} />
            </Routes>
          </main>
        </MemoryRouter>
      </SessionProvider>
    </PlatformProvider>,
  )
  cleanup = rendered.unmount
  await expect
    .element(page.getByRole('heading', { level: 2, name: /Step 3 of 8: Reach out/ }))
    .toBeVisible()
  return { session, id, copy }
}

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
})

async function expectAccessible() {
  const results = await axe.run(document.body, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  })
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious).toEqual([])
}

async function openIncident(session: VaultSession, id: string) {
  const opened = await session.incidents.get(session.dataKey, id)
  if (!opened?.ok) throw new Error('the walkout record did not open')
  return opened.value
}

const copyButton = () => page.getByRole('button', { name: 'Copy and log an attempt' })

describe('Use a template, in step 3', () => {
  it('fills the text template, copies it, adds the attempt (outcome to choose) and saves it with the step', async () => {
    const { session, id, copy } = await renderOutreach({})
    await page.getByRole('button', { name: 'Use a template' }).click()
    await expect.element(page.getByLabelText('Agreed channel')).toHaveFocus()
    await expect.element(page.getByLabelText('Agreed channel')).toHaveValue('ch-text')
    await expect.element(page.getByLabelText('Template', { exact: true })).toHaveValue('text')
    await expect
      .element(page.getByText(/Conditions the client set for this channel: No clinical details/))
      .toBeVisible()

    // The next available time is still empty: nothing can be copied yet, and it says why.
    await expect.element(page.getByText(/\{\{next\.available\}\} .* is empty/)).toBeVisible()
    await copyButton().click()
    await expect
      .element(page.getByText(/Nothing was copied: fill in every placeholder/))
      .toBeVisible()
    expect(copy).not.toHaveBeenCalled()
    await expectAccessible()

    await page.getByLabelText('Next available time').fill('Tuesday 10 March at 3 pm')
    const expected =
      'Hi Jordan, it’s Dr. Ana Example. Just checking in, no need to explain anything. I’d be glad to see you again: I have time on Tuesday 10 March at 3 pm, or whenever suits you. You can reach me at 555-0142.'
    await expect
      .element(page.getByRole('region', { name: 'The text, filled in' }))
      .toHaveTextContent(expected)
    // The default text keeps "no clinical details": no warning.
    await expect.element(page.getByText(/breaks a condition/)).not.toBeInTheDocument()
    await copyButton().click()
    expect(copy).toHaveBeenCalledExactlyOnceWith(expected, 120)
    await expect
      .element(
        page.getByText(/^Copied\. Mend clears the clipboard in 2 minutes\. Mend has sent nothing/),
      )
      .toBeVisible()

    // The attempt is in the form, not yet saved, with its outcome to choose (focused).
    const attempt = page.getByRole('group', { name: 'Attempt 1' })
    await expect.element(attempt.getByLabelText('Outcome')).toHaveFocus()
    await expect.element(attempt.getByLabelText('Outcome')).toHaveValue('')
    await expect.element(attempt.getByLabelText('Channel', { exact: true })).toHaveValue('text')
    await expect
      .element(attempt.getByLabelText('Message summary'))
      .toHaveValue('Used the “Text message” template.')
    expect((await openIncident(session, id)).steps.outreach).toBeFalsy()
    await expectAccessible()

    // Saving asks for the outcome first.
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect.element(attempt.getByText('Choose the outcome.')).toBeVisible()
    expect((await openIncident(session, id)).steps.outreach).toBeFalsy()
    await attempt.getByLabelText('Outcome').selectOptions('no-answer')
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect.element(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()

    const saved = (await openIncident(session, id)).steps.outreach
    expect(saved?.attempts).toHaveLength(1)
    expect(saved?.attempts[0]).toMatchObject({
      channel: 'text',
      outcome: 'no-answer',
      summary: 'Used the “Text message” template.',
      unconsentedReason: '',
    })
    // The step's save is audited; the copy itself is not a record, and the text is nowhere.
    const audit = (await readAudit(session)).map((e) => (e.opened.ok ? e.opened.value : null))
    expect(audit.at(-1)).toMatchObject({ action: 'edit', target: 'incident', targetId: id })
    expect(JSON.stringify(audit)).not.toContain('checking in')
  })

  it('a template that breaks “no clinical details” warns, and copies only once the warning is acknowledged', async () => {
    const { session, id, copy } = await renderOutreach({})
    await page.getByRole('button', { name: 'Use a template' }).click()
    await page.getByLabelText('Agreed channel').selectOptions('ch-letter')
    // The letter channel uses the outreach letter of Printing, which speaks of the session.
    await expect.element(page.getByLabelText('Template', { exact: true })).toHaveValue('letter')
    const warnings = page.getByRole('list', { name: 'Conditions this text breaks' })
    await expect.element(warnings).toHaveTextContent(/The text mentions “session”/)
    await expect.element(warnings).toHaveTextContent(/\{\{walkout\.date\}\}/)
    await expect.element(warnings).toHaveTextContent(/“No clinical details” on this channel/)
    await expect
      .element(page.getByRole('link', { name: 'Print the outreach letter instead' }))
      .toBeVisible()
    await expectAccessible()

    await copyButton().click()
    await expect
      .element(page.getByText(/Nothing was copied: this text breaks a condition the client set/))
      .toBeVisible()
    await expect
      .element(page.getByLabelText(/I have read this warning and will adapt the text/))
      .toHaveFocus()
    expect(copy).not.toHaveBeenCalled()
    await expect.element(page.getByRole('group', { name: 'Attempt 1' })).not.toBeInTheDocument()

    await page.getByLabelText(/I have read this warning and will adapt the text/).click()
    await copyButton().click()
    expect(copy).toHaveBeenCalledTimes(1)
    expect(copy.mock.calls[0]?.[0]).toContain('Dear Jordan,')
    const attempt = page.getByRole('group', { name: 'Attempt 1' })
    await expect.element(attempt.getByLabelText('Channel', { exact: true })).toHaveValue('letter')
    await expect
      .element(attempt.getByLabelText('Message summary'))
      .toHaveValue(
        'Used the “Outreach letter” template. Went ahead despite the warning about the client’s conditions (No clinical details).',
      )
    await attempt.getByLabelText('Outcome').selectOptions('undeliverable')
    await page.getByRole('button', { name: 'Save step' }).click()
    await expect.element(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
    expect((await openIncident(session, id)).steps.outreach?.attempts[0]?.channel).toBe('letter')
  })

  it('the acknowledgement is asked again when the channel changes; the phone script warns on “no voicemail”', async () => {
    const { copy } = await renderOutreach({})
    await page.getByRole('button', { name: 'Use a template' }).click()
    await page.getByLabelText('Agreed channel').selectOptions('ch-phone')
    await expect
      .element(page.getByLabelText('Template', { exact: true }))
      .toHaveValue('phone-script')
    await page.getByLabelText('Next available time').fill('Friday at 10 am')
    const warnings = page.getByRole('list', { name: 'Conditions this text breaks' })
    await expect.element(warnings).toHaveTextContent(/has a message to leave on voicemail/)
    // The default phone script does not name the practice.
    await expect.element(warnings).not.toHaveTextContent(/names the practice/)
    await page.getByLabelText(/I have read this warning/).click()
    await page.getByLabelText('Agreed channel').selectOptions('ch-letter')
    await page.getByLabelText('Agreed channel').selectOptions('ch-phone')
    await expect.element(page.getByLabelText(/I have read this warning/)).not.toBeChecked()
    await copyButton().click()
    expect(copy).not.toHaveBeenCalled()
  })

  it('when copying fails, no attempt is logged and it says so', async () => {
    const { copy } = await renderOutreach({
      copy: async () => {
        throw new Error('refused')
      },
    })
    await page.getByRole('button', { name: 'Use a template' }).click()
    await page.getByLabelText('Next available time').fill('Tuesday')
    await copyButton().click()
    await expect
      .element(page.getByText(/could not be copied, and no attempt was logged/))
      .toBeVisible()
    expect(copy).toHaveBeenCalledTimes(1)
    await expect.element(page.getByRole('group', { name: 'Attempt 1' })).not.toBeInTheDocument()
  })

  it('an empty practice phone is named, with where to fill it in', async () => {
    const { session, id, copy } = await renderOutreach({ phone: '' })
    await page.getByRole('button', { name: 'Use a template' }).click()
    await page.getByLabelText('Next available time').fill('Tuesday')
    await expect
      .element(
        page.getByText(
          '{{practice.phone}} (the phone number of your practice) is empty. Fill it in under Settings, Practice profile.',
        ),
      )
      .toBeVisible()
    await expect.element(page.getByRole('link', { name: 'Open Settings' })).toBeVisible()
    await copyButton().click()
    expect(copy).not.toHaveBeenCalled()
    // Enter in the box does not save the step the panel sits in.
    await page.getByLabelText('Next available time').click()
    await userEvent.keyboard('{Enter}')
    await new Promise((resolve) => setTimeout(resolve, 750))
    expect(document.body.textContent).not.toContain('Saved.')
    expect((await openIncident(session, id)).steps.outreach).toBeFalsy()
  })
})

describe('Settings → Outreach templates', () => {
  async function renderSettings() {
    const session = await freshSession(t.db)
    await withProfile(session)
    const rendered = await render(
      <PlatformProvider platform={browserPlatform()}>
        <SessionProvider session={session}>
          <MemoryRouter>
            <main>
              <PracticeProfileForm />
              <PrintingSettingsForm />
              <OutreachTemplatesForm />
            </main>
          </MemoryRouter>
        </SessionProvider>
      </PlatformProvider>,
    )
    cleanup = rendered.unmount
    await expect.element(page.getByRole('heading', { name: 'Outreach templates' })).toBeVisible()
    return session
  }

  it('edits a template with a live preview; an unknown placeholder warns and is refused; restore; save', async () => {
    const session = await renderSettings()
    const text = page.getByLabelText('Text message', { exact: true })
    await expect.element(text).toHaveValue(DEFAULT_OUTREACH_TEMPLATES.text)
    const preview = page.getByRole('region', { name: 'Preview of the text message' })
    await expect.element(preview).toHaveTextContent(/^Hi Sam, it’s Dr\. Ana Example\./)
    await expectAccessible()

    await text.fill(
      'Hi {{client.firstName}}, after our session: call {{practice.phone}}. {{client.nick}}',
    )
    await expect.element(preview).toHaveTextContent('Hi Sam, after our session: call 555-0142.')
    await expect
      .element(
        page.getByText(
          '{{client.nick}} is not a placeholder Mend knows. Correct it in Settings, Outreach templates.',
        ),
      )
      .toBeVisible()
    await expect
      .element(
        page.getByText(
          /warn before copying it on a channel where the client asked for “No clinical details”/,
        ),
      )
      .toBeVisible()
    await page.getByRole('button', { name: 'Save outreach templates' }).click()
    await expect
      .element(page.getByText(/\{\{client\.nick\}\}: not a placeholder Mend knows/))
      .toBeVisible()
    expect((await readPracticeSettings(session)).value.outreachTemplates.text).toBeNull()

    // Emptied: refused in words (it would copy nothing), nothing stored.
    await text.fill('  ')
    await page.getByRole('button', { name: 'Save outreach templates' }).click()
    await expect
      .element(
        page.getByText(
          'An outreach template cannot be empty. Write it, or restore Mend’s default.',
        ),
      )
      .toBeVisible()
    expect((await readPracticeSettings(session)).value.outreachTemplates.text).toBeNull()

    await text.fill('Hi {{client.firstName}}, thinking of you. {{practice.phone}}')
    await page.getByRole('button', { name: 'Save outreach templates' }).click()
    await expect.element(page.getByText('Saved.')).toBeVisible()
    let stored = (await readPracticeSettings(session)).value
    expect(stored.outreachTemplates).toEqual({
      'phone-script': null,
      text: 'Hi {{client.firstName}}, thinking of you. {{practice.phone}}',
      email: null,
    })
    const last = (await readAudit(session)).at(-1)?.opened
    expect(last?.ok && last.value).toMatchObject({ action: 'edit', detail: 'Outreach templates' })

    await page.getByRole('button', { name: 'Restore Mend’s default text message' }).click()
    await expect.element(text).toHaveValue(DEFAULT_OUTREACH_TEMPLATES.text)
    await page.getByRole('button', { name: 'Save outreach templates' }).click()
    await expect.element(page.getByText('Saved.')).toBeVisible()
    stored = (await readPracticeSettings(session)).value
    expect(stored.outreachTemplates.text).toBeNull()
    await expectAccessible()
  })

  it('saving another section keeps the unsaved edits of this one', async () => {
    const session = await renderSettings()
    const text = page.getByLabelText('Text message', { exact: true })
    await expect.element(text).toHaveValue(DEFAULT_OUTREACH_TEMPLATES.text)
    await text.fill('Hi {{client.firstName}}, an edit not saved yet.')
    await page.getByLabelText('Phone', { exact: true }).fill('555-0199')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await expect
      .poll(async () => (await readPracticeSettings(session)).value.profile.phone)
      .toBe('555-0199')
    await expect.element(text).toHaveValue('Hi {{client.firstName}}, an edit not saved yet.')
    expect((await readPracticeSettings(session)).value.outreachTemplates.text).toBeNull()

    // The printing section holds the whole settings record: another section's save changed it.
    const closing = page.getByLabelText('Closing letter', { exact: true })
    await closing.fill('Dear {{client.firstName}}, a closing letter not saved yet.')
    await page.getByRole('button', { name: 'Save outreach templates' }).click()
    await expect
      .poll(async () => (await readPracticeSettings(session)).value.outreachTemplates.text)
      .toBe('Hi {{client.firstName}}, an edit not saved yet.')
    await expect
      .element(closing)
      .toHaveValue('Dear {{client.firstName}}, a closing letter not saved yet.')
    expect((await readPracticeSettings(session)).value.letterTemplates.closing).toBeNull()
  })

  it('the phone script says it will warn on “no voicemail” channels', async () => {
    await renderSettings()
    await expect
      .element(
        page.getByText(
          /warn before copying it on a channel where the client asked for “No voicemail”/,
        ),
      )
      .toBeVisible()
  })
})

/** The letter screen for a client, rendered on its own. */
async function renderLetter(
  session: VaultSession,
  clientId: string,
  kind: string,
  platform: Platform = browserPlatform(),
) {
  const rendered = await render(
    <PlatformProvider platform={platform}>
      <SessionProvider session={session}>
        <MemoryRouter initialEntries={[`/clients/${clientId}/letters/${kind}`]}>
          <main>
            <Routes>
              <Route path="/clients/:clientId/letters/:kind" element={<LetterPage />} />
            </Routes>
          </main>
        </MemoryRouter>
      </SessionProvider>
    </PlatformProvider>,
  )
  cleanup = rendered.unmount
}

describe('A letter to the client and the conditions on letters', () => {
  const withLetterTemplate = (session: VaultSession, outreach: string) =>
    updatePracticeSettings(
      session,
      (current) => ({ ...current, letterTemplates: { ...current.letterTemplates, outreach } }),
      'Printing',
    )

  it('“no clinical details”: the words are named, and printing waits until the warning is ticked', async () => {
    const session = await freshSession(t.db)
    await withProfile(session)
    await withLetterTemplate(session, 'Dear {{client.firstName}},\n\nAbout our last session.')
    // Printing "works" (the dialog says printed): what it notes in the trail is the point.
    const printing: Platform = {
      ...browserPlatform(),
      print: {
        dialog: async () => ({ status: 'printed' }),
        toPdf: async () => ({ status: 'saved', name: 'letter.pdf' }),
      },
    }
    await renderLetter(session, await createClient(session, JORDAN), 'outreach', printing)
    await expect.element(page.getByText(/The text mentions “session”/)).toBeVisible()
    const print = page.getByRole('button', { name: 'Print…' })
    await expect.element(print).toBeDisabled()
    await expect.element(page.getByRole('button', { name: 'Save as PDF…' })).toBeDisabled()
    await expect
      .element(page.getByText(/breaks a condition the client set on letters/))
      .toBeVisible()
    // The letterhead stays: the practice may be named in this client's letters.
    await expect
      .element(page.getByRole('article', { name: 'Outreach letter, preview' }))
      .toHaveTextContent(/Harbour Street Therapy/)
    await expectAccessible()
    await page.getByLabelText('I have read this warning: print the letter anyway').click()
    await expect.element(print).toBeEnabled()
    // The warning stays in view, ticked.
    await expect.element(page.getByText(/The text mentions “session”/)).toBeVisible()
    // The trail notes the print, and that it went past the warning (which condition, no content).
    await print.click()
    await expect
      .element(page.getByText('Sent to the printer. The audit trail notes it.'))
      .toBeVisible()
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value.detail).toBe(
      'Outreach letter. Printed despite the warning about the client’s conditions (No clinical details).',
    )
  })

  it('“do not name the practice”: no letterhead; no letter channel at all: said', async () => {
    const session = await freshSession(t.db)
    await withProfile(session)
    await withLetterTemplate(
      session,
      'Dear {{client.firstName}},\n\nWarm wishes,\n{{clinician.name}}',
    )
    const discreet = await createClient(session, {
      ...JORDAN,
      channels: [{ ...JORDAN.channels[2]!, conditions: ['discreet'] }],
    })
    await renderLetter(session, discreet, 'outreach')
    const letter = page.getByRole('article', { name: 'Outreach letter, preview' })
    await expect.element(letter).toHaveTextContent(/Dear Jordan/)
    expect(letter.element().textContent).not.toContain('Harbour Street Therapy')
    await expect.element(page.getByText(/Printed without the letterhead/)).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Print…' })).toBeEnabled()
    await cleanup?.()

    const noLetters = await createClient(session, { ...JORDAN, channels: [JORDAN.channels[0]!] })
    await renderLetter(session, noLetters, 'outreach')
    await expect.element(page.getByText(/has not agreed to be contacted by letter/)).toBeVisible()
    await expect
      .element(page.getByRole('article', { name: 'Outreach letter, preview' }))
      .toHaveTextContent(/Harbour Street Therapy/)
    await expect.element(page.getByRole('button', { name: 'Print…' })).toBeEnabled()
  })

  it('a referral letter goes to another clinician: the client’s conditions do not apply', async () => {
    const session = await freshSession(t.db)
    await withProfile(session)
    const clientId = await createClient(session, {
      ...JORDAN,
      channels: [{ ...JORDAN.channels[2]!, conditions: ['discreet', 'no-clinical-details'] }],
    })
    await renderLetter(session, clientId, 'referral')
    await expect
      .element(page.getByRole('article', { name: 'Referral letter, preview' }))
      .toHaveTextContent(/Harbour Street Therapy/)
    expect(
      page.getByText(/Printed without the letterhead|has not agreed|The text mentions/).elements(),
    ).toHaveLength(0)
  })
})

describe('The outreach letter, printed', () => {
  it('asks for the next available time when its template uses {{next.available}}, and waits for it', async () => {
    const session = await freshSession(t.db)
    await withProfile(session)
    await updatePracticeSettings(
      session,
      (current) => ({
        ...current,
        letterTemplates: {
          ...current.letterTemplates,
          outreach:
            'Dear {{client.firstName}},\n\nI have time on {{next.available}}.\n\n{{clinician.name}}',
        },
      }),
      'Printing',
    )
    await renderLetter(session, await createClient(session, JORDAN), 'outreach')
    const box = page.getByLabelText('Next available time')
    await expect.element(box).toHaveValue('')
    await expect.element(page.getByText(/\{\{next\.available\}\} .* is empty/)).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Print…' })).toBeDisabled()
    await expectAccessible()

    await box.fill('Friday 13 March at 10 am')
    const letter = page.getByRole('article', { name: 'Outreach letter, preview' })
    await expect.element(letter).toHaveTextContent(/I have time on Friday 13 March at 10 am\./)
    await expect
      .element(page.getByText(/\{\{next\.available\}\} .* is empty/))
      .not.toBeInTheDocument()
    await expect.element(page.getByRole('button', { name: 'Print…' })).toBeEnabled()
  })

  it('has no such box when its template does not use {{next.available}}', async () => {
    const session = await freshSession(t.db)
    await withProfile(session)
    await renderLetter(session, await createClient(session, JORDAN), 'outreach')
    await expect
      .element(page.getByRole('article', { name: 'Outreach letter, preview' }))
      .toHaveTextContent(/Dear Jordan/)
    await expect.element(page.getByLabelText('Next available time')).not.toBeInTheDocument()
  })
})
