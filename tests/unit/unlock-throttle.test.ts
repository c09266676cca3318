import { describe, expect, it } from 'vitest'
import * as domain from '../../src/renderer/src/domain/unlock-throttle'
import {
  delayAfterFailures,
  FAILURES_AT_MAX_DELAY,
  MAX_DELAY_MS,
  NO_THROTTLE,
  restoreThrottle,
  waitBeforeAttempt,
} from '../../src/shared/unlock-throttle'

describe('shared throttle policy', () => {
  it('knows the failure count that earns the longest delay', () => {
    expect(delayAfterFailures(FAILURES_AT_MAX_DELAY)).toBe(MAX_DELAY_MS)
    expect(delayAfterFailures(FAILURES_AT_MAX_DELAY - 1)).toBeLessThan(MAX_DELAY_MS)
  })
  it('never asks to wait longer than the longest delay (a clock set back)', () => {
    expect(waitBeforeAttempt({ failures: 4, notBefore: 10 ** 13 }, 0)).toBe(MAX_DELAY_MS)
  })
  it('starts clean when nothing is stored', () => {
    expect(restoreThrottle(null, 5)).toEqual(NO_THROTTLE)
  })
  it.each([
    '',
    '{',
    'null',
    '[]',
    '"x"',
    '{"failures":-1,"notBefore":0}',
    '{"failures":1.5,"notBefore":0}',
    '{"failures":"9","notBefore":0}',
    '{"failures":2}',
    '{"failures":2,"notBefore":-5}',
  ])('counts a damaged state %j as the longest delay', (text) => {
    expect(restoreThrottle(text, 1000)).toEqual({
      failures: FAILURES_AT_MAX_DELAY,
      notBefore: 1000 + MAX_DELAY_MS,
    })
  })
  it('restores a well-formed state as it was', () => {
    expect(restoreThrottle('{"failures":5,"notBefore":123}', 0)).toEqual({
      failures: 5,
      notBefore: 123,
    })
  })
})

describe('the renderer’s domain module', () => {
  it('is the shared policy, re-exported (one policy, not a copy)', () => {
    expect(domain.delayAfterFailures).toBe(delayAfterFailures)
    expect(domain.waitBeforeAttempt).toBe(waitBeforeAttempt)
  })
})
