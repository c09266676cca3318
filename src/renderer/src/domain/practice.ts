import { z } from 'zod'
import { LETTER_KINDS, type LetterKind } from './letters'
import {
  OUTREACH_TEMPLATE_KINDS,
  type OutreachTemplateKind,
  type OutreachTemplates,
} from './outreach-templates'

/**
 * Version of the practice settings' sealed content; bound into its associated data.
 * 2: practice profile, paper size, letter templates. 3: outreach templates.
 */
export const PRACTICE_SETTINGS_SCHEMA_VERSION = 3

/** A crisis or emergency resource the practice wants at hand (not client data). */
export const emergencyResourceSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the resource.').max(200),
  phone: z.string().trim().max(50),
  notes: z.string().trim().max(500),
})
export type EmergencyResource = z.infer<typeof emergencyResourceSchema>

const profileText = (max: number, what: string) =>
  z.string().trim().max(max, `${what} is limited to ${max} characters.`)

/** Who prints: the letterhead of letters and the signer of chart copies. Every field may be empty. */
export const practiceProfileSchema = z.object({
  practiceName: profileText(200, 'The practice name'),
  clinicianName: profileText(200, 'Your name'),
  credentials: profileText(200, 'The credentials'),
  address: profileText(500, 'The address'),
  phone: profileText(50, 'The phone number'),
  email: profileText(254, 'The email address').refine(
    (value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
    'Enter an email address like name@example.org, or leave it empty.',
  ),
})
export type PracticeProfile = z.infer<typeof practiceProfileSchema>

export const EMPTY_PROFILE: PracticeProfile = {
  practiceName: '',
  clinicianName: '',
  credentials: '',
  address: '',
  phone: '',
  email: '',
}

export const PAPER_SIZES = ['A4', 'Letter'] as const
export type PaperSize = (typeof PAPER_SIZES)[number]
export const PAPER_SIZE_WORDS: Record<PaperSize, string> = {
  A4: 'A4 (210 × 297 mm)',
  Letter: 'US Letter (8.5 × 11 in)',
}

/** Territories whose usual paper is US Letter (CLDR's paperSize data); everywhere else uses A4. */
const LETTER_TERRITORIES = new Set([
  'BZ',
  'CA',
  'CL',
  'CO',
  'CR',
  'GT',
  'MX',
  'NI',
  'PA',
  'PH',
  'PR',
  'SV',
  'US',
  'VE',
])

/**
 * The paper a locale usually prints on: "en-US", "es-MX" and plain "en" (which means the US) are
 * Letter; "en-GB", "de" and "fr-CA"… follow their territory. An unreadable locale gets A4.
 */
export function paperSizeForLocale(locale: string): PaperSize {
  try {
    const region = new Intl.Locale(locale).maximize().region
    return region && LETTER_TERRITORIES.has(region) ? 'Letter' : 'A4'
  } catch {
    return 'A4'
  }
}

/** A letter template of the therapist's own; null keeps Mend's default (and its improvements). */
const templateSchema = z
  .string()
  .max(10_000, 'A letter template is limited to 10,000 characters.')
  .nullable()

export const letterTemplatesSchema = z.object({
  outreach: templateSchema,
  closing: templateSchema,
  referral: templateSchema,
} satisfies Record<LetterKind, typeof templateSchema>)
export type LetterTemplates = z.infer<typeof letterTemplatesSchema>

export const DEFAULT_TEMPLATES: LetterTemplates = Object.fromEntries(
  LETTER_KINDS.map((kind) => [kind, null]),
) as LetterTemplates

/** An outreach template of the therapist's own (phone script, text, email); null: the default. */
const outreachTemplateSchema = z
  .string()
  .max(10_000, 'An outreach template is limited to 10,000 characters.')
  .nullable()

export const outreachTemplatesSchema = z.object({
  'phone-script': outreachTemplateSchema,
  text: outreachTemplateSchema,
  email: outreachTemplateSchema,
} satisfies Record<OutreachTemplateKind, typeof outreachTemplateSchema>)

export const DEFAULT_STORED_OUTREACH_TEMPLATES: OutreachTemplates = Object.fromEntries(
  OUTREACH_TEMPLATE_KINDS.map((kind) => [kind, null]),
) as OutreachTemplates

export const practiceSettingsSchema = z.object({
  emergencyResources: z.array(emergencyResourceSchema).max(20),
  profile: practiceProfileSchema,
  paperSize: z.enum(PAPER_SIZES),
  letterTemplates: letterTemplatesSchema,
  /** The outreach letter is letterTemplates.outreach: one letter template, used by both. */
  outreachTemplates: outreachTemplatesSchema,
})
export type PracticeSettings = z.infer<typeof practiceSettingsSchema>

const US_RESOURCES: EmergencyResource[] = [
  {
    name: '988 Suicide & Crisis Lifeline (US)',
    phone: '988',
    notes: 'Call or text 988, 24/7. Chat at 988lifeline.org.',
  },
  { name: 'Emergency services (US)', phone: '911', notes: 'Immediate danger to life.' },
]

/** Fresh defaults; the paper size follows the locale (the therapist can change it in Settings). */
export function defaultPracticeSettings(locale: string): PracticeSettings {
  return {
    emergencyResources: structuredClone(US_RESOURCES),
    profile: { ...EMPTY_PROFILE },
    paperSize: paperSizeForLocale(locale),
    letterTemplates: { ...DEFAULT_TEMPLATES },
    outreachTemplates: { ...DEFAULT_STORED_OUTREACH_TEMPLATES },
  }
}

/** The defaults for the United States (the emergency resources are US ones). */
export const DEFAULT_PRACTICE_SETTINGS: PracticeSettings = defaultPracticeSettings('en-US')

/** Version 1 (emergency resources only) to version 2: an empty profile, default templates. */
export function migratePracticeSettingsV1(value: unknown, locale: string): unknown {
  if (!value || typeof value !== 'object') return value
  return {
    profile: { ...EMPTY_PROFILE },
    paperSize: paperSizeForLocale(locale),
    letterTemplates: { ...DEFAULT_TEMPLATES },
    ...value,
  }
}

/** Version 2 to version 3: Mend's default outreach templates. */
export function migratePracticeSettingsV2(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  return { outreachTemplates: { ...DEFAULT_STORED_OUTREACH_TEMPLATES }, ...value }
}
