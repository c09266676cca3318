import {
  defaultPracticeSettings,
  migratePracticeSettingsV1,
  practiceSettingsSchema,
  type PracticeSettings,
} from '../domain/practice'
import { DEFAULT_SETTINGS, vaultSettingsSchema, type VaultSettings } from '../domain/settings'
import { hostLocale } from './codecs'
import { META, SEALED } from './keys'
import type { RecordStore } from './records'
import type { SealedSingletonRow } from './db'
import { put, unchanged, withRetry, type VaultSession } from './session'

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
    {
      id: META.practice,
      // The clear copy predates the profile, paper size and templates: it has version 1's shape.
      parse: (value) =>
        parseWith<PracticeSettings>(practiceSettingsSchema)(
          migratePracticeSettingsV1(value, hostLocale()),
        ),
    },
    () => defaultPracticeSettings(hostLocale()),
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
      clearMeta: [META.practice],
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
