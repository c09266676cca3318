import { afterEach, describe, expect, it } from 'vitest'

/**
 * Dates shown for moments are this computer's calendar dates. The time zone is set before the
 * formatters are made (they take the zone when they are created), so each case imports afresh.
 */
const zone = process.env['TZ']
afterEach(() => {
  if (zone === undefined) delete process.env['TZ']
  else process.env['TZ'] = zone
})

async function formatIn(timeZone: string) {
  process.env['TZ'] = timeZone
  const { vi } = await import('vitest')
  vi.resetModules()
  return import('../../src/renderer/src/domain/format')
}

describe('the day of a moment', () => {
  it('is the local calendar date, not the UTC one', async () => {
    // 19:30 on 4 March in New York is already 5 March in UTC.
    const newYork = await formatIn('America/New_York')
    const moment = { utc: '2026-03-05T00:30:00.000Z' }
    expect(newYork.formatMomentDay(moment)).toBe(newYork.formatDay('2026-03-04'))
    const tokyo = await formatIn('Asia/Tokyo')
    expect(tokyo.formatMomentDay(moment)).toBe(tokyo.formatDay('2026-03-05'))
  })

  it('says nothing for a missing or invalid moment', async () => {
    const { formatMomentDay } = await formatIn('UTC')
    expect(formatMomentDay(null)).toBe('')
    expect(formatMomentDay({ utc: 'not a date' })).toBe('')
  })
})
