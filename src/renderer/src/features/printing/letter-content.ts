import {
  crisisLines,
  firstNameOf,
  type FilledPart,
  type PlaceholderValues,
} from '../../domain/letters'
import { walkoutMoment, type Incident } from '../../domain/incident'
import type { PracticeSettings } from '../../domain/practice'
import type { Timestamp } from '../../domain/time'

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' })

/** A moment as a letter writes it ("27 November 2026"), in the therapist's locale. */
export function letterDate(moment: Date | Timestamp | null | undefined): string {
  if (!moment) return ''
  const date = moment instanceof Date ? moment : new Date(moment.utc)
  return Number.isNaN(date.getTime()) ? '' : longDate.format(date)
}

/** Splits filled parts into paragraphs at blank lines (each keeps its single line breaks). */
export function paragraphsOf(parts: readonly FilledPart[]): FilledPart[][] {
  const paragraphs: FilledPart[][] = [[]]
  for (const part of parts) {
    if (part.kind !== 'text') {
      paragraphs.at(-1)!.push(part)
      continue
    }
    const pieces = part.text.split(/\n[ \t]*\n+/)
    pieces.forEach((piece, index) => {
      if (index > 0) paragraphs.push([])
      if (piece) paragraphs.at(-1)!.push({ kind: 'text', text: piece })
    })
  }
  return paragraphs
    .map((paragraph) => trimParagraph(paragraph))
    .filter((paragraph) => paragraph.length > 0)
}

function trimParagraph(paragraph: FilledPart[]): FilledPart[] {
  return paragraph
    .map((part, index) => {
      if (part.kind !== 'text') return part
      let text = part.text
      if (index === 0) text = text.replace(/^\s+/, '')
      if (index === paragraph.length - 1) text = text.replace(/\s+$/, '')
      return { ...part, text }
    })
    .filter((part) => part.kind !== 'text' || part.text !== '')
}

/** Every placeholder's value for this client, walkout record and practice ('' when unknown). */
export function letterValues({
  client,
  incident,
  practice,
  today,
}: {
  client: { displayName: string }
  incident: Incident | null
  practice: Pick<PracticeSettings, 'profile' | 'emergencyResources'>
  today: Date
}): Required<PlaceholderValues> {
  const { profile } = practice
  return {
    'client.firstName': firstNameOf(client.displayName),
    'client.fullName': client.displayName.trim(),
    'clinician.name': profile.clinicianName,
    'clinician.credentials': profile.credentials,
    'practice.name': profile.practiceName,
    'practice.address': profile.address,
    'practice.phone': profile.phone,
    'practice.email': profile.email,
    today: letterDate(today),
    'walkout.date': incident ? letterDate(walkoutMoment(incident)) : '',
    'referral.to': incident?.steps.fit?.referralTo.trim() ?? '',
    'crisis.resources': crisisLines(practice.emergencyResources),
  }
}
