import { VaultError } from '../crypto/errors'
import { sealedHasher } from '../crypto/hash'
import {
  verifyChain,
  type AuditEntry,
  type AuditHead,
  type BoundRow,
  type ChainVerdict,
  type StoredEntry,
} from '../domain/audit'
import { formatMoment } from '../domain/format'
import type { SealedRow } from './db'
import { repairIndex } from './index-build'
import { SEALED } from './keys'
import { openEveryRecord, pagesOf } from './pages'
import type { Opened } from './records'
import { isBound, withRetry, type VaultSession } from './session'

/**
 * Integrity of the vault, checked at every unlock and on demand: the audit chain and its head,
 * the copy of the head kept outside IndexedDB, and every stored row against the last write the
 * trail recorded for it. What an attacker with the profile folder can do without the key (put
 * back an older row, delete a row, put back an older copy of everything) shows here.
 */

export type FindingKind =
  'chain' | 'rolled-back' | 'missing' | 'unrecorded' | 'head-behind' | 'not-signed'

export interface IntegrityFinding {
  kind: FindingKind
  /** The table and id of the record concerned, if one is. */
  table?: string
  id?: string
  /** What is wrong and with which record, in words (client initials, never names). */
  message: string
}

export interface IntegrityReport {
  findings: IntegrityFinding[]
  chain: ChainVerdict
  /** Index entries that were stale and have been rebuilt from their rows (not a problem). */
  indexRepaired: number
}

export const WHAT_TO_DO =
  'Your records may have been replaced by an older copy or changed outside Mend. If you have a backup from before this happened, restore it. If you are sure the records are as they should be, acknowledge this warning to record that decision.'

/** Every audit entry, decrypted, in order (read page by page). */
export async function readAudit(
  session: VaultSession,
): Promise<{ seq: number; opened: Opened<AuditEntry> }[]> {
  const all: { seq: number; opened: Opened<AuditEntry> }[] = []
  await openEveryRecord(session.audit, session.dataKey, (page) => {
    for (const { row, opened } of page) {
      // The number kept in clear (the log's order) must be the one sealed inside.
      const moved = opened.ok && opened.value.seq !== row.seq
      all.push({
        seq: row.seq,
        opened: moved ? { id: row.id, ok: false, error: new VaultError('record-damaged') } : opened,
      })
    }
  })
  return all.sort((a, b) => a.seq - b.seq)
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
  const headRow = await session.db.sealed.get(SEALED.auditHead)
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

const TABLE_WORDS: Record<string, string> = {
  clients: 'client record',
  incidents: 'walkout record',
  addenda: 'addendum',
  sealed: 'setting',
}

/** "the walkout record of R. B. on 14 Mar 2026" — enough to find it, no name. */
function describe(session: VaultSession, table: string, id: string): string {
  const index = session.index
  if (table === 'incidents') {
    const summary = index.entry('incidents', id)?.s
    const client = summary ? index.entry('clients', summary.clientId)?.s : null
    return summary
      ? `the walkout record of ${client?.initials || 'a client'} from ${formatMoment(summary.walkoutAt)}`
      : 'a walkout record'
  }
  if (table === 'clients') {
    const initials = index.entry('clients', id)?.s?.initials
    return initials ? `the client record of ${initials}` : 'a client record'
  }
  if (table === 'addenda') {
    const summary = index.entry('addenda', id)?.s
    const incident = summary ? index.entry('incidents', summary.incidentId)?.s : null
    const client = incident ? index.entry('clients', incident.clientId)?.s : null
    return client ? `an addendum to a walkout record of ${client.initials}` : 'an addendum'
  }
  if (table === 'sealed') return id === SEALED.practice ? 'the emergency resources' : 'a setting'
  return `a ${TABLE_WORDS[table] ?? 'record'}`
}

/** The last write the trail recorded for each bound row, and which incidents were signed. */
function latestWrites(entries: AuditEntry[]): {
  latest: Map<string, BoundRow & { seq: number; action: AuditEntry['action'] }>
  signed: Set<string>
} {
  const latest = new Map<string, BoundRow & { seq: number; action: AuditEntry['action'] }>()
  const signed = new Set<string>()
  for (const entry of entries) {
    for (const row of entry.rows)
      latest.set(`${row.t}/${row.id}`, { ...row, seq: entry.seq, action: entry.action })
    if (entry.action === 'sign' && entry.target === 'incident') signed.add(entry.targetId)
    // The therapist kept the record as it was found: the signature check starts again from here.
    if (entry.action === 'acknowledge')
      for (const row of entry.rows) if (row.t === 'incidents') signed.delete(row.id)
  }
  return { latest, signed }
}

/**
 * The full check. Reads the trail and every bound row once, page by page. Index entries whose
 * hash differs from their row are rebuilt from the row (the index is derived; the row is what
 * the trail vouches for, or not).
 */
export async function checkIntegrity(session: VaultSession): Promise<IntegrityReport> {
  const findings: IntegrityFinding[] = []
  const entries = await readAudit(session)
  const chain = await verifyAudit(session, entries)
  if (!chain.intact) {
    findings.push({
      kind: 'chain',
      message: `The audit trail is broken at entry ${chain.seq}. ${chain.message}`,
    })
  }
  const opened = entries.flatMap(({ opened }) => (opened.ok ? [opened.value] : []))

  // The copy of the head kept outside IndexedDB.
  const { head } = await session.readHead().catch(() => ({ head: null as AuditHead | null }))
  const mirror = await session.mirror.read(session.vaultId).catch(() => null)
  if (head) {
    const atMirror = mirror ? opened.find((entry) => entry.seq === mirror.seq) : undefined
    if (mirror && (mirror.seq > head.seq || (atMirror && atMirror.hash !== mirror.hash))) {
      findings.push({
        kind: 'head-behind',
        message: `The audit trail ends at entry ${head.seq}, but Mend last saw it at entry ${mirror.seq}: an older copy of the vault was put back, or the trail was replaced.`,
      })
    } else if (!mirror || mirror.seq < head.seq) {
      await session.mirror.write(session.vaultId, head).catch(() => {})
    }
  }

  // Every bound row against the last write recorded for it.
  const { latest, signed } = latestWrites(opened)
  const hash = await sealedHasher()
  const seen = new Set<string>()
  const rebuild: { table: 'clients' | 'incidents' | 'addenda'; id: string }[] = []
  const checkRow = (table: string, row: SealedRow) => {
    if (!isBound(table, row.id)) return
    const key = `${table}/${row.id}`
    seen.add(key)
    const h = hash(row.enc)
    const recorded = latest.get(key)
    if (table === 'clients' || table === 'incidents' || table === 'addenda') {
      const entry = session.index.entry(table, row.id)
      if (entry && entry.h !== h) rebuild.push({ table, id: row.id })
    }
    if (!recorded || recorded.h === null) {
      findings.push({
        kind: 'unrecorded',
        table,
        id: row.id,
        message: `${capital(describe(session, table, row.id))} was not written by Mend (the audit trail has no record of it).`,
      })
    } else if (recorded.h !== h) {
      findings.push({
        kind: 'rolled-back',
        table,
        id: row.id,
        message: `${capital(describe(session, table, row.id))} is not the version last saved (entry ${recorded.seq} of the audit trail): it was replaced by an older copy or changed outside Mend.`,
      })
    }
  }
  for (const table of ['clients', 'incidents', 'addenda'] as const) {
    for await (const page of pagesOf(session.db.table<SealedRow, string>(table))) {
      for (const row of page) checkRow(table, row)
    }
  }
  for (const row of await session.db.sealed.toArray()) checkRow('sealed', row)
  for (const [key, recorded] of latest) {
    if (recorded.h !== null && !seen.has(key)) {
      findings.push({
        kind: 'missing',
        table: recorded.t,
        id: recorded.id,
        message: `${capital(describe(session, recorded.t, recorded.id))} recorded in the audit trail (entry ${recorded.seq}) is missing: it was deleted outside Mend.`,
      })
    }
  }

  // The index follows the rows; then signatures recorded in the trail must be on the records.
  let indexRepaired = 0
  if (rebuild.length > 0) {
    await withRetry(() => repairIndex(session, [], rebuild))
    indexRepaired = rebuild.length
  }
  for (const id of signed) {
    const entry = session.index.entry('incidents', id)
    const reported = findings.find((f) => f.id === id)
    if (reported && entry?.s && !entry.s.signedAt) {
      reported.message +=
        ' It was signed; the version now stored is unsigned and could be edited again.'
    } else if (entry?.s && !entry.s.signedAt && !reported) {
      findings.push({
        kind: 'not-signed',
        table: 'incidents',
        id,
        message: `${capital(describe(session, 'incidents', id))} was signed, but the stored record is unsigned.`,
      })
    }
  }
  return { findings, chain, indexRepaired }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A stable description of a set of findings, to compare with the acknowledged one. */
export function fingerprint(findings: readonly IntegrityFinding[]): string {
  return findings
    .map((f) => `${f.kind}:${f.table ?? ''}:${f.id ?? ''}`)
    .sort()
    .join('|')
}

/** Counts per kind, in words, for the audit trail (no names, no record content). */
export function summarizeFindings(findings: readonly IntegrityFinding[]): string {
  const counts = new Map<FindingKind, number>()
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1)
  const words: Record<FindingKind, string> = {
    chain: 'audit trail broken',
    'rolled-back': 'not the last version saved',
    missing: 'missing',
    unrecorded: 'not written by Mend',
    'head-behind': 'older copy of the vault',
    'not-signed': 'signature missing',
  }
  return [...counts]
    .map(([kind, n]) => `${n} ${words[kind]}`)
    .join('; ')
    .slice(0, 200)
}

/** Rows an acknowledgement binds as they are now (so the next check passes for them). */
export async function rowsToRebind(
  session: VaultSession,
  findings: readonly IntegrityFinding[],
): Promise<BoundRow[]> {
  const hash = await sealedHasher()
  const rows: BoundRow[] = []
  for (const finding of findings) {
    if (!finding.table || !finding.id) continue
    if (finding.kind === 'missing') {
      rows.push({ t: finding.table, id: finding.id, h: null })
    } else if (finding.kind === 'rolled-back' || finding.kind === 'unrecorded') {
      const row = await session.db.table<SealedRow, string>(finding.table).get(finding.id)
      rows.push({ t: finding.table, id: finding.id, h: row ? hash(row.enc) : null })
    }
  }
  return rows
}
