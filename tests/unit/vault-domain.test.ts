import { describe, expect, it } from 'vitest'
import { passphraseProblem } from '../../src/renderer/src/features/vault/strength'
import {
  migrateVaultSettingsV1,
  vaultSettingsSchema,
  warningSeconds,
} from '../../src/renderer/src/domain/settings'
import {
  delayAfterFailures,
  NO_THROTTLE,
  recordFailure,
  waitBeforeAttempt,
} from '../../src/renderer/src/domain/unlock-throttle'

describe('unlock throttle', () => {
  it.each([
    [1, 0],
    [3, 0],
    [4, 5000],
    [5, 10_000],
    [6, 20_000],
    [20, 300_000],
  ])('after %i failures waits %i ms', (failures, delay) =>
    expect(delayAfterFailures(failures)).toBe(delay),
  )

  it('counts failures and lets the next attempt through only after the delay', () => {
    let state = NO_THROTTLE
    for (let i = 0; i < 4; i++) state = recordFailure(state, 1000)
    expect(state.failures).toBe(4)
    expect(waitBeforeAttempt(state, 1000)).toBe(5000)
    expect(waitBeforeAttempt(state, 6000)).toBe(0)
  })
})

describe('auto-lock setting', () => {
  it.each([1, 5, 60])('accepts %i minutes', (minutes) =>
    expect(
      vaultSettingsSchema.safeParse({ autoLockMinutes: minutes, closureAttempts: 3 }).success,
    ).toBe(true),
  )
  it.each([
    [0, 'at least 1 minute'],
    [61, 'at most 60 minutes'],
    [2.5, 'whole number'],
    [Number.NaN, 'number of minutes'],
  ])('refuses %s with words', (minutes, words) => {
    const result = vaultSettingsSchema.safeParse({ autoLockMinutes: minutes, closureAttempts: 3 })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain(words)
  })
})

describe('closure rule setting', () => {
  it.each([1, 3, 20])('accepts %i attempts', (attempts) =>
    expect(
      vaultSettingsSchema.safeParse({ autoLockMinutes: 5, closureAttempts: attempts }).success,
    ).toBe(true),
  )
  it.each([
    [0, 'at least 1 attempt'],
    [21, 'at most 20 attempts'],
    [2.5, 'whole number'],
  ])('refuses %s with words', (attempts, words) => {
    const result = vaultSettingsSchema.safeParse({ autoLockMinutes: 5, closureAttempts: attempts })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain(words)
  })
  it('settings saved before the rule existed get the default of 3', () => {
    expect(vaultSettingsSchema.parse(migrateVaultSettingsV1({ autoLockMinutes: 7 }))).toEqual({
      autoLockMinutes: 7,
      closureAttempts: 3,
    })
  })
})

describe('auto-lock warning', () => {
  it('warns 20 to 30 seconds before locking', () => {
    expect(warningSeconds(1)).toBe(20)
    expect(warningSeconds(5)).toBe(30)
  })
})

describe('passphrase policy', () => {
  it.each(['quiet harbour lantern 47 violet', 'Tr0ub4dor & 3 ropes on a ship'])(
    'accepts %s',
    async (passphrase) => {
      expect(await passphraseProblem(passphrase)).toBeNull()
    },
  )
  it.each([
    ['short', /at least 12 characters/],
    ['password1234', /too easy to guess/],
    ['therapy2026!', /too easy to guess/],
    ['aaaaaaaaaaaaaaaa', /too easy to guess/],
    ['qwertyuiopasdf', /too easy to guess/],
  ])('refuses %s in words', async (passphrase, words) => {
    expect(await passphraseProblem(passphrase)).toMatch(words)
  })
})
