import {
  CHANNEL_CONDITION_WORDS,
  type AgreedChannel,
  type ChannelCondition,
  type ChannelKind,
} from './client'
import {
  DEFAULT_LETTER_TEMPLATES,
  PLACEHOLDERS,
  templateFor,
  type FilledLetter,
  type PlaceholderName,
} from './letters'

/**
 * Outreach templates: what the therapist says or sends to a client after a walkout, per channel,
 * in calm words that offer a way back. Mend fills and copies them; it never sends anything. The
 * letter is the outreach letter of Printing (one template, one place to edit it).
 */

/** The templates edited under Settings, Outreach templates. */
export const OUTREACH_TEMPLATE_KINDS = ['phone-script', 'text', 'email'] as const
export type OutreachTemplateKind = (typeof OUTREACH_TEMPLATE_KINDS)[number]

/** Every template a channel can use: the three above and the outreach letter. */
export const TEMPLATE_CHOICES = [...OUTREACH_TEMPLATE_KINDS, 'letter'] as const
export type TemplateChoice = (typeof TEMPLATE_CHOICES)[number]

export const TEMPLATE_WORDS: Record<TemplateChoice, string> = {
  'phone-script': 'Phone script',
  text: 'Text message',
  email: 'Email',
  letter: 'Outreach letter',
}

export const TEMPLATE_PURPOSES: Record<OutreachTemplateKind, string> = {
  'phone-script':
    'What to say on the phone: when the client answers, and the message to leave on voicemail.',
  text: 'A short text message. Keep it brief: someone else may see the phone’s screen.',
  email: 'An email to the client: a calm check-in and an open door.',
}

export function isTemplateChoice(value: unknown): value is TemplateChoice {
  return typeof value === 'string' && (TEMPLATE_CHOICES as readonly string[]).includes(value)
}

/** Where the outreach templates are edited (where an unknown placeholder is corrected). */
export const OUTREACH_TEMPLATES_WHERE = 'Settings, Outreach templates'

/** The template each channel starts with (the therapist can choose another). */
export const CHANNEL_TEMPLATE: Record<ChannelKind, TemplateChoice> = {
  'phone-call': 'phone-script',
  text: 'text',
  email: 'email',
  letter: 'letter',
  portal: 'email',
  other: 'text',
}

/** The therapist's own templates; null keeps Mend's default (and its improvements). */
export type OutreachTemplates = Record<OutreachTemplateKind, string | null>

/**
 * The templates Mend starts with: warm, brief, without blame, offering a way back. None says
 * anything clinical or names the practice, so they keep the conditions a client may set on a
 * channel ("no clinical details", "do not name the practice"); the therapist can write more.
 */
export const DEFAULT_OUTREACH_TEMPLATES: Record<OutreachTemplateKind, string> = {
  'phone-script': `If {{client.firstName}} answers:
Hello {{client.firstName}}, it’s {{clinician.name}}. I’m calling to check in with you, that’s all. You don’t owe me an explanation. I’d be glad to see you again: I have time on {{next.available}}, or we can find another time that suits you. If now isn’t a good moment, you can call me back at {{practice.phone}} whenever you like.

If you reach voicemail:
Hello, this is a message for {{client.firstName}} from {{clinician.name}}. I’m calling to check in, nothing more. I have time on {{next.available}} if that suits you, and you can call me back at {{practice.phone}} whenever you’re ready. Take care.`,
  text: `Hi {{client.firstName}}, it’s {{clinician.name}}. Just checking in, no need to explain anything. I’d be glad to see you again: I have time on {{next.available}}, or whenever suits you. You can reach me at {{practice.phone}}.`,
  email: `Hi {{client.firstName}},

I wanted to check in with you. There is no need to explain anything, and no pressure to reply straight away.

I would be glad to see you again. I have time on {{next.available}}; if another time suits you better, or if you would like to talk about how we work together, just let me know. If you would rather take a break, that is all right too.

You can reply to this email or call me at {{practice.phone}}.

Warm regards,
{{clinician.name}}`,
}

/**
 * The template in use for an outreach kind: the therapist's own, or the default (null; and a
 * blank one, which Settings refuses to save, rather than copying nothing).
 */
export function outreachTemplateFor(
  kind: OutreachTemplateKind,
  stored: string | null | undefined,
): string {
  return stored?.trim() ? stored : DEFAULT_OUTREACH_TEMPLATES[kind]
}

/** The text of a template choice; the letter is the outreach letter of the letter templates. */
export function templateText(
  choice: TemplateChoice,
  settings: {
    outreachTemplates: OutreachTemplates
    letterTemplates: { outreach: string | null }
  },
): string {
  return choice === 'letter'
    ? templateFor('outreach', settings.letterTemplates.outreach)
    : outreachTemplateFor(choice, settings.outreachTemplates[choice])
}

/** Is this template Mend's default as it stands? */
export function isDefaultTemplate(choice: TemplateChoice, text: string): boolean {
  return choice === 'letter'
    ? text === DEFAULT_LETTER_TEMPLATES.outreach
    : text === DEFAULT_OUTREACH_TEMPLATES[choice]
}

// ------------------------------------------------------------------ conflicts with conditions

/** Placeholders whose value is a clinical detail, and what they would tell. */
export const CLINICAL_PLACEHOLDERS: Partial<Record<PlaceholderName, string>> = {
  'walkout.date': 'the date of the walkout',
  'referral.to': 'who the client is referred to',
  'crisis.resources': 'crisis lines',
  'clinician.credentials': 'your clinical credentials',
}

/**
 * Words that say the message is about therapy: the work itself, who does it, its meetings, and
 * the walkout. Matched as whole words, whatever the case.
 */
const CLINICAL_WORDS =
  /\b(?:psycho)?therap(?:y|ies|ist|ists|eutic)\b|\bsessions?\b|\bcounsel(?:l)?(?:ing|or|ors)\b|\bappointments?\b|\btreatments?\b|\bclinic(?:al|ian|ians|s)?\b|\bpsycholog(?:y|ist|ists|ical)\b|\bpsychiatr(?:y|ist|ists|ic)\b|\bdiagnos(?:is|es|ed)\b|\bmental\s+health\b|\bbehaviou?ral\s+health\b|\bsuicid(?:e|al)\b|\bcrisis\b|\bwalk(?:ed|ing|s)?[\s-]*outs?\b|\bleft\s+(?:the|our|your)\s+session\b/gi

/** Parts of words that say the writer is a clinician, inside an email address or a web address. */
const CLINICAL_STEMS =
  /therap(?:y|ies|ist|eutic)|counsel(?:l?ing|l?ors?)|psycholog|psychiatr|psychotherap|clinic(?:al|ians?|s)?(?![a-z])|behaviou?ral|mental-?health/i

/** The clinical words in a text, each once, lower-cased, in order of first use. */
export function clinicalWordsIn(text: string): string[] {
  return [
    ...new Set(
      [...text.matchAll(CLINICAL_WORDS)].map((m) => m[0].toLowerCase().replace(/\s+/g, ' ')),
    ),
  ]
}

/** A phone script that has a message to leave when nobody answers. */
const VOICEMAIL =
  /\bvoice\s?-?(?:mail|message)s?\b|\bleave\s+(?:a|this|the)\s+message\b|(?<!\bno\s)\bmessage\s+to\s+leave\b|\banswering\s+machine\b|\banswer-?phone\b|\bafter\s+the\s+(?:tone|beep)\b/i

export interface OutreachConflict {
  condition: ChannelCondition
  /** In plain words: what in the text breaks which of the client's conditions. */
  message: string
}

const quoted = (words: readonly string[]) => {
  const list = words.map((w) => `“${w}”`)
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`
}

/** Placeholder names used in a filled template (filled or not). */
function usedPlaceholders(filled: Pick<FilledLetter, 'parts'>): Set<string> {
  return new Set(filled.parts.flatMap((p) => (p.kind === 'text' ? [] : [p.name])))
}

/**
 * What in a filled template breaks the conditions the client set on the channel, each as a
 * sentence. "No clinical details" is broken by clinical words or a clinical placeholder; "no
 * voicemail" by a phone script with a voicemail message; "do not name the practice" by the
 * practice's name or its placeholder, or its address or email address placeholder (and "no
 * clinical details" by an email address that says what kind of practice it is). An empty list:
 * nothing breaks a condition.
 */
export function outreachConflicts(
  filled: Pick<FilledLetter, 'parts'>,
  kind: TemplateChoice,
  conditions: readonly ChannelCondition[],
  practiceName = '',
): OutreachConflict[] {
  const used = usedPlaceholders(filled)
  // What the client would read: an unfilled placeholder is not words (and is reported as one).
  const said = filled.parts.map((p) => (p.kind === 'missing' ? ' ' : p.text)).join('')
  const conflicts: OutreachConflict[] = []
  const rule = (condition: ChannelCondition) => `“${CHANNEL_CONDITION_WORDS[condition]}”`
  if (conditions.includes('no-clinical-details')) {
    const words = clinicalWordsIn(said)
    if (words.length > 0)
      conflicts.push({
        condition: 'no-clinical-details',
        message: `The text mentions ${quoted(words)}, and the client asked for ${rule('no-clinical-details')} on this channel: nothing about therapy, sessions or the walkout.`,
      })
    for (const [name, meaning] of Object.entries(CLINICAL_PLACEHOLDERS)) {
      if (used.has(name))
        conflicts.push({
          condition: 'no-clinical-details',
          message: `The text gives ${meaning} ({{${name}}}), a clinical detail, and the client asked for ${rule('no-clinical-details')} on this channel.`,
        })
    }
  }
  if (conditions.includes('no-clinical-details')) {
    // An email address says what kind of practice writes, even when no word of the text does.
    const email = filled.parts.find((p) => p.kind === 'value' && p.name === 'practice.email')
    if (email && email.kind === 'value' && CLINICAL_STEMS.test(email.text))
      conflicts.push({
        condition: 'no-clinical-details',
        message: `The text gives the practice’s email address, which says what kind of practice it is, and the client asked for ${rule('no-clinical-details')} on this channel.`,
      })
  }
  if (conditions.includes('no-voicemail') && kind === 'phone-script' && VOICEMAIL.test(said))
    conflicts.push({
      condition: 'no-voicemail',
      message: `This phone script has a message to leave on voicemail, and the client asked for ${rule('no-voicemail')} on this channel: if they do not answer, hang up without leaving a message.`,
    })
  if (conditions.includes('discreet')) {
    const name = practiceName.trim()
    const named = name !== '' && said.toLowerCase().includes(name.toLowerCase())
    if (named || used.has('practice.name'))
      conflicts.push({
        condition: 'discreet',
        message: `The text names the practice (${named ? `“${name}”` : `{{practice.name}}, ${PLACEHOLDERS['practice.name'].meaning}`}), and the client asked that the practice not be named on this channel (${rule('discreet')}).`,
      })
    // Its address and its email address tell as much as its name (a letter without the
    // letterhead must not add them back).
    for (const name of ['practice.address', 'practice.email'] as const)
      if (used.has(name))
        conflicts.push({
          condition: 'discreet',
          message: `The text gives ${PLACEHOLDERS[name].meaning} ({{${name}}}), which tells who is writing, and the client asked that the practice not be named on this channel (${rule('discreet')}).`,
        })
  }
  return conflicts
}

/** The summary of an attempt logged from a template: which one, and any warning gone past. */
export function templateAttemptSummary(
  choice: TemplateChoice,
  acknowledged: readonly ChannelCondition[],
): string {
  const warned =
    acknowledged.length > 0
      ? ` Went ahead despite the warning about the client’s conditions (${acknowledged.map((c) => CHANNEL_CONDITION_WORDS[c]).join(', ')}).`
      : ''
  return `Used the “${TEMPLATE_WORDS[choice]}” template.${warned}`
}

// ------------------------------------------------------------------ letters to the client

/** What a letter to the client must respect: the conditions of the letter channel(s) agreed. */
export interface LetterChannelCheck {
  /** The client agreed to no letter channel: a letter is not a way they chose. */
  notAgreed: boolean
  /** "Do not name the practice": the letter prints without the letterhead. */
  withoutLetterhead: boolean
  /** What in the letter's text breaks a condition (as for the outreach templates). */
  conflicts: OutreachConflict[]
}

/**
 * Checks a letter to the client (the outreach or closing letter) against the letter channels
 * the client agreed to: none agreed is said; their conditions apply to the text as they do to an
 * outreach template; "do not name the practice" also drops the letterhead. A referral letter
 * goes to another clinician: nothing to check.
 */
export function checkLetterToClient(
  filled: Pick<FilledLetter, 'parts'>,
  toClient: boolean,
  channels: readonly Pick<AgreedChannel, 'kind' | 'conditions'>[],
  practiceName = '',
): LetterChannelCheck {
  if (!toClient) return { notAgreed: false, withoutLetterhead: false, conflicts: [] }
  const letters = channels.filter((channel) => channel.kind === 'letter')
  const conditions = [...new Set(letters.flatMap((channel) => channel.conditions))]
  return {
    notAgreed: letters.length === 0,
    withoutLetterhead: conditions.includes('discreet'),
    conflicts: outreachConflicts(filled, 'letter', conditions, practiceName),
  }
}
