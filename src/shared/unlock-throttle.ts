/**
 * The unlock throttle's pure policy, shared by the main process (which keeps the state on desktop)
 * and the browser adapter (web preview). No Electron, Node or DOM imports.
 */

/** Failed unlock attempts allowed before a delay starts. */
export const FREE_ATTEMPTS = 3
/** The longest delay between attempts. */
export const MAX_DELAY_MS = 5 * 60 * 1000

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

/** The fewest failures that earn the longest delay. */
export const FAILURES_AT_MAX_DELAY = (() => {
  let failures = FREE_ATTEMPTS + 1
  while (delayAfterFailures(failures) < MAX_DELAY_MS) failures++
  return failures
})()

export function recordFailure(state: UnlockThrottle, now: number): UnlockThrottle {
  const failures = state.failures + 1
  return { failures, notBefore: now + delayAfterFailures(failures) }
}

/**
 * Milliseconds to wait before the next attempt (0 = go ahead). Never more than the longest delay,
 * so a clock set back (or a stored time far in the future) cannot lock the practitioner out.
 */
export function waitBeforeAttempt(state: UnlockThrottle, now: number): number {
  return Math.min(MAX_DELAY_MS, Math.max(0, state.notBefore - now))
}

/** The state to assume when the stored one is damaged: the longest delay, starting now. */
export function maximumThrottle(now: number): UnlockThrottle {
  return { failures: FAILURES_AT_MAX_DELAY, notBefore: now + MAX_DELAY_MS }
}

const MAX_STORED_FAILURES = 1_000_000

/**
 * Reads the stored throttle state (the text of its file or storage entry). Nothing stored (null) is
 * a clean start; anything stored that is not a well-formed state counts as the maximum-known state,
 * never as zero, so damaging the file does not reset the delay.
 */
export function restoreThrottle(stored: string | null, now: number): UnlockThrottle {
  if (stored === null) return { ...NO_THROTTLE }
  let value: unknown
  try {
    value = JSON.parse(stored)
  } catch {
    return maximumThrottle(now)
  }
  if (typeof value !== 'object' || value === null) return maximumThrottle(now)
  const { failures, notBefore } = value as Record<string, unknown>
  if (
    typeof failures !== 'number' ||
    !Number.isInteger(failures) ||
    failures < 0 ||
    failures > MAX_STORED_FAILURES ||
    typeof notBefore !== 'number' ||
    !Number.isFinite(notBefore) ||
    notBefore < 0
  )
    return maximumThrottle(now)
  return { failures, notBefore }
}
