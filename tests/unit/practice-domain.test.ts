import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PRACTICE_SETTINGS,
  defaultPracticeSettings,
  migratePracticeSettingsV1,
  migratePracticeSettingsV2,
  paperSizeForLocale,
  practiceProfileSchema,
  practiceSettingsSchema,
} from '../../src/renderer/src/domain/practice'
import { CODECS } from '../../src/renderer/src/store/codecs'

describe('the paper size a locale prints on', () => {
  it.each([
    ['en-US', 'Letter'],
    ['en', 'Letter'],
    ['es-MX', 'Letter'],
    ['en-CA', 'Letter'],
    ['fr-CA', 'Letter'],
    ['en-GB', 'A4'],
    ['de', 'A4'],
    ['nl-NL', 'A4'],
    ['fr', 'A4'],
    ['not a locale', 'A4'],
    ['', 'A4'],
  ] as const)('%s: %s', (locale, size) => {
    expect(paperSizeForLocale(locale)).toBe(size)
  })
})

describe('practice settings, version 3', () => {
  it('the defaults are valid, with an empty profile and the default templates', () => {
    const settings = defaultPracticeSettings('de-DE')
    expect(practiceSettingsSchema.parse(settings)).toEqual(settings)
    expect(settings.paperSize).toBe('A4')
    expect(Object.values(settings.profile).every((v) => v === '')).toBe(true)
    expect(settings.letterTemplates).toEqual({ outreach: null, closing: null, referral: null })
    expect(settings.outreachTemplates).toEqual({ 'phone-script': null, text: null, email: null })
    expect(DEFAULT_PRACTICE_SETTINGS.paperSize).toBe('Letter')
  })

  it('version 1 (resources only) migrates, keeping its resources', () => {
    const v1 = { emergencyResources: [{ name: 'Line', phone: '1', notes: '' }] }
    const v3 = practiceSettingsSchema.parse(
      migratePracticeSettingsV2(migratePracticeSettingsV1(v1, 'en-GB')),
    )
    expect(v3.emergencyResources).toEqual(v1.emergencyResources)
    expect(v3.paperSize).toBe('A4')
    expect(v3.profile.clinicianName).toBe('')
  })

  it('version 2 gains Mend’s default outreach templates and keeps its letter templates', () => {
    const v2 = { ...defaultPracticeSettings('en-US') } as Record<string, unknown>
    delete v2['outreachTemplates']
    v2['letterTemplates'] = { outreach: 'Mine', closing: null, referral: null }
    expect(practiceSettingsSchema.safeParse(v2).success).toBe(false)
    const v3 = practiceSettingsSchema.parse(migratePracticeSettingsV2(v2))
    expect(v3.outreachTemplates).toEqual({ 'phone-script': null, text: null, email: null })
    expect(v3.letterTemplates.outreach).toBe('Mine')
  })

  it('the codec is at version 3 and migrates version 1 and 2 records', () => {
    const codec = CODECS.practiceSettings
    expect(codec.schemaVersion).toBe(3)
    const migrated = codec.migrate(1, { emergencyResources: [] })
    expect(codec.schema.safeParse(migrated).success).toBe(true)
    // Without the migration step a version 1 record would not be valid.
    expect(codec.schema.safeParse({ emergencyResources: [] }).success).toBe(false)
  })

  it('an outreach template is at most 10,000 characters; null keeps the default', () => {
    const settings = defaultPracticeSettings('en-US')
    const long = {
      ...settings,
      outreachTemplates: { ...settings.outreachTemplates, text: 'x'.repeat(10_001) },
    }
    expect(practiceSettingsSchema.safeParse(long).error?.issues[0]?.message).toBe(
      'An outreach template is limited to 10,000 characters.',
    )
  })

  it('profile fields are trimmed and bounded; an email must look like one', () => {
    const profile = practiceProfileSchema.parse({
      practiceName: '  Harbour  ',
      clinicianName: '',
      credentials: '',
      address: '',
      phone: '',
      email: '',
    })
    expect(profile.practiceName).toBe('Harbour')
    const bad = practiceProfileSchema.safeParse({ ...profile, email: 'not an email' })
    expect(bad.success).toBe(false)
    const long = practiceProfileSchema.safeParse({ ...profile, phone: '5'.repeat(51) })
    expect(long.success ? '' : long.error.issues[0]?.message).toBe(
      'The phone number is limited to 50 characters.',
    )
  })

  it('a template longer than 10,000 characters is refused', () => {
    const settings = defaultPracticeSettings('en-US')
    const result = practiceSettingsSchema.safeParse({
      ...settings,
      letterTemplates: { ...settings.letterTemplates, closing: 'x'.repeat(10_001) },
    })
    expect(result.success).toBe(false)
  })
})
