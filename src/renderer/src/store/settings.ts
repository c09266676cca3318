import {
  DEFAULT_PRACTICE_SETTINGS,
  practiceSettingsSchema,
  type PracticeSettings,
} from '../domain/practice'
import { DEFAULT_SETTINGS, vaultSettingsSchema, type VaultSettings } from '../domain/settings'
import { META, SEALED } from './keys'
import type { RecordStore } from './records'
import type { SealedSingletonRow } from './db'
import { put, withRetry, type VaultSession } from './session'

/**
 * Settings the screens trust (the emergency resources shown at high risk, the auto-lock time) are
 * sealed like records: a value changed outside Mend does not open, and is reported, not used.
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
  legacy: { id: (typeof META)[keyof typeof META]; parse: (value: unknown) => T | null },
  defaults: () => T,
): Promise<SettingsRead<T>> {
  const opened = await store.get(session.dataKey, id)
  if (opened)
    return opened.ok
      ? { value: opened.value, damaged: false }
      : { value: defaults(), damaged: true }
  // Before settings were sealed they were kept in clear; use them until the next save seals them.
  const old = legacy.parse((await session.db.meta.get(legacy.id))?.value)
  return { value: old ?? defaults(), damaged: false }
}

const parseWith =
  <T>(schema: { safeParse: (v: unknown) => { success: boolean; data?: T } }) =>
  (value: unknown): T | null => {
    const parsed = schema.safeParse(value)
    return parsed.success ? (parsed.data as T) : null
  }

export function readPracticeSettings(
  session: VaultSession,
): Promise<SettingsRead<PracticeSettings>> {
  return readSealed(
    session,
    session.practiceSettings,
    SEALED.practice,
    { id: META.practice, parse: parseWith<PracticeSettings>(practiceSettingsSchema) },
    () => structuredClone(DEFAULT_PRACTICE_SETTINGS),
  )
}

export function readVaultSettings(session: VaultSession): Promise<SettingsRead<VaultSettings>> {
  return readSealed(
    session,
    session.vaultSettings,
    SEALED.vaultSettings,
    { id: META.settings, parse: parseWith<VaultSettings>(vaultSettingsSchema) },
    () => ({ ...DEFAULT_SETTINGS }),
  )
}

/** Seals the practice settings (and drops their old clear copy), with an audit entry. */
export async function savePracticeSettings(
  session: VaultSession,
  settings: PracticeSettings,
): Promise<void> {
  await withRetry(() =>
    session.commit({
      changes: [put(session.practiceSettings, SEALED.practice, settings)],
      clearMeta: [META.practice],
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
      clearMeta: [META.settings],
      audit: {
        action: 'edit',
        target: 'vault',
        targetId: session.vaultId,
        detail: 'Automatic lock',
      },
    }),
  )
}
