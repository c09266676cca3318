import { formatMoment } from '../../domain/format'
import type { Incident } from '../../domain/incident'
import type { PracticeProfile } from '../../domain/practice'

/** The note a private reflection carries wherever it is printed. */
export const PSYCHOTHERAPY_NOTE = 'Psychotherapy note'

/**
 * Who signed: the clinician stored with the signature when there is one (`signature.clinician`,
 * read defensively: older records have only the time), else the practice profile's clinician.
 */
export function signerOf(
  signature: Incident['signature'],
  profile: Pick<PracticeProfile, 'clinicianName' | 'credentials'>,
): { name: string; credentials: string } {
  const stored = (signature as { clinician?: unknown } | null)?.clinician
  if (stored && typeof stored === 'object') {
    const { clinicianName, credentials } = stored as Record<string, unknown>
    if (typeof clinicianName === 'string' && clinicianName.trim()) {
      return {
        name: clinicianName.trim(),
        credentials: typeof credentials === 'string' ? credentials.trim() : '',
      }
    }
  }
  return { name: profile.clinicianName.trim(), credentials: profile.credentials.trim() }
}

export function signatureLine(
  signature: Incident['signature'],
  profile: Pick<PracticeProfile, 'clinicianName' | 'credentials'>,
): string {
  if (!signature) return 'Not signed: this record can still change.'
  const { name, credentials } = signerOf(signature, profile)
  const who = name
    ? `${name}${credentials ? `, ${credentials}` : ''}`
    : 'the clinician (name not recorded)'
  return `Signed ${formatMoment(signature.signedAt)} by ${who}.`
}
