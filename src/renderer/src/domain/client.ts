import { z } from 'zod'
import { fold } from './fold'
import { calendarDateSchema, localDate, optionalDateSchema } from './time'

export const CLIENT_STATUSES = ['active', 'referred', 'ended'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]
export const CLIENT_STATUS_WORDS: Record<ClientStatus, string> = {
  active: 'Active',
  referred: 'Referred',
  ended: 'Ended',
}

export const CHANNEL_KINDS = ['phone-call', 'text', 'email', 'letter', 'portal', 'other'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]
export const CHANNEL_WORDS: Record<ChannelKind, string> = {
  'phone-call': 'Phone call',
  text: 'Text message',
  email: 'Email',
  letter: 'Letter',
  portal: 'Patient portal',
  other: 'Other',
}

/**
 * Version of the client record's encrypted content; bound into its associated data.
 * 2: initials. 3: date of birth and client number (to tell two clients of the same name apart).
 * 4: structured conditions on each agreed channel.
 */
export const CLIENT_SCHEMA_VERSION = 4

/**
 * Conditions the client set on a channel, which outreach templates are checked against. The
 * channel's notes keep anything else in words.
 */
export const CHANNEL_CONDITIONS = ['no-clinical-details', 'no-voicemail', 'discreet'] as const
export type ChannelCondition = (typeof CHANNEL_CONDITIONS)[number]
export const CHANNEL_CONDITION_WORDS: Record<ChannelCondition, string> = {
  'no-clinical-details': 'No clinical details',
  'no-voicemail': 'No voicemail',
  discreet: 'Do not name the practice',
}
/** What each condition asks, in the words a checkbox's hint and a warning use. */
export const CHANNEL_CONDITION_HINTS: Record<ChannelCondition, string> = {
  'no-clinical-details': 'Nothing about therapy, sessions or the walkout.',
  'no-voicemail': 'Do not leave a voicemail message.',
  discreet: 'Do not say the practice’s name (someone else may see or hear it).',
}

const shortText = (max: number, what: string) =>
  z.string().trim().max(max, `${what} is limited to ${max} characters.`)

/** A way the client agreed to be contacted, with the date of consent and any conditions. */
export const agreedChannelSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(CHANNEL_KINDS, { error: 'Choose how the client agreed to be contacted.' }),
  /** Number, address or portal name. */
  detail: shortText(300, 'The contact detail'),
  consentDate: calendarDateSchema,
  /** What the outreach templates are checked against. */
  conditions: z
    .array(z.enum(CHANNEL_CONDITIONS))
    .max(CHANNEL_CONDITIONS.length)
    .refine((list) => new Set(list).size === list.length, 'Each condition can be chosen once.'),
  /** e.g. "voicemail OK", "no messages at work". */
  notes: shortText(500, 'The note'),
})
export type AgreedChannel = z.infer<typeof agreedChannelSchema>

export const emergencyContactSchema = z.object({
  id: z.string().min(1),
  name: shortText(200, 'The name').min(1, 'Enter the emergency contact’s name.'),
  relation: shortText(100, 'The relation'),
  phone: shortText(50, 'The phone number').min(
    1,
    'Enter a phone number for the emergency contact.',
  ),
})
export type EmergencyContact = z.infer<typeof emergencyContactSchema>

export const clientSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, 'Enter a name for the client.')
    .max(200, 'A name is at most 200 characters.'),
  initials: z.string().trim().max(6, 'Initials are at most 6 characters.'),
  /** Optional; tells two clients of the same name apart. */
  dateOfBirth: optionalDateSchema,
  /** Optional: the practice's own number for the client (billing, chart). */
  clientNumber: shortText(40, 'The client number'),
  pronouns: shortText(50, 'The pronouns field'),
  isMinor: z.boolean({ error: 'Say whether the client is a minor.' }),
  channels: z.array(agreedChannelSchema).max(20, 'At most 20 contact channels.'),
  emergencyContacts: z.array(emergencyContactSchema).max(10, 'At most 10 emergency contacts.'),
  status: z.enum(CLIENT_STATUSES, { error: 'Choose the client’s status.' }),
  notes: z.string().max(20_000, 'Notes are limited to 20,000 characters.'),
})
export type Client = z.infer<typeof clientSchema>

export function emptyClient(): Client {
  return {
    displayName: '',
    initials: '',
    dateOfBirth: '',
    clientNumber: '',
    pronouns: '',
    isMinor: false,
    channels: [],
    emergencyContacts: [],
    status: 'active',
    notes: '',
  }
}

/** "Robin van der Berg" -> "RVDB"; "Ana" -> "A". Letters only, at most 4. */
export function deriveInitials(name: string): string {
  return (
    name
      .trim()
      .split(/[\s-]+/)
      .map((part) => Array.from(part).find((char) => /\p{L}/u.test(char)) ?? '')
      .join('')
      .toLocaleUpperCase()
      // By characters, not UTF-16 units, so a letter outside the BMP is never cut in half.
      .match(/./gsu)
      ?.slice(0, 4)
      .join('') ?? ''
  )
}

/** Client content of schema version 1 (no initials yet) brought to version 2. */
export function migrateClientV1(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const v1 = value as { displayName?: string }
  const { dateOfBirth: _d, clientNumber: _n, ...v2Defaults } = emptyClient()
  return { ...v2Defaults, ...value, initials: deriveInitials(v1.displayName ?? '') }
}

/** Client content of schema version 2 brought to version 3 (no date of birth or number). */
export function migrateClientV2(value: unknown): unknown {
  return value && typeof value === 'object'
    ? { dateOfBirth: '', clientNumber: '', ...value }
    : value
}

/**
 * The conditions a channel's notes say in words ("no clinical details", "no voicemail", "be
 * discreet"…). Only clear statements count: "voicemail OK" or "no messages at work" give none.
 */
export function conditionsFromNotes(notes: string): ChannelCondition[] {
  return CHANNEL_CONDITIONS.filter((condition) => CONDITION_WORDS[condition].test(notes))
}

/** "no", "not", "don't", "do not", "never", "without", "nothing". */
const NOT = String.raw`(?:no|not|don[’']?t|do\s+not|never|without|nothing)`
/** "mention", "say the", "leave a"… between the negation and what it forbids (optional). */
const SAY = String.raw`(?:(?:mention|say|name|talk\s+about|leave)\s+(?:the\s+|a\s+|any\s+)?)?`
const CONDITION_WORDS: Record<ChannelCondition, RegExp> = {
  'no-clinical-details': new RegExp(
    String.raw`\b${NOT}\s+${SAY}(?:clinical|therapy|treatment|sessions?|counsell?ing)\b`,
    'i',
  ),
  'no-voicemail': new RegExp(
    String.raw`\b${NOT}\s+${SAY}voice\s?-?mails?\b|\b${NOT}\s+leave\s+(?:a\s+|any\s+)?messages?\b`,
    'i',
  ),
  discreet: new RegExp(
    String.raw`\bdiscre(?:et|etly|tion)\b|\b${NOT}\s+${SAY}(?:practice|clinic)\b`,
    'i',
  ),
}

/**
 * Client content of schema version 3 brought to version 4: each channel gains the conditions its
 * notes state in words (the notes are kept as they were).
 */
export function migrateClientV3(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const v3 = value as { channels?: unknown }
  if (!Array.isArray(v3.channels)) return value
  return {
    ...value,
    channels: v3.channels.map((channel: unknown) => {
      if (!channel || typeof channel !== 'object') return channel
      const notes = (channel as { notes?: unknown }).notes
      return {
        conditions: conditionsFromNotes(typeof notes === 'string' ? notes : ''),
        ...channel,
      }
    }),
  }
}

/**
 * What stops a client from being saved, at its field: dates in the future (a consent date, a
 * date of birth). Rules of the moment of saving, not of the stored shape.
 */
export function clientSaveProblems(
  client: Pick<Client, 'channels' | 'dateOfBirth'>,
  now: Date,
): { path: string; message: string }[] {
  const today = localDate(now)
  const problems: { path: string; message: string }[] = []
  if (client.dateOfBirth && client.dateOfBirth > today)
    problems.push({ path: 'dateOfBirth', message: 'A date of birth cannot be in the future.' })
  client.channels.forEach((channel, index) => {
    if (channel.consentDate > today)
      problems.push({
        path: `channels.${index}.consentDate`,
        message: 'A consent date cannot be in the future.',
      })
  })
  return problems
}

/** Clients whose name is the same as `name` (ignoring case, accents and spaces). */
export function sameName<T extends { id: string; displayName: string }>(
  clients: readonly T[],
  name: string,
  exceptId?: string,
): T[] {
  const key = fold(name.trim().replace(/\s+/g, ' '))
  return key
    ? clients.filter(
        (c) => c.id !== exceptId && fold(c.displayName.trim().replace(/\s+/g, ' ')) === key,
      )
    : []
}

/** "born 4 Mar 1990 · no. 1042": what tells a client apart in lists, '' when nothing does. */
export function distinguishing(
  client: Pick<Client, 'dateOfBirth' | 'clientNumber'>,
  formatDay: (day: string) => string,
): string {
  return [
    client.dateOfBirth ? `born ${formatDay(client.dateOfBirth)}` : '',
    client.clientNumber ? `no. ${client.clientNumber}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

/**
 * Does a search text match this client, by name or initials (case- and accent-insensitive)? The
 * whole text may be part of the name or the start of the initials; or else each of its words
 * is part of the name, in any order ("avery j" finds Jordan Avery, as the search box does).
 */
export function clientMatches(
  client: Pick<Client, 'displayName' | 'initials'>,
  query: string,
): boolean {
  const needle = fold(query.trim())
  if (!needle) return true
  const name = fold(client.displayName)
  if (name.includes(needle) || fold(client.initials).startsWith(needle)) return true
  const words = needle.split(/\s+/)
  return words.length > 1 && words.every((word) => name.includes(word))
}

/** What lists and pickers need of a client, kept in the sealed index. */
export const clientSummarySchema = z.object({
  displayName: z.string(),
  initials: z.string(),
  status: z.enum(CLIENT_STATUSES),
  dateOfBirth: z.string(),
  clientNumber: z.string(),
})
export type ClientSummary = z.infer<typeof clientSummarySchema>

export function summarizeClient(client: Client): ClientSummary {
  return {
    displayName: client.displayName,
    initials: client.initials,
    status: client.status,
    dateOfBirth: client.dateOfBirth,
    clientNumber: client.clientNumber,
  }
}
