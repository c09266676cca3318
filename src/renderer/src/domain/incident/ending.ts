import type { Words } from '../words'
import type { Incident } from './incident'
import { compareIso } from '../time'

/**
 * How a walkout ended, in one short code: what the record says happened last, the furthest step
 * of the protocol that speaks to it winning. In order of precedence:
 *
 * 1. `relationship-ended`: step 8 says the therapeutic relationship is ending;
 * 2. `referred`: step 8 records a referral made (care may continue alongside);
 * 3. `talked-through`: step 5 says the walkout was discussed in a later session;
 * 4. `returned`: step 2 says the client came back during the session;
 * 5. `reached`: step 2 says contact was made later, or an outreach attempt got a reply;
 * 6. `declined`: the latest outreach attempt was declined (and none got a reply);
 * 7. `no-contact`: step 2 says no contact, or attempts were made without a reply;
 * 8. `not-recorded`: nothing about it is recorded yet.
 *
 * Pattern figures count walkouts by it; it is kept in the sealed index (never in clear).
 */
export const WALKOUT_ENDINGS = [
  'relationship-ended',
  'referred',
  'talked-through',
  'returned',
  'reached',
  'declined',
  'no-contact',
  'not-recorded',
] as const
export type WalkoutEnding = (typeof WALKOUT_ENDINGS)[number]

export const ENDING_WORDS: Words<typeof WALKOUT_ENDINGS> = {
  'relationship-ended': 'The therapeutic relationship ended',
  referred: 'Referred on',
  'talked-through': 'Talked through in a later session',
  returned: 'Came back during the session',
  reached: 'Reached afterwards',
  declined: 'Declined contact',
  'no-contact': 'No contact yet',
  'not-recorded': 'Not recorded yet',
}

export function walkoutEnding(incident: Pick<Incident, 'steps'>): WalkoutEnding {
  const { wait, outreach, discuss, fit } = incident.steps
  if (fit?.relationshipEnding) return 'relationship-ended'
  if (fit?.referral === 'made') return 'referred'
  if (discuss?.status === 'discussed') return 'talked-through'
  if (wait?.outcome === 'returned') return 'returned'
  const attempts = [...(outreach?.attempts ?? [])].sort((a, b) => compareIso(a.at.utc, b.at.utc))
  if (wait?.outcome === 'contact-later' || attempts.some((a) => a.outcome === 'replied'))
    return 'reached'
  if (attempts.at(-1)?.outcome === 'declined') return 'declined'
  if (wait?.outcome === 'no-contact' || attempts.length > 0) return 'no-contact'
  return 'not-recorded'
}
