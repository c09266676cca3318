import { formatMoment } from '../../domain/format'
import { STEP_TITLES, type Incident } from '../../domain/incident'
import type { PracticeProfile } from '../../domain/practice'

/** The note a private reflection carries wherever it is printed. */
export const PSYCHOTHERAPY_NOTE = 'Psychotherapy note'

/**
 * Who signed: the clinician recorded in the signature; for records signed before signatures
 * named the clinician, the practice profile's clinician, said to be taken from there.
 */
export function signerOf(
  signature: Incident['signature'],
  profile: Pick<PracticeProfile, 'clinicianName' | 'credentials'>,
): { name: string; credentials: string; fromProfile: boolean } {
  if (signature?.clinician) return { ...signature.clinician, fromProfile: false }
  return {
    name: profile.clinicianName.trim(),
    credentials: profile.credentials.trim(),
    fromProfile: true,
  }
}

export function signatureLine(
  signature: Incident['signature'],
  profile: Pick<PracticeProfile, 'clinicianName' | 'credentials'>,
): string {
  if (!signature) return 'Not signed: this record can still change.'
  const { name, credentials, fromProfile } = signerOf(signature, profile)
  const who = name
    ? `${name}${credentials ? `, ${credentials}` : ''}${fromProfile ? ' (name from the practice profile; not recorded at signing)' : ''}`
    : 'the clinician (name not recorded)'
  const unfinished =
    signature.unfinished.length > 0
      ? ` Signed with ${signature.unfinished.length === 1 ? 'a step' : 'steps'} unfinished (${signature.unfinished.map((id) => STEP_TITLES[id]).join(', ')}): ${signature.reason}`
      : ''
  return `Signed ${formatMoment(signature.signedAt)} by ${who}.${unfinished}`
}
