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

describe('a moment written out', () => {
  /** Moments over three years at random minutes, and around this zone's clock changes. */
  function moments(): { utc: string }[] {
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const from = Date.UTC(2025, 0, 1)
    const out: { utc: string }[] = []
    for (let i = 0; i < 3000; i++) {
      const at = from + Math.floor(random() * 3 * 365 * 24 * 60) * 60_000
      out.push({ utc: new Date(at).toISOString() })
    }
    // Every quarter of an hour around the changes of 2026 in New York, Europe and Lord Howe.
    for (const change of [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 3, 5)])
      for (let q = -12; q <= 12; q++)
        out.push({ utc: new Date(change + q * 15 * 60_000).toISOString() })
    return out
  }

  it.each(['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'])(
    'reads exactly as the locale writes it, the first time and every time after (%s)',
    async (timeZone) => {
      const { formatMoment } = await formatIn(timeZone)
      const intl = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
      const all = moments()
      const expected = all.map((moment) => intl.format(new Date(moment.utc)))
      expect(all.map(formatMoment)).toEqual(expected)
      expect(all.map(formatMoment)).toEqual(expected)
      expect(new Set(expected).size).toBeGreaterThan(2900)
    },
  )

  it("reads as the locale writes it where the zone's offset then had seconds (Monrovia, 1971)", async () => {
    // Liberia kept -0:44:30 until 1972: a moment's minute and day there are not whole minutes of UTC.
    const { formatMoment, formatMomentDay } = await formatIn('Africa/Monrovia')
    const intl = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
    const list = ['00:00:00', '00:00:45', '00:44:10', '00:44:40', '12:00:00', '23:59:50'].flatMap(
      (time) => ['1971-05-31', '1971-06-01'].map((date) => ({ utc: `${date}T${time}.000Z` })),
    )
    for (let round = 0; round < 2; round++) {
      expect(list.map(formatMoment)).toEqual(list.map((m) => intl.format(new Date(m.utc))))
      expect(list.map(formatMomentDay)).toEqual(list.map((m) => day.format(new Date(m.utc))))
    }
  })

  it("keeps to the formatters' zone once the computer's zone changed", async () => {
    const { formatMoment, formatMomentDay } = await formatIn('UTC')
    // Made in the zone the page started in, as the module's own formatters were.
    const intl = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
    const all = moments()
    const expected = all.map((moment) => intl.format(new Date(moment.utc)))
    expect(all.slice(0, 500).map(formatMoment)).toEqual(expected.slice(0, 500))
    process.env['TZ'] = 'Asia/Tokyo'
    // The Date follows the new zone; the formatters made before do not.
    expect(new Date('2026-03-05T20:00:00.000Z').getHours()).toBe(5)
    const unseen = { utc: '2031-06-01T20:30:00.000Z' }
    expect(formatMoment(unseen)).toBe(intl.format(new Date(unseen.utc)))
    expect(all.map(formatMoment)).toEqual(expected)
    expect(all.map(formatMomentDay)).toEqual(all.map((m) => day.format(new Date(m.utc))))
  })

  it('is formatted whole where the locale does not write the day then the time', async () => {
    // A locale of its own: the time first, then the day.
    const Real = Intl.DateTimeFormat
    class TimeFirst extends Real {
      readonly both: boolean
      constructor(locale?: string, options?: Intl.DateTimeFormatOptions) {
        super(locale, options)
        this.both = options?.dateStyle !== undefined && options.timeStyle !== undefined
      }
      override format(date?: Date | number): string {
        if (!this.both) return super.format(date)
        const d = date === undefined ? new Date() : new Date(date)
        const day = new Real(undefined, { dateStyle: 'medium' }).format(d)
        const time = new Real(undefined, { timeStyle: 'short' }).format(d)
        return `${time} on ${day}`
      }
    }
    const { vi } = await import('vitest')
    vi.stubGlobal('Intl', { ...Intl, DateTimeFormat: TimeFirst })
    try {
      const { formatMoment } = await formatIn('UTC')
      const noon = { utc: '2026-03-05T12:00:00.000Z' }
      const expected = new TimeFirst(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(noon.utc),
      )
      expect(formatMoment(noon)).toBe(expected)
      expect(formatMoment(noon)).toBe(expected)
      expect(formatMoment({ utc: '2026-03-06T12:00:00.000Z' })).toMatch(/ on /)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('says nothing for a missing or invalid moment, and a calendar date reads as written', async () => {
    const { formatMoment, formatDay } = await formatIn('Asia/Tokyo')
    expect(formatMoment(null)).toBe('')
    expect(formatMoment({ utc: 'not a date' })).toBe('')
    const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
    expect(formatDay('2026-03-04')).toBe(utcDay.format(new Date('2026-03-04T00:00:00Z')))
    expect(formatDay('2026-03-04')).toBe(utcDay.format(new Date('2026-03-04T00:00:00Z')))
    expect(formatDay('2026-13-45')).toBe('')
    expect(formatDay('')).toBe('')
  })
})
