import { DEFAULT_PRACTICE_SETTINGS, type PracticeSettings } from '../domain/practice'
import { DEFAULT_SETTINGS, type VaultSettings } from '../domain/settings'
import type { SealedSingletonRow } from './db'
import { SEALED } from './keys'
import type { RecordStore } from './records'
import { put, withRetry, type VaultSession } from './session'

/**
 * Settings the screens trust (the emergency resources shown at high risk, the auto-lock time) are
 * sealed like records and bound into the audit trail: a value changed outside Mend does not open,
 * and is reported, not used.
 */

export interface SettingsRead<T> {
  value: T
  /** The stored value could not be opened (altered or damaged): defaults are shown instead. */
  damaged: boolean
}

async function readSealed<T>(
  session: VaultSession,
  store: RecordStore<T, SealedSingletonRow>,
  id: string,
  defaults: () => T,
): Promise<SettingsRead<T>> {
  const opened = await store.get(session.dataKey, id)
  if (!opened) return { value: defaults(), damaged: false }
  return opened.ok ? { value: opened.value, damaged: false } : { value: defaults(), damaged: true }
}

export function readPracticeSettings(
  session: VaultSession,
): Promise<SettingsRead<PracticeSettings>> {
  return readSealed(session, session.practiceSettings, SEALED.practice, () =>
    structuredClone(DEFAULT_PRACTICE_SETTINGS),
  )
}

export function readVaultSettings(session: VaultSession): Promise<SettingsRead<VaultSettings>> {
  return readSealed(session, session.vaultSettings, SEALED.vaultSettings, () => ({
    ...DEFAULT_SETTINGS,
  }))
}

/** Seals the practice settings, with an audit entry. */
export async function savePracticeSettings(
  session: VaultSession,
  settings: PracticeSettings,
): Promise<void> {
  await withRetry(() =>
    session.commit({
      changes: [put(session.practiceSettings, SEALED.practice, settings)],
      audit: {
        action: 'edit',
        target: 'vault',
        targetId: session.vaultId,
        detail: 'Practice settings',
      },
    }),
  )
}

export async function saveVaultSettings(
  session: VaultSession,
  settings: VaultSettings,
): Promise<void> {
  await withRetry(() =>
    session.commit({
      changes: [put(session.vaultSettings, SEALED.vaultSettings, settings)],
      audit: {
        action: 'edit',
        target: 'vault',
        targetId: session.vaultId,
        detail: 'Automatic lock',
      },
    }),
  )
}
