import { VaultError } from '../crypto/errors'
import { verifyChain, type AuditEntry, type ChainVerdict, type StoredEntry } from '../domain/audit'
import type { Client } from '../domain/client'
import { newId } from '../domain/ids'
import {
  assertEditable,
  channelConsentProblem,
  completionProblems,
  newIncident,
  RuleError,
  sign,
  STEP_TITLES,
  stepSchemas,
  withStatus,
  withStep,
  type Addendum,
  type Incident,
  type IncidentStatus,
  type StepId,
  type StepValues,
} from '../domain/incident'
import { stamp } from '../domain/time'
import type { IncidentRow } from './db'
import type { Opened } from './records'
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
  const valid = stepSchemas[step].parse(values) as StepValues[K]
  return changeIncident(
    session,
    id,
    async (incident) => {
      assertEditable(incident)
      const client = await session.clients.get(session.dataKey, incident.clientId)
      const agreed = client?.ok ? client.value.channels : []
      // The channel-consent rule holds for every save, not only when completing.
      if (step === 'outreach') {
        for (const attempt of (valid as StepValues['outreach']).attempts) {
          const problem = channelConsentProblem(attempt.channel, attempt.unconsentedReason, agreed)
          if (problem) throw new RuleError(problem)
        }
      }
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

/** Every audit entry, decrypted, in order; a damaged one is reported as such. */
export async function readAudit(
  session: VaultSession,
): Promise<{ seq: number; opened: Opened<AuditEntry> }[]> {
  const rows = await session.audit.table.orderBy('seq').toArray()
  const opened = await session.audit.openAll(session.dataKey, rows)
  return rows.map((row, i) => ({ seq: row.seq, opened: opened[i]! }))
}

/**
 * Checks the whole hash chain and its head. A vault's log always starts with the vault's own
 * creation, so an empty log, or one that starts with anything else, has been cut. Pass the
 * entries when they were just read (the audit screen shows them), so the log is read once.
 */
export async function verifyAudit(
  session: VaultSession,
  entries?: { seq: number; opened: Opened<AuditEntry> }[],
): Promise<ChainVerdict> {
  entries ??= await readAudit(session)
  const stored: StoredEntry[] = entries.map(({ seq, opened }) => ({
    seq,
    entry: opened.ok ? opened.value : null,
  }))
  const headRow = await session.sealed.table.get('audit-head')
  const last = stored.at(-1)?.seq ?? 0
  if (!headRow) {
    return stored.length === 0
      ? {
          intact: false,
          seq: 1,
          reason: 'missing',
          message: 'The audit trail is empty: every entry was removed.',
        }
      : {
          intact: false,
          seq: last,
          reason: 'altered',
          message: 'The marker of the log’s last entry is missing: the log was altered.',
        }
  }
  const head = await session.sealed.open(session.dataKey, headRow)
  if (!head.ok) {
    return {
      intact: false,
      seq: last,
      reason: 'altered',
      message: 'The marker of the log’s last entry cannot be opened: it was altered.',
    }
  }
  const verdict = await verifyChain(stored, head.value)
  const first = stored[0]?.entry
  if (
    verdict.intact &&
    !(
      first &&
      first.action === 'create' &&
      first.target === 'vault' &&
      first.targetId === session.vaultId
    )
  ) {
    return {
      intact: false,
      seq: 1,
      reason: 'altered',
      message: 'Entry 1 is not the creation of this vault: the start of the log was replaced.',
    }
  }
  return verdict
}

export function isRuleError(error: unknown): error is RuleError | VaultError {
  return error instanceof RuleError || error instanceof VaultError
}
