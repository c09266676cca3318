import { describe, expect, it } from 'vitest'
import { CHANNEL_KINDS, type ChannelCondition } from '../../src/renderer/src/domain/client'
import { newIncident, withStep, emptyStep } from '../../src/renderer/src/domain/incident'
import {
  DEFAULT_LETTER_TEMPLATES,
  fillTemplate,
  unknownPlaceholders,
} from '../../src/renderer/src/domain/letters'
import {
  CHANNEL_TEMPLATE,
  checkLetterToClient,
  clinicalWordsIn,
  DEFAULT_OUTREACH_TEMPLATES,
  isDefaultTemplate,
  OUTREACH_TEMPLATE_KINDS,
  OUTREACH_TEMPLATES_WHERE,
  outreachConflicts,
  templateAttemptSummary,
  templateText,
  TEMPLATE_CHOICES,
  type TemplateChoice,
} from '../../src/renderer/src/domain/outreach-templates'
import { placeholderValues } from '../../src/renderer/src/domain/placeholder-values'
import { defaultPracticeSettings } from '../../src/renderer/src/domain/practice'

const PRACTICE_NAME = 'Harbour Street Therapy'
const practice = {
  ...defaultPracticeSettings('en-US'),
  profile: {
    practiceName: PRACTICE_NAME,
    clinicianName: 'Dr. Ana Example',
    credentials: 'PsyD, licensed psychologist',
    address: '12 Harbour Street',
    phone: '555-0142',
    email: 'office@example.org',
  },
}
const at = { utc: '2026-03-03T15:20:00.000Z', offsetMinutes: 0 }
const incident = withStep(newIncident('client-1', at), 'safety', emptyStep('safety', at), false)
const values = placeholderValues({
  client: { displayName: 'Jordan Fictional' },
  incident,
  practice,
  today: new Date('2026-03-04T10:00:00Z'),
  nextAvailable: 'Tuesday 10 March at 3 pm',
})
const ALL: ChannelCondition[] = ['no-clinical-details', 'no-voicemail', 'discreet']

/** A template filled with every value, then checked against the conditions. */
const conflictsOf = (template: string, kind: TemplateChoice, conditions = ALL) =>
  outreachConflicts(fillTemplate(template, values), kind, conditions, PRACTICE_NAME)

describe('the default outreach templates', () => {
  it.each(OUTREACH_TEMPLATE_KINDS)('%s: fills completely, every placeholder known', (kind) => {
    const template = DEFAULT_OUTREACH_TEMPLATES[kind]
    expect(unknownPlaceholders(template)).toEqual([])
    const filled = fillTemplate(template, values)
    expect(filled.missing).toEqual([])
    expect(filled.text).toContain('Jordan')
    expect(filled.text).not.toContain('Fictional')
    expect(filled.text).toContain('555-0142')
    expect(filled.text).toContain('Tuesday 10 March at 3 pm')
    expect(filled.text).not.toMatch(/\{\{/)
  })

  it.each(OUTREACH_TEMPLATE_KINDS)(
    '%s: says nothing clinical and does not name the practice',
    (kind) => {
      const conflicts = conflictsOf(DEFAULT_OUTREACH_TEMPLATES[kind], kind, [
        'no-clinical-details',
        'discreet',
      ])
      expect(conflicts).toEqual([])
    },
  )

  it('without blame, offering a way back', () => {
    for (const kind of OUTREACH_TEMPLATE_KINDS) {
      const text = DEFAULT_OUTREACH_TEMPLATES[kind]
      expect(text).not.toMatch(/\b(why did you|you should(?:n’t| not)|disappointed|rude)\b/i)
      expect(text).toMatch(/glad to see you again|reach me|call me back/)
    }
  })

  it('the phone script has a voicemail message, so it warns on a “no voicemail” channel', () => {
    const conflicts = conflictsOf(DEFAULT_OUTREACH_TEMPLATES['phone-script'], 'phone-script')
    expect(conflicts).toEqual([
      {
        condition: 'no-voicemail',
        message:
          'This phone script has a message to leave on voicemail, and the client asked for “No voicemail” on this channel: if they do not answer, hang up without leaving a message.',
      },
    ])
  })

  it('an answering machine, an answerphone or a message to leave is a voicemail too', () => {
    for (const script of [
      'If you get the answering machine: say you will call back.',
      'Answerphone: keep it short.',
      'Message to leave: it is Ana, call me back.',
      'Leave a voice message if nobody picks up.',
    ])
      expect(conflictsOf(script, 'phone-script', ['no-voicemail'])).toHaveLength(1)
    for (const script of [
      'If nobody answers, hang up.',
      'If you cannot answer phone calls, text me.',
      'There is no message to leave: hang up.',
    ])
      expect(conflictsOf(script, 'phone-script', ['no-voicemail'])).toEqual([])
  })

  it('a text or an email that mentions voicemail is not a voicemail', () => {
    const text = 'Hi {{client.firstName}}, I left you a voicemail earlier. {{practice.phone}}'
    expect(conflictsOf(text, 'text')).toEqual([])
    expect(conflictsOf(text, 'email')).toEqual([])
    expect(conflictsOf(text, 'phone-script', ['no-voicemail'])).toHaveLength(1)
  })
})

describe('“no clinical details”', () => {
  it('a text that mentions the session warns, in words naming the word and the condition', () => {
    const template = 'Hi {{client.firstName}}, after our session on Tuesday I wanted to check in.'
    expect(conflictsOf(template, 'text', ['no-clinical-details'])).toEqual([
      {
        condition: 'no-clinical-details',
        message:
          'The text mentions “session”, and the client asked for “No clinical details” on this channel: nothing about therapy, sessions or the walkout.',
      },
    ])
    // The same text on a channel without the condition: no warning.
    expect(conflictsOf(template, 'text', [])).toEqual([])
    expect(conflictsOf(template, 'text', ['no-voicemail', 'discreet'])).toEqual([])
  })

  it('finds the clinical words as whole words, whatever the case, each once', () => {
    expect(
      clinicalWordsIn(
        'Your Therapist missed you. Therapy and THERAPY again; you walked out of the appointment. Counselling helps; sessions too.',
      ),
    ).toEqual(['therapist', 'therapy', 'walked out', 'appointment', 'counselling', 'sessions'])
    expect(clinicalWordsIn('You left the session early: the walkout.')).toEqual([
      'left the session',
      'walkout',
    ])
    expect(
      clinicalWordsIn('An obsession with disappointment; the theory of sessional work.'),
    ).toEqual([])
  })

  it('the walkout written with a hyphen or a space, and “behavioral health”, are clinical too', () => {
    expect(
      clinicalWordsIn('Since your walk-out, and the walked-out door: Harbor Behavioral Health.'),
    ).toEqual(['walk-out', 'walked-out', 'behavioral health'])
    expect(clinicalWordsIn('A walk outside; a workout.')).toEqual([])
  })

  it('an email address that says what kind of practice writes warns; a plain one does not', () => {
    const clinical = placeholderValues({
      client: { displayName: 'Jordan Fictional' },
      incident,
      practice: {
        ...practice,
        profile: { ...practice.profile, email: 'hello@harbourcounselling.com' },
      },
      today: new Date('2026-03-04T10:00:00Z'),
      nextAvailable: '',
    })
    const template = 'Write any time: {{practice.email}}'
    expect(
      outreachConflicts(fillTemplate(template, clinical), 'email', ['no-clinical-details']).map(
        (c) => c.message,
      ),
    ).toEqual([
      'The text gives the practice’s email address, which says what kind of practice it is, and the client asked for “No clinical details” on this channel.',
    ])
    expect(conflictsOf(template, 'email', ['no-clinical-details'])).toEqual([])
    // A stem's letters inside an ordinary name are not clinical; a whole clinical word is.
    const withEmail = (email: string) =>
      outreachConflicts(
        fillTemplate(
          template,
          placeholderValues({
            client: { displayName: 'Jordan Fictional' },
            incident,
            practice: { ...practice, profile: { ...practice.profile, email } },
            today: new Date('2026-03-04T10:00:00Z'),
            nextAvailable: '',
          }),
        ),
        'email',
        ['no-clinical-details'],
      ).length
    expect(withEmail('heatherapple@gmail.com')).toBe(0)
    expect(withEmail('office@heatherapartments.com')).toBe(0)
    expect(withEmail('desk@riverclinic.org')).toBe(1)
  })

  it('a clinical placeholder warns even when its value is missing', () => {
    const conflicts = outreachConflicts(
      fillTemplate('Since {{walkout.date}}, I wondered how you are.', {}),
      'email',
      ['no-clinical-details'],
    )
    expect(conflicts.map((c) => c.message)).toEqual([
      'The text gives the date of the walkout ({{walkout.date}}), a clinical detail, and the client asked for “No clinical details” on this channel.',
    ])
  })

  it('the default outreach letter mentions the session, the walkout date, crisis lines and credentials', () => {
    const conflicts = conflictsOf(DEFAULT_LETTER_TEMPLATES.outreach, 'letter', [
      'no-clinical-details',
    ])
    const messages = conflicts.map((c) => c.message).join(' ')
    expect(messages).toContain('“session”')
    expect(messages).toContain('{{walkout.date}}')
    expect(messages).toContain('{{crisis.resources}}')
    expect(messages).toContain('{{clinician.credentials}}')
    expect(conflicts.every((c) => c.condition === 'no-clinical-details')).toBe(true)
  })
})

describe('“do not name the practice”', () => {
  it('the practice name placeholder warns', () => {
    expect(
      conflictsOf('Hello from {{practice.name}}.', 'text', ['discreet']).map((c) => c.message),
    ).toEqual([
      'The text names the practice (“Harbour Street Therapy”), and the client asked that the practice not be named on this channel (“Do not name the practice”).',
    ])
  })

  it('the name typed into the template warns too, whatever its case', () => {
    expect(conflictsOf('Hello from harbour street therapy.', 'text', ['discreet'])).toHaveLength(1)
  })

  it('with no practice name in the profile, only the placeholder counts', () => {
    const filled = fillTemplate('Hello from {{practice.name}}.', {})
    expect(outreachConflicts(filled, 'text', ['discreet'], '')[0]?.message).toContain(
      '{{practice.name}}, the name of your practice',
    )
    expect(outreachConflicts(fillTemplate('Hello.', {}), 'text', ['discreet'], '  ')).toEqual([])
  })

  it('the practice’s address tells who is writing: its placeholder warns too', () => {
    expect(
      conflictsOf('Write to {{practice.address}}.', 'letter', ['discreet']).map((c) => c.message),
    ).toEqual([
      'The text gives the address of your practice ({{practice.address}}), which tells who is writing, and the client asked that the practice not be named on this channel (“Do not name the practice”).',
    ])
    // The closing letter signs with both: both are named.
    expect(conflictsOf(DEFAULT_LETTER_TEMPLATES.closing, 'letter', ['discreet'])).toHaveLength(2)
    expect(
      conflictsOf('Write to {{practice.address}}.', 'letter', ['no-clinical-details']),
    ).toEqual([])
  })

  it('the practice’s email address tells who is writing: its placeholder warns too', () => {
    expect(
      conflictsOf('Write to {{practice.email}}.', 'email', ['discreet']).map((c) => c.message),
    ).toEqual([
      'The text gives the email address of your practice ({{practice.email}}), which tells who is writing, and the client asked that the practice not be named on this channel (“Do not name the practice”).',
    ])
  })

  it('the default outreach letter signs with the practice name', () => {
    expect(conflictsOf(DEFAULT_LETTER_TEMPLATES.outreach, 'letter', ['discreet'])).toHaveLength(1)
  })
})

describe('which template a channel uses', () => {
  it('every channel has one; phone, text, email and letter their own', () => {
    for (const kind of CHANNEL_KINDS) expect(TEMPLATE_CHOICES).toContain(CHANNEL_TEMPLATE[kind])
    expect(CHANNEL_TEMPLATE['phone-call']).toBe('phone-script')
    expect(CHANNEL_TEMPLATE.text).toBe('text')
    expect(CHANNEL_TEMPLATE.email).toBe('email')
    expect(CHANNEL_TEMPLATE.letter).toBe('letter')
  })

  it('the letter is the outreach letter of Printing: one template for both', () => {
    const settings = defaultPracticeSettings('en-US')
    expect(templateText('letter', settings)).toBe(DEFAULT_LETTER_TEMPLATES.outreach)
    const own = {
      ...settings,
      letterTemplates: { ...settings.letterTemplates, outreach: 'My letter' },
      outreachTemplates: { ...settings.outreachTemplates, text: 'My text' },
    }
    expect(templateText('letter', own)).toBe('My letter')
    expect(templateText('text', own)).toBe('My text')
    expect(templateText('email', own)).toBe(DEFAULT_OUTREACH_TEMPLATES.email)
    expect(isDefaultTemplate('email', DEFAULT_OUTREACH_TEMPLATES.email)).toBe(true)
    expect(isDefaultTemplate('text', 'My text')).toBe(false)
    expect(isDefaultTemplate('letter', DEFAULT_LETTER_TEMPLATES.outreach)).toBe(true)
  })

  it('an unknown placeholder in an outreach template says where to correct it', () => {
    const filled = fillTemplate('Hi {{client.nickname}}', values, OUTREACH_TEMPLATES_WHERE)
    expect(filled.missing[0]?.message).toBe(
      '{{client.nickname}} is not a placeholder Mend knows. Correct it in Settings, Outreach templates.',
    )
  })

  it('the next available time is typed when using the template; empty, it says so', () => {
    const filled = fillTemplate('I have time on {{next.available}}.', { 'next.available': ' ' })
    expect(filled.missing.map((m) => m.message)).toEqual([
      '{{next.available}} (the next time you have free to meet) is empty. Fill it in under the “Next available time” box, next to the filled-in text.',
    ])
  })
})

describe('the summary of an attempt logged from a template', () => {
  it('names the template, and any condition warned about', () => {
    expect(templateAttemptSummary('text', [])).toBe('Used the “Text message” template.')
    expect(templateAttemptSummary('phone-script', ['no-voicemail', 'discreet'])).toBe(
      'Used the “Phone script” template. Went ahead despite the warning about the client’s conditions (No voicemail, Do not name the practice).',
    )
  })
})

describe('a letter to the client, against the letter channels agreed', () => {
  const letter = (conditions: ChannelCondition[]) => ({ kind: 'letter' as const, conditions })
  const text = {
    kind: 'text' as const,
    conditions: ['discreet', 'no-clinical-details'] as ChannelCondition[],
  }
  const check = (
    template: string,
    channels: Parameters<typeof checkLetterToClient>[2],
    toClient = true,
  ) => checkLetterToClient(fillTemplate(template, values), toClient, channels, PRACTICE_NAME)

  it('no letter channel agreed: said; the conditions of other channels do not apply to a letter', () => {
    expect(check('We talked about the session.', [text])).toEqual({
      notAgreed: true,
      withoutLetterhead: false,
      conflicts: [],
    })
  })

  it('a letter channel with no conditions: nothing to say', () => {
    expect(check('We talked about the session.', [letter([]), text])).toEqual({
      notAgreed: false,
      withoutLetterhead: false,
      conflicts: [],
    })
  })

  it('“no clinical details” on letters: the words that break it are named', () => {
    const result = check('We talked about the session.', [letter(['no-clinical-details'])])
    expect(result.notAgreed).toBe(false)
    expect(result.conflicts.map((c) => c.condition)).toEqual(['no-clinical-details'])
    expect(result.conflicts[0]!.message).toContain('“session”')
  })

  it('“do not name the practice” on letters: no letterhead, and a name in the text still warns', () => {
    expect(check('Warm wishes.', [letter(['discreet'])])).toEqual({
      notAgreed: false,
      withoutLetterhead: true,
      conflicts: [],
    })
    expect(
      check('From {{practice.name}}.', [letter([]), letter(['discreet'])]).conflicts.map(
        (c) => c.condition,
      ),
    ).toEqual(['discreet'])
  })

  it('a referral letter goes to another clinician: nothing is checked', () => {
    expect(check('About the session at {{practice.name}}.', [letter(ALL)], false)).toEqual({
      notAgreed: false,
      withoutLetterhead: false,
      conflicts: [],
    })
  })
})
