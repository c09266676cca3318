import { describe, expect, it } from 'vitest'
import {
  crisisLines,
  DEFAULT_LETTER_TEMPLATES,
  fillTemplate,
  firstNameOf,
  LETTER_KINDS,
  parseTemplate,
  PLACEHOLDER_NAMES,
  placeholdersIn,
  templateFor,
  unknownPlaceholders,
  type PlaceholderValues,
} from '../../src/renderer/src/domain/letters'
import {
  DEFAULT_OUTREACH_TEMPLATES,
  outreachTemplateFor,
} from '../../src/renderer/src/domain/outreach-templates'

const everything: Required<PlaceholderValues> = {
  'client.firstName': 'Jordan',
  'client.fullName': 'Jordan Fictional',
  'clinician.name': 'Dr. Ana Example',
  'clinician.credentials': 'PsyD',
  'practice.name': 'Harbour Street Therapy',
  'practice.address': '12 Harbour Street',
  'practice.phone': '555-0142',
  'practice.email': 'office@example.org',
  today: 'November 27, 2026',
  'walkout.date': 'March 3, 2026',
  'referral.to': 'Dr. Sam Lee',
  'crisis.resources': '988 Suicide & Crisis Lifeline: 988',
  'next.available': 'Tuesday 14 May at 3 pm',
}

describe('parsing a template', () => {
  it('splits text and placeholders, allowing spaces inside the braces', () => {
    expect(parseTemplate('Dear {{ client.firstName }}, hi {{today}}.')).toEqual([
      { kind: 'text', text: 'Dear ' },
      { kind: 'placeholder', name: 'client.firstName', raw: '{{ client.firstName }}' },
      { kind: 'text', text: ', hi ' },
      { kind: 'placeholder', name: 'today', raw: '{{today}}' },
      { kind: 'text', text: '.' },
    ])
  })

  it('leaves single braces and unclosed ones as text', () => {
    expect(parseTemplate('a {b} {{c')).toEqual([{ kind: 'text', text: 'a {b} {{c' }])
    expect(placeholdersIn('{x} and {{ }} and {{y')).toEqual([''])
  })

  it('lists each placeholder once, in order, and the unknown ones', () => {
    const template = '{{today}} {{client.nickname}} {{today}} {{practice.phone}} {{Today}}'
    expect(placeholdersIn(template)).toEqual([
      'today',
      'client.nickname',
      'practice.phone',
      'Today',
    ])
    expect(unknownPlaceholders(template)).toEqual(['client.nickname', 'Today'])
    expect(unknownPlaceholders('{{constructor}} {{__proto__}}')).toEqual([
      'constructor',
      '__proto__',
    ])
  })
})

describe('filling a template', () => {
  it('fills every placeholder and reports nothing missing', () => {
    const filled = fillTemplate('Dear {{client.firstName}}, call {{ practice.phone }}.', everything)
    expect(filled.text).toBe('Dear Jordan, call 555-0142.')
    expect(filled.missing).toEqual([])
    expect(filled.parts.filter((p) => p.kind === 'value')).toHaveLength(2)
  })

  it('reports an empty value once, naming it and where to fill it in', () => {
    const filled = fillTemplate('{{practice.phone}} / {{practice.phone}} / {{today}}', {
      ...everything,
      'practice.phone': '   ',
    })
    expect(filled.missing).toEqual([
      {
        name: 'practice.phone',
        reason: 'empty',
        message:
          '{{practice.phone}} (the phone number of your practice) is empty. Fill it in under Settings, Practice profile.',
      },
    ])
    // The unfilled placeholder stays visible as written.
    expect(filled.text).toBe('{{practice.phone}} / {{practice.phone}} / November 27, 2026')
  })

  it('reports a value that is not given at all as empty', () => {
    const filled = fillTemplate('To {{referral.to}}', {})
    expect(filled.missing.map((m) => [m.name, m.reason])).toEqual([['referral.to', 'empty']])
    expect(filled.missing[0]!.message).toMatch(/step 8 of the walkout record/)
  })

  it('reports an unknown placeholder, saying where to correct it', () => {
    const filled = fillTemplate('Hi {{client.nickname}}', everything)
    expect(filled.missing).toEqual([
      {
        name: 'client.nickname',
        reason: 'unknown',
        message:
          '{{client.nickname}} is not a placeholder Mend knows. Correct it in Settings, Printing, in the letter’s template.',
      },
    ])
  })

  it('never treats inherited object keys as placeholders', () => {
    const filled = fillTemplate('{{toString}}', everything)
    expect(filled.missing.map((m) => m.reason)).toEqual(['unknown'])
  })
})

describe('the default templates', () => {
  it.each(LETTER_KINDS)(
    'the %s letter uses only known placeholders and fills completely',
    (kind) => {
      const template = DEFAULT_LETTER_TEMPLATES[kind]
      expect(unknownPlaceholders(template)).toEqual([])
      const filled = fillTemplate(template, everything)
      expect(filled.missing).toEqual([])
      expect(filled.text).not.toMatch(/\{\{|\}\}/)
    },
  )

  it('the closing letter carries referral options, crisis resources and the way back', () => {
    const template = DEFAULT_LETTER_TEMPLATES.closing
    expect(placeholdersIn(template)).toEqual(
      expect.arrayContaining(['referral.to', 'crisis.resources', 'practice.phone']),
    )
    expect(template).toMatch(/door stays open/)
  })

  it('the words are calm: no blame', () => {
    for (const kind of LETTER_KINDS) {
      expect(DEFAULT_LETTER_TEMPLATES[kind]).not.toMatch(
        /\b(fail(ed|ure)?|non-?complian\w*|abandon\w*|your fault|no-show)\b/i,
      )
    }
  })

  it('a stored template replaces the default; null keeps it; a blank one never prints blank', () => {
    expect(templateFor('outreach', null)).toBe(DEFAULT_LETTER_TEMPLATES.outreach)
    expect(templateFor('outreach', 'Mine')).toBe('Mine')
    expect(templateFor('outreach', '')).toBe(DEFAULT_LETTER_TEMPLATES.outreach)
    expect(templateFor('outreach', ' \n ')).toBe(DEFAULT_LETTER_TEMPLATES.outreach)
    expect(outreachTemplateFor('text', null)).toBe(DEFAULT_OUTREACH_TEMPLATES.text)
    expect(outreachTemplateFor('text', 'Mine')).toBe('Mine')
    expect(outreachTemplateFor('text', '  ')).toBe(DEFAULT_OUTREACH_TEMPLATES.text)
  })

  it('every placeholder has a meaning and a place to fill it in', () => {
    expect(PLACEHOLDER_NAMES.length).toBeGreaterThanOrEqual(10)
  })
})

describe('values', () => {
  it('the first name is the first word of the name', () => {
    expect(firstNameOf('  Robin van der Berg ')).toBe('Robin')
    expect(firstNameOf('')).toBe('')
  })

  it('crisis resources become one line each, skipping empty parts', () => {
    expect(
      crisisLines([
        { name: '988 Lifeline', phone: '988', notes: 'Call or text.' },
        { name: 'Local crisis team', phone: '', notes: '' },
      ]),
    ).toBe('988 Lifeline: 988. Call or text.\nLocal crisis team')
    expect(crisisLines([])).toBe('')
  })
})
