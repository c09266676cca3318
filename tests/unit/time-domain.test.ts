import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  compareIso,
  calendarDateSchema,
  fromLocalInput,
  localDate,
  stamp,
  timestampSchema,
  toLocalInput,
  type Timestamp,
} from '../../src/renderer/src/domain/time'

const at = (utc: string, offsetMinutes = 0): Timestamp => ({ utc, offsetMinutes })

// ---------------------------------------------------------------- time

describe('time', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('stamps the UTC instant and the local offset', () => {
    vi.stubEnv('TZ', 'America/New_York')
    const date = new Date(Date.UTC(2026, 10, 27, 14, 5, 30, 250))
    expect(stamp(date)).toEqual({ utc: '2026-11-27T14:05:30.250Z', offsetMinutes: -300 })
    vi.stubEnv('TZ', 'Asia/Kolkata')
    expect(stamp(date)).toEqual({ utc: '2026-11-27T14:05:30.250Z', offsetMinutes: 330 })
    expect(timestampSchema.safeParse(stamp(date)).success).toBe(true)
  })

  it('stamps now by default', () => {
    const before = Date.now()
    const now = stamp()
    const after = Date.now()
    expect(Date.parse(now.utc)).toBeGreaterThanOrEqual(before)
    expect(Date.parse(now.utc)).toBeLessThanOrEqual(after)
    expect(timestampSchema.safeParse(now).success).toBe(true)
  })

  it.each([
    ['America/New_York', '2026-11-27T14:05', '2026-11-27T19:05:00.000Z', -300],
    ['America/New_York', '2026-07-01T09:30', '2026-07-01T13:30:00.000Z', -240],
    ['America/New_York', '2026-11-27T14:05:30', '2026-11-27T19:05:30.000Z', -300],
    ['Asia/Kolkata', '2026-11-27T14:05', '2026-11-27T08:35:00.000Z', 330],
    ['Pacific/Kiritimati', '2026-07-01T09:30', '2026-06-30T19:30:00.000Z', 840],
    ['Europe/Berlin', '2028-02-29T23:59', '2028-02-29T22:59:00.000Z', 60],
  ])('in %s, %s local is %s', (zone, input, utc, offsetMinutes) => {
    vi.stubEnv('TZ', zone)
    expect(fromLocalInput(input)).toEqual({ utc, offsetMinutes })
  })

  it.each([
    ['America/New_York', '2026-11-27T14:05'],
    ['America/New_York', '2026-07-01T00:00'],
    ['Asia/Kolkata', '2026-01-01T00:00'],
    ['Pacific/Kiritimati', '2026-12-31T23:59'],
    ['Europe/Berlin', '2028-02-29T12:00'],
  ])('in %s, %s survives a round trip', (zone, input) => {
    vi.stubEnv('TZ', zone)
    expect(toLocalInput(fromLocalInput(input))).toBe(input)
  })

  it('drops seconds on the way back, as the input shows none', () => {
    vi.stubEnv('TZ', 'Europe/Berlin')
    expect(toLocalInput(fromLocalInput('2026-11-27T14:05:59'))).toBe('2026-11-27T14:05')
  })

  it('shows a stored time in the current zone, not the zone it was written in', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata')
    expect(toLocalInput(at('2026-11-27T19:05:00.000Z', -300))).toBe('2026-11-28T00:35')
    vi.stubEnv('TZ', 'America/New_York')
    expect(toLocalInput(at('2026-11-27T19:05:00.000Z', 330))).toBe('2026-11-27T14:05')
  })

  it.each([
    '',
    'not a date',
    '2026-11-27',
    '14:05',
    '2026-11-27 14:05',
    ' 2026-11-27T14:05',
    '2026-11-27T14:05 ',
    '2026-11-27T14:05Z',
    '2026-11-27T14:05+01:00',
    '2026-11-27T14:05:30.500',
    '27/11/2026T14:05',
    '2026-11-27T14:5',
    '26-11-27T14:05',
    '2026-13-01T10:00',
    '2026-00-10T10:00',
    '2026-11-32T10:00',
    '2026-11-27T25:00',
    '2026-11-27T14:60',
    // Dates the calendar does not have are refused, not rolled over into the next month.
    '2026-02-30T10:00',
    '2026-11-31T10:00',
    '2026-11-27T24:00',
    '2025-02-29T10:00',
  ])('refuses %j', (input) => {
    expect(fromLocalInput(input)).toBeNull()
  })

  it.each<[string, Timestamp | null | undefined]>([
    ['null', null],
    ['undefined', undefined],
    ['an unreadable time', at('sometime')],
  ])('shows %s as empty', (_what, value) => {
    expect(toLocalInput(value)).toBe('')
  })

  it.each([
    ['America/New_York', '2026-01-05T03:00:00Z', '2026-01-04'],
    ['America/New_York', '2026-07-01T12:00:00Z', '2026-07-01'],
    ['Pacific/Kiritimati', '2026-07-01T12:00:00Z', '2026-07-02'],
    ['Asia/Kolkata', '2026-12-31T18:29:00Z', '2026-12-31'],
    ['Asia/Kolkata', '2026-12-31T18:30:00Z', '2027-01-01'],
  ])('in %s, %s falls on %s locally', (zone, instant, date) => {
    vi.stubEnv('TZ', zone)
    expect(localDate(new Date(instant))).toBe(date)
  })

  it('gives today as a valid calendar date by default', () => {
    const today = localDate()
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(calendarDateSchema.safeParse(today).success).toBe(true)
  })
})

describe('compareIso', () => {
  it('orders dates and moments of one format as time runs, both ways', () => {
    const moments = [
      '2026-11-20T14:05:00.000Z',
      '2025-01-02T00:00:00.000Z',
      '2026-11-20T09:59:59.999Z',
      '2026-02-28T23:00:00.000Z',
    ]
    const byTime = [...moments].sort((a, b) => Date.parse(a) - Date.parse(b))
    expect([...moments].sort(compareIso)).toEqual(byTime)
    expect([...moments].sort((a, b) => compareIso(b, a))).toEqual([...byTime].reverse())
    expect(['2026-11-03', '2026-10-31', '', '2026-11-02'].sort(compareIso)).toEqual([
      '',
      '2026-10-31',
      '2026-11-02',
      '2026-11-03',
    ])
    expect(compareIso('2026-11-03', '2026-11-03')).toBe(0)
  })
})
