import { z } from 'zod'

export const AUTO_LOCK_MINUTES = { min: 1, max: 60, default: 5 } as const

export const CLOSURE_ATTEMPTS = { min: 1, max: 20, default: 3 } as const

/** How the app behaves for this vault (sealed like records: what the screen trusts is sealed). */
export const vaultSettingsSchema = z.object({
  autoLockMinutes: z
    .number({ error: 'Enter a number of minutes.' })
    .int('Enter a whole number of minutes.')
    .min(AUTO_LOCK_MINUTES.min, `Choose at least ${AUTO_LOCK_MINUTES.min} minute.`)
    .max(AUTO_LOCK_MINUTES.max, `Choose at most ${AUTO_LOCK_MINUTES.max} minutes.`),
  /** After this many outreach attempts without a reply, Today asks to decide on closure. */
  closureAttempts: z
    .number({ error: 'Enter a number of attempts.' })
    .int('Enter a whole number of attempts.')
    .min(CLOSURE_ATTEMPTS.min, `Choose at least ${CLOSURE_ATTEMPTS.min} attempt.`)
    .max(CLOSURE_ATTEMPTS.max, `Choose at most ${CLOSURE_ATTEMPTS.max} attempts.`),
})
export type VaultSettings = z.infer<typeof vaultSettingsSchema>
export const VAULT_SETTINGS_SCHEMA_VERSION = 2

export const DEFAULT_SETTINGS: VaultSettings = {
  autoLockMinutes: AUTO_LOCK_MINUTES.default,
  closureAttempts: CLOSURE_ATTEMPTS.default,
}

/** Settings of version 1 (before the closure rule). */
export function migrateVaultSettingsV1(value: unknown): unknown {
  return value && typeof value === 'object'
    ? { closureAttempts: CLOSURE_ATTEMPTS.default, ...value }
    : value
}

/** Seconds before the lock at which the countdown warning appears. */
export function warningSeconds(autoLockMinutes: number): number {
  return autoLockMinutes <= 1 ? 20 : 30
}
