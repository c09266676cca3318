import { VaultError } from '../crypto/errors'
import { clientSaveProblems, type Client } from '../domain/client'
import { newId } from '../domain/ids'
import {
  assertEditable,
  completionProblems,
  INCIDENT_STATUS_WORDS,
  newIncident,
  RuleError,
  saveProblems,
  sign,
  STEP_TITLES,
  stepOf,
  voidIncident,
  walkoutMoment,
  withStatus,
  withStep,
  type Addendum,
  type Incident,
  type IncidentStatus,
  type Signature,
  type StepId,
  type StepValues,
} from '../domain/incident'
import { stamp } from '../domain/time'
import { integrityAckCodec } from './codecs'
import type { IncidentRow } from './db'
import { fingerprint, rowsToRebind, summarizeFindings, type IntegrityFinding } from './integrity'
import { SEALED } from './keys'
import { RecordStore } from './records'
import { put, unchanged, withRetry, type VaultSession } from './session'

/** Client and incident operations: each change lands together with its audit entry, or not at all. */

/** Dates in the future are refused before anything is written. */
function checkClient(client: Client): void {
  const refused = clientSaveProblems(client, new Date())
  if (refused.length > 0) throw new RuleError(refused.map((p) => p.message).join(' '))
}

export async function createClient(session: VaultSession, client: Client): Promise<string> {
  checkClient(client)
  const id = newId()
  await withRetry(() =>
    session.commit({
      changes: [put(session.clients, id, client)],
      audit: { action: 'create', target: 'client', targetId: id, detail: '' },
    }),
  )
  return id
}

export async function updateClient(
  session: VaultSession,
  id: string,
  client: Client,
): Promise<void> {
  checkClient(client)
  await withRetry(async () => {
    const row = await session.clients.table.get(id)
    if (!row) throw new RuleError('This client no longer exists.')
    await session.commit({
      changes: [put(session.clients, id, client)],
      audit: { action: 'edit', target: 'client', targetId: id, detail: '' },
      preconditions: [unchanged(session.clients, id, row)],
    })
  })
}

export async function createIncident(session: VaultSession, clientId: string): Promise<string> {
  if (!(await session.clients.table.get(clientId)))
    throw new RuleError('Choose a client for this walkout.')
  const id = newId()
  await withRetry(() =>
    session.commit({
      changes: [put(session.incidents, id, newIncident(clientId, stamp()))],
      audit: { action: 'create', target: 'incident', targetId: id, detail: '' },
    }),
  )
  return id
}

/** Reads an incident and the exact row it came from (for the write's precondition). */
async function readIncident(
  session: VaultSession,
  id: string,
): Promise<{ row: IncidentRow; incident: Incident }> {
  const row = await session.incidents.table.get(id)
  if (!row) throw new RuleError('This incident no longer exists.')
  const opened = await session.incidents.open(session.dataKey, row)
  if (!opened.ok) throw opened.error
  return { row, incident: opened.value }
}

type IncidentAudit = {
  action: 'edit' | 'sign' | 'status' | 'reopen' | 'void'
  detail: string
}

/** Reads, changes with a domain rule (which refuses signed incidents), writes with its audit entry. */
async function changeIncident(
  session: VaultSession,
  id: string,
  change: (incident: Incident) => Incident | Promise<Incident>,
  audit: IncidentAudit | (() => IncidentAudit),
): Promise<Incident> {
  return withRetry(async () => {
    const { row, incident } = await readIncident(session, id)
    const next = await change(incident)
    const event = typeof audit === 'function' ? audit() : audit
    await session.commit({
      changes: [put(session.incidents, id, next)],
      audit: { ...event, target: 'incident', targetId: id },
      preconditions: [unchanged(session.incidents, id, row)],
    })
    return next
  })
}

/**
 * Someone else (another window) saved this step after this form was opened: nothing was written,
 * and both versions are at hand so the therapist can choose.
 */
export class StepConflictError extends Error {
  constructor(
    readonly step: StepId,
    readonly theirs: unknown,
  ) {
    super(
      'This step was changed in another window after you opened it. Nothing was saved: compare the two versions, then keep yours or take theirs.',
    )
    this.name = 'StepConflictError'
  }
}

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Saves one step. Marking it complete asks for the few things the step must have; saving it
 * unfinished is allowed, except for the rules of every save (the channel-consent rule, nothing in
 * the future, nothing before the walkout). A signed incident is refused. With `base` (the step as
 * the form found it), a save over someone else's newer version is refused (StepConflictError).
 */
export async function saveStep<K extends StepId>(
  session: VaultSession,
  id: string,
  step: K,
  values: StepValues[K],
  complete: boolean,
  options: { base?: StepValues[K] | null } = {},
): Promise<Incident> {
  const valid = stepOf(step).schema.parse(values)
  return changeIncident(
    session,
    id,
    async (incident) => {
      assertEditable(incident)
      if (options.base !== undefined && !sameValue(incident.steps[step], options.base))
        throw new StepConflictError(step, incident.steps[step] ?? null)
      const client = await session.clients.get(session.dataKey, incident.clientId)
      const agreed = client?.ok ? client.value.channels : []
      const refused = saveProblems(step, valid, {
        agreed,
        walkoutAt: step === 'safety' ? null : walkoutMoment(incident),
        now: new Date(),
      })
      if (refused.length > 0) throw new RuleError(refused.map((p) => p.message).join(' '))
      if (complete) {
        const problems = completionProblems(step, valid, agreed)
        if (problems.length > 0) throw new RuleError(problems.join(' '))
      }
      return withStep(incident, step, valid, complete)
    },
    { action: 'edit', detail: STEP_TITLES[step] },
  )
}

/** Moves the status forward, or reopens a resolved walkout into follow-up; audited in words. */
export async function changeStatus(
  session: VaultSession,
  id: string,
  to: IncidentStatus,
): Promise<Incident> {
  let reopening = false
  return changeIncident(
    session,
    id,
    (incident) => {
      reopening = incident.status === 'resolved'
      return withStatus(incident, to)
    },
    () => ({ action: reopening ? 'reopen' : 'status', detail: INCIDENT_STATUS_WORDS[to] }),
  )
}

/** Signs the record as the clinician (with a reason when steps are unfinished). */
export async function signIncident(
  session: VaultSession,
  id: string,
  by: { clinician: Signature['clinician']; reason?: string } = { clinician: null },
): Promise<Incident> {
  return changeIncident(session, id, (incident) => sign(incident, stamp(), by), {
    action: 'sign',
    detail: '',
  })
}

/** Voids a record started in error; the reason stays in the sealed record, not in the trail. */
export async function voidRecord(
  session: VaultSession,
  id: string,
  reason: string,
): Promise<Incident> {
  return changeIncident(session, id, (incident) => voidIncident(incident, stamp(), reason), {
    action: 'void',
    detail: 'Started in error',
  })
}

/** Appends a dated addendum below an incident (signed or not); never changes the incident. */
export async function addAddendum(
  session: VaultSession,
  incidentId: string,
  text: string,
): Promise<string> {
  if (!(await session.incidents.table.get(incidentId)))
    throw new RuleError('This incident no longer exists.')
  const id = newId()
  const addendum: Addendum = { incidentId, createdAt: stamp(), text }
  await withRetry(() =>
    session.commit({
      changes: [put(session.addenda, id, addendum)],
      audit: { action: 'addendum', target: 'incident', targetId: incidentId, detail: '' },
    }),
  )
  return id
}

/** Records that the unlock check found something (counts and kinds only, never record content). */
export async function recordIntegrityFindings(
  session: VaultSession,
  findings: readonly IntegrityFinding[],
): Promise<void> {
  await session.record({
    action: 'integrity',
    target: 'vault',
    targetId: session.vaultId,
    detail: summarizeFindings(findings),
  })
}

/** The findings the therapist last acknowledged, as a fingerprint ('' when none). */
export async function acknowledgedFindings(session: VaultSession): Promise<string> {
  const store = new RecordStore(session.db.sealed, integrityAckCodec)
  const opened = await store.get(session.dataKey, SEALED.integrityAck)
  return opened?.ok ? opened.value.fingerprint : ''
}

/**
 * The therapist acknowledges an integrity warning: the records concerned are bound as they are
 * now (so the next check passes for them), the decision is in the audit trail, and the same
 * findings are not raised again.
 */
export async function acknowledgeIntegrity(
  session: VaultSession,
  findings: readonly IntegrityFinding[],
): Promise<void> {
  const store = new RecordStore(session.db.sealed, integrityAckCodec)
  const seen = await fingerprint(findings)
  // Read again at each try: a record another window saved meanwhile is bound as it is then.
  await withRetry(async () => {
    const { rows, read } = await rowsToRebind(session, findings)
    return session.commit({
      changes: [put(store, SEALED.integrityAck, { fingerprint: seen })],
      rebind: rows,
      preconditions: read,
      audit: {
        action: 'acknowledge',
        target: 'vault',
        targetId: session.vaultId,
        detail: summarizeFindings(findings),
      },
    })
  })
  // The vault as it is now is the one acknowledged: the copy of the head kept outside it starts
  // again from here (a later rollback is then measured from this point, and raised again).
  await session
    .readHead()
    .then(({ head }) => session.mirror.write(session.vaultId, head, { reset: true }))
    .catch(() => {})
}

export function isRuleError(error: unknown): error is RuleError | VaultError | StepConflictError {
  return (
    error instanceof RuleError || error instanceof VaultError || error instanceof StepConflictError
  )
}
