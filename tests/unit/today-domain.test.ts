// Calendar rules are checked in a zone with daylight saving: set before any date is made.
process.env['TZ'] = 'America/New_York'

import { describe, expect, it } from 'vitest'
import type { IncidentSummary } from '../../src/renderer/src/domain/incident'
import {
  addDays,
  daysBetween,
  relativeDay,
  todayItems,
  type TodayKind,
} from '../../src/renderer/src/domain/today'

/** A local moment in New York. */
const local = (y: number, m: number, d: number, h = 9, min = 0) => new Date(y, m - 1, d, h, min)
const ts = (date: Date) => ({ utc: date.toISOString(), offsetMinutes: -date.getTimezoneOffset() })

const NOW = local(2026, 11, 27, 9)

function summary(overrides: Partial<IncidentSummary> = {}): IncidentSummary {
  const walkout = ts(local(2026, 11, 26, 14))
  return {
    clientId: 'c1',
    status: 'open',
    walkoutAt: walkout,
    createdAt: walkout,
    nextDue: '',
    riskLevel: 'low',
    safetyActionRecorded: false,
    nextSessionDate: '',
    discussStatus: null,
    attempts: 1,
    nextAttemptDue: '',
    lastAttemptAt: walkout,
    attemptsWithoutReply: 0,
    completed: [],
    signedAt: null,
    voided: false,
    ruptureType: null,
    minutesIntoSession: null,
    ending: 'not-recorded',
    contributionNoted: false,
    ...overrides,
  }
}

const kindsOf = (s: Partial<IncidentSummary>, now = NOW, closureAttempts = 3): TodayKind[] =>
  todayItems([{ id: 'i1', summary: summary(s) }], now, { closureAttempts }).map((i) => i.kind)

describe('Today: high risk', () => {
  it('flags an open walkout at high or imminent risk, and says when no action is recorded', () => {
    expect(kindsOf({ riskLevel: 'high' })).toContain('high-risk-no-action')
    expect(kindsOf({ riskLevel: 'imminent', safetyActionRecorded: true })).toContain('high-risk')
    expect(kindsOf({ riskLevel: 'imminent', safetyActionRecorded: true })).not.toContain(
      'high-risk-no-action',
    )
  })
  it.each(['none', 'low', 'moderate', null] as const)('does not flag %s risk', (riskLevel) => {
    expect(kindsOf({ riskLevel })).not.toContain('high-risk')
    expect(kindsOf({ riskLevel })).not.toContain('high-risk-no-action')
  })
  it('does not flag a resolved or a voided walkout', () => {
    expect(kindsOf({ riskLevel: 'high', status: 'resolved', signedAt: ts(NOW) })).toEqual([])
    expect(kindsOf({ riskLevel: 'high', voided: true })).toEqual([])
  })
})

describe('Today: outreach', () => {
  it.each([
    ['2026-11-26', 'outreach-overdue', -1],
    ['2026-11-27', 'outreach-today', 0],
    ['2026-11-28', 'outreach-soon', 1],
    ['2026-12-04', 'outreach-soon', 7],
  ] as const)('a next attempt due %s is %s', (day, kind, days) => {
    const [item] = todayItems([{ id: 'i1', summary: summary({ nextAttemptDue: day }) }], NOW)
    expect(item).toMatchObject({ kind, day, days })
  })
  it('one due eight days ahead is not this week', () => {
    expect(kindsOf({ nextAttemptDue: '2026-12-05' })).toEqual(['open'])
  })
  it('at midnight the day turns: due "today" at 23:59 is overdue at 00:00', () => {
    const due = { nextAttemptDue: '2026-11-27' }
    expect(kindsOf(due, local(2026, 11, 27, 23, 59))).toContain('outreach-today')
    expect(kindsOf(due, local(2026, 11, 28, 0, 0))).toContain('outreach-overdue')
  })
  it('no attempt 24 hours after the walkout: flagged at 24 h, not at 23 h 59', () => {
    const walkoutAt = ts(local(2026, 11, 26, 9, 0))
    const none = { attempts: 0, walkoutAt, createdAt: walkoutAt, lastAttemptAt: null }
    expect(kindsOf(none, local(2026, 11, 27, 8, 59))).not.toContain('no-outreach-yet')
    expect(kindsOf(none, local(2026, 11, 27, 9, 0))).toContain('no-outreach-yet')
    expect(kindsOf({ ...none, attempts: 1 }, local(2026, 11, 28, 9))).not.toContain(
      'no-outreach-yet',
    )
  })
  it('the 24 hours are real hours across the daylight-saving change (23 hours of clock time in March)', () => {
    // Spring forward in New York: 2026-03-08 02:00 -> 03:00.
    const walkoutAt = ts(local(2026, 3, 7, 12, 0))
    const none = { attempts: 0, walkoutAt, createdAt: walkoutAt, lastAttemptAt: null }
    expect(kindsOf(none, local(2026, 3, 8, 12, 0))).not.toContain('no-outreach-yet')
    expect(kindsOf(none, local(2026, 3, 8, 13, 0))).toContain('no-outreach-yet')
  })
  it('after N attempts without a reply, a prompt to decide on closure (N from Settings)', () => {
    expect(kindsOf({ attemptsWithoutReply: 2 })).not.toContain('closure')
    expect(kindsOf({ attemptsWithoutReply: 3 })).toContain('closure')
    expect(kindsOf({ attemptsWithoutReply: 3 }, NOW, 5)).not.toContain('closure')
  })
})

describe('Today: sessions', () => {
  it('a next session in 4 days is this week; in 8 days is not', () => {
    expect(
      todayItems(
        [
          {
            id: 'i1',
            summary: summary({ nextSessionDate: '2026-12-01', discussStatus: 'planned' }),
          },
        ],
        NOW,
      )[0],
    ).toMatchObject({ kind: 'session-soon', days: 4 })
    expect(kindsOf({ nextSessionDate: '2026-12-05', discussStatus: 'planned' })).toEqual(['open'])
  })
  it('a session held whose conversation is not recorded is flagged; once discussed it is not', () => {
    expect(kindsOf({ nextSessionDate: '2026-11-26', discussStatus: 'planned' })).toContain(
      'session-unrecorded',
    )
    expect(kindsOf({ nextSessionDate: '2026-11-26', discussStatus: 'discussed' })).not.toContain(
      'session-unrecorded',
    )
  })
  it('a week ahead across the autumn daylight-saving change is still seven calendar days', () => {
    // Fall back in New York: 2026-11-01 02:00 -> 01:00.
    const now = local(2026, 10, 29, 23, 30)
    expect(kindsOf({ nextSessionDate: '2026-11-05', discussStatus: 'planned' }, now)).toContain(
      'session-soon',
    )
    expect(kindsOf({ nextSessionDate: '2026-11-06', discussStatus: 'planned' }, now)).not.toContain(
      'session-soon',
    )
  })
})

describe('Today: the record itself', () => {
  it('a walkout moved to follow-up stays on Today', () => {
    expect(kindsOf({ status: 'in-follow-up' })).toEqual(['in-follow-up'])
  })
  it('an unsigned record older than 3 days is a reminder, resolved or not; a signed one is not', () => {
    const old = ts(local(2026, 11, 23, 8, 0))
    expect(kindsOf({ createdAt: old, status: 'resolved' })).toEqual(['unsigned'])
    expect(kindsOf({ createdAt: old, signedAt: ts(NOW) })).not.toContain('unsigned')
    expect(kindsOf({ createdAt: ts(local(2026, 11, 25, 9, 0)) })).not.toContain('unsigned')
  })
  it('orders the most urgent first: high risk, overdue, then the rest by day', () => {
    const items = todayItems(
      [
        { id: 'a', summary: summary({ status: 'in-follow-up' }) },
        { id: 'b', summary: summary({ nextAttemptDue: '2026-11-29' }) },
        { id: 'c', summary: summary({ nextAttemptDue: '2026-11-20' }) },
        { id: 'd', summary: summary({ riskLevel: 'imminent' }) },
        { id: 'e', summary: summary({ nextAttemptDue: '2026-11-25' }) },
      ],
      NOW,
    )
    expect(items.map((i) => `${i.incidentId}:${i.kind}`)).toEqual([
      'd:high-risk-no-action',
      'c:outreach-overdue',
      'e:outreach-overdue',
      'b:outreach-soon',
      'a:in-follow-up',
      'b:open',
      'c:open',
      'd:open',
      'e:open',
    ])
  })
})

describe('calendar helpers', () => {
  it('adds days by the calendar across daylight-saving changes and month ends', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08')
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09')
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01')
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })
  it('counts days between calendar dates', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2)
    expect(daysBetween('2026-11-27', '2026-11-20')).toBe(-7)
  })
  it('says days in words', () => {
    expect([-3, -1, 0, 1, 4].map(relativeDay)).toEqual([
      '3 days overdue',
      '1 day overdue',
      'today',
      'tomorrow',
      'in 4 days',
    ])
  })
})

describe('in another time zone', () => {
  it('the same instant is "today" or "tomorrow" depending on the zone the therapist is in', () => {
    // 2026-11-28 03:00 UTC is still the 27th in New York.
    const instant = new Date(Date.UTC(2026, 10, 28, 3, 0))
    expect(kindsOf({ nextAttemptDue: '2026-11-27' }, instant)).toContain('outreach-today')
  })
})
