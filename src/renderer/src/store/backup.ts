import type { AgeRecipient } from '../crypto/age'
import { sameOptionalBytes } from '../crypto/bytes'
import { parseVaultHeader } from '../crypto/header'
import { openWithPassphrase } from '../crypto/vault-keys'
import type { AuditEntry, AuditEvent, AuditHead } from '../domain/audit'
import { BackupError } from './backup-errors'
import { digestBackup, encryptArchive } from './backup-file'
import {
  archiveStream,
  describeCounts,
  zeroCounts,
  type ArchiveSummary,
  type BackupKind,
  type Counts,
} from './backup-format'
import {
  backupConfigCodec,
  BACKUP_WRITTEN_MAX,
  backupStateCodec,
  EMPTY_BACKUP_STATE,
  type BackupConfig,
  type BackupState,
} from './codecs'
import type { AuditRow, SealedRow } from './db'
import { META, SEALED } from './keys'
import { pagesOf, PAGE_SIZE } from './pages'
import { RecordStore } from './records'
import { refuseInSample } from './sample-vault'
import { put, withRetry, type Change, type VaultSession } from './session'

/**
 * Writing backups of the vault: the archive is produced page by page from the records (each
 * opened, migrated and validated), compressed, encrypted with age and handed to a sink (the
 * desktop's streamed file write, or a download) as it is made; then the file is read back,
 * decrypted and checked against what was written before the backup counts as made.
 */

/** Where a backup goes: the platform's streamed write (files.beginWrite …), as seen by the store. */
export interface BackupSink {
  write(chunk: Uint8Array): Promise<void>
  commit(): Promise<{ name: string }>
  abort(): Promise<void>
  readBack(): Promise<Uint8Array>
  /** Removes the committed file (it did not read back as written). */
  withdraw(): Promise<void>
}

/** Who can open a backup, and how this app checks the file it just wrote. */
export type BackupRecipient =
  | { kind: 'x25519'; recipient: string; identity: string }
  | { kind: 'passphrase'; passphrase: string; logN?: number }

export interface WrittenBackup {
  /** The file's neutral name (mend-backup-…), as the platform named it. */
  name: string
  createdAt: string
  counts: Counts
  /** Records that could not be opened (not in the backup). */
  skipped: Counts
  auditEntries: number
  trailIntact: boolean
  /** Size of the file, and of the archive before compression and encryption. */
  fileBytes: number
  archiveBytes: number
  sha256: string
}

/** Bytes handed to the sink at a time: few calls across the bridge, little held in memory. */
const SINK_CHUNK = 1024 * 1024

const RECORD_KINDS = ['clients', 'incidents', 'addenda'] as const
const SETTINGS: { kind: BackupKind & ('practiceSettings' | 'vaultSettings'); id: string }[] = [
  { kind: 'practiceSettings', id: SEALED.practice },
  { kind: 'vaultSettings', id: SEALED.vaultSettings },
]

/** The audit trail in order, a page at a time (by its number, kept in clear). */
async function* auditPages(session: VaultSession): AsyncGenerator<AuditRow[]> {
  let last = 0
  for (;;) {
    const page = await session.db.audit.where('seq').above(last).limit(PAGE_SIZE).toArray()
    if (page.length === 0) return
    last = page[page.length - 1]!.seq
    yield page
  }
}

async function countRecords(session: VaultSession): Promise<Counts> {
  const counts = zeroCounts()
  for (const kind of RECORD_KINDS) counts[kind] = await session.db.table(kind).count()
  for (const { kind, id } of SETTINGS) counts[kind] = (await session.db.sealed.get(id)) ? 1 : 0
  return counts
}

/**
 * Writes a backup of the vault to `sink`, reads it back and checks it. The vault is read page by
 * page (never whole in memory); if anything is written to it meanwhile (its audit head moves),
 * the copy would not be consistent: the write is abandoned with 'changed-during-backup'.
 * Anything that fails before the file is complete aborts the sink, so no partial file is left.
 */
export async function writeBackup(
  session: VaultSession,
  sink: BackupSink,
  to: BackupRecipient,
  options: { app: string; now?: Date },
): Promise<WrittenBackup> {
  refuseInSample(session)
  const key = session.dataKey
  const headBefore = (await session.db.sealed.get(SEALED.auditHead))?.enc.iv ?? null
  const createdAt = (options.now ?? new Date()).toISOString()
  const { stream, summary } = archiveStream(
    {
      app: options.app,
      createdAt,
      vaultId: session.vaultId,
      counts: await countRecords(session),
      auditEntries: await session.db.audit.count(),
    },
    async function* (writer) {
      for (const kind of RECORD_KINDS) {
        const store = session[kind] as unknown as RecordStore<never, SealedRow>
        for await (const rows of pagesOf(store.table)) {
          // Every record is checked; one of today's schema version that passes as it stands is
          // copied as sealed (its text is the validated value: not written out again).
          const opened = await Promise.all(rows.map((row) => store.openJson(key, row)))
          for (const result of opened) {
            if (!result.ok) writer.skip(kind)
            else if ('json' in result) writer.recordJson(kind, result.id, result.json)
            else writer.record(kind, result.id, result.value)
          }
          yield
        }
      }
      for (const { kind, id } of SETTINGS) {
        const store = kind === 'practiceSettings' ? session.practiceSettings : session.vaultSettings
        const opened = await store.get(key, id)
        if (opened?.ok) writer.record(kind, id, opened.value as never)
        else if (opened) writer.skip(kind)
      }
      for await (const rows of auditPages(session)) {
        const opened = await Promise.all(rows.map((row) => session.audit.open(key, row)))
        rows.forEach((row, i) => {
          const result = opened[i]!
          // The number kept in clear must be the one sealed inside.
          const entry: AuditEntry | null =
            result.ok && result.value.seq === row.seq ? result.value : null
          writer.audit(row.seq, entry)
        })
        yield
      }
      const headRow = await session.db.sealed.get(SEALED.auditHead)
      if (!headRow) return null
      const head = await session.sealed.open(key, headRow)
      return head.ok ? (head.value as AuditHead) : null
    },
  )

  const age: AgeRecipient =
    to.kind === 'x25519'
      ? { kind: 'x25519', recipient: to.recipient }
      : { kind: 'passphrase', passphrase: to.passphrase, ...(to.logN ? { logN: to.logN } : {}) }
  let encryption: Awaited<ReturnType<typeof encryptArchive>> | null = null
  let committed = false
  try {
    encryption = await encryptArchive(stream, age)
    const fileBytes = await pump(encryption.stream, sink)
    const written: ArchiveSummary = await summary
    const headAfter = (await session.db.sealed.get(SEALED.auditHead))?.enc.iv ?? null
    if (!sameOptionalBytes(headBefore, headAfter)) throw new BackupError('changed-during-backup')
    const { name } = await sink.commit()
    committed = true

    // Read back what is on disk, decrypt it (every chunk authenticated with the key that will
    // open it) and check it holds the very compressed archive that was written: equal digests,
    // equal archives, with the manifest, records, trail and trailer produced above.
    const back = await sink.readBack()
    const keys =
      to.kind === 'x25519'
        ? { identities: [to.identity] }
        : { identities: encryption.verifier ? [encryption.verifier] : [] }
    const sent = encryption.payload()
    const read = await digestBackup(back, keys).catch(() => null)
    if (
      !read ||
      !sent ||
      back.length !== fileBytes ||
      read.bytes !== sent.bytes ||
      read.sha256 !== sent.sha256
    ) {
      throw new BackupError('read-back-differs')
    }
    return {
      name,
      createdAt,
      counts: written.counts,
      skipped: written.skipped,
      auditEntries: written.auditEntries,
      trailIntact: written.trailIntact,
      fileBytes,
      archiveBytes: written.bytes,
      sha256: written.sha256,
    }
  } catch (error) {
    // Nothing is left behind: an unfinished file is aborted, a finished one that did not check
    // out is withdrawn (it must not pass for a backup).
    if (!committed) await sink.abort().catch(() => {})
    else await sink.withdraw().catch(() => {})
    throw error
  } finally {
    encryption?.dispose()
  }
}

/** Hands a stream to the sink in pieces of about SINK_CHUNK bytes; returns the total. */
async function pump(stream: ReadableStream<Uint8Array>, sink: BackupSink): Promise<number> {
  const reader = stream.getReader()
  let parts: Uint8Array[] = []
  let size = 0
  let total = 0
  const flush = async () => {
    if (size === 0) return
    const chunk = new Uint8Array(size)
    let at = 0
    for (const part of parts) {
      chunk.set(part, at)
      at += part.length
    }
    parts = []
    size = 0
    await sink.write(chunk)
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parts.push(value)
      size += value.length
      total += value.length
      if (size >= SINK_CHUNK) await flush()
    }
    await flush()
  } catch (error) {
    await reader.cancel().catch(() => {})
    throw error
  }
  return total
}

// ------------------------------------------------------------------ what the trail records

export type BackupPurpose = 'export' | 'automatic' | 'safety'

const PURPOSE_WORDS: Record<BackupPurpose, string> = {
  export: 'Encrypted backup exported',
  automatic: 'Automatic backup',
  safety: 'Safety backup before a restore',
}

function stores(session: VaultSession) {
  return {
    config: new RecordStore(session.db.sealed, backupConfigCodec),
    state: new RecordStore(session.db.sealed, backupStateCodec),
  }
}

/** The automatic-backup settings (null: not set up, or the sealed row does not open). */
export async function readBackupConfig(session: VaultSession): Promise<BackupConfig | null> {
  const opened = await stores(session).config.get(session.dataKey, SEALED.backupConfig)
  return opened?.ok ? opened.value : null
}

export async function readBackupState(session: VaultSession): Promise<BackupState> {
  const opened = await stores(session).state.get(session.dataKey, SEALED.backupState)
  return opened?.ok ? opened.value : { ...EMPTY_BACKUP_STATE }
}

/**
 * Changes the backup state and records why, in one write: the state is sealed and bound into
 * the audit trail like every setting. Re-reads the state so concurrent changes are kept.
 */
export async function updateBackupState(
  session: VaultSession,
  change: (state: BackupState) => BackupState,
  audit: AuditEvent,
  extra: Change[] = [],
): Promise<BackupState> {
  return withRetry(async () => {
    const { state: store } = stores(session)
    const row = await session.db.sealed.get(SEALED.backupState)
    const current = row ? await store.open(session.dataKey, row) : null
    const next = change(current?.ok ? current.value : { ...EMPTY_BACKUP_STATE })
    await session.commit({
      changes: [put(store, SEALED.backupState, next), ...extra],
      audit,
      preconditions: [
        {
          store: store as unknown as RecordStore<unknown, SealedRow>,
          id: SEALED.backupState,
          iv: row?.enc.iv ?? null,
        },
      ],
    })
    return next
  })
}

/** Records a backup that was written and checked: in the audit trail (kinds and counts) and the state. */
export async function recordBackup(
  session: VaultSession,
  written: WrittenBackup,
  purpose: BackupPurpose,
  detail = '',
  /** Written into the backup folder: remembered as this vault's (see `BackupState.written`). */
  inBackupFolder = false,
): Promise<void> {
  const skipped = Object.values(written.skipped).reduce((a, b) => a + b, 0)
  const words = `${PURPOSE_WORDS[purpose]}${detail ? ` (${detail})` : ''}: ${describeCounts(written.counts)}${skipped ? `; ${skipped} could not be opened` : ''}`
  await updateBackupState(
    session,
    (state) => ({
      ...state,
      lastVerified: { at: written.createdAt, how: purpose, name: written.name.slice(0, 100) },
      ...(inBackupFolder
        ? {
            written: [written.name, ...state.written.filter((name) => name !== written.name)].slice(
              0,
              BACKUP_WRITTEN_MAX,
            ),
          }
        : {}),
      ...(purpose === 'automatic'
        ? {
            lastAutomatic: written.createdAt,
            lastAttempt: { at: written.createdAt, ok: true, problem: '' },
          }
        : {}),
    }),
    {
      action: purpose === 'export' ? 'export' : 'backup',
      target: 'vault',
      targetId: session.vaultId,
      detail: words.slice(0, 200),
    },
  )
}

/** Records an automatic backup that failed (the kind of problem, in words; never content). */
export async function recordBackupFailure(
  session: VaultSession,
  problem: string,
  at: Date = new Date(),
): Promise<void> {
  await updateBackupState(
    session,
    (state) => ({
      ...state,
      lastAttempt: { at: at.toISOString(), ok: false, problem: problem.slice(0, 300) },
    }),
    {
      action: 'backup',
      target: 'vault',
      targetId: session.vaultId,
      detail: `Automatic backup failed: ${problem}`.slice(0, 200),
    },
  )
}

/** Sets up or changes automatic backups (the key, schedule and how many to keep). */
export async function saveBackupConfig(
  session: VaultSession,
  config: BackupConfig,
  detail: string,
): Promise<void> {
  refuseInSample(session)
  const { config: store } = stores(session)
  await withRetry(() =>
    session.commit({
      changes: [put(store, SEALED.backupConfig, config)],
      audit: {
        action: 'edit',
        target: 'vault',
        targetId: session.vaultId,
        detail: `Automatic backups: ${detail}`.slice(0, 200),
      },
    }),
  )
}

// ------------------------------------------------------------------ the passphrase

/**
 * Whether `passphrase` opens this vault (checked against its stored headers, as unlocking does;
 * Argon2id runs in its worker). Used before a backup is encrypted to the vault passphrase, so a
 * typo never makes a backup nobody can open.
 */
export async function isVaultPassphrase(
  session: VaultSession,
  passphrase: string,
): Promise<boolean> {
  const rows = await Promise.all([
    session.db.meta.get(META.header),
    session.db.meta.get(META.headerCopy),
  ])
  for (const row of rows) {
    const header = parseVaultHeader(row?.value)
    if (!header || header.vaultId !== session.vaultId) continue
    const opened = await openWithPassphrase(header, passphrase).then(
      () => true,
      () => false,
    )
    if (opened) return true
  }
  return false
}
