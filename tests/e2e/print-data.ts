import type { Client } from '../../src/renderer/src/domain/client'
import type { StepValues } from '../../src/renderer/src/domain/incident'
import type { SeedRequest, SeedWalkout } from './print-seed/seed'

/** Fixed moments (UTC; the tests run with timezoneId UTC and locale en-US). */
const at = (iso: string) => ({ utc: new Date(iso).toISOString(), offsetMinutes: 0 })

/** Words that only the private reflection holds: none may reach a print unless it is asked for. */
export const REFLECTION_WORDS = ['pressed on the family topic', 'driven by my own worry']
/** The last words of every long field: a fitted sheet never reaches them. */
export const END_OF_FIELD = 'ENDOFFIELD'
/** Only in a resolved walkout: the client's sheet of open walkouts leaves it out. */
export const RESOLVED_WORDS = 'RESOLVEDWALKOUTMARKER'

export const JORDAN: Client = {
  displayName: 'Jordan Fictional',
  initials: 'JF',
  dateOfBirth: '',
  clientNumber: '',
  pronouns: 'they/them',
  isMinor: false,
  channels: [
    {
      id: 'c1',
      kind: 'phone-call',
      detail: '555-0100',
      consentDate: '2026-01-15',
      conditions: [],
      notes: 'voicemail OK',
    },
    {
      id: 'c2',
      kind: 'email',
      detail: 'client@example.org',
      consentDate: '2026-01-15',
      conditions: [],
      notes: '',
    },
  ],
  emergencyContacts: [{ id: 'e1', name: 'Alex Contact', relation: 'sibling', phone: '555-0199' }],
  status: 'active',
  notes: '',
}

export const ROBIN: Client = { ...JORDAN, displayName: 'Robin Longfield', initials: 'RL' }

/** A walkout record as a therapist would typically write it. */
export function typicalSteps(): Partial<StepValues> {
  return {
    safety: {
      leftAt: at('2026-03-03T15:20:00Z'),
      minutesIntoSession: 35,
      beforeNarrative: 'We talked about a family visit; they went quiet, then left.',
      ruptureType: 'withdrawal',
      riskIndicators: ['suicidalIdeation'],
      riskIndicatorsOther: '',
      history: [],
      historyNotes: '',
      ideationFrequency: 'rare',
      ideationIntensity: 'fleeting',
      firearms: 'no',
      screening: 'none',
      screeningNotes: '',
      protectiveFactors: ['supportiveRelationships'],
      protectiveNotes: 'Close to a sibling.',
      riskLevel: 'moderate',
      rationale: 'Passive ideation voiced before leaving; no plan stated.',
      actions: [
        {
          id: 'a1',
          kind: 'crisis-line-info',
          at: at('2026-03-03T15:45:00Z'),
          detail: 'Texted the 988 number with a short check-in.',
        },
      ],
      safetyPlan: 'reviewed',
      safetyPlanNotes: '',
    },
    wait: { waitedMinutes: 15, outcome: 'contact-later', notes: 'Stayed until the hour ended.' },
    outreach: {
      attempts: [
        {
          id: 'o1',
          at: at('2026-03-03T18:00:00Z'),
          channel: 'phone-call',
          unconsentedReason: '',
          summary: 'Left a calm voicemail inviting them back.',
          outcome: 'voicemail',
          nextDue: '2026-03-05',
        },
        {
          id: 'o2',
          at: at('2026-03-04T10:00:00Z'),
          channel: 'email',
          unconsentedReason: '',
          summary: 'They wrote back: "I needed air; I will come on Tuesday."',
          outcome: 'replied',
          nextDue: '',
        },
      ],
    },
    reflect: {
      preceded: 'I pressed on the family topic too soon.',
      myContribution: 'My pace was driven by my own worry.',
      triggers: '',
      ruptureMarkers: '',
      differently: '',
      consultationSought: true,
      consultationNotes: '',
    },
    discuss: {
      nextSessionDate: '2026-03-10',
      pointsToRaise: 'Name the walkout without blame. Ask what they needed in that moment.',
      questions: 'Was it the family topic, or the pace?',
      discussed: '',
      clientAccount: '',
      status: 'planned',
    },
    adjust: {
      adjustments: [
        {
          id: 'j1',
          kind: 'break-signal',
          detail: 'Hand raised means pause.',
          rationale: 'Gives control back when overwhelmed.',
        },
      ],
    },
    communicate: {
      agreements: 'They may step out and come back; a text afterwards is enough.',
      clientFeedback: '',
    },
    fit: {
      fit: 'good',
      reasons: 'Alliance repaired quickly; client engaged.',
      referral: 'considered',
      referralTo: 'Dr. Sam Lee, Harbor Counseling',
      referralDate: '',
      warmHandoff: false,
      referralOutcome: 'pending',
      relationshipEnding: false,
      preterminationContact: false,
      referralOptionsGiven: false,
      interimCrisisResources: false,
      closingLetterSent: false,
      recordsRelease: false,
      connectionConfirmed: false,
    },
  }
}

/** `length` characters of varied words ending in END_OF_FIELD (and `tag`, to tell fields apart). */
export function longText(length: number, tag: string): string {
  const words = [
    'session',
    'quiet',
    'window',
    'family',
    'breath',
    'pause',
    'return',
    'trust',
    'evening',
    'notice',
  ]
  const end = ` ${tag} ${END_OF_FIELD}`
  let text = ''
  for (let i = 0; text.length < length - end.length; i++) {
    text += `${words[(i * 7) % words.length]}${i % 9 === 8 ? '. ' : ' '}`
  }
  return `${text.slice(0, length - end.length).trimEnd()}${end}`.slice(0, length)
}

/** Every text field at its maximum length, and long lists: the worst a record can hold. */
export function longSteps(tag: string): Partial<StepValues> {
  const steps = typicalSteps()
  const t = (max: number, field: string) => longText(max, `${tag}_${field}`)
  return {
    safety: {
      ...steps.safety!,
      beforeNarrative: t(20_000, 'before'),
      riskIndicatorsOther: t(500, 'other'),
      protectiveNotes: t(2000, 'protective'),
      rationale: t(20_000, 'rationale'),
      riskLevel: 'high',
      actions: Array.from({ length: 8 }, (_, i) => ({
        id: `a${i}`,
        kind: 'emergency-contact' as const,
        at: at('2026-03-03T15:45:00Z'),
        detail: t(2000, `action${i}`),
      })),
    },
    wait: { waitedMinutes: 20, outcome: 'no-contact', notes: t(20_000, 'wait') },
    outreach: {
      attempts: Array.from({ length: 12 }, (_, i) => ({
        id: `o${i}`,
        at: at(`2026-03-0${4 + (i % 5)}T10:00:00Z`),
        channel: 'phone-call' as const,
        unconsentedReason: '',
        summary: t(5000, `attempt${i}`),
        outcome: 'no-answer' as const,
        nextDue: '',
      })),
    },
    reflect: { ...steps.reflect!, differently: t(20_000, 'differently') },
    discuss: {
      ...steps.discuss!,
      pointsToRaise: t(20_000, 'points'),
      questions: t(20_000, 'questions'),
    },
    adjust: {
      adjustments: Array.from({ length: 10 }, (_, i) => ({
        id: `j${i}`,
        kind: 'pacing' as const,
        detail: t(2000, `adjust${i}`),
        rationale: t(5000, `why${i}`),
      })),
    },
    communicate: { agreements: t(20_000, 'agreements'), clientFeedback: t(20_000, 'feedback') },
    fit: {
      ...steps.fit!,
      reasons: t(20_000, 'reasons'),
      referralTo: t(500, 'referral'),
      relationshipEnding: false,
    },
  }
}

export const FIRST_ADDENDUM = 'First addendum: the session began 10 minutes late.'
export const SECOND_ADDENDUM = 'Second addendum: the client confirmed Tuesday by email.'

/** The same record nine days later: the walkout and every moment after it move together. */
function laterWalkout(steps: Partial<StepValues>): Partial<StepValues> {
  const later = (t: { utc: string; offsetMinutes: number }) => ({
    ...t,
    utc: new Date(Date.parse(t.utc) + 9 * 86_400_000).toISOString(),
  })
  return {
    ...steps,
    safety: {
      ...steps.safety!,
      leftAt: at('2026-03-12T09:05:00Z'),
      actions: steps.safety!.actions.map((a) => ({ ...a, at: later(a.at) })),
    },
    ...(steps.outreach
      ? { outreach: { attempts: steps.outreach.attempts.map((a) => ({ ...a, at: later(a.at) })) } }
      : {}),
    ...(steps.discuss ? { discuss: { ...steps.discuss, nextSessionDate: '2026-03-19' } } : {}),
  }
}

const ALL: SeedWalkout['complete'] = ['safety', 'wait', 'outreach', 'reflect', 'adjust']

/** Jordan: one typical walkout, signed, with two addenda. Robin: two long open walkouts and a resolved one. */
export function practice(): Omit<SeedRequest, 'passphrase'> {
  const resolved = typicalSteps()
  resolved.safety = { ...resolved.safety!, beforeNarrative: `${RESOLVED_WORDS} long ago.` }
  return {
    clients: [
      {
        key: 'jordan',
        client: JORDAN,
        walkouts: [
          {
            key: 'typical',
            steps: typicalSteps(),
            complete: ALL,
            sign: true,
            addenda: [FIRST_ADDENDUM, SECOND_ADDENDUM],
          },
        ],
      },
      {
        key: 'robin',
        client: ROBIN,
        walkouts: [
          {
            key: 'long1',
            steps: longSteps('one'),
            complete: [],
            addenda: [longText(20_000, 'add')],
          },
          {
            key: 'long2',
            steps: laterWalkout(longSteps('two')),
            complete: [],
            status: ['in-follow-up'],
          },
          { key: 'resolved', steps: resolved, complete: [], status: ['in-follow-up', 'resolved'] },
        ],
      },
    ],
  }
}
