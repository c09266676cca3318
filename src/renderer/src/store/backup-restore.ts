import type { AuditEntry } from '../domain/audit'
import { formatMoment } from '../domain/format'
import type { Incident } from '../domain/incident'
import {
  BACKUP_KINDS,
  describeCounts,
  KIND_WORDS,
  recordHasher,
  tableOf,
  totalOf,
  wereChecked,
  zeroCounts,
  type ArchiveContents,
  type BackupKind,
  type Counts,
  type LastWrite,
} from './backup-format'
import type { SealedRow, SealedSingletonRow } from './db'
import { readAudit } from './integrity'
import { SEALED } from './keys'
import { openEveryRecord } from './pages'
import type { RecordStore } from './records'
import { refuseInSample } from './sample-vault'
import {
  put,
  putChecked,
  remove,
  unchanged,
  withRetry,
  type Change,
  type VaultSession,
} from './session'

/**
 * Restoring a backup that has been opened and checked whole (backup-file.ts): planned against
 * the vault as it is, then written in ONE commit: every row sealed with this vault's key, the
 * index updated, and one 'restore' entry appended to this vault's audit trail that binds every
 * row written or removed. The backup's own trail is not imported (docs/backup-format.md).
 */

export type RestoreMode = 'merge' | 'replace'

/** Why a merge keeps one version of a record that differs between the backup and this vault. */
export type ConflictReason =
  | 'newer-in-backup'
  | 'newer-here'
  | 'signed-in-backup'
  | 'signed-here'
  | 'unreadable-here'
  | 'addendum-here'
  | 'time-unknown'

export const CONFLICT_WORDS: Record<ConflictReason, string> = {
  'newer-in-backup': 'the backup’s version was saved more recently',
  'newer-here': 'this computer’s version was saved more recently',
  'signed-in-backup': 'the backup’s version is signed',
  'signed-here': 'this computer’s version is signed, and signed records are never replaced',
  'unreadable-here': 'this computer’s copy could not be opened',
  'addendum-here': 'addenda never change once written: this computer’s is kept',
  'time-unknown': 'when the backup’s version was saved is not recorded: this computer’s is kept',
}

export interface Conflict {
  kind: BackupKind
  id: string
  /** What it is, in words (client initials and dates only). */
  label: string
  keep: 'backup' | 'here'
  reason: ConflictReason
}

export interface RestorePlan {
  mode: RestoreMode
  /** Records new to this vault. */
  add: Counts
  /** Records of this vault that the backup's version replaces. */
  update: Counts
  /** Records that are the same in both. */
  same: Counts
  /** Records of this vault kept as they are although the backup's differ (merge). */
  keptHere: Counts
  /** Records of this vault that are not in the backup: removed (replace) or kept (merge). */
  onlyHere: Counts
  conflicts: Conflict[]
  /** Walkout records and addenda that would refer to a record that is in neither. */
  orphans: number
  /** The backup is from this very vault (same vault id). */
  sameVault: boolean
}

export interface RestoreResult extends RestorePlan {
  written: Counts
  removed: Counts
}

type Plan = RestorePlan & { changes: Change[] }

/** Every record of the vault: its content hash, or null when it does not open. */
export async function liveHashes(
  session: VaultSession,
): Promise<{ [K in BackupKind]: Map<string, string | null> }> {
  const hash = await recordHasher()
  const out = {
    clients: new Map<string, string | null>(),
    incidents: new Map<string, string | null>(),
    addenda: new Map<string, string | null>(),
    practiceSettings: new Map<string, string | null>(),
    vaultSettings: new Map<string, string | null>(),
  }
  for (const kind of ['clients', 'incidents', 'addenda'] as const) {
    const store = session[kind] as unknown as RecordStore<unknown, SealedRow>
    await openEveryRecord(store, session.dataKey, (page) => {
      for (const { row, opened } of page)
        out[kind].set(row.id, opened.ok ? hash(kind, row.id, opened.value) : null)
    })
  }
  for (const [kind, store, id] of [
    ['practiceSettings', session.practiceSettings, SEALED.practice],
    ['vaultSettings', session.vaultSettings, SEALED.vaultSettings],
  ] as const) {
    const opened = await (store as RecordStore<unknown, SealedSingletonRow>).get(
      session.dataKey,
      id,
    )
    if (opened) out[kind].set(id, opened.ok ? hash(kind, id, opened.value) : null)
  }
  return out
}

/**
 * The last write this vault's trail records for a row; for a row a restore wrote, also when the
 * backup it came from was made (its content is at most that old, whatever the restore's time).
 */
export type LiveWrite = LastWrite & { restoredFrom?: string }

/** The last write this vault's trail records for each row ("table/id"), and its head. */
export async function liveLastWrites(
  session: VaultSession,
): Promise<{ writes: Map<string, LiveWrite>; entries: AuditEntry[] }> {
  const writes = new Map<string, LiveWrite>()
  const entries: AuditEntry[] = []
  for (const { opened } of await readAudit(session)) {
    if (!opened.ok) continue
    const entry = opened.value
    entries.push(entry)
    const restoredFrom = entry.action === 'restore' ? restoreSource(entry.detail) : undefined
    for (const row of entry.rows) {
      const write: LiveWrite = { at: entry.at.utc, seq: entry.seq, h: row.h }
      if (restoredFrom) write.restoredFrom = restoredFrom
      writes.set(`${row.t}/${row.id}`, write)
    }
  }
  return { writes, entries }
}

/**
 * When the backup a restore came from was made, from the restore's audit detail (see
 * `restoreDetail`). Details written before the time was kept name only the day (UTC): its end.
 */
function restoreSource(detail: string): string | undefined {
  const found = /^(?:Replaced from|Merged) backup of (\d{4}-\d{2}-\d{2})(T[\d:.]+Z)?,/.exec(detail)
  if (!found) return undefined
  const at = `${found[1]}${found[2] ?? 'T23:59:59.999Z'}`
  return Number.isNaN(Date.parse(at)) ? undefined : at
}

/** A record in words for a list: kind, client initials, date. Never names or content. */
export function labelOf(archive: ArchiveContents, kind: BackupKind, id: string): string {
  const records = archive.records
  if (!records) return KIND_WORDS[kind].one
  const initials = (clientId: string) => records.clients.get(clientId)?.initials || 'a client'
  switch (kind) {
    case 'clients':
      return `Client ${records.clients.get(id)?.initials || '(no initials)'}`
    case 'incidents': {
      const incident = records.incidents.get(id)
      return incident
        ? `Walkout record of ${initials(incident.clientId)} from ${formatMoment(walkoutOf(incident))}`
        : 'A walkout record'
    }
    case 'addenda': {
      const addendum = records.addenda.get(id)
      return addendum ? `Addendum of ${formatMoment(addendum.createdAt)}` : 'An addendum'
    }
    case 'practiceSettings':
      return 'Practice settings (emergency resources)'
    case 'vaultSettings':
      return 'Automatic lock setting'
  }
}

const walkoutOf = (incident: Incident) => incident.steps.safety?.leftAt ?? incident.createdAt

/**
 * What restoring `archive` (opened with keep: 'values') would do to the vault as it is now. For
 * merge, records are matched by id: new ones are added, identical ones left alone, and where both
 * differ, the version saved last wins (by the times the two audit trails record), except that a
 * signed walkout record is never replaced by an unsigned one and addenda never change.
 */
export async function planRestore(
  session: VaultSession,
  archive: ArchiveContents,
  mode: RestoreMode,
): Promise<RestorePlan> {
  const { changes: _changes, ...plan } = await makePlan(session, archive, mode)
  return plan
}

async function makePlan(
  session: VaultSession,
  archive: ArchiveContents,
  mode: RestoreMode,
): Promise<Plan> {
  const records = archive.records
  if (!records) throw new Error('the backup was opened without its values')
  const here = await liveHashes(session)
  const sameVault = archive.manifest.vaultId === session.vaultId
  const add = zeroCounts()
  const update = zeroCounts()
  const same = zeroCounts()
  const keptHere = zeroCounts()
  const onlyHere = zeroCounts()
  const conflicts: Conflict[] = []
  const changes: Change[] = []
  let live: Awaited<ReturnType<typeof liveLastWrites>> | null = null
  const lastHere = async (key: string) => (live ??= await liveLastWrites(session)).writes.get(key)

  const hash = await recordHasher()
  // The backup's values were validated as it was read: they are sealed without a second check.
  const putValue = wereChecked(records) ? putChecked : put
  for (const kind of BACKUP_KINDS) {
    const store = storeOf(session, kind)
    for (const [id, value] of records[kind] as Map<string, unknown>) {
      const mine = here[kind].get(id)
      if (mine === undefined) {
        add[kind] += 1
        changes.push(putValue(store, id, value))
        continue
      }
      if (mine !== null && mine === hash(kind, id, value)) {
        same[kind] += 1
        continue
      }
      if (mode === 'replace') {
        update[kind] += 1
        changes.push(putValue(store, id, value))
        continue
      }
      const keep = await decide(session, archive, kind, id, mine, sameVault, lastHere)
      conflicts.push({ kind, id, label: labelOf(archive, kind, id), ...keep })
      if (keep.keep === 'backup') {
        update[kind] += 1
        changes.push(putValue(store, id, value))
      } else keptHere[kind] += 1
    }
    for (const id of here[kind].keys()) {
      if ((records[kind] as Map<string, unknown>).has(id)) continue
      onlyHere[kind] += 1
      if (mode === 'replace') changes.push(remove(store, id))
    }
  }

  // References that would point nowhere after the restore.
  const exists = (kind: 'clients' | 'incidents', id: string) =>
    records[kind].has(id) || (mode === 'merge' && here[kind].has(id))
  let orphans = 0
  for (const incident of records.incidents.values())
    if (!exists('clients', incident.clientId)) orphans += 1
  for (const addendum of records.addenda.values())
    if (!exists('incidents', addendum.incidentId)) orphans += 1

  return { mode, add, update, same, keptHere, onlyHere, conflicts, orphans, sameVault, changes }
}

async function decide(
  session: VaultSession,
  archive: ArchiveContents,
  kind: BackupKind,
  id: string,
  mine: string | null,
  sameVault: boolean,
  lastHere: (key: string) => Promise<LiveWrite | undefined>,
): Promise<{ keep: 'backup' | 'here'; reason: ConflictReason }> {
  if (mine === null) return { keep: 'backup', reason: 'unreadable-here' }
  if (kind === 'addenda') return { keep: 'here', reason: 'addendum-here' }
  if (kind === 'incidents') {
    const theirs = archive.records!.incidents.get(id)!
    const opened = await session.incidents.get(session.dataKey, id)
    const signedHere = opened?.ok ? opened.value.signature !== null : false
    const signedThere = theirs.signature !== null
    if (signedHere && !signedThere) return { keep: 'here', reason: 'signed-here' }
    if (signedThere && !signedHere) return { keep: 'backup', reason: 'signed-in-backup' }
  }
  const key = `${tableOf(kind)}/${id}`
  const there = archive.audit.lastWrites.get(key)
  if (!there) return { keep: 'here', reason: 'time-unknown' }
  const mineWrite = await lastHere(key)
  if (!mineWrite) return { keep: 'backup', reason: 'newer-in-backup' }
  // Last written here by a restore: that version is as old as the backup it came from (an edit
  // made before that backup and restored later is not newer than one made after it).
  if (mineWrite.restoredFrom !== undefined)
    return Date.parse(mineWrite.restoredFrom) >= Date.parse(there.at)
      ? { keep: 'here', reason: 'newer-here' }
      : { keep: 'backup', reason: 'newer-in-backup' }
  // From this very vault: a change recorded after the backup's last entry is newer, whatever
  // the clocks said.
  const backupHead = archive.audit.head?.seq ?? 0
  const hereIsNewer =
    sameVault && archive.audit.verdict.intact
      ? mineWrite.seq > backupHead
      : mineWrite.at >= there.at
  return hereIsNewer
    ? { keep: 'here', reason: 'newer-here' }
    : { keep: 'backup', reason: 'newer-in-backup' }
}

function storeOf(session: VaultSession, kind: BackupKind): RecordStore<unknown, SealedRow> {
  const stores = {
    clients: session.clients,
    incidents: session.incidents,
    addenda: session.addenda,
    practiceSettings: session.practiceSettings,
    vaultSettings: session.vaultSettings,
  }
  return stores[kind] as unknown as RecordStore<unknown, SealedRow>
}

/** The restore entry's words: the mode, the backup (date, vault, its trail's head), what changed. */
function restoreDetail(archive: ArchiveContents, plan: Plan, written: Counts, removed: Counts) {
  const head = archive.audit.head
  // The backup's full time: a later merge compares what this restore wrote by it.
  const from = `backup of ${archive.manifest.createdAt}, vault ${archive.manifest.vaultId.slice(0, 8)}, trail ${head ? `${head.seq} #${head.hash.slice(0, 12)}` : 'without head'}`
  const what =
    plan.mode === 'replace'
      ? `${totalOf(written)} written, ${totalOf(removed)} removed`
      : `${totalOf(plan.add)} added, ${totalOf(plan.update)} updated, ${totalOf(plan.keptHere)} kept`
  return `${plan.mode === 'replace' ? 'Replaced from' : 'Merged'} ${from}: ${what}`.slice(0, 200)
}

/**
 * Restores `archive` into the vault, in one commit. The plan is made again on the vault as it
 * is now, and the commit refuses to land if anything was written after that (the audit head
 * moved): it is then planned and tried again. Interrupted at any point, nothing has changed.
 */
export async function applyRestore(
  session: VaultSession,
  archive: ArchiveContents,
  mode: RestoreMode,
): Promise<RestoreResult> {
  refuseInSample(session)
  return withRetry(async () => {
    const headRow = await session.db.sealed.get(SEALED.auditHead)
    const plan = await makePlan(session, archive, mode)
    const written = zeroCounts()
    const removed = zeroCounts()
    for (const kind of BACKUP_KINDS) {
      written[kind] = plan.add[kind] + plan.update[kind]
      removed[kind] = mode === 'replace' ? plan.onlyHere[kind] : 0
    }
    await session.commit({
      changes: plan.changes,
      audit: {
        action: 'restore',
        target: 'vault',
        targetId: session.vaultId,
        detail: restoreDetail(archive, plan, written, removed),
      },
      preconditions: [unchanged(session.sealed, SEALED.auditHead, headRow)],
    })
    const { changes: _changes, ...rest } = plan
    return { ...rest, written, removed }
  })
}

/** A short line about a restore plan, for the preview. */
export function describePlan(plan: RestorePlan): string {
  if (plan.mode === 'replace') {
    return `${describeCounts(sum(plan.add, plan.update, plan.same))} from the backup; ${totalOf(plan.onlyHere)} records only on this computer will be removed.`
  }
  return `${totalOf(plan.add)} added, ${totalOf(plan.update)} updated from the backup, ${totalOf(plan.keptHere)} kept as they are here, ${totalOf(plan.same)} already the same.`
}

function sum(...all: Counts[]): Counts {
  const out = zeroCounts()
  for (const counts of all) for (const kind of BACKUP_KINDS) out[kind] += counts[kind]
  return out
}
