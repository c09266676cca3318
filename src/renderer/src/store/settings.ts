import { defaultPracticeSettings, type PracticeSettings } from '../domain/practice'
import { DEFAULT_SETTINGS, type VaultSettings } from '../domain/settings'
import { hostLocale } from './codecs'
import type { SealedSingletonRow } from './db'
import { SEALED } from './keys'
import type { RecordStore } from './records'
import { put, unchanged, withRetry, type VaultSession } from './session'

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
    defaultPracticeSettings(hostLocale()),
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

/**
 * Changes one part of the practice settings (the profile, the printing settings…) on the stored
 * value read afresh, so that two settings sections saved one after the other never undo each
 * other. A stored value that cannot be opened is replaced: its other parts become the defaults,
 * which is what the screens already show (and the settings screen says so).
 */
export async function updatePracticeSettings(
  session: VaultSession,
  change: (current: PracticeSettings) => PracticeSettings,
  detail: string,
): Promise<void> {
  await withRetry(async () => {
    const row = await session.practiceSettings.table.get(SEALED.practice)
    const current = await readPracticeSettings(session)
    const next = change(current.value)
    await session.commit({
      changes: [put(session.practiceSettings, SEALED.practice, next)],
      preconditions: [unchanged(session.practiceSettings, SEALED.practice, row)],
      audit: { action: 'edit', target: 'vault', targetId: session.vaultId, detail },
    })
  })
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
        detail: 'Automatic lock and reminders',
      },
    }),
  )
}
