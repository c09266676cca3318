import { deriveInitials, emptyClient, type Client } from './client'
import {
  emptyStep,
  newIncident,
  sign,
  voidIncident,
  withStatus,
  withStep,
  type Addendum,
  type Incident,
  type IncidentStatus,
  type OutreachAttempt,
  type Signature,
  type StepValues,
} from './incident'
import { localDate, stamp, type Timestamp } from './time'
import { addDays } from './today'

/**
 * Deterministic fictional practice data: the same seed gives the same clients and walkouts on
 * every run. The benchmark measures on it and the sample vault ("Try Mend with sample data")
 * shows it, so what is measured is what a new user sees. Every name is invented.
 *
 * At the benchmark's sizes the random walkouts below cover every stage by numbers alone. A
 * sample vault of a dozen clients cannot count on chance, so it starts with the showcase (the
 * end of this file): one hand-written walkout for each state a therapist meets, dated relative
 * to the day it is made, followed by random ones as history. The benchmark does not use the
 * showcase, so its records are what they were.
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

// ---------------------------------------------------------------- the sample vault's showcase

/** The sample vault ("Try Mend with sample data"): a dozen clients, twenty walkouts. */
export const SAMPLE_VAULT = { clients: 12, incidents: 20, seed: 7 } as const

/** The invented clinician who signs the showcase records. */
export const SAMPLE_CLINICIAN: NonNullable<Signature['clinician']> = {
  name: 'Alex Example',
  credentials: 'LCSW',
}

export interface ShowcaseWalkout {
  /** The record as it ends up. */
  incident: Incident
  /** Addenda below it, oldest first. */
  addenda: Pick<Addendum, 'createdAt' | 'text'>[]
  /**
   * For a record that was resolved, signed and then reopened: the record before it was reopened
   * (written first, so the reopening is in the audit trail as such). Null otherwise.
   */
  beforeReopen: Incident | null
  /** What it shows, in words (for the reader and the tests). */
  shows: string
}

/** What a showcase walkout is built with. */
interface ShowcaseContext {
  /** When the client left. */
  leftAt: Timestamp
  /** The channel the client agreed to (or a letter, with the reason, when none is on file). */
  channel: OutreachAttempt['channel']
  unconsented: string
  /** Saves a step: its empty values with `values` over them, complete or not. */
  step: <K extends keyof StepValues>(
    id: K,
    values: Partial<StepValues[K]>,
    complete: boolean,
  ) => void
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * A showcase client, adjusted where its walkout needs it: the client at high risk has an
 * emergency contact, the one referred on is marked so. Consumes no randomness.
 */
export function showcaseClient(client: Client, index: number): Client {
  if (index === 0 || index === 2)
    return {
      ...client,
      status: 'active',
      emergencyContacts: [
        { id: `ec-${index}`, name: 'Robin Example', relation: 'Sibling', phone: '555-0100' },
      ],
    }
  if (index === 11) return { ...client, status: 'referred' }
  return client.status === 'active' || index >= 12 ? client : { ...client, status: 'active' }
}

/**
 * One walkout for every state the screens know, in a fixed order, for clients 0, 1, 2… (modulo
 * the number of clients). Every date is relative to `today`; nothing is later than it. Steps
 * marked complete pass the step's completion rules, and every value passes the rules of saving.
 */
export function showcaseWalkouts(clients: readonly Client[], today: Date): ShowcaseWalkout[] {
  const now = today.getTime()
  const ago = (ms: number) => new Date(now - ms)
  const day = (offset: number) => addDays(localDate(today), offset)
  const dayOf = (date: Date, offset = 0) => addDays(localDate(date), offset)
  const after = (from: Date, ms: number) => stamp(new Date(from.getTime() + ms))

  const walkouts: ShowcaseWalkout[] = []
  const add = (
    shows: string,
    left: Date,
    build: (ctx: ShowcaseContext) => {
      status?: IncidentStatus
      finish?: (record: Incident) => Partial<ShowcaseWalkout>
    },
  ) => {
    const index = walkouts.length
    const client = clients[index % clients.length]
    const leftAt = stamp(left)
    let record = newIncident(sampleClientId(index % clients.length), after(left, 5 * MINUTE))
    const agreed = client?.channels[0]?.kind
    const ctx: ShowcaseContext = {
      leftAt,
      channel: agreed ?? 'letter',
      unconsented: agreed ? '' : 'No agreed channel on file: a letter to the address on file.',
      step: (id, values, complete) => {
        record = withStep(record, id, { ...emptyStep(id, leftAt), ...values }, complete)
      },
    }
    const { status, finish } = build(ctx)
    if (status) record = { ...record, status }
    const rest = finish?.(record) ?? {}
    walkouts.push({
      incident: rest.incident ?? record,
      addenda: rest.addenda ?? [],
      beforeReopen: rest.beforeReopen ?? null,
      shows,
    })
  }

  const safetyLow = (leftAt: Timestamp, minutes: number) => ({
    leftAt,
    minutesIntoSession: minutes,
    ruptureType: 'withdrawal' as const,
    beforeNarrative:
      'We were going over the week. The client went quiet, picked up their bag and left without a word.',
    protectiveFactors: ['supportiveRelationships' as const, 'engagedInTreatment' as const],
    riskLevel: 'low' as const,
    rationale: 'No ideation reported this month; left in control, with a friend waiting outside.',
  })
  const wait = (outcome: 'returned' | 'contact-later' | 'no-contact', minutes: number) => ({
    waitedMinutes: minutes,
    outcome,
    notes:
      outcome === 'returned'
        ? 'Came back after a short walk; we finished the session calmly.'
        : 'Waited in the room, then checked the waiting area once.',
  })
  const reflect = {
    preceded: 'I pressed on a topic the client had asked to leave until later.',
    myContribution: 'I missed the signs of overwhelm: shorter answers, looking at the door.',
    triggers: 'Talk of their family’s expectations.',
    ruptureMarkers: 'Arms crossed, long pauses, a change in tone.',
    differently: 'Check in on pacing sooner, and name the shift when I notice it.',
    consultationSought: true,
    consultationNotes: 'Talked it through in peer supervision.',
  }
  const attempt = (
    n: number,
    from: Date,
    afterMs: number,
    outcome: OutreachAttempt['outcome'],
    nextDue: string,
    channel: OutreachAttempt['channel'],
    unconsented: string,
  ): OutreachAttempt => ({
    id: `o-s${walkouts.length}-${n}`,
    at: after(from, afterMs),
    channel,
    unconsentedReason: unconsented,
    summary:
      outcome === 'replied'
        ? 'The client wrote back: they are all right and want to keep coming.'
        : 'Said I was thinking of them, that the door is open, and when I would try again.',
    outcome,
    nextDue,
  })
  const everyStep = (
    ctx: ShowcaseContext,
    left: Date,
    options: { fit?: Partial<StepValues['fit']>; skip?: (keyof StepValues)[] } = {},
  ) => {
    const done = (id: keyof StepValues) => !(options.skip ?? []).includes(id)
    ctx.step('safety', safetyLow(ctx.leftAt, 30), true)
    ctx.step('wait', wait('contact-later', 20), true)
    ctx.step(
      'outreach',
      {
        attempts: [attempt(1, left, DAY, 'replied', '', ctx.channel, ctx.unconsented)],
      },
      true,
    )
    ctx.step('reflect', reflect, true)
    ctx.step(
      'discuss',
      {
        nextSessionDate: dayOf(left, 7),
        pointsToRaise: 'What happened in the room; what the client needed then.',
        questions: 'What would help you stay when it gets hard?',
        status: 'discussed',
        discussed: 'We went through the session together; the client felt rushed.',
        clientAccount: 'It felt like too much at once, and I did not know how to say stop.',
      },
      true,
    )
    if (done('adjust'))
      ctx.step(
        'adjust',
        {
          adjustments: [
            {
              id: `j-s${walkouts.length}-1`,
              kind: 'break-signal',
              detail: 'A raised hand means we pause.',
              rationale: 'Gives the client a way to stop without leaving.',
            },
            {
              id: `j-s${walkouts.length}-2`,
              kind: 'pacing',
              detail: 'One difficult topic per session.',
              rationale: '',
            },
          ],
        },
        true,
      )
    if (done('communicate'))
      ctx.step(
        'communicate',
        {
          agreements: 'Either of us can call a pause; we check in at the end of each session.',
          clientFeedback: 'The client said the check-in helps.',
        },
        true,
      )
    ctx.step(
      'fit',
      { fit: 'good', reasons: 'Engaged, and the repair went well.', ...options.fit },
      true,
    )
  }

  // 0. Just now: high risk, and no safety action recorded yet.
  add('Walked out 40 minutes ago: high risk, no safety action yet', ago(40 * MINUTE), (c) => {
    c.step(
      'safety',
      {
        minutesIntoSession: 22,
        ruptureType: 'confrontation',
        beforeNarrative:
          'Talking about the anniversary of a loss. The client said “this is pointless” and left without their coat.',
        riskIndicators: ['suicidalIdeation'],
        riskLevel: 'high',
        rationale: 'Passive ideation voiced this week; left abruptly and distressed.',
      },
      false,
    )
    return {}
  })

  // 1. Two days ago: moderate risk, nobody reached out yet.
  add('Two days ago: moderate risk, no outreach yet', ago(2 * DAY + 3 * HOUR), (c) => {
    c.step(
      'safety',
      {
        minutesIntoSession: 35,
        ruptureType: 'withdrawal',
        beforeNarrative: 'Near the end, after a question about work. Left quietly.',
        riskIndicators: ['suicidalIdeation'],
        ideationFrequency: 'rare',
        ideationIntensity: 'fleeting',
        firearms: 'no',
        protectiveFactors: ['reasonsForLiving', 'responsibilities'],
        riskLevel: 'moderate',
        rationale: 'Rare fleeting thoughts, no plan, strong reasons for living (two children).',
        actions: [
          {
            id: 'sa-1-1',
            kind: 'crisis-line-info',
            at: after(ago(2 * DAY + 3 * HOUR), 30 * MINUTE),
            detail: 'Sent the crisis line number by the agreed channel.',
          },
        ],
      },
      true,
    )
    c.step('wait', wait('no-contact', 15), true)
    return {}
  })

  // 2. High risk with actions taken; the next attempt to reach out is overdue.
  const left2 = ago(5 * DAY + 2 * HOUR)
  add('High risk, actions taken, outreach overdue, not signed', left2, (c) => {
    c.step(
      'safety',
      {
        minutesIntoSession: 15,
        ruptureType: 'mixed',
        beforeNarrative:
          'The client raised their voice about a letter from their landlord, then left, saying they could not do this any more.',
        riskIndicators: ['suicidalIdeation', 'plan'],
        history: ['self-harm'],
        historyNotes: 'Self-harm in their teens; none in recent years.',
        ideationFrequency: 'frequent',
        ideationIntensity: 'moderate',
        firearms: 'no',
        screening: 'c-ssrs',
        screeningNotes: 'Screened on the phone: ideation with a vague plan, no intent.',
        protectiveFactors: ['supportiveRelationships', 'copingSkills'],
        riskLevel: 'high',
        rationale: 'Frequent ideation with a vague plan after a stressful event; no intent.',
        actions: [
          {
            id: 'sa-2-1',
            kind: 'called-client',
            at: after(left2, 20 * MINUTE),
            detail: 'Reached them on the second call.',
          },
          {
            id: 'sa-2-2',
            kind: 'emergency-contact',
            at: after(left2, 50 * MINUTE),
            detail: 'Their sibling agreed to stay the night.',
          },
          {
            id: 'sa-2-3',
            kind: 'crisis-line-info',
            at: after(left2, 55 * MINUTE),
            detail: 'Crisis line number given and saved in their phone.',
          },
        ],
        safetyPlan: 'reviewed',
        safetyPlanNotes: 'Went over their plan on the phone; warning signs updated.',
      },
      true,
    )
    c.step('wait', wait('contact-later', 25), true)
    c.step(
      'outreach',
      { attempts: [attempt(1, left2, DAY, 'voicemail', day(-2), c.channel, c.unconsented)] },
      true,
    )
    return { status: 'in-follow-up' }
  })

  // 3. The next attempt to reach out is due today.
  const left3 = ago(3 * DAY + 5 * HOUR)
  add('Outreach due today', left3, (c) => {
    c.step('safety', safetyLow(c.leftAt, 40), true)
    c.step('wait', wait('contact-later', 10), true)
    c.step(
      'outreach',
      { attempts: [attempt(1, left3, DAY, 'no-answer', day(0), c.channel, c.unconsented)] },
      true,
    )
    return { status: 'in-follow-up' }
  })

  // 4. The next session is this week; the reflection is written.
  const left4 = ago(9 * DAY)
  add('Next session this week, outreach soon, reflection written', left4, (c) => {
    c.step('safety', safetyLow(c.leftAt, 28), true)
    c.step('wait', wait('contact-later', 20), true)
    c.step(
      'outreach',
      {
        attempts: [
          attempt(1, left4, DAY, 'no-answer', '', c.channel, c.unconsented),
          attempt(2, left4, 2 * DAY, 'replied', day(4), c.channel, c.unconsented),
        ],
      },
      true,
    )
    c.step('reflect', reflect, true)
    c.step(
      'discuss',
      {
        nextSessionDate: day(2),
        pointsToRaise: 'Thank them for coming back. Ask what the moment before leaving was like.',
        questions: 'What did you need from me just then?',
        status: 'planned',
      },
      false,
    )
    return { status: 'in-follow-up' }
  })

  // 5. The session has happened but the conversation is not recorded yet.
  const left5 = ago(16 * DAY)
  add('Session held, conversation not recorded yet', left5, (c) => {
    c.step('safety', { ...safetyLow(c.leftAt, 45), riskLevel: 'none' }, true)
    c.step('wait', wait('returned', 10), true)
    c.step(
      'outreach',
      { attempts: [attempt(1, left5, DAY, 'replied', '', c.channel, c.unconsented)] },
      true,
    )
    c.step('reflect', reflect, true)
    c.step(
      'discuss',
      {
        nextSessionDate: day(-1),
        pointsToRaise: 'Revisit the agreement about breaks.',
        status: 'planned',
      },
      false,
    )
    return { status: 'in-follow-up' }
  })

  // 6. Three attempts without a reply: time to decide about closure.
  const left6 = ago(26 * DAY)
  add('Three attempts without a reply: decide on closure', left6, (c) => {
    c.step('safety', safetyLow(c.leftAt, 20), true)
    c.step('wait', wait('no-contact', 20), true)
    c.step(
      'outreach',
      {
        attempts: [
          attempt(1, left6, DAY, 'no-answer', '', c.channel, c.unconsented),
          attempt(2, left6, 5 * DAY, 'voicemail', '', c.channel, c.unconsented),
          attempt(3, left6, 12 * DAY, 'no-answer', '', c.channel, c.unconsented),
        ],
      },
      true,
    )
    c.step(
      'fit',
      {
        fit: 'uncertain',
        reasons: 'No reply in three weeks; the work may need another setting.',
        referral: 'considered',
      },
      false,
    )
    return { status: 'in-follow-up' }
  })

  // 7. Every step complete, resolved and signed.
  const left7 = ago(45 * DAY)
  add('Every step complete, resolved and signed', left7, (c) => {
    everyStep(c, left7)
    return {
      status: 'resolved',
      finish: (record) => ({
        incident: sign(record, after(left7, 20 * DAY), { clinician: SAMPLE_CLINICIAN }),
      }),
    }
  })

  // 8. Signed, with addenda below it.
  const left8 = ago(130 * DAY)
  add('Signed, with two addenda', left8, (c) => {
    everyStep(c, left8)
    return {
      status: 'resolved',
      finish: (record) => {
        const signed = sign(record, after(left8, 25 * DAY), { clinician: SAMPLE_CLINICIAN })
        return {
          incident: signed,
          addenda: [
            {
              createdAt: after(left8, 28 * DAY),
              text: 'Correction: I waited 30 minutes, not 20, before leaving the room.',
            },
            {
              createdAt: after(left8, 70 * DAY),
              text: 'The client has kept to weekly sessions since; no further walkouts.',
            },
          ],
        }
      },
    }
  })

  // 9. Signed and resolved, then reopened into follow-up.
  const left9 = ago(75 * DAY)
  add('Signed, then reopened into follow-up', left9, (c) => {
    everyStep(c, left9)
    return {
      status: 'resolved',
      finish: (record) => {
        const signed = sign(record, after(left9, 21 * DAY), { clinician: SAMPLE_CLINICIAN })
        return { beforeReopen: signed, incident: withStatus(signed, 'in-follow-up') }
      },
    }
  })

  // 10. Started in error and voided.
  const left10 = ago(12 * DAY)
  add('Voided: started for the wrong client', left10, (c) => {
    c.step('safety', { minutesIntoSession: 30 }, false)
    return {
      finish: (record) => ({
        incident: voidIncident(
          record,
          after(left10, 15 * MINUTE),
          'Started for the wrong client by mistake; the walkout is recorded under the right one.',
        ),
      }),
    }
  })

  // 11. Referred on; signed with two steps unfinished, and the reason why.
  const left11 = ago(220 * DAY)
  add('Referred on, signed early with a reason', left11, (c) => {
    everyStep(c, left11, {
      skip: ['adjust', 'communicate'],
      fit: {
        fit: 'mismatch',
        reasons: 'The client needs trauma-focused work I do not offer.',
        referral: 'made',
        referralTo: 'A trauma-focused colleague (invented: Dr. Jamie Placeholder)',
        referralDate: dayOf(left11, 20),
        warmHandoff: true,
        referralOutcome: 'accepted',
        relationshipEnding: true,
        preterminationContact: true,
        referralOptionsGiven: true,
        interimCrisisResources: true,
        closingLetterSent: true,
        recordsRelease: true,
        connectionConfirmed: true,
      },
    })
    return {
      status: 'resolved',
      finish: (record) => ({
        incident: sign(record, after(left11, 40 * DAY), {
          clinician: SAMPLE_CLINICIAN,
          reason: 'The client moved to another clinician before the approach could be adjusted.',
        }),
      }),
    }
  })

  return walkouts
}
