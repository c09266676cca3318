import { z } from 'zod'

export const AUTO_LOCK_MINUTES = { min: 1, max: 60, default: 5 } as const

/** Practice settings that are not client data (kept in clear, read before unlock). */
export const vaultSettingsSchema = z.object({
  autoLockMinutes: z
    .number({ error: 'Enter a number of minutes.' })
    .int('Enter a whole number of minutes.')
    .min(AUTO_LOCK_MINUTES.min, `Choose at least ${AUTO_LOCK_MINUTES.min} minute.`)
    .max(AUTO_LOCK_MINUTES.max, `Choose at most ${AUTO_LOCK_MINUTES.max} minutes.`),
})
export type VaultSettings = z.infer<typeof vaultSettingsSchema>

export const DEFAULT_SETTINGS: VaultSettings = { autoLockMinutes: AUTO_LOCK_MINUTES.default }

/** Seconds before the lock at which the countdown warning appears. */
export function warningSeconds(autoLockMinutes: number): number {
  return autoLockMinutes <= 1 ? 20 : 30
}
