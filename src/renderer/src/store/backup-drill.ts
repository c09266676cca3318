import { formatMoment } from '../domain/format'
import { updateBackupState } from './backup'
import {
  BACKUP_KINDS,
  describeCounts,
  KIND_WORDS,
  tableOf,
  zeroCounts,
  type ArchiveContents,
  type BackupKind,
  type Counts,
} from './backup-format'
import { liveHashes, liveLastWrites } from './backup-restore'
import type { VaultSession } from './session'

/**
 * The restore drill (evidence for a contingency plan, HIPAA 164.308(a)(7)(ii)(D)): the newest
 * backup is decrypted and checked whole in memory only (nothing is written from it), and every
 * record in it is compared with the vault by content hash. A record that differs must have been
 * changed after the backup was made, as this vault's audit trail records; anything else is a
 * finding. The result is recorded in the audit trail ('restore-drill').
 */

export interface DrillFinding {
  kind: BackupKind
  id: string
  problem: 'differs' | 'missing-from-backup' | 'missing-here'
}

export interface DrillResult {
  passed: boolean
  at: string
  backup: {
    name: string
    createdAt: string
    counts: Counts
    skipped: number
    auditEntries: number
    trailIntact: boolean
    sameVault: boolean
  }
  live: Counts
  /** Records identical in the backup and the vault. */
  identical: number
  /** Records changed, added or removed after the backup was made (recorded in the trail). */
  changedSince: number
  /** The backup's audit trail is the start of this vault's (null: from another vault). */
  trailMatches: boolean | null
  findings: DrillFinding[]
  /** In words, for the screen and the audit trail. */
  summary: string
}

const FINDING_WORDS: Record<DrillFinding['problem'], string> = {
  differs: 'differs from the backup, and no change after the backup is recorded',
  'missing-from-backup': 'is not in the backup, and was not added after it',
  'missing-here': 'is in the backup but not in this vault, and no removal is recorded',
}

export function describeFinding(finding: DrillFinding): string {
  return `A ${KIND_WORDS[finding.kind].one} ${FINDING_WORDS[finding.problem]}.`
}

/** Compares a checked backup (opened with keep: 'hashes' or 'values') with the vault. */
export async function compareWithVault(
  session: VaultSession,
  archive: ArchiveContents,
  name: string,
  now: Date = new Date(),
): Promise<DrillResult> {
  const here = await liveHashes(session)
  const { writes, entries } = await liveLastWrites(session)
  const sameVault = archive.manifest.vaultId === session.vaultId
  const head = archive.audit.head
  const atHead = head ? entries.find((entry) => entry.seq === head.seq) : undefined
  const trailMatches = sameVault ? Boolean(head && atHead && atHead.hash === head.hash) : null
  // "After the backup": past its last trail entry when the trails match, else past its time.
  const after = (kind: BackupKind, id: string) => {
    const write = writes.get(`${tableOf(kind)}/${id}`)
    if (!write) return false
    return trailMatches && head ? write.seq > head.seq : write.at > archive.manifest.createdAt
  }
  const live = zeroCounts()
  let identical = 0
  let changedSince = 0
  const findings: DrillFinding[] = []
  for (const kind of BACKUP_KINDS) {
    const theirs = archive.hashes[kind]
    live[kind] = here[kind].size
    for (const [id, hash] of theirs) {
      const mine = here[kind].get(id)
      if (mine === hash) identical += 1
      else if (after(kind, id)) changedSince += 1
      else findings.push({ kind, id, problem: mine === undefined ? 'missing-here' : 'differs' })
    }
    for (const id of here[kind].keys()) {
      if (theirs.has(id)) continue
      if (after(kind, id)) changedSince += 1
      else findings.push({ kind, id, problem: 'missing-from-backup' })
    }
  }
  const skipped = BACKUP_KINDS.reduce((n, kind) => n + archive.trailer.skipped[kind], 0)
  const passed =
    findings.length === 0 && archive.audit.verdict.intact && trailMatches !== false && skipped === 0
  const problems = [
    findings.length ? `${findings.length} unexplained differences` : '',
    archive.audit.verdict.intact ? '' : 'its audit trail does not verify',
    trailMatches === false ? 'its audit trail is not the start of this vault’s' : '',
    skipped ? `${skipped} records could not be opened when it was made` : '',
  ].filter(Boolean)
  const summary = `${passed ? 'Passed' : 'Failed'}: backup of ${formatMoment({ utc: archive.manifest.createdAt })} opened and checked (${describeCounts(archive.trailer.counts)}); ${identical} identical, ${changedSince} changed since${problems.length ? `; ${problems.join('; ')}` : ''}.`
  return {
    passed,
    at: now.toISOString(),
    backup: {
      name,
      createdAt: archive.manifest.createdAt,
      counts: archive.trailer.counts,
      skipped,
      auditEntries: archive.audit.entries,
      trailIntact: archive.audit.verdict.intact,
      sameVault,
    },
    live,
    identical,
    changedSince,
    trailMatches,
    findings,
    summary,
  }
}

/** Records a drill: the audit trail ('restore-drill', counts and verdict) and the backup state. */
export async function recordDrill(session: VaultSession, result: DrillResult): Promise<void> {
  await updateBackupState(
    session,
    (state) => ({
      ...state,
      lastDrill: { at: result.at, passed: result.passed, summary: result.summary.slice(0, 300) },
    }),
    {
      action: 'restore-drill',
      target: 'vault',
      targetId: session.vaultId,
      detail: result.summary.slice(0, 200),
    },
  )
}

/** Records a drill that could not even open the backup (the kind of problem, in words). */
export async function recordFailedDrill(
  session: VaultSession,
  problem: string,
  now: Date = new Date(),
): Promise<void> {
  const summary = `Failed: the newest backup could not be opened (${problem})`
  await updateBackupState(
    session,
    (state) => ({
      ...state,
      lastDrill: { at: now.toISOString(), passed: false, summary: summary.slice(0, 300) },
    }),
    {
      action: 'restore-drill',
      target: 'vault',
      targetId: session.vaultId,
      detail: summary.slice(0, 200),
    },
  )
}
