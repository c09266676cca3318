import { VaultError } from '../crypto/errors'
import type { Client } from '../domain/client'
import { newId } from '../domain/ids'
import {
  assertEditable,
  completionProblems,
  newIncident,
  RuleError,
  saveProblems,
  sign,
  STEP_TITLES,
  stepOf,
  withStatus,
  withStep,
  type Addendum,
  type Incident,
  type IncidentStatus,
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

export async function createClient(session: VaultSession, client: Client): Promise<string> {
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

/** Reads, changes with a domain rule (which refuses signed incidents), writes with its audit entry. */
async function changeIncident(
  session: VaultSession,
  id: string,
  change: (incident: Incident) => Incident | Promise<Incident>,
  audit: { action: 'edit' | 'sign' | 'status'; detail: string },
): Promise<Incident> {
  return withRetry(async () => {
    const { row, incident } = await readIncident(session, id)
    const next = await change(incident)
    await session.commit({
      changes: [put(session.incidents, id, next)],
      audit: { ...audit, target: 'incident', targetId: id },
      preconditions: [unchanged(session.incidents, id, row)],
    })
    return next
  })
}

/**
 * Saves one step. Marking it complete asks for the few things the step must have; saving it
 * unfinished is allowed, except that every outreach attempt must respect the channel-consent
 * rule. A signed incident is refused.
 */
export async function saveStep<K extends StepId>(
  session: VaultSession,
  id: string,
  step: K,
  values: StepValues[K],
  complete: boolean,
): Promise<Incident> {
  const valid = stepOf(step).schema.parse(values)
  return changeIncident(
    session,
    id,
    async (incident) => {
      assertEditable(incident)
      const client = await session.clients.get(session.dataKey, incident.clientId)
      const agreed = client?.ok ? client.value.channels : []
      // Rules that hold for every save (the channel-consent rule), not only when completing.
      const refused = saveProblems(step, valid, agreed)
      if (refused.length > 0) throw new RuleError(refused.join(' '))
      if (complete) {
        const problems = completionProblems(step, valid, agreed)
        if (problems.length > 0) throw new RuleError(problems.join(' '))
      }
      return withStep(incident, step, valid, complete)
    },
    { action: 'edit', detail: STEP_TITLES[step] },
  )
}

export async function changeStatus(
  session: VaultSession,
  id: string,
  to: IncidentStatus,
): Promise<Incident> {
  return changeIncident(session, id, (incident) => withStatus(incident, to), {
    action: 'status',
    detail: to,
  })
}

export async function signIncident(session: VaultSession, id: string): Promise<Incident> {
  return changeIncident(session, id, (incident) => sign(incident, stamp()), {
    action: 'sign',
    detail: '',
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
  const rebind = await rowsToRebind(session, findings)
  await withRetry(() =>
    session.commit({
      changes: [put(store, SEALED.integrityAck, { fingerprint: fingerprint(findings) })],
      rebind,
      audit: {
        action: 'acknowledge',
        target: 'vault',
        targetId: session.vaultId,
        detail: summarizeFindings(findings),
      },
    }),
  )
}

export function isRuleError(error: unknown): error is RuleError | VaultError {
  return error instanceof RuleError || error instanceof VaultError
}
