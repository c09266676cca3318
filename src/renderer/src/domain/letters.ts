/**
 * Letters from editable templates: the placeholders Mend knows, the default templates, and the
 * pure logic that parses a template, fills it and names every placeholder it could not fill.
 */

export const LETTER_KINDS = ['outreach', 'closing', 'referral'] as const
export type LetterKind = (typeof LETTER_KINDS)[number]

export const LETTER_WORDS: Record<LetterKind, string> = {
  outreach: 'Outreach letter',
  closing: 'Closing letter',
  referral: 'Referral letter',
}

export const LETTER_PURPOSES: Record<LetterKind, string> = {
  outreach: 'To the client after a walkout: a calm check-in and an open door.',
  closing:
    'To the client when the work ends without a last session: referral options, crisis resources and how to come back.',
  referral: 'To another clinician, referring the client with their consent.',
}

export function isLetterKind(value: unknown): value is LetterKind {
  return typeof value === 'string' && (LETTER_KINDS as readonly string[]).includes(value)
}

/** Every placeholder a template may use: what it stands for, and where its value is filled in. */
export const PLACEHOLDERS = {
  'client.firstName': {
    meaning: 'the client’s first name',
    where: 'the client’s details (Edit details, on the client’s page)',
  },
  'client.fullName': {
    meaning: 'the client’s full name',
    where: 'the client’s details (Edit details, on the client’s page)',
  },
  'clinician.name': { meaning: 'your name', where: 'Settings, Practice profile' },
  'clinician.credentials': { meaning: 'your credentials', where: 'Settings, Practice profile' },
  'practice.name': { meaning: 'the name of your practice', where: 'Settings, Practice profile' },
  'practice.address': {
    meaning: 'the address of your practice',
    where: 'Settings, Practice profile',
  },
  'practice.phone': {
    meaning: 'the phone number of your practice',
    where: 'Settings, Practice profile',
  },
  'practice.email': {
    meaning: 'the email address of your practice',
    where: 'Settings, Practice profile',
  },
  today: { meaning: 'today’s date', where: 'the computer’s clock' },
  'walkout.date': {
    meaning: 'the date of the walkout',
    where: 'step 1 of the walkout record (When the client left)',
  },
  'referral.to': {
    meaning: 'who the client is referred to',
    where: 'step 8 of the walkout record, Assess therapeutic fit (Referred to)',
  },
  'crisis.resources': {
    meaning: 'your list of crisis resources',
    where: 'Settings, Emergency resources',
  },
  'next.available': {
    meaning: 'the next time you have free to meet',
    where: 'the “Next available time” box, next to the filled-in text',
  },
} as const satisfies Record<string, { meaning: string; where: string }>

export type PlaceholderName = keyof typeof PLACEHOLDERS
export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[]

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name)
}

/** A template read into plain text and the placeholders in it. */
export type TemplatePart =
  { kind: 'text'; text: string } | { kind: 'placeholder'; name: string; raw: string }

/** `{{ name }}`: two braces, a name without braces (spaces around it allowed), two braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  let last = 0
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ kind: 'text', text: template.slice(last, match.index) })
    parts.push({ kind: 'placeholder', name: match[1] ?? '', raw: match[0] })
    last = match.index + match[0].length
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) })
  return parts
}

/** The placeholder names a template uses, each once, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [
    ...new Set(
      parseTemplate(template).flatMap((part) => (part.kind === 'placeholder' ? [part.name] : [])),
    ),
  ]
}

/** Placeholders in a template that Mend does not know (a typo, or one from another program). */
export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template).filter((name) => !isPlaceholderName(name))
}

export type PlaceholderValues = Partial<Record<PlaceholderName, string>>

export interface MissingPlaceholder {
  name: string
  reason: 'empty' | 'unknown'
  /** In words: which placeholder, why it is not filled, and where to fill it in. */
  message: string
}

export type FilledPart =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: PlaceholderName; text: string }
  | { kind: 'missing'; name: string; raw: string }

export interface FilledLetter {
  parts: FilledPart[]
  /** The letter as text; unfilled placeholders are left as written. */
  text: string
  /** Every placeholder that could not be filled, once each, in order. Printing waits for none. */
  missing: MissingPlaceholder[]
}

/** Where a letter's template is edited (where an unknown placeholder is corrected). */
export const LETTER_TEMPLATES_WHERE = 'Settings, Printing, in the letter’s template'

export function missingMessage(
  name: string,
  reason: MissingPlaceholder['reason'],
  templateWhere = LETTER_TEMPLATES_WHERE,
): string {
  if (reason === 'unknown' || !isPlaceholderName(name)) {
    return `{{${name}}} is not a placeholder Mend knows. Correct it in ${templateWhere}.`
  }
  const { meaning, where } = PLACEHOLDERS[name]
  return `{{${name}}} (${meaning}) is empty. Fill it in under ${where}.`
}

/**
 * Fills a template. A value that is empty (or only spaces) counts as missing. `templateWhere` says
 * where the template is edited, for the message about an unknown placeholder.
 */
export function fillTemplate(
  template: string,
  values: PlaceholderValues,
  templateWhere = LETTER_TEMPLATES_WHERE,
): FilledLetter {
  const missing = new Map<string, MissingPlaceholder>()
  const parts = parseTemplate(template).map((part): FilledPart => {
    if (part.kind === 'text') return part
    const name = part.name
    const known = isPlaceholderName(name)
    const value = known ? (values[name] ?? '').trim() : ''
    if (known && value) return { kind: 'value', name, text: value }
    const reason = known ? 'empty' : 'unknown'
    if (!missing.has(part.name))
      missing.set(part.name, {
        name: part.name,
        reason,
        message: missingMessage(part.name, reason, templateWhere),
      })
    return { kind: 'missing', name: part.name, raw: part.raw }
  })
  const text = parts.map((part) => (part.kind === 'missing' ? part.raw : part.text)).join('')
  return { parts, text, missing: [...missing.values()] }
}

/** "Robin van der Berg" -> "Robin". */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? ''
}

/** Crisis resources as letter lines: "988 Suicide & Crisis Lifeline: 988. Call or text, 24/7." */
export function crisisLines(
  resources: readonly { name: string; phone: string; notes: string }[],
): string {
  return resources
    .map((r) =>
      [`${r.name.trim()}${r.phone.trim() ? `: ${r.phone.trim()}` : ''}`, r.notes.trim()]
        .filter(Boolean)
        .join('. '),
    )
    .filter(Boolean)
    .join('\n')
}

/**
 * The template in use: the therapist's own, or the default when they kept it (null; and a blank
 * one, which Settings refuses to save, rather than an empty letter).
 */
export function templateFor(kind: LetterKind, stored: string | null | undefined): string {
  return stored?.trim() ? stored : DEFAULT_LETTER_TEMPLATES[kind]
}

/**
 * The templates Mend starts with: calm, without blame, and never closing a door. The closing
 * letter carries what non-abandonment asks for: referral options, crisis resources, how to return.
 */
export const DEFAULT_LETTER_TEMPLATES: Record<LetterKind, string> = {
  outreach: `{{today}}

Dear {{client.firstName}},

I wanted to reach out after our session on {{walkout.date}}. Leaving a session can happen for many reasons, and you do not owe me an explanation.

I would be glad to see you again. If you would like to talk about what happened, or about changing how we work together, we can do that at your pace. If you would rather take a break, or see someone else, that is all right too, and I can help you find the right person.

You can reach me at {{practice.phone}}.

If you are in crisis or feel unsafe, please contact:
{{crisis.resources}}

With warm regards,

{{clinician.name}}, {{clinician.credentials}}
{{practice.name}}`,
  closing: `{{today}}

Dear {{client.firstName}},

We have not met since our session on {{walkout.date}}, and I have not been able to reach you. I respect your choice, and I want to make sure you have what you need.

For now I will close your file. This is not a judgement, and the door stays open: if you would like to come back, contact me at {{practice.phone}} and we will find a time to talk.

If you would prefer to continue with someone else, I recommend:
{{referral.to}}

If you are ever in crisis or feel unsafe, please contact:
{{crisis.resources}}

I wish you well.

{{clinician.name}}, {{clinician.credentials}}
{{practice.name}}
{{practice.address}}`,
  referral: `{{today}}

Dear {{referral.to}},

I am writing to refer {{client.fullName}} to you for psychotherapy. They know about this referral and have agreed to it.

I would be grateful if you could contact them to arrange a first appointment. With their written consent, I am glad to share relevant information and to speak with you; you can reach me at {{practice.phone}}.

Thank you for your help.

Kind regards,

{{clinician.name}}, {{clinician.credentials}}
{{practice.name}}
{{practice.address}}`,
}
