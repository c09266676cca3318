import { describe, expect, it } from 'vitest'
import { formatDay } from '../../src/renderer/src/domain/format'
import {
  emptyStep,
  newIncident,
  stepOf,
  withStatus,
  withStep,
  type Incident,
} from '../../src/renderer/src/domain/incident'
import {
  buildPrepSheet,
  nextSessionOf,
  NOTHING_RECORDED,
  SHEET_LABELS,
} from '../../src/renderer/src/features/printing/prep-sheet-content'

const at = (iso: string) => ({ utc: new Date(iso).toISOString(), offsetMinutes: 0 })

function fullIncident(leftAt = '2026-03-03T15:20:00Z', tag = ''): Incident {
  const now = at(leftAt)
  let incident = newIncident('client-1', now)
  incident = withStep(
    incident,
    'safety',
    {
      ...emptyStep('safety', now),
      minutesIntoSession: 35,
      ruptureType: 'withdrawal',
      beforeNarrative: `They went quiet, then left.${tag}`,
      riskLevel: 'high',
      rationale: 'Passive ideation.',
      actions: [{ id: 'a', kind: 'crisis-line-info', at: now, detail: 'Texted 988.' }],
    },
    false,
  )
  incident = withStep(
    incident,
    'wait',
    { waitedMinutes: 10, outcome: 'contact-later', notes: '' },
    false,
  )
  incident = withStep(
    incident,
    'outreach',
    {
      attempts: [
        {
          id: 'o',
          at: now,
          channel: 'email',
          unconsentedReason: '',
          summary: 'They replied: see you Tuesday.',
          outcome: 'replied',
          nextDue: '',
        },
      ],
    },
    false,
  )
  incident = withStep(
    incident,
    'reflect',
    { ...emptyStep('reflect', now), preceded: 'PRIVATE WORDS' },
    false,
  )
  incident = withStep(
    incident,
    'discuss',
    {
      ...emptyStep('discuss', now),
      nextSessionDate: '2026-03-10',
      pointsToRaise: 'Name it without blame.',
      questions: 'What did you need?',
    },
    false,
  )
  incident = withStep(
    incident,
    'adjust',
    { adjustments: [{ id: 'j', kind: 'pacing', detail: 'Slower.', rationale: '' }] },
    false,
  )
  incident = withStep(
    incident,
    'communicate',
    { agreements: 'Stepping out is fine.', clientFeedback: '' },
    false,
  )
  incident = withStep(
    incident,
    'fit',
    {
      ...emptyStep('fit', now),
      fit: 'good',
      reasons: 'Engaged.',
      referral: 'considered',
      referralTo: 'Dr. Lee',
    },
    false,
  )
  return incident
}

const client = { displayName: 'Jordan Fictional', initials: 'JF' }
const base = { client, showFullName: false, includeReflection: false, today: '2026-03-05' }
const textOf = (sheet: ReturnType<typeof buildPrepSheet>) =>
  JSON.stringify(sheet.sections.map((s) => s.groups))

describe('the session-prep sheet’s content', () => {
  it('every label the sheet reads exists in its step’s document lines', () => {
    const incident = fullIncident()
    for (const [step, labels] of Object.entries(SHEET_LABELS)) {
      const values = incident.steps[step as keyof typeof incident.steps]
      const lines = stepOf(step as 'safety').document(values as never)
      for (const label of Object.values(labels)) {
        expect(
          lines.map((l) => l.label),
          `${step}: ${label}`,
        ).toContain(label)
      }
    }
  })

  it('a full record fills every section, in the order of the sheet', () => {
    const sheet = buildPrepSheet({ ...base, walkouts: [{ id: 'i', incident: fullIncident() }] })
    expect(sheet.sections.map((s) => s.title)).toEqual([
      'What happened',
      'Safety now',
      'Outreach and the client’s replies',
      'Points to raise and open questions',
      'Planned adjustments',
      'Agreements about open communication',
      'Fit and referral',
    ])
    for (const section of sheet.sections) {
      expect(JSON.stringify(section.groups), section.title).not.toContain(NOTHING_RECORDED)
    }
    const text = textOf(sheet)
    for (const words of [
      'Left 35 minutes into the session.',
      'They went quiet, then left.',
      'High, assessed at the walkout on',
      'Texted 988.',
      'They replied: see you Tuesday.',
      'Name it without blame.',
      'What did you need?',
      'Slower.',
      'Stepping out is fine.',
      'Dr. Lee',
    ]) {
      expect(text).toContain(words)
    }
    expect(sheet.sections[1]!.groups[0]!.blocks[0]!.strong).toBe(true)
    expect(sheet.nextSession).toBe(formatDay('2026-03-10'))
  })

  it('initials by default, the full name only when asked', () => {
    const walkouts = [{ id: 'i', incident: fullIncident() }]
    expect(buildPrepSheet({ ...base, walkouts }).who).toBe('JF')
    expect(buildPrepSheet({ ...base, walkouts, showFullName: true }).who).toBe('Jordan Fictional')
    const noInitials = { displayName: 'Robin van der Berg', initials: '' }
    expect(buildPrepSheet({ ...base, client: noInitials, walkouts }).who).toBe('RVDB')
    expect(buildPrepSheet({ ...base, client: null, walkouts }).who).toBe('Client')
  })

  it('the reflection is left out unless asked for, and then labelled a psychotherapy note', () => {
    const walkouts = [{ id: 'i', incident: fullIncident() }]
    const without = buildPrepSheet({ ...base, walkouts })
    expect(textOf(without)).not.toContain('PRIVATE WORDS')
    expect(without.sections.some((s) => s.id === 'reflect')).toBe(false)
    const withIt = buildPrepSheet({ ...base, walkouts, includeReflection: true })
    const reflect = withIt.sections.find((s) => s.id === 'reflect')
    expect(reflect?.note).toBe('Psychotherapy note')
    expect(JSON.stringify(reflect)).toContain('PRIVATE WORDS')
  })

  it('an empty record says "Nothing recorded" where there is nothing', () => {
    const incident = newIncident('c', at('2026-03-03T15:20:00Z'))
    const sheet = buildPrepSheet({ ...base, walkouts: [{ id: 'i', incident }] })
    const outreach = sheet.sections.find((s) => s.id === 'outreach')!
    expect(outreach.groups).toEqual([
      { heading: null, blocks: [{ label: null, text: NOTHING_RECORDED, muted: true }] },
    ])
  })

  it('several walkouts: oldest first, each one’s lines a group headed by its date', () => {
    const later = fullIncident('2026-04-01T10:00:00Z', ' LATER')
    const earlier = fullIncident('2026-03-03T15:20:00Z', ' EARLIER')
    const sheet = buildPrepSheet({
      ...base,
      walkouts: [
        { id: 'b', incident: later },
        { id: 'a', incident: earlier },
      ],
    })
    expect(sheet.walkoutCount).toBe(2)
    const what = sheet.sections[0]!
    expect(what.groups).toHaveLength(2)
    expect(what.groups[0]!.heading).toBe(formatDay('2026-03-03'))
    expect(JSON.stringify(what.groups[0])).toContain('EARLIER')
    expect(JSON.stringify(what.groups[1])).toContain('LATER')
    expect(sheet.walkoutDates).toEqual([formatDay('2026-03-03'), formatDay('2026-04-01')])
  })

  it('a resolved walkout is still printed when it is passed (the screen chooses the open ones)', () => {
    const resolved = withStatus(withStatus(fullIncident(), 'in-follow-up'), 'resolved')
    expect(
      buildPrepSheet({ ...base, walkouts: [{ id: 'r', incident: resolved }] }).walkoutCount,
    ).toBe(1)
  })
})

describe('the next session', () => {
  it('the earliest date from today on', () => {
    expect(nextSessionOf(['2026-03-20', '2026-03-10', '2026-03-01', ''], '2026-03-05')).toBe(
      '2026-03-10',
    )
    expect(nextSessionOf(['2026-03-05'], '2026-03-05')).toBe('2026-03-05')
  })

  it('all past: the latest of them; none: empty', () => {
    expect(nextSessionOf(['2026-01-01', '2026-02-01'], '2026-03-05')).toBe('2026-02-01')
    expect(nextSessionOf(['', ''], '2026-03-05')).toBe('')
  })
})
