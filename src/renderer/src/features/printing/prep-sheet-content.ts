import { deriveInitials, type Client } from '../../domain/client'
import { formatDay } from '../../domain/format'
import {
  isHighRisk,
  stepOf,
  walkoutMoment,
  type DocumentField,
  type Incident,
  type StepId,
  type StepValues,
} from '../../domain/incident'
import { compareIso, localDate, type Timestamp } from '../../domain/time'

/**
 * What the session-prep sheet says, in words, before any layout: a selection of the walkout
 * record made from each step's own document lines (the chart copy and the signed view use the
 * same lines), grouped by topic. Pure: no React, no DOM.
 */

/** One line of a section. Only `text` is ever shortened to fit the page. */
export interface SheetBlock {
  label: string | null
  text: string
  /** An item of a list (an action, an attempt, an adjustment). */
  bullet?: boolean
  /** Said with weight (a high or imminent risk level). */
  strong?: boolean
  /** A placeholder such as "Nothing recorded." */
  muted?: boolean
}

/** One walkout's lines in a section. */
export interface SheetGroup {
  /** With several walkouts: the date of this one ("Mar 3, 2026"), beside its lines. */
  heading: string | null
  blocks: SheetBlock[]
}

export interface SheetSection {
  id: string
  title: string
  /** A label beside the title ("Psychotherapy note"). */
  note?: string
  groups: SheetGroup[]
  /** At most this many lines per block, whatever room is left ("what happened": three). */
  maxLinesPerBlock?: number
}

export interface PrepSheetContent {
  /** Initials by default; the full name only when asked for this print. */
  who: string
  walkoutDates: string[]
  nextSession: string
  sections: SheetSection[]
  walkoutCount: number
}

export interface SheetWalkout {
  id: string
  incident: Incident
}

export interface PrepSheetInput {
  client: Pick<Client, 'displayName' | 'initials'> | null
  walkouts: readonly SheetWalkout[]
  showFullName: boolean
  includeReflection: boolean
  /** Today, YYYY-MM-DD (local): which "next session" date is still ahead. */
  today: string
}

/** The labels of the document lines the sheet reads (a unit test checks each one exists). */
export const SHEET_LABELS = {
  safety: {
    minutes: 'Minutes into the session',
    rupture: 'Rupture type',
    before: 'What happened just before',
    level: 'Risk level',
    actions: 'Actions taken',
  },
  wait: { outcome: 'Outcome' },
  outreach: { attempts: 'Attempts' },
  discuss: { points: 'Points to raise', questions: 'Questions to explore' },
  adjust: { adjustments: 'Adjustments' },
  communicate: { agreements: 'Agreements made with the client', feedback: 'The client’s feedback' },
  fit: {
    fit: 'Therapeutic fit',
    reasons: 'Reasons',
    referral: 'Referral',
    referredTo: 'Referred to',
    referralStatus: 'Referral status',
    ending: 'The therapeutic relationship is ending',
  },
} as const

export const NOTHING_RECORDED = 'Nothing recorded.'

/** A step's document lines, or none when the step was never opened. */
export function documentOf<K extends StepId>(incident: Incident, step: K): DocumentField[] {
  const values = incident.steps[step] as StepValues[K] | undefined
  return values === undefined ? [] : stepOf(step).document(values)
}

function field(lines: DocumentField[], label: string): DocumentField | undefined {
  return lines.find((line) => line.label === label)
}

const textOf = (lines: DocumentField[], label: string): string =>
  field(lines, label)?.text.trim() ?? ''

/** A local calendar day from a stored moment ("3 Mar 2026"). */
export function dayOf(moment: Timestamp | null | undefined): string {
  if (!moment) return ''
  const date = new Date(moment.utc)
  return Number.isNaN(date.getTime()) ? '' : formatDay(localDate(date))
}

/**
 * The next session among the dates the walkouts planned: the earliest one from today on; if all
 * are past, the latest of them (still the best the record knows). '' when none is set.
 */
export function nextSessionOf(dates: readonly string[], today: string): string {
  const set = [...new Set(dates.filter((d) => d !== ''))].sort()
  return set.find((d) => d >= today) ?? set.at(-1) ?? ''
}

/** Labelled lines, skipping those with nothing recorded. */
function labelled(lines: DocumentField[], labels: readonly string[]): SheetBlock[] {
  return labels.flatMap((label) => {
    const text = textOf(lines, label)
    return text ? [{ label, text }] : []
  })
}

/** A list line's items as bullets, or its text ("None logged") when it has none. */
function listed(lines: DocumentField[], label: string): SheetBlock[] {
  const line = field(lines, label)
  if (!line) return []
  const items = (line.items ?? []).map((item) => item.trim()).filter(Boolean)
  if (items.length > 0) return items.map((text) => ({ label: null, text, bullet: true }))
  return line.text.trim() ? [{ label: null, text: line.text.trim(), muted: true }] : []
}

function whatHappened(incident: Incident): SheetBlock[] {
  const safety = documentOf(incident, 'safety')
  const wait = documentOf(incident, 'wait')
  const minutes = textOf(safety, SHEET_LABELS.safety.minutes)
  const rupture = textOf(safety, SHEET_LABELS.safety.rupture)
  const before = textOf(safety, SHEET_LABELS.safety.before)
  const outcome = textOf(wait, SHEET_LABELS.wait.outcome)
  const text = [
    minutes ? `Left ${minutes} minutes into the session.` : 'Left the session.',
    rupture ? `${rupture}.` : '',
    before,
    outcome ? `Afterwards: ${outcome.toLowerCase()}.` : '',
  ]
    .filter(Boolean)
    .join(' ')
  return [{ label: null, text }]
}

function safetyNow(incident: Incident): SheetBlock[] {
  const values = incident.steps.safety
  if (!values) return []
  const lines = documentOf(incident, 'safety')
  const level = textOf(lines, SHEET_LABELS.safety.level) || 'Not yet assessed'
  const assessed = dayOf(values.leftAt ?? incident.createdAt)
  return [
    {
      label: SHEET_LABELS.safety.level,
      text: assessed ? `${level}, assessed at the walkout on ${assessed}` : level,
      strong: isHighRisk(values.riskLevel),
    },
    ...listed(lines, SHEET_LABELS.safety.actions),
  ]
}

function fitAndReferral(incident: Incident): SheetBlock[] {
  const values = incident.steps.fit
  if (!values) return []
  const lines = documentOf(incident, 'fit')
  const { fit, reasons, referral, referredTo, referralStatus, ending } = SHEET_LABELS.fit
  return labelled(lines, [
    fit,
    reasons,
    ...(values.referral === 'not-considered' ? [] : [referral, referredTo, referralStatus]),
    ...(values.relationshipEnding ? [ending] : []),
  ])
}

function reflection(incident: Incident): SheetBlock[] {
  return documentOf(incident, 'reflect').flatMap((line) =>
    line.text.trim() ? [{ label: line.label, text: line.text.trim() }] : [],
  )
}

/**
 * One section over every walkout: each walkout's lines are a group of their own (headed by its
 * date when there are several), so each keeps its share of the page.
 */
function section(
  walkouts: readonly SheetWalkout[],
  base: Omit<SheetSection, 'groups'>,
  blocksOf: (incident: Incident) => SheetBlock[],
): SheetSection {
  const several = walkouts.length > 1
  const groups = walkouts.flatMap(({ incident }) => {
    const blocks = blocksOf(incident)
    if (blocks.length === 0) return []
    return [{ heading: several ? dayOf(walkoutMoment(incident)) : null, blocks }]
  })
  return {
    ...base,
    groups:
      groups.length > 0
        ? groups
        : [{ heading: null, blocks: [{ label: null, text: NOTHING_RECORDED, muted: true }] }],
  }
}

/** The sheet's content for one walkout or several (the open walkouts of one client). */
export function buildPrepSheet(input: PrepSheetInput): PrepSheetContent {
  const walkouts = [...input.walkouts].sort((a, b) =>
    compareIso(walkoutMoment(a.incident).utc, walkoutMoment(b.incident).utc),
  )
  const client = input.client
  const who = !client
    ? 'Client'
    : input.showFullName
      ? client.displayName
      : client.initials.trim() || deriveInitials(client.displayName) || 'Client'
  const next = nextSessionOf(
    walkouts.map(({ incident }) => incident.steps.discuss?.nextSessionDate ?? ''),
    input.today,
  )
  const sections: SheetSection[] = [
    section(walkouts, { id: 'what', title: 'What happened', maxLinesPerBlock: 3 }, whatHappened),
    section(walkouts, { id: 'safety', title: 'Safety now' }, safetyNow),
    section(walkouts, { id: 'outreach', title: 'Outreach and the client’s replies' }, (i) =>
      listed(documentOf(i, 'outreach'), SHEET_LABELS.outreach.attempts),
    ),
    section(walkouts, { id: 'discuss', title: 'Points to raise and open questions' }, (i) =>
      labelled(documentOf(i, 'discuss'), [
        SHEET_LABELS.discuss.points,
        SHEET_LABELS.discuss.questions,
      ]),
    ),
    section(walkouts, { id: 'adjust', title: 'Planned adjustments' }, (i) =>
      listed(documentOf(i, 'adjust'), SHEET_LABELS.adjust.adjustments),
    ),
    section(walkouts, { id: 'communicate', title: 'Agreements about open communication' }, (i) =>
      labelled(documentOf(i, 'communicate'), [
        SHEET_LABELS.communicate.agreements,
        SHEET_LABELS.communicate.feedback,
      ]),
    ),
    section(walkouts, { id: 'fit', title: 'Fit and referral' }, fitAndReferral),
    ...(input.includeReflection
      ? [
          section(
            walkouts,
            { id: 'reflect', title: 'My reflection', note: 'Psychotherapy note' },
            reflection,
          ),
        ]
      : []),
  ]
  return {
    who,
    walkoutDates: walkouts.map(({ incident }) => dayOf(walkoutMoment(incident))),
    nextSession: next ? formatDay(next) : '',
    sections,
    walkoutCount: walkouts.length,
  }
}
