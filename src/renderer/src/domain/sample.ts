import { deriveInitials, emptyClient, type Client } from './client'
import {
  emptyStep,
  newIncident,
  sign,
  withStep,
  type Addendum,
  type Incident,
  type IncidentStatus,
} from './incident'
import type { Timestamp } from './time'

/**
 * Deterministic fictional practice data: the same seed gives the same clients and walkouts on
 * every run. The benchmark measures on it and the sample vault ("Try Mend with sample data")
 * shows it, so what is measured is what a new user sees. Every name is invented.
 */

/** mulberry32: a small, fast, seeded random generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST = [
  'Avery',
  'Blake',
  'Casey',
  'Dana',
  'Emery',
  'Finley',
  'Gray',
  'Harper',
  'Indigo',
  'Jordan',
  'Kai',
  'Logan',
  'Morgan',
  'Noel',
  'Oakley',
  'Parker',
  'Quinn',
  'Riley',
  'Sage',
  'Tatum',
  'Umber',
  'Vale',
  'Winter',
  'Xen',
  'Yael',
  'Zephyr',
]
const LAST = [
  'Ashdown',
  'Brightwater',
  'Coldbrook',
  'Dunmore',
  'Evenfield',
  'Fairweather',
  'Greenhollow',
  'Hartwell',
  'Ivesby',
  'Juniper',
  'Kestrel',
  'Larkspur',
  'Merriweather',
  'Northcote',
  'Oakhurst',
  'Pennywhistle',
  'Quillfeather',
  'Rosebay',
  'Silverton',
  'Thistlewood',
  'Underhill',
  'Valewood',
  'Westbrook',
  'Yarrow',
]
const WORDS =
  'session felt tense after the topic of work came up client paused looked at the door said they needed air we agreed to talk about pacing next time grounding helped earlier in the week sleep has been short family visit planned'.split(
    ' ',
  )

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

export function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => pick(random, WORDS)).join(' ')
}

/** "Quinn Oakhurst 12": invented, and numbered so that every name is different. */
export function fictionalName(random: () => number, index: number): string {
  return `${pick(random, FIRST)} ${pick(random, LAST)} ${index}`
}

/** Stable ids (UUID v4 shaped) from an index, so screens and tests can find a record. */
export const sampleClientId = (i: number) =>
  `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
export const sampleIncidentId = (i: number) =>
  `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`
export const sampleAddendumId = (i: number) =>
  `00000000-0000-4000-a000-${i.toString(16).padStart(12, '0')}`

export function sampleClient(random: () => number, i: number): Client {
  const name = fictionalName(random, i)
  return {
    ...emptyClient(),
    displayName: name,
    initials: deriveInitials(name),
    pronouns: pick(random, ['she/her', 'he/him', 'they/them', '']),
    status: pick(random, ['active', 'active', 'active', 'referred', 'ended'] as const),
    channels: [
      {
        id: `ch-${i}`,
        kind: pick(random, ['phone-call', 'text', 'email'] as const),
        detail: `555-01${String(i % 100).padStart(2, '0')}`,
        consentDate: '2024-01-15',
        conditions: [],
        notes: pick(random, ['voicemail OK', 'no messages at work', '']),
      },
    ],
    notes: sentence(random, 30),
  }
}

const at = (date: Date): Timestamp => ({ utc: date.toISOString(), offsetMinutes: 0 })
const day = (date: Date) => date.toISOString().slice(0, 10)

/**
 * A walkout record for client `i % clients`, filled through `stage` (0: just started … 8: every
 * step), with a status and, for the later stages, a signature. `today` anchors due dates so
 * that Today has something to show.
 */
export function sampleIncident(
  random: () => number,
  i: number,
  clients: number,
  today: Date = new Date(Date.UTC(2026, 10, 27)),
): Incident {
  const daysAgo = Math.floor(random() * 6 * 365)
  const left = new Date(
    today.getTime() - daysAgo * 86_400_000 - Math.floor(random() * 8) * 3_600_000,
  )
  const leftAt = at(left)
  const stage = Math.floor(random() * 9)
  let record = newIncident(sampleClientId(i % clients), leftAt)
  record = withStep(
    record,
    'safety',
    {
      ...emptyStep('safety', leftAt),
      minutesIntoSession: 10 + Math.floor(random() * 40),
      beforeNarrative: sentence(random, 60),
      ruptureType: pick(random, ['withdrawal', 'confrontation', 'mixed'] as const),
      riskLevel: pick(random, ['none', 'low', 'low', 'moderate', 'high'] as const),
      rationale: sentence(random, 25),
      actions: [
        { id: `a-${i}`, kind: 'crisis-line-info', at: leftAt, detail: sentence(random, 8) },
      ],
    },
    stage > 0,
  )
  if (stage >= 2)
    record = withStep(
      record,
      'wait',
      { waitedMinutes: 10, outcome: 'contact-later', notes: sentence(random, 20) },
      true,
    )
  if (stage >= 3) {
    const due = new Date(today.getTime() + (Math.floor(random() * 20) - 10) * 86_400_000)
    record = withStep(
      record,
      'outreach',
      {
        attempts: [
          {
            id: `o-${i}`,
            at: at(new Date(left.getTime() + 86_400_000)),
            channel: 'phone-call',
            unconsentedReason: '',
            summary: sentence(random, 15),
            outcome: pick(random, ['no-answer', 'voicemail', 'replied'] as const),
            nextDue: daysAgo < 30 ? day(due) : '',
          },
        ],
      },
      stage > 3,
    )
  }
  if (stage >= 4)
    record = withStep(
      record,
      'reflect',
      {
        ...emptyStep('reflect', leftAt),
        preceded: sentence(random, 40),
        myContribution: sentence(random, 30),
      },
      true,
    )
  if (stage >= 5) {
    const next = new Date(today.getTime() + Math.floor(random() * 14) * 86_400_000)
    record = withStep(
      record,
      'discuss',
      {
        ...emptyStep('discuss', leftAt),
        nextSessionDate: daysAgo < 30 ? day(next) : day(new Date(left.getTime() + 7 * 86_400_000)),
        pointsToRaise: sentence(random, 20),
        questions: sentence(random, 12),
        status: stage >= 6 ? 'discussed' : 'planned',
        discussed: stage >= 6 ? sentence(random, 20) : '',
      },
      stage >= 6,
    )
  }
  if (stage >= 6)
    record = withStep(
      record,
      'adjust',
      {
        adjustments: [{ id: `j-${i}`, kind: 'pacing', detail: sentence(random, 8), rationale: '' }],
      },
      true,
    )
  if (stage >= 7)
    record = withStep(
      record,
      'communicate',
      { agreements: sentence(random, 15), clientFeedback: sentence(random, 10) },
      true,
    )
  if (stage >= 8)
    record = withStep(
      record,
      'fit',
      { ...emptyStep('fit', leftAt), fit: pick(random, ['good', 'uncertain'] as const) },
      true,
    )
  const status: IncidentStatus =
    daysAgo < 30
      ? pick(random, ['open', 'in-follow-up'] as const)
      : random() < 0.85
        ? 'resolved'
        : 'in-follow-up'
  record = { ...record, status }
  if (stage >= 8 && status === 'resolved')
    record = sign(record, at(new Date(left.getTime() + 30 * 86_400_000)))
  return record
}

/** An addendum to a signed sample record. */
export function sampleAddendum(
  random: () => number,
  incidentId: string,
  incident: Incident,
): Addendum {
  const signedAt = incident.signature?.signedAt.utc ?? incident.createdAt.utc
  return {
    incidentId,
    createdAt: at(new Date(Date.parse(signedAt) + 86_400_000)),
    text: `Correction: ${sentence(random, 12)}`,
  }
}
