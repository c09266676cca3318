// The figures follow the therapist's clock at the time (the recorded offset), not the machine's
// zone: run in a zone far from the offsets used below to prove it.
process.env['TZ'] = 'Pacific/Auckland'

import { describe, expect, it } from 'vitest'
import {
  emptyStep,
  incidentSummarySchema,
  newIncident,
  summarizeIncident,
  walkoutEnding,
  withStep,
  type Incident,
  type IncidentSummary,
  type OutreachAttempt,
} from '../../src/renderer/src/domain/incident'
import {
  CLUSTER_RULE,
  describeCluster,
  endingFigures,
  excerpt,
  findCluster,
  localParts,
  medianMinutes,
  minuteBucketOf,
  minuteFigures,
  monthFigures,
  overview,
  partOfDayFigures,
  ruptureFigures,
  shiftDay,
  timeline,
  walkoutsForPatterns,
  weekdayFigures,
  type Figure,
  type PatternWalkout,
} from '../../src/renderer/src/domain/patterns'
import type { Timestamp } from '../../src/renderer/src/domain/time'

const TODAY = '2026-11-27'
/** A walkout at 14:00 on the therapist's clock (UTC+1) on `day`. */
const on = (day: string, hour = 14, offsetMinutes = 60): Timestamp => ({
  utc: new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hour) -
      offsetMinutes * 60_000,
  ).toISOString(),
  offsetMinutes,
})

let counter = 0
function walkout(overrides: Partial<PatternWalkout> & { day?: string } = {}): PatternWalkout {
  const { day = TODAY, ...rest } = overrides
  counter += 1
  return {
    id: `w-${counter}`,
    clientId: 'c1',
    walkoutAt: on(day),
    ruptureType: null,
    minutesIntoSession: null,
    ending: 'not-recorded',
    contributionNoted: false,
    ...rest,
  }
}

const counts = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.key, f.count]))

describe('how a walkout ended', () => {
  const at = (utc: string): Timestamp => ({ utc, offsetMinutes: 0 })
  const NOW = at('2026-11-20T14:00:00.000Z')
  const attempt = (
    outcome: OutreachAttempt['outcome'],
    utc: string,
    id = utc,
  ): OutreachAttempt => ({
    id,
    at: at(utc),
    channel: 'phone-call',
    unconsentedReason: '',
    summary: '',
    outcome,
    nextDue: '',
  })
  const base = newIncident('c1', NOW)
  const withSteps = (steps: Partial<Incident['steps']>): Incident => ({
    ...base,
    steps: { ...base.steps, ...steps },
  })
  const wait = (outcome: 'returned' | 'contact-later' | 'no-contact') => ({
    ...emptyStep('wait', NOW),
    outcome,
  })
  const outreach = (...attempts: OutreachAttempt[]) => ({ attempts })

  it('is "not recorded yet" on a new record', () => {
    expect(walkoutEnding(base)).toBe('not-recorded')
  })

  it.each<[string, Partial<Incident['steps']>, string]>([
    ['the client came back during the session', { wait: wait('returned') }, 'returned'],
    ['contact was made later', { wait: wait('contact-later') }, 'reached'],
    [
      'an outreach attempt got a reply',
      {
        outreach: outreach(
          attempt('voicemail', '2026-11-20T15:00:00Z'),
          attempt('replied', '2026-11-21T10:00:00Z'),
        ),
      },
      'reached',
    ],
    [
      'the latest attempt was declined',
      {
        outreach: outreach(
          attempt('declined', '2026-11-22T10:00:00Z'),
          attempt('voicemail', '2026-11-21T10:00:00Z'),
        ),
      },
      'declined',
    ],
    ['no contact after waiting', { wait: wait('no-contact') }, 'no-contact'],
    [
      'attempts without a reply',
      { outreach: outreach(attempt('no-answer', '2026-11-21T10:00:00Z')) },
      'no-contact',
    ],
    [
      'the walkout was discussed in a later session (over any outcome of waiting)',
      { wait: wait('no-contact'), discuss: { ...emptyStep('discuss', NOW), status: 'discussed' } },
      'talked-through',
    ],
    [
      'a referral was made (over a later conversation)',
      {
        discuss: { ...emptyStep('discuss', NOW), status: 'discussed' },
        fit: { ...emptyStep('fit', NOW), referral: 'made', referralTo: 'A colleague' },
      },
      'referred',
    ],
    [
      'the relationship is ending (over everything else)',
      {
        wait: wait('returned'),
        fit: { ...emptyStep('fit', NOW), referral: 'made', relationshipEnding: true },
      },
      'relationship-ended',
    ],
  ])('%s', (_what, steps, ending) => {
    expect(walkoutEnding(withSteps(steps))).toBe(ending)
  })

  it('a referral only considered, or a conversation only planned, does not count as an ending', () => {
    expect(
      walkoutEnding(
        withSteps({
          wait: wait('returned'),
          discuss: emptyStep('discuss', NOW),
          fit: { ...emptyStep('fit', NOW), referral: 'considered' },
        }),
      ),
    ).toBe('returned')
  })
})

describe('the summary keeps what the figures count, and no free text', () => {
  const NOW: Timestamp = { utc: '2026-11-20T14:00:00.000Z', offsetMinutes: 60 }
  let incident = newIncident('c1', NOW)
  incident = withStep(
    incident,
    'safety',
    {
      ...emptyStep('safety', NOW),
      ruptureType: 'confrontation',
      minutesIntoSession: 35,
      beforeNarrative: 'FREE TEXT that must stay in the record',
    },
    false,
  )

  it('rupture type, minutes into the session, the ending; nothing noted of the therapist’s part yet', () => {
    const summary = summarizeIncident(incident)
    expect(summary).toMatchObject({
      ruptureType: 'confrontation',
      minutesIntoSession: 35,
      ending: 'not-recorded',
      contributionNoted: false,
    })
    expect(JSON.stringify(summary)).not.toContain('FREE TEXT')
    expect(incidentSummarySchema.safeParse(summary).success).toBe(true)
  })

  it('says whether "My own contribution" has something in it, never what', () => {
    const reflected = withStep(
      incident,
      'reflect',
      { ...emptyStep('reflect', NOW), myContribution: 'PRIVATE words about my part' },
      false,
    )
    const summary = summarizeIncident(reflected)
    expect(summary.contributionNoted).toBe(true)
    expect(JSON.stringify(summary)).not.toContain('PRIVATE')
    const blank = withStep(
      incident,
      'reflect',
      { ...emptyStep('reflect', NOW), myContribution: '   ', preceded: 'Something else' },
      false,
    )
    expect(summarizeIncident(blank).contributionNoted).toBe(false)
  })

  it('a record with no safety step yet has neither rupture type nor minutes', () => {
    const bare: Incident = { ...newIncident('c1', NOW), steps: {} }
    expect(summarizeIncident(bare)).toMatchObject({ ruptureType: null, minutesIntoSession: null })
  })
})

describe('the walkouts the figures count', () => {
  it('leaves voided records out and keeps the fields the figures need', () => {
    const summary = (voided: boolean): IncidentSummary => ({
      ...summarizeIncident(newIncident('c1', on(TODAY))),
      voided,
    })
    const counted = walkoutsForPatterns([
      { id: 'a', summary: summary(false) },
      { id: 'b', summary: summary(true) },
    ])
    expect(counted.map((w) => w.id)).toEqual(['a'])
    expect(Object.keys(counted[0]!).sort()).toEqual(
      [
        'clientId',
        'contributionNoted',
        'ending',
        'id',
        'minutesIntoSession',
        'ruptureType',
        'walkoutAt',
      ].sort(),
    )
  })
})

describe('the figures', () => {
  it('with no walkout: zeros everywhere, no "not recorded" row, no median, no dates', () => {
    expect(counts(ruptureFigures([]))).toEqual({ withdrawal: 0, confrontation: 0, mixed: 0 })
    expect(minuteFigures([]).every((f) => f.count === 0)).toBe(true)
    expect(minuteFigures([]).map((f) => f.key)).not.toContain('not-recorded')
    expect(endingFigures([]).map((f) => f.key)).not.toContain('not-recorded')
    expect(weekdayFigures([])).toHaveLength(7)
    expect(medianMinutes([])).toBeNull()
    expect(overview([])).toEqual({
      count: 0,
      clients: 0,
      first: null,
      last: null,
      medianMinutes: null,
      minutesRecorded: 0,
    })
    expect(timeline([], TODAY).points).toEqual([])
    expect(findCluster([], TODAY)).toBeNull()
  })

  it('one walkout: counted once in each figure', () => {
    const one = [
      walkout({
        day: '2026-11-25', // a Wednesday
        ruptureType: 'withdrawal',
        minutesIntoSession: 35,
        ending: 'returned',
      }),
    ]
    expect(counts(ruptureFigures(one))).toEqual({ withdrawal: 1, confrontation: 0, mixed: 0 })
    expect(counts(minuteFigures(one))['30-39']).toBe(1)
    expect(counts(endingFigures(one))['returned']).toBe(1)
    expect(counts(weekdayFigures(one))['wednesday']).toBe(1)
    expect(counts(partOfDayFigures(one))).toEqual({ morning: 0, afternoon: 1, evening: 0 })
    for (const figures of [
      ruptureFigures(one),
      minuteFigures(one),
      endingFigures(one),
      weekdayFigures(one),
      partOfDayFigures(one),
    ])
      expect(figures.reduce((sum, f) => sum + f.count, 0)).toBe(1)
    expect(overview(one)).toEqual({
      count: 1,
      clients: 1,
      first: '2026-11-25',
      last: '2026-11-25',
      medianMinutes: 35,
      minutesRecorded: 1,
    })
  })

  it('missing minutes and rupture types are counted as "Not recorded", not dropped', () => {
    const some = [
      walkout({ minutesIntoSession: 5 }),
      walkout({ minutesIntoSession: null }),
      walkout({ minutesIntoSession: null, ruptureType: 'mixed' }),
    ]
    const minutes = counts(minuteFigures(some))
    expect(minutes['under-10']).toBe(1)
    expect(minutes['not-recorded']).toBe(2)
    expect(minuteFigures(some).at(-1)?.label).toBe('Not recorded')
    expect(counts(ruptureFigures(some))).toMatchObject({ mixed: 1, 'not-recorded': 2 })
    expect(counts(endingFigures(some))['not-recorded']).toBe(3)
    expect(overview(some)).toMatchObject({ medianMinutes: 5, minutesRecorded: 1 })
  })

  it('minute buckets have ten minutes each; 50 and over together; the median of an even count', () => {
    expect([0, 9, 10, 19, 20, 49, 50, 300].map(minuteBucketOf)).toEqual([
      'under-10',
      'under-10',
      '10-19',
      '10-19',
      '20-29',
      '40-49',
      '50-plus',
      '50-plus',
    ])
    expect(minuteBucketOf(null)).toBeNull()
    expect(medianMinutes([10, 20, 40, 45].map((m) => walkout({ minutesIntoSession: m })))).toBe(30)
  })

  it('day and hour are the therapist’s at the time (the recorded offset), whatever the zone now', () => {
    // 23:30 on Sunday 22 November in New York (UTC-5) is Monday 04:30 UTC.
    const late = { utc: '2026-11-23T04:30:00.000Z', offsetMinutes: -300 }
    expect(localParts(late)).toEqual({ day: '2026-11-22', hour: 23, weekday: 6 })
    const w = walkout({ walkoutAt: late })
    expect(counts(weekdayFigures([w]))['sunday']).toBe(1)
    expect(counts(partOfDayFigures([w]))['evening']).toBe(1)
    expect(counts(partOfDayFigures([walkout({ walkoutAt: on(TODAY, 9) })]))['morning']).toBe(1)
  })

  it('months: the last twelve up to today’s, oldest first, with zeros; older walkouts fall outside', () => {
    const months = monthFigures(
      [
        walkout({ day: '2026-11-02' }),
        walkout({ day: '2026-11-20' }),
        walkout({ day: '2026-01-31' }),
        walkout({ day: '2025-11-30' }), // thirteen months back: not shown
      ],
      TODAY,
    )
    expect(months).toHaveLength(12)
    expect(months[0]!.key).toBe('2025-12')
    expect(months.at(-1)).toMatchObject({ key: '2026-11', count: 2 })
    expect(counts(months)['2026-01']).toBe(1)
    expect(months.reduce((sum, f) => sum + f.count, 0)).toBe(3)
    expect(months.at(-1)!.label).toMatch(/2026/)
  })
})

describe('the timeline', () => {
  it('runs from the first walkout to today, oldest first; walkouts on one day are stacked', () => {
    const { from, to, points } = timeline(
      [
        walkout({ id: 'late', day: '2026-11-17' }),
        walkout({ id: 'first', day: '2026-05-31' }),
        walkout({ id: 'same-day', walkoutAt: on('2026-11-17', 16) }),
      ],
      TODAY,
    )
    expect({ from, to }).toEqual({ from: '2026-05-31', to: TODAY })
    expect(points.map((p) => [p.id, p.stack])).toEqual([
      ['first', 0],
      ['late', 0],
      ['same-day', 1],
    ])
    expect(points[0]!.position).toBe(0)
    expect(points[1]!.position).toBeCloseTo(170 / 180)
  })

  it('one recent walkout is drawn on a span of at least 30 days, not at both ends', () => {
    const { from, points } = timeline([walkout({ day: TODAY })], TODAY)
    expect(from).toBe(shiftDay(TODAY, -30))
    expect(points[0]!.position).toBe(1)
  })

  it('a walkout dated after today (a wrong clock) is drawn at today', () => {
    const { points } = timeline([walkout({ day: '2026-12-05' })], TODAY)
    expect(points[0]).toMatchObject({ day: '2026-12-05', position: 1 })
  })
})

describe('when walkouts cluster: the prompt to look at one’s own part', () => {
  const daysAgo = (n: number, clientId: string) =>
    walkout({ day: shiftDay(TODAY, -n), clientId, id: `${clientId}-${n}` })

  it('the rule is the documented one', () => {
    expect(CLUSTER_RULE).toEqual({
      windowDays: 56,
      baselineDays: 364,
      minWalkouts: 3,
      minClients: 2,
      factor: 2,
    })
  })

  it('three walkouts of different clients within 8 weeks, none the year before: a prompt', () => {
    const cluster = findCluster([daysAgo(2, 'a'), daysAgo(20, 'b'), daysAgo(50, 'c')], TODAY)
    expect(cluster).not.toBeNull()
    expect(cluster).toMatchObject({
      from: shiftDay(TODAY, -55),
      to: TODAY,
      count: 3,
      clients: 3,
      usual: 0,
    })
    // The walkouts it links to (their reflections), newest first.
    expect(cluster!.walkouts.map((w) => w.id)).toEqual(['a-2', 'b-20', 'c-50'])
    expect(describeCluster(cluster!)).toMatch(
      /^3 walkouts of 3 different clients in the last 8 weeks \(since .+\); there were none in the year before\.$/,
    )
  })

  it('the same walkouts spread over the year: no prompt', () => {
    expect(findCluster([daysAgo(2, 'a'), daysAgo(120, 'b'), daysAgo(250, 'c')], TODAY)).toBeNull()
  })

  it('the window is 56 days with today: a walkout 56 days ago is outside it', () => {
    expect(findCluster([daysAgo(0, 'a'), daysAgo(55, 'b'), daysAgo(10, 'c')], TODAY)).not.toBeNull()
    expect(findCluster([daysAgo(0, 'a'), daysAgo(56, 'b'), daysAgo(10, 'c')], TODAY)).toBeNull()
  })

  it('one client walking out three times is for that client’s page, not the practice prompt', () => {
    expect(findCluster([daysAgo(1, 'a'), daysAgo(5, 'a'), daysAgo(9, 'a')], TODAY)).toBeNull()
    expect(findCluster([daysAgo(1, 'a'), daysAgo(5, 'a'), daysAgo(9, 'b')], TODAY)).not.toBeNull()
  })

  it('two walkouts are not yet a cluster', () => {
    expect(findCluster([daysAgo(1, 'a'), daysAgo(2, 'b')], TODAY)).toBeNull()
  })

  it('as many as usual: no prompt; twice the usual: a prompt', () => {
    // 26 walkouts in the 52 weeks before the window: usually 4 in 8 weeks.
    const year = Array.from({ length: 26 }, (_, i) => daysAgo(60 + i * 14, i % 2 ? 'x' : 'y'))
    const recent = (n: number) =>
      Array.from({ length: n }, (_, i) => daysAgo(1 + i * 6, i % 2 ? 'a' : 'b'))
    expect(findCluster([...year, ...recent(4)], TODAY)).toBeNull()
    expect(findCluster([...year, ...recent(7)], TODAY)).toBeNull()
    const cluster = findCluster([...year, ...recent(8)], TODAY)
    expect(cluster).toMatchObject({ count: 8, usual: 4 })
    expect(describeCluster(cluster!)).toContain('usually there are about 4.0 in 8 weeks')
  })

  it('walkouts older than the year before the window do not make the usual', () => {
    const old = Array.from({ length: 30 }, (_, i) => daysAgo(430 + i, 'z'))
    expect(
      findCluster([...old, daysAgo(1, 'a'), daysAgo(2, 'b'), daysAgo(3, 'c')], TODAY),
    ).toMatchObject({ usual: 0 })
  })

  it('walkouts dated after today are not in the window', () => {
    expect(
      findCluster(
        [daysAgo(1, 'a'), daysAgo(2, 'b'), walkout({ day: '2026-12-05', clientId: 'c' })],
        TODAY,
      ),
    ).toBeNull()
  })
})

describe('what happened just before, in a table cell', () => {
  it('short text is kept as written, whitespace collapsed', () => {
    expect(excerpt('  They went\n quiet,   then left. ')).toBe('They went quiet, then left.')
    expect(excerpt('')).toBe('')
  })

  it('long text is cut at a word, with an ellipsis, within the limit', () => {
    const long = 'word '.repeat(100)
    const cut = excerpt(long, 40)
    expect(cut.length).toBeLessThanOrEqual(40)
    expect(cut).toMatch(/^word( word)*…$/)
    // One very long word is cut where it must be.
    expect(excerpt('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})

describe('at the scale Mend is held to', () => {
  it('every practice figure over 20,000 walkouts of 2,000 clients, without stalling the page', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      walkout({
        day: shiftDay(TODAY, -(i % 3000)),
        clientId: `c${i % 2000}`,
        ruptureType: (['withdrawal', 'confrontation', 'mixed', null] as const)[i % 4]!,
        minutesIntoSession: i % 7 === 0 ? null : i % 60,
      }),
    )
    const started = performance.now()
    const all = [
      ruptureFigures(many),
      minuteFigures(many),
      endingFigures(many),
      weekdayFigures(many),
      partOfDayFigures(many),
      monthFigures(many, TODAY),
    ]
    overview(many)
    findCluster(many, TODAY)
    const elapsed = performance.now() - started
    expect(all.map((figures) => figures.reduce((sum, f) => sum + f.count, 0)).slice(0, 5)).toEqual([
      20_000, 20_000, 20_000, 20_000, 20_000,
    ])
    // Tens of milliseconds on a quiet machine; the bound leaves room for a busy test machine.
    expect(elapsed).toBeLessThan(2000)
  })
})
