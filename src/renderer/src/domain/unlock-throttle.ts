/** Failed unlock attempts allowed before a delay starts. */
export const FREE_ATTEMPTS = 3
const MAX_DELAY_MS = 5 * 60 * 1000

export interface UnlockThrottle {
  failures: number
  /** Epoch milliseconds before which no attempt is accepted. */
  notBefore: number
}

export const NO_THROTTLE: UnlockThrottle = { failures: 0, notBefore: 0 }

/** The delay after the n-th consecutive failure: none for the first three, then 5 s doubling to 5 min. */
export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0
  return Math.min(MAX_DELAY_MS, 5000 * 2 ** (failures - FREE_ATTEMPTS - 1))
}

export function recordFailure(state: UnlockThrottle, now: number): UnlockThrottle {
  const failures = state.failures + 1
  return { failures, notBefore: now + delayAfterFailures(failures) }
}

/** Milliseconds to wait before the next attempt (0 = go ahead). */
export function waitBeforeAttempt(state: UnlockThrottle, now: number): number {
  return Math.max(0, state.notBefore - now)
}
