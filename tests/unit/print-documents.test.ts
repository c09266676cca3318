import { describe, expect, it } from 'vitest'
import { fillTemplate } from '../../src/renderer/src/domain/letters'
import {
  signatureLine,
  signerOf,
} from '../../src/renderer/src/features/printing/chart-copy-content'
import { letterValues, paragraphsOf } from '../../src/renderer/src/features/printing/letter-content'
import { cssString, footerRules } from '../../src/renderer/src/features/printing/page-footer'
import type { Incident } from '../../src/renderer/src/domain/incident'

const signedAt = { utc: '2026-03-05T10:00:00.000Z', offsetMinutes: 0 }
const profile = { clinicianName: 'Dr. Ana Example', credentials: 'PsyD' }

describe('who signed a chart copy', () => {
  const sig = (over: Partial<NonNullable<Incident['signature']>> = {}) => ({
    signedAt,
    clinician: null,
    unfinished: [],
    reason: '',
    ...over,
  })

  it('the clinician recorded in the signature', () => {
    const signature = sig({ clinician: { name: 'Dr. Sam Lee', credentials: 'LCSW' } })
    expect(signerOf(signature, profile)).toEqual({
      name: 'Dr. Sam Lee',
      credentials: 'LCSW',
      fromProfile: false,
    })
    expect(signatureLine(signature, profile)).toMatch(/^Signed .+ by Dr\. Sam Lee, LCSW\.$/)
  })

  it('for an older signature without the clinician, the profile’s, said to come from there', () => {
    expect(signerOf(sig(), profile)).toEqual({
      name: 'Dr. Ana Example',
      credentials: 'PsyD',
      fromProfile: true,
    })
    expect(signatureLine(sig(), profile)).toMatch(
      /by Dr\. Ana Example, PsyD \(name from the practice profile; not recorded at signing\)\.$/,
    )
  })

  it('steps signed unfinished are named, with the reason', () => {
    const line = signatureLine(
      sig({
        clinician: { name: 'Dr. Sam Lee', credentials: '' },
        unfinished: ['wait', 'fit'],
        reason: 'Client did not return.',
      }),
      profile,
    )
    expect(line).toContain(
      'Signed with steps unfinished (Wait and assess, Assess therapeutic fit): Client did not return.',
    )
  })

  it('no name anywhere, or no signature, is said in words', () => {
    expect(signatureLine(sig(), { clinicianName: '', credentials: '' })).toMatch(
      /by the clinician \(name not recorded\)\.$/,
    )
    expect(signatureLine(null, profile)).toBe('Not signed: this record can still change.')
  })
})

describe('the running footer', () => {
  it('is a CSS string that nothing in the words can break out of', () => {
    expect(cssString('Printed · JF')).toBe('"Printed · JF"')
    expect(cssString('a"b\\c\nd')).toBe('"a\\"b\\\\c d"')
    const rules = footerRules('x"} body { display: none } @page { content: "').split('\n')
    // Two rules, each exactly one @page with one string: the quotes inside stay escaped.
    expect(rules).toHaveLength(2)
    for (const rule of rules) {
      expect(rule).toMatch(/^@page [\w-]+ \{ @bottom-left \{ content: "(?:[^"\\]|\\.)*"; \} \}$/)
    }
  })
})

describe('letters', () => {
  it('paragraphs come from blank lines; single line breaks stay inside a paragraph', () => {
    const { parts } = fillTemplate('Dear {{client.firstName}},\n\nLine one\nline two\n\n\n  Bye', {
      'client.firstName': 'Jordan',
    })
    const paragraphs = paragraphsOf(parts).map((p) =>
      p.map((part) => (part.kind === 'missing' ? part.raw : part.text)).join(''),
    )
    expect(paragraphs).toEqual(['Dear Jordan,', 'Line one\nline two', 'Bye'])
  })

  it('a value with several lines (the crisis resources) stays within its paragraph', () => {
    const { parts } = fillTemplate('Call:\n{{crisis.resources}}\n\nThanks', {
      'crisis.resources': 'Line A: 1\nLine B: 2',
    })
    expect(paragraphsOf(parts)).toHaveLength(2)
  })
})

describe('letter values', () => {
  it('come from the client, the chosen walkout record and the practice', () => {
    const values = letterValues({
      client: { displayName: 'Jordan Fictional' },
      incident: null,
      practice: {
        profile: {
          practiceName: 'Harbour',
          clinicianName: 'Dr. Ana',
          credentials: '',
          address: '',
          phone: '555',
          email: '',
        },
        emergencyResources: [{ name: '988', phone: '988', notes: '' }],
      },
      today: new Date(2026, 2, 3, 12),
    })
    expect(values).toMatchObject({
      'client.firstName': 'Jordan',
      'client.fullName': 'Jordan Fictional',
      'clinician.name': 'Dr. Ana',
      'practice.phone': '555',
      'crisis.resources': '988: 988',
      // No walkout record chosen: its placeholders are empty (and block the letter).
      'walkout.date': '',
      'referral.to': '',
    })
    expect(values.today).toMatch(/2026/)
  })
})
