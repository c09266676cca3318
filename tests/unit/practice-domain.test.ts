import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PRACTICE_SETTINGS,
  defaultPracticeSettings,
  migratePracticeSettingsV1,
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

describe('practice settings, version 2', () => {
  it('the defaults are valid, with an empty profile and the default templates', () => {
    const settings = defaultPracticeSettings('de-DE')
    expect(practiceSettingsSchema.parse(settings)).toEqual(settings)
    expect(settings.paperSize).toBe('A4')
    expect(Object.values(settings.profile).every((v) => v === '')).toBe(true)
    expect(settings.letterTemplates).toEqual({ outreach: null, closing: null, referral: null })
    expect(DEFAULT_PRACTICE_SETTINGS.paperSize).toBe('Letter')
  })

  it('version 1 (resources only) migrates, keeping its resources', () => {
    const v1 = { emergencyResources: [{ name: 'Line', phone: '1', notes: '' }] }
    const v2 = practiceSettingsSchema.parse(migratePracticeSettingsV1(v1, 'en-GB'))
    expect(v2.emergencyResources).toEqual(v1.emergencyResources)
    expect(v2.paperSize).toBe('A4')
    expect(v2.profile.clinicianName).toBe('')
  })

  it('the codec is at version 2 and migrates version 1 records', () => {
    const codec = CODECS.practiceSettings
    expect(codec.schemaVersion).toBe(2)
    const migrated = codec.migrate(1, { emergencyResources: [] })
    expect(codec.schema.safeParse(migrated).success).toBe(true)
    // Without the migration step a version 1 record would not be valid.
    expect(codec.schema.safeParse({ emergencyResources: [] }).success).toBe(false)
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
