import { createContext, useContext } from 'react'
import type { IntegrityFinding } from './integrity'

/** Raises what a check found; see `IntegrityWarnings`. */
export type WarnIntegrity = (findings: IntegrityFinding[]) => Promise<void>

/**
 * Shows what a check found (after a restore, say) as the unlock check's findings are shown:
 * the warning at the top, recorded in the audit trail, until acknowledged; findings already
 * acknowledged as they stand are not raised again. Provided by the vault's provider; null
 * outside it (a screen tried on its own).
 */
export const IntegrityWarnings = createContext<WarnIntegrity | null>(null)

export function useIntegrityWarning(): WarnIntegrity | null {
  return useContext(IntegrityWarnings)
}
