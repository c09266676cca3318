import { describe, expect, it } from 'vitest'
import type { ChannelKind } from '../../src/renderer/src/domain/client'
import {
  addendumSchema,
  assertEditable,
  canTransition,
  channelConsentProblem,
  completionProblems,
  emptyStep,
  incidentSchema,
  INCIDENT_STATUSES,
  isSigned,
  newIncident,
  nextDue,
  orderAddenda,
  RuleError,
  SIGN_REASON_NEEDED,
  SIGNED_MESSAGE,
  sign,
  voidIncident,
  STEP_IDS,
  stepSchemas,
  withStatus,
  withStep,
  type DiscussStep,
  type FitStep,
  type Incident,
  type IncidentStatus,
  type OutreachAttempt,
  type SafetyAction,
  type SafetyStep,
  type StepId,
} from '../../src/renderer/src/domain/incident'
import type { Timestamp } from '../../src/renderer/src/domain/time'

const at = (utc: string, offsetMinutes = 0): Timestamp => ({ utc, offsetMinutes })
const NOW = at('2026-11-27T14:05:00.000Z', 60)
const LATER = at('2026-11-27T16:30:00.000Z', 60)

const incident = (overrides: Partial<Incident> = {}): Incident => ({
  ...newIncident('client-1', NOW),
  ...overrides,
})
const CLINICIAN = { name: 'Dr. Ana Example', credentials: 'PhD, LP' }
const signed = (): Incident =>
  sign(incident(), LATER, { clinician: CLINICIAN, reason: 'Client did not return.' })

/** The error a call throws; fails the test if it throws nothing. */
function errorFrom(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('Expected the call to throw, but it returned.')
}

const action = (kind: SafetyAction['kind'], detail = 'Done.'): SafetyAction => ({
  id: `action-${kind}`,
  kind,
  at: NOW,
  detail,
})
const safety = (overrides: Partial<SafetyStep> = {}): SafetyStep => ({
  ...emptyStep('safety', NOW),
  riskLevel: 'low',
  rationale: 'Denied ideation, calm on the phone, strong supports.',
  // Asked and answered, so the cases below are about what they name.
  firearms: 'no',
  safetyPlan: 'reviewed',
  ...overrides,
})
const attempt = (
  channel: ChannelKind,
  overrides: Partial<OutreachAttempt> = {},
): OutreachAttempt => ({
  id: `attempt-${channel}`,
  at: NOW,
  channel,
  unconsentedReason: '',
  summary: 'Checked in after the session ended early.',
  outcome: 'voicemail',
  nextDue: '',
  ...overrides,
})
const discuss = (overrides: Partial<DiscussStep> = {}): DiscussStep => ({
  ...emptyStep('discuss', NOW),
  ...overrides,
})
const fit = (overrides: Partial<FitStep> = {}): FitStep => ({
  ...emptyStep('fit', NOW),
  fit: 'uncertain',
  ...overrides,
})

const CONSENT = 'The client did not agree to this channel. Say why it was used.'

describe('empty steps and new incidents', () => {
  it.each(STEP_IDS)('the empty %s step is valid for its schema', (step) => {
    const result = stepSchemas[step].safeParse(emptyStep(step, NOW))
    expect(result.error?.issues).toBeUndefined()
    expect(result.success).toBe(true)
  })

  it('each call gives a fresh empty step, so editing one does not change another', () => {
    const first = emptyStep('outreach', NOW)
    first.attempts.push(attempt('phone-call'))
    expect(emptyStep('outreach', NOW).attempts).toEqual([])
  })

  it('the empty safety step records when the client left', () => {
    expect(emptyStep('safety', LATER).leftAt).toEqual(LATER)
  })

  it('a new incident is open, unsigned, with an empty safety step, and valid', () => {
    const created = newIncident('client-42', NOW)
    expect(created).toEqual({
      clientId: 'client-42',
      createdAt: NOW,
      status: 'open',
      steps: { safety: emptyStep('safety', NOW) },
      completed: [],
      signature: null,
      voided: null,
    })
    expect(incidentSchema.safeParse(created).success).toBe(true)
    expect(isSigned(created)).toBe(false)
  })

  it.each<[string, Partial<Incident> | Record<string, unknown>]>([
    ['an empty client id', { clientId: '' }],
    ['an unknown status', { status: 'closed' }],
    ['an unknown completed step', { completed: ['safety', 'celebrate'] }],
    ['a created time that is not a date', { createdAt: at('yesterday') }],
    ['a signature without a time', { signature: {} }],
  ])('the incident schema refuses %s', (_what, overrides) => {
    expect(incidentSchema.safeParse({ ...incident(), ...overrides }).success).toBe(false)
  })
})

describe('step schemas', () => {
  const wait = emptyStep('wait', NOW)
  const reflect = emptyStep('reflect', NOW)
  it.each<[string, StepId, unknown]>([
    ['0 minutes waited', 'wait', { ...wait, waitedMinutes: 0 }],
    ['a full day waited', 'wait', { ...wait, waitedMinutes: 24 * 60 }],
    ['20,000 characters of reflection', 'reflect', { ...reflect, preceded: 'x'.repeat(20_000) }],
    ['an attempt with no next date', 'outreach', { attempts: [attempt('email')] }],
    [
      'an attempt with a next date',
      'outreach',
      { attempts: [attempt('email', { nextDue: '2028-02-29' })] },
    ],
    ['a planned next session date', 'discuss', discuss({ nextSessionDate: '2026-12-04' })],
  ])('accepts %s', (_what, step, values) => {
    expect(stepSchemas[step].safeParse(values).success).toBe(true)
  })

  it.each<[string, StepId, unknown, string]>([
    ['negative minutes', 'wait', { ...wait, waitedMinutes: -1 }, 'Minutes cannot be negative.'],
    ['part minutes', 'wait', { ...wait, waitedMinutes: 2.5 }, 'Enter whole minutes.'],
    [
      'more than a day',
      'wait',
      { ...wait, waitedMinutes: 24 * 60 + 1 },
      'That is more than a day.',
    ],
    ['minutes as words', 'wait', { ...wait, waitedMinutes: 'ten' }, 'Enter a number of minutes.'],
    [
      'minutes into the session below zero',
      'safety',
      safety({ minutesIntoSession: -5 }),
      'Minutes cannot be negative.',
    ],
    [
      'a leaving time that is not a time',
      'safety',
      safety({ leftAt: at('after lunch') }),
      'Enter a valid date and time.',
    ],
    [
      'over-long reflection',
      'reflect',
      { ...reflect, preceded: 'x'.repeat(20_001) },
      'This is limited to 20,000 characters.',
    ],
    [
      'over-long other risk indicators',
      'safety',
      safety({ riskIndicatorsOther: 'x'.repeat(501) }),
      'This is limited to 500 characters.',
    ],
    [
      'an unknown outreach channel',
      'outreach',
      { attempts: [{ ...attempt('email'), channel: 'fax' }] },
      'Choose the channel used.',
    ],
    [
      'an unknown outreach outcome',
      'outreach',
      { attempts: [{ ...attempt('email'), outcome: 'ghosted' }] },
      'Choose the outcome.',
    ],
    [
      'an impossible next date',
      'outreach',
      { attempts: [attempt('email', { nextDue: '2026-02-30' })] },
      'Enter a valid date.',
    ],
  ])('refuses %s, in words', (_what, step, values, message) => {
    const result = stepSchemas[step].safeParse(values)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message)
  })

  it('refuses an unknown discussion status', () => {
    expect(stepSchemas.discuss.safeParse({ ...discuss(), status: 'maybe' }).success).toBe(false)
  })
})

describe('status transitions', () => {
  const allowed: [IncidentStatus, IncidentStatus][] = [
    ['open', 'in-follow-up'],
    ['in-follow-up', 'resolved'],
    // Reopening a resolved walkout.
    ['resolved', 'in-follow-up'],
  ]
  const pairs = INCIDENT_STATUSES.flatMap((from) =>
    INCIDENT_STATUSES.map((to): [IncidentStatus, IncidentStatus, boolean] => [
      from,
      to,
      allowed.some(([a, b]) => a === from && b === to),
    ]),
  )
  const refused = pairs.filter(([, , ok]) => !ok).map(([from, to]) => [from, to] as const)

  it('has exactly three allowed moves among the nine pairs', () => {
    expect(pairs).toHaveLength(9)
    expect(pairs.filter(([, , ok]) => ok)).toHaveLength(3)
  })

  it.each(pairs)('%s -> %s allowed: %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok)
  })

  it.each(allowed)('withStatus moves %s -> %s without changing the original', (from, to) => {
    const before = incident({ status: from })
    const after = withStatus(before, to)
    expect(after.status).toBe(to)
    expect(after).toEqual({ ...before, status: to })
    expect(before.status).toBe(from)
  })

  it.each(refused)('withStatus refuses %s -> %s with a RuleError in words', (from, to) => {
    const error = errorFrom(() => withStatus(incident({ status: from }), to))
    expect(error).toBeInstanceOf(RuleError)
    expect(error.name).toBe('RuleError')
    expect(error.message).toMatch(/^An incident that is .+ cannot move to .+\.$/)
  })

  it('names both statuses when refusing', () => {
    expect(errorFrom(() => withStatus(incident(), 'resolved')).message).toBe(
      'An incident that is open cannot move to resolved.',
    )
    expect(errorFrom(() => withStatus(incident({ status: 'resolved' }), 'open')).message).toBe(
      'An incident that is resolved cannot move to open.',
    )
    expect(
      errorFrom(() => withStatus(incident({ status: 'in-follow-up' }), 'in-follow-up')).message,
    ).toBe('An incident that is in follow-up cannot move to in follow-up.')
  })

  it('walks the whole path one step at a time', () => {
    const resolved = withStatus(withStatus(incident(), 'in-follow-up'), 'resolved')
    expect(resolved.status).toBe('resolved')
    expect(incidentSchema.safeParse(resolved).success).toBe(true)
  })
})

describe('signing', () => {
  it('sign adds the time, the clinician, and the unfinished steps with the reason', () => {
    const before = incident()
    const after = sign(before, LATER, { clinician: CLINICIAN, reason: ' Client did not return. ' })
    expect(after.signature).toEqual({
      signedAt: LATER,
      clinician: CLINICIAN,
      unfinished: STEP_IDS.filter((s) => s !== 'safety' || !before.completed.includes(s)),
      reason: 'Client did not return.',
    })
    expect(isSigned(after)).toBe(true)
    expect(before.signature).toBeNull()
    expect(isSigned(before)).toBe(false)
    expect(incidentSchema.safeParse(after).success).toBe(true)
  })

  it('refuses to sign with steps unfinished unless a reason is given, in words', () => {
    const error = errorFrom(() => sign(incident(), LATER, { clinician: CLINICIAN, reason: '  ' }))
    expect(error).toBeInstanceOf(RuleError)
    expect(error.message).toBe(SIGN_REASON_NEEDED)
  })

  it('a record with every step complete signs without a reason', () => {
    const complete = incident({ completed: [...STEP_IDS] })
    expect(sign(complete, LATER, { clinician: null }).signature).toEqual({
      signedAt: LATER,
      clinician: null,
      unfinished: [],
      reason: '',
    })
  })

  it('an unsigned incident is editable', () => {
    expect(() => assertEditable(incident())).not.toThrow()
  })

  it.each<[string, (signedIncident: Incident) => unknown]>([
    ['assertEditable', (i) => assertEditable(i)],
    ['sign (again)', (i) => sign(i, at('2026-11-28T09:00:00.000Z'))],
    ['withStep (save)', (i) => withStep(i, 'wait', emptyStep('wait', NOW), false)],
    ['withStep (complete)', (i) => withStep(i, 'safety', safety(), true)],
  ])('%s refuses a signed incident: corrections are addenda', (_what, run) => {
    const target = signed()
    const copy = structuredClone(target)
    const error = errorFrom(() => run(target))
    expect(error).toBeInstanceOf(RuleError)
    expect(error.message).toBe(SIGNED_MESSAGE)
    expect(target).toEqual(copy)
  })

  it('a voided record is not signed; a signed record is not voided (it is corrected by an addendum)', () => {
    const voided = voidIncident(incident(), LATER, 'Started on the wrong client.')
    expect(voided.voided).toEqual({ at: LATER, reason: 'Started on the wrong client.' })
    expect(errorFrom(() => sign(voided, LATER, { clinician: null, reason: 'x' })).message).toBe(
      'This record was voided; it cannot be signed.',
    )
    expect(errorFrom(() => voidIncident(signed(), LATER, 'Oops')).message).toBe(
      'A signed record cannot be voided. Correct it with an addendum instead.',
    )
    expect(errorFrom(() => voidIncident(incident(), LATER, '   ')).message).toBe(
      'Say why this record is voided.',
    )
  })

  it('status is workflow, not documentation: a signed incident still moves forward, content untouched', () => {
    const target = signed()
    const moved = withStatus(target, 'in-follow-up')
    expect(moved.status).toBe('in-follow-up')
    expect({ ...moved, status: target.status }).toEqual(target)
    expect(() => withStatus(moved, 'open')).toThrow(RuleError)
  })
})

describe('saving steps', () => {
  it('stores the values and leaves the original untouched', () => {
    const before = incident()
    const values = safety({ riskLevel: 'moderate' })
    const after = withStep(before, 'safety', values, false)
    expect(after.steps.safety).toEqual(values)
    expect(before.steps.safety).toEqual(emptyStep('safety', NOW))
    expect(after.completed).toEqual([])
  })

  it('keeps the other steps when one is saved', () => {
    const withWait = withStep(incident(), 'wait', { ...emptyStep('wait', NOW), notes: 'W' }, true)
    const after = withStep(withWait, 'reflect', emptyStep('reflect', NOW), false)
    expect(after.steps.wait?.notes).toBe('W')
    expect(after.steps.safety).toEqual(emptyStep('safety', NOW))
    expect(after.completed).toEqual(['wait'])
  })

  it('lists completed steps once each, in protocol order, whatever order they were done in', () => {
    let current = incident()
    for (const step of ['fit', 'safety', 'outreach', 'safety', 'wait'] as const) {
      current = withStep(current, step, emptyStep(step, NOW), true)
    }
    expect(current.completed).toEqual(['safety', 'wait', 'outreach', 'fit'])
  })

  it('saving a completed step as not complete takes it off the list', () => {
    const done = withStep(incident(), 'safety', safety(), true)
    expect(done.completed).toEqual(['safety'])
    const reopened = withStep(done, 'safety', safety(), false)
    expect(reopened.completed).toEqual([])
    expect(done.completed).toEqual(['safety'])
  })
})

describe('addenda', () => {
  const addendum = (utc: string, text: string, offsetMinutes = 0) => ({
    incidentId: 'incident-1',
    createdAt: at(utc, offsetMinutes),
    text,
  })

  it('reads oldest first without changing the given list', () => {
    const second = addendum('2026-11-28T09:00:00.000Z', 'second')
    const first = addendum('2026-11-27T18:00:00.000Z', 'first')
    const third = addendum('2027-01-02T08:00:00.000Z', 'third')
    const given = [second, third, first]
    expect(orderAddenda(given).map((a) => a.text)).toEqual(['first', 'second', 'third'])
    expect(given.map((a) => a.text)).toEqual(['second', 'third', 'first'])
  })

  it('orders by the instant, not by the local clock time written', () => {
    // 10:00 UTC is 20:00 in Sydney; 11:00 UTC is 06:00 in New York.
    const sydney = addendum('2026-11-27T10:00:00.000Z', 'sydney', 600)
    const newYork = addendum('2026-11-27T11:00:00.000Z', 'new york', -300)
    expect(orderAddenda([newYork, sydney]).map((a) => a.text)).toEqual(['sydney', 'new york'])
  })

  it('orders by instant even when one time carries milliseconds and the other does not', () => {
    const later = {
      text: 'later',
      createdAt: { utc: '2026-01-01T10:00:00.500Z', offsetMinutes: 0 },
    }
    const earlier = {
      text: 'earlier',
      createdAt: { utc: '2026-01-01T10:00:00Z', offsetMinutes: 0 },
    }
    expect(orderAddenda([later, earlier]).map((a) => a.text)).toEqual(['earlier', 'later'])
  })

  it('never merges: identical texts and identical times are all kept, in the order given', () => {
    const a = addendum('2026-11-27T10:00:00.000Z', 'same')
    const b = addendum('2026-11-27T10:00:00.000Z', 'same')
    const c = addendum('2026-11-27T09:00:00.000Z', 'same')
    const ordered = orderAddenda([a, b, c])
    expect(ordered).toHaveLength(3)
    expect(ordered[0]).toBe(c)
    expect(ordered[1]).toBe(a)
    expect(ordered[2]).toBe(b)
  })

  it('an empty list stays empty', () => {
    expect(orderAddenda([])).toEqual([])
  })

  it('the addendum schema trims and accepts text', () => {
    const result = addendumSchema.safeParse(addendum(NOW.utc, '  Client called back.  '))
    expect(result.data?.text).toBe('Client called back.')
  })

  it.each([
    ['', 'Write the addendum.'],
    ['  \n\t ', 'Write the addendum.'],
    ['x'.repeat(20_001), 'An addendum is limited to 20,000 characters.'],
  ])('the addendum schema refuses %j in words', (text, message) => {
    const result = addendumSchema.safeParse(addendum(NOW.utc, text))
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe(message)
  })
})

describe('channel consent', () => {
  const agreed = [{ kind: 'phone-call' as const }, { kind: 'email' as const }]
  it.each<[string, ChannelKind, string, readonly { kind: ChannelKind }[], string | null]>([
    ['an agreed channel', 'phone-call', '', agreed, null],
    ['another agreed channel', 'email', '', agreed, null],
    ['an agreed channel, with a reason anyway', 'email', 'habit', agreed, null],
    ['an unagreed channel with a reason', 'text', 'Phone line was dead.', agreed, null],
    ['an unagreed channel without a reason', 'text', '', agreed, CONSENT],
    ['an unagreed channel with only spaces as a reason', 'letter', '   \n', agreed, CONSENT],
    ['any channel when nothing was agreed', 'phone-call', '', [], CONSENT],
    [
      'any channel when nothing was agreed, with a reason',
      'phone-call',
      'Risk was high.',
      [],
      null,
    ],
  ])('%s', (_what, channel, reason, agreedChannels, problem) => {
    expect(channelConsentProblem(channel, reason, agreedChannels)).toBe(problem)
  })
})

describe('what stops a step from being completed', () => {
  describe('safety', () => {
    const HIGH =
      'The risk is high: record the action taken (emergency services, emergency contact or crisis line).'
    it.each<[string, SafetyStep, string[]]>([
      ['a level with its rationale', safety(), []],
      ['no level', safety({ riskLevel: null }), ['Choose a risk level.']],
      [
        'no rationale',
        safety({ riskLevel: 'none', rationale: '  ' }),
        ['Give the rationale for the risk level.'],
      ],
      [
        'nothing at all',
        emptyStep('safety', NOW),
        ['Choose a risk level.', 'Give the rationale for the risk level.'],
      ],
      ['moderate risk and no action', safety({ riskLevel: 'moderate' }), []],
      ['high risk and no action', safety({ riskLevel: 'high' }), [HIGH]],
      ['imminent risk and no action', safety({ riskLevel: 'imminent' }), [HIGH]],
      [
        'high risk and only "none needed"',
        safety({ riskLevel: 'high', actions: [action('none-needed', 'Plan in place.')] }),
        [HIGH],
      ],
      [
        'imminent risk and emergency services called',
        safety({ riskLevel: 'imminent', actions: [action('emergency-services')] }),
        [],
      ],
      [
        'high risk and the emergency contact reached',
        safety({ riskLevel: 'high', actions: [action('emergency-contact')] }),
        [],
      ],
      [
        'high risk and crisis line information given',
        safety({ riskLevel: 'high', actions: [action('crisis-line-info')] }),
        [],
      ],
      [
        'high risk and another action besides "none needed"',
        safety({ riskLevel: 'high', actions: [action('none-needed', 'x'), action('other')] }),
        [],
      ],
      [
        '"none needed" with a reason',
        safety({ riskLevel: 'low', actions: [action('none-needed', 'Safe, with partner.')] }),
        [],
      ],
      [
        '"none needed" without a reason',
        safety({ riskLevel: 'low', actions: [action('none-needed', ' ')] }),
        ['Say why no action was needed.'],
      ],
      [
        'two "none needed" without reasons (said once)',
        safety({ actions: [action('none-needed', ''), action('none-needed', '')] }),
        ['Say why no action was needed.'],
      ],
      [
        'imminent risk, only an unexplained "none needed"',
        safety({ riskLevel: 'imminent', actions: [action('none-needed', '')] }),
        [HIGH, 'Say why no action was needed.'],
      ],
      [
        'moderate risk, access to firearms not asked',
        safety({ riskLevel: 'moderate', firearms: 'not-asked' }),
        ['The risk is moderate or higher: record whether the client has access to firearms.'],
      ],
      [
        'moderate risk, firearms declined to say (asked, and answered)',
        safety({ riskLevel: 'moderate', firearms: 'declined' }),
        [],
      ],
      ['low risk, firearms not asked', safety({ riskLevel: 'low', firearms: 'not-asked' }), []],
      [
        'high risk, no safety plan addressed',
        safety({
          riskLevel: 'high',
          actions: [action('welfare-check')],
          safetyPlan: 'not-addressed',
        }),
        ['The risk is high: record whether a safety plan was reviewed or made.'],
      ],
      [
        'high risk, the client declined a safety plan (addressed)',
        safety({ riskLevel: 'high', actions: [action('called-client')], safetyPlan: 'declined' }),
        [],
      ],
      [
        'moderate risk, no safety plan (not needed below high)',
        safety({ riskLevel: 'moderate', safetyPlan: 'not-addressed' }),
        [],
      ],
    ])('%s', (_what, values, problems) => {
      expect(completionProblems('safety', values)).toEqual(problems)
    })
  })

  describe('wait', () => {
    it('needs the outcome of waiting', () => {
      expect(completionProblems('wait', emptyStep('wait', NOW))).toEqual([
        'Choose the outcome of waiting.',
      ])
    })
    it.each(['returned', 'contact-later', 'no-contact'] as const)('is complete with %s', (o) => {
      expect(completionProblems('wait', { ...emptyStep('wait', NOW), outcome: o })).toEqual([])
    })
  })

  describe('outreach', () => {
    const agreed = [{ kind: 'phone-call' as const }]
    it.each<[string, OutreachAttempt[], readonly { kind: ChannelKind }[], string[]]>([
      ['no attempt', [], agreed, ['Log at least one attempt to reach the client.']],
      ['an attempt on an agreed channel', [attempt('phone-call')], agreed, []],
      ['an attempt on an unagreed channel', [attempt('text')], agreed, [CONSENT]],
      [
        'an attempt on an unagreed channel, with the reason',
        [attempt('text', { unconsentedReason: 'No answer by phone; risk moderate.' })],
        agreed,
        [],
      ],
      [
        'one good attempt and one unexplained',
        [attempt('phone-call'), attempt('email')],
        agreed,
        [CONSENT],
      ],
      [
        'two unexplained attempts (said once)',
        [attempt('email'), attempt('text')],
        agreed,
        [CONSENT],
      ],
      ['an attempt when no channel was agreed', [attempt('phone-call')], [], [CONSENT]],
    ])('%s', (_what, attempts, agreedChannels, problems) => {
      expect(completionProblems('outreach', { attempts }, agreedChannels)).toEqual(problems)
    })

    it('treats every channel as unagreed when no agreed channels are given', () => {
      expect(completionProblems('outreach', { attempts: [attempt('phone-call')] })).toEqual([
        CONSENT,
      ])
    })
  })

  describe('discuss', () => {
    it.each<[string, DiscussStep, string[]]>([
      [
        'still planned',
        discuss({ pointsToRaise: 'The walkout.' }),
        ['Mark the conversation as discussed once it has happened.'],
      ],
      ['discussed, with notes', discuss({ status: 'discussed', discussed: 'We talked.' }), []],
      [
        'discussed, without notes',
        discuss({ status: 'discussed', discussed: ' \n ' }),
        ['Note what was discussed.'],
      ],
    ])('%s', (_what, values, problems) => {
      expect(completionProblems('discuss', values)).toEqual(problems)
    })
  })

  describe('fit', () => {
    const ENDING = 'The relationship is ending: complete the non-abandonment checklist.'
    const checklist = {
      relationshipEnding: true,
      preterminationContact: true,
      referralOptionsGiven: true,
      interimCrisisResources: true,
      closingLetterSent: true,
    }
    it.each<[string, FitStep, string[]]>([
      ['a fit choice', fit(), []],
      ['no fit choice', fit({ fit: null }), ['Choose how the therapeutic fit looks.']],
      ['a referral considered, to no one yet', fit({ referral: 'considered' }), []],
      ['a referral made, to someone', fit({ referral: 'made', referralTo: 'Dr. Okafor' }), []],
      [
        'a referral made, to no one',
        fit({ referral: 'made', referralTo: '   ' }),
        ['Say to whom the client was referred.'],
      ],
      ['an ending with the full checklist', fit({ fit: 'mismatch', ...checklist }), []],
      [
        'an ending without pre-termination contact',
        fit({ ...checklist, preterminationContact: false }),
        [ENDING],
      ],
      [
        'an ending without referral options',
        fit({ ...checklist, referralOptionsGiven: false }),
        [ENDING],
      ],
      [
        'an ending without a closing letter',
        fit({ ...checklist, closingLetterSent: false }),
        [ENDING],
      ],
      [
        'an ending without interim crisis resources',
        fit({ ...checklist, interimCrisisResources: false }),
        [ENDING],
      ],
      [
        'an ending whose records release and connection are still pending (not required)',
        fit({ ...checklist, recordsRelease: false, connectionConfirmed: false }),
        [],
      ],
      ['an ending with nothing done', fit({ relationshipEnding: true }), [ENDING]],
      [
        'everything missing',
        fit({ fit: null, referral: 'made', relationshipEnding: true }),
        ['Choose how the therapeutic fit looks.', 'Say to whom the client was referred.', ENDING],
      ],
    ])('%s', (_what, values, problems) => {
      expect(completionProblems('fit', values)).toEqual(problems)
    })
  })

  it.each(['reflect', 'adjust', 'communicate'] as const)(
    'the %s step can be completed empty',
    (step) => {
      expect(completionProblems(step, emptyStep(step, NOW))).toEqual([])
    },
  )
})

describe('next due date', () => {
  const steps = (attemptDates: string[], talk?: DiscussStep): Incident['steps'] => ({
    outreach: {
      attempts: attemptDates.map((nextDue, i) => attempt('phone-call', { id: `a${i}`, nextDue })),
    },
    ...(talk ? { discuss: talk } : {}),
  })

  it.each<[string, Incident['steps'], string]>([
    ['nothing scheduled', {}, ''],
    ['only empty dates', steps(['', ''], discuss({ nextSessionDate: '' })), ''],
    ['one attempt date', steps(['2026-12-01']), '2026-12-01'],
    [
      'the earliest attempt date',
      steps(['2026-12-10', '', '2026-12-05', '2026-12-07']),
      '2026-12-05',
    ],
    ['across months', steps(['2026-10-01', '2026-09-30']), '2026-09-30'],
    ['across years', steps(['2027-01-01', '2026-12-31']), '2026-12-31'],
    [
      'a planned session before the next attempt',
      steps(['2026-12-05'], discuss({ nextSessionDate: '2026-12-01' })),
      '2026-12-01',
    ],
    [
      'an attempt before the planned session',
      steps(['2026-12-05'], discuss({ nextSessionDate: '2026-12-09' })),
      '2026-12-05',
    ],
    [
      'only a planned session',
      { discuss: discuss({ nextSessionDate: '2026-12-04' }) },
      '2026-12-04',
    ],
    [
      'a session already discussed (its date no longer due)',
      steps(['2026-12-05'], discuss({ nextSessionDate: '2026-12-01', status: 'discussed' })),
      '2026-12-05',
    ],
  ])('%s', (_what, incidentSteps, due) => {
    expect(nextDue({ status: 'open', steps: incidentSteps })).toBe(due)
    expect(nextDue({ status: 'in-follow-up', steps: incidentSteps })).toBe(due)
  })

  it('a resolved incident is due never', () => {
    const incidentSteps = steps(['2026-12-05'], discuss({ nextSessionDate: '2026-12-01' }))
    expect(nextDue({ status: 'open', steps: incidentSteps })).toBe('2026-12-01')
    expect(nextDue({ status: 'resolved', steps: incidentSteps })).toBe('')
  })

  it('does not reorder the attempts it reads', () => {
    const incidentSteps = steps(['2026-12-10', '2026-12-05'])
    nextDue({ status: 'open', steps: incidentSteps })
    expect(incidentSteps.outreach?.attempts.map((a) => a.nextDue)).toEqual([
      '2026-12-10',
      '2026-12-05',
    ])
  })
})
