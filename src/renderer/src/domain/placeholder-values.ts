import { crisisLines, firstNameOf, type PlaceholderValues } from './letters'
import { walkoutMoment, type Incident } from './incident'
import type { PracticeSettings } from './practice'
import type { Timestamp } from './time'

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' })

/** A moment as a letter writes it ("27 November 2026"), in the therapist's locale. */
export function letterDate(moment: Date | Timestamp | null | undefined): string {
  if (!moment) return ''
  const date = moment instanceof Date ? moment : new Date(moment.utc)
  return Number.isNaN(date.getTime()) ? '' : longDate.format(date)
}

/**
 * Every placeholder's value for this client, walkout record and practice ('' when unknown), for
 * letters and outreach templates alike. `nextAvailable` is what the therapist typed when using
 * the template ('' until then).
 */
export function placeholderValues({
  client,
  incident,
  practice,
  today,
  nextAvailable = '',
}: {
  client: { displayName: string }
  incident: Incident | null
  practice: Pick<PracticeSettings, 'profile' | 'emergencyResources'>
  today: Date
  nextAvailable?: string
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
    'next.available': nextAvailable.trim(),
  }
}
