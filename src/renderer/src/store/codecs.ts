import { z } from 'zod'
import {
  AUDIT_SCHEMA_VERSION,
  auditEntrySchema,
  auditHeadSchema,
  hexHash,
  migrateAuditEntryV1,
  type AuditEntry,
  type AuditHead,
} from '../domain/audit'
import {
  CLIENT_SCHEMA_VERSION,
  clientSchema,
  migrateClientV1,
  migrateClientV2,
  migrateClientV3,
  type Client,
} from '../domain/client'
import {
  ADDENDUM_SCHEMA_VERSION,
  addendumSchema,
  INCIDENT_SCHEMA_VERSION,
  incidentSchema,
  migrateIncidentV1,
  type Addendum,
  type Incident,
} from '../domain/incident'
import {
  migratePracticeSettingsV1,
  migratePracticeSettingsV2,
  PRACTICE_SETTINGS_SCHEMA_VERSION,
  practiceSettingsSchema,
  type PracticeSettings,
} from '../domain/practice'
import {
  migrateVaultSettingsV1,
  VAULT_SETTINGS_SCHEMA_VERSION,
  vaultSettingsSchema,
  type VaultSettings,
} from '../domain/settings'
import { timestampSchema } from '../domain/time'
import { migrations, type RecordCodec } from './records'
import { migrateSegmentV3, packedSegmentSchema, type PackedSegment } from './segment-format'

/**
 * Every kind of sealed record, in one place: its table, schema, schema version and migrations.
 * A schema change without a version bump fails a unit test (tests/unit/schema-versions.test.ts).
 */

export const clientCodec: RecordCodec<Client> = {
  table: 'clients',
  schemaVersion: CLIENT_SCHEMA_VERSION,
  schema: clientSchema,
  migrate: migrations(CLIENT_SCHEMA_VERSION, {
    1: migrateClientV1,
    2: migrateClientV2,
    3: migrateClientV3,
  }),
  // Opened by the tens of thousands in a backup, a restore, the search index and Verify.
  compiledCheck: true,
}

/** An unsaved form: which form, what was typed, when. All of it sealed like any record. */
export const draftSchema = z.object({
  /** What the form is, in words for the "continue where you left off" offer (no client data). */
  label: z.string().max(200),
  /** The route the form lives at (random ids only). */
  route: z.string().max(500),
  values: z.unknown(),
  savedAt: z.string(),
})
export type Draft = z.infer<typeof draftSchema>

export const draftCodec: RecordCodec<Draft> = {
  table: 'drafts',
  schemaVersion: 1,
  schema: draftSchema,
  migrate: migrations(1),
}

export const incidentCodec: RecordCodec<Incident> = {
  table: 'incidents',
  schemaVersion: INCIDENT_SCHEMA_VERSION,
  schema: incidentSchema,
  migrate: migrations(INCIDENT_SCHEMA_VERSION, { 1: migrateIncidentV1 }),
  // Opened by the tens of thousands in a backup, a restore, the search index and Verify.
  compiledCheck: true,
}

export const addendumCodec: RecordCodec<Addendum> = {
  table: 'addenda',
  schemaVersion: ADDENDUM_SCHEMA_VERSION,
  schema: addendumSchema,
  migrate: migrations(ADDENDUM_SCHEMA_VERSION),
  // Opened by the tens of thousands in a backup, a restore, the search index and Verify.
  compiledCheck: true,
}

export const auditCodec: RecordCodec<AuditEntry> = {
  table: 'audit',
  schemaVersion: AUDIT_SCHEMA_VERSION,
  schema: auditEntrySchema,
  migrate: migrations(AUDIT_SCHEMA_VERSION, { 1: migrateAuditEntryV1 }),
  // Opened by the tens of thousands in a backup, a restore, the search index and Verify.
  compiledCheck: true,
}

export const auditHeadCodec: RecordCodec<AuditHead> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: auditHeadSchema,
  migrate: migrations(1),
}

/** The host's locale (the default paper size follows it); Node without `navigator` reads en-US. */
export function hostLocale(): string {
  return typeof navigator === 'undefined' ? 'en-US' : navigator.language
}

/**
 * The practice's settings (emergency resources, practice profile, paper size, templates),
 * sealed: what the screen trusts is sealed. Version 2 added the profile, paper size and letter
 * templates; version 3 the outreach templates.
 */
export const practiceSettingsCodec: RecordCodec<PracticeSettings> = {
  table: 'sealed',
  schemaVersion: PRACTICE_SETTINGS_SCHEMA_VERSION,
  schema: practiceSettingsSchema,
  migrate: migrations(PRACTICE_SETTINGS_SCHEMA_VERSION, {
    1: (value) => migratePracticeSettingsV1(value, hostLocale()),
    2: migratePracticeSettingsV2,
  }),
}

/** The vault's own settings (auto-lock time), sealed. */
export const vaultSettingsCodec: RecordCodec<VaultSettings> = {
  table: 'sealed',
  schemaVersion: VAULT_SETTINGS_SCHEMA_VERSION,
  schema: vaultSettingsSchema,
  migrate: migrations(VAULT_SETTINGS_SCHEMA_VERSION, { 1: migrateVaultSettingsV1 }),
}

// ---------------------------------------------------------------- the sealed index

/**
 * Records per index segment: small enough to re-seal on every write, large enough to be few.
 * A walkout segment is then about 100 kB; Chromium stores values over 64 kB outside its
 * database file, and reads them several times faster per byte than smaller ones (measured).
 */
export const SEGMENT_SIZE = 256

/** The tables whose list fields live in the sealed index, and what each keeps of a record. */
export const INDEXED_TABLES = ['clients', 'incidents', 'addenda'] as const
export type IndexedTable = (typeof INDEXED_TABLES)[number]

/**
 * A segment as it is sealed: its table and its records' entries, each summary packed as a tuple
 * (version 4; see `segment-format.ts`). Versions 1 to 3 stored the summaries as objects.
 */
export type Segment = PackedSegment

/** Segment content of version 1: walkout summaries did not say whether a record was voided. */
function migrateSegmentV1(value: unknown): unknown {
  const v1 = value as { table?: string; entries?: Record<string, { h: string; s: object | null }> }
  const added =
    v1?.table === 'incidents'
      ? { voided: false }
      : v1?.table === 'clients'
        ? { dateOfBirth: '', clientNumber: '' }
        : null
  if (!added || !v1.entries) return value
  const entries = Object.fromEntries(
    Object.entries(v1.entries).map(([id, e]) => [id, e.s ? { ...e, s: { ...e.s, ...added } } : e]),
  )
  return { ...v1, entries }
}

/**
 * Segment content of version 2: walkout summaries did not keep what the pattern figures count
 * (rupture type, minutes into the session, how it ended, whether the reflection names the
 * therapist's own part). Only the records know, so the migration fills "not recorded" and the
 * unlock rebuilds such segments from the records (`isOutdatedSegment`), saying so.
 */
function migrateSegmentV2(value: unknown): unknown {
  const v2 = value as { table?: string; entries?: Record<string, { h: string; s: object | null }> }
  if (v2?.table !== 'incidents' || !v2.entries) return value
  const added = {
    ruptureType: null,
    minutesIntoSession: null,
    ending: 'not-recorded',
    contributionNoted: false,
  }
  const entries = Object.fromEntries(
    Object.entries(v2.entries).map(([id, e]) => [id, e.s ? { ...e, s: { ...e.s, ...added } } : e]),
  )
  return { ...v2, entries }
}

export const SEGMENT_SCHEMA_VERSION = 4

/**
 * A segment of this table, sealed under this version, opens (its migration fills defaults) but
 * lacks fields only the records hold: the unlock rebuilds it from the records and says so.
 * Walkout segments before version 3 lack the pattern fields.
 */
export function isOutdatedSegment(table: IndexedTable, schemaVersion: number): boolean {
  return table === 'incidents' && schemaVersion < 3
}

/**
 * A sealed index segment. Older versions migrate when opened; a segment that does not open or
 * migrate is rebuilt from the records themselves at unlock (and the app says so), and so is an
 * outdated one (`isOutdatedSegment`).
 */
export const segmentCodec: RecordCodec<Segment> = {
  table: 'segments',
  schemaVersion: SEGMENT_SCHEMA_VERSION,
  schema: packedSegmentSchema,
  migrate: migrations(SEGMENT_SCHEMA_VERSION, {
    1: migrateSegmentV1,
    2: migrateSegmentV2,
    3: migrateSegmentV3,
  }),
  // Opened by the tens of thousands entries at every unlock, before Today can be drawn.
  compiledCheck: true,
}

/** The integrity findings the therapist last acknowledged (a fingerprint, no record content). */
export const integrityAckSchema = z.object({ fingerprint: z.string().max(200_000) })
export const integrityAckCodec: RecordCodec<z.infer<typeof integrityAckSchema>> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: integrityAckSchema,
  migrate: migrations(1),
}

/**
 * Where the last clean integrity check left off: the audit entry it verified up to, and the
 * version of every bound row then (its IV, the hash the trail recorded, and the entry that
 * recorded it). The next unlock verifies only the entries written since, and compares each row's
 * IV (read as keys, without reading the row) with this. Derived and unbound: putting back an
 * older copy, or deleting it, only makes the next check go further back.
 */
export const CHECKPOINT_TABLES = ['clients', 'incidents', 'addenda', 'sealed'] as const
export type CheckpointTable = (typeof CHECKPOINT_TABLES)[number]
const checkpointRowsSchema = z
  .object({
    ids: z.array(z.string().min(1).max(200)),
    /** The rows' IVs, 12 bytes each, one after another (base64). */
    ivs: z.string(),
    /** The recorded SHA-256 hashes, 32 bytes each, one after another (base64). */
    hashes: z.string(),
    /** The audit entry that recorded each row's last write. */
    seqs: z.array(z.number().int().min(1)),
  })
  .refine((rows) => rows.seqs.length === rows.ids.length, 'Every row needs its entry.')
export const integrityCheckpointSchema = z.object({
  vaultId: z.string(),
  seq: z.number().int().min(1),
  hash: hexHash,
  rows: z.object(
    Object.fromEntries(CHECKPOINT_TABLES.map((t) => [t, checkpointRowsSchema])) as Record<
      CheckpointTable,
      typeof checkpointRowsSchema
    >,
  ),
  /** Walkout records the trail says were signed (and not since acknowledged as found). */
  signed: z.array(z.string().min(1).max(200)),
})
export type IntegrityCheckpoint = z.infer<typeof integrityCheckpointSchema>
export const integrityCheckpointCodec: RecordCodec<IntegrityCheckpoint> = {
  table: 'sealed',
  schemaVersion: 1,
  // Opened on the page at every unlock, right after the unlocked screen is drawn: the schema took
  // about 13 ms there on the benchmark practice (tens of thousands of rows' versions).
  compiledCheck: true,
  schema: integrityCheckpointSchema,
  migrate: migrations(1),
}

/**
 * When each walkout's session-prep sheet was last printed (walkout id -> moment), so Today can
 * say which sheets are still to print. Ids and times only: no content, no names.
 */
export const printLogSchema = z.object({
  prepSheets: z.record(z.string().min(1).max(100), timestampSchema),
})
export type PrintLog = z.infer<typeof printLogSchema>

export const printLogCodec: RecordCodec<PrintLog> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: printLogSchema,
  migrate: migrations(1),
}

// ---------------------------------------------------------------- backups

/** How often automatic backups are made ('off': the key is kept, nothing is written). */
export const BACKUP_SCHEDULES = ['daily', 'weekly', 'off'] as const
export type BackupSchedule = (typeof BACKUP_SCHEDULES)[number]
export const BACKUP_KEEP = { min: 1, max: 365, default: 30 } as const
/** How many names of its own backups a vault remembers (more than it may keep). */
export const BACKUP_WRITTEN_MAX = 2 * BACKUP_KEEP.max

const isoMoment = z.iso.datetime()

/**
 * Automatic backups: the age X25519 identity they are encrypted to (kept sealed here; a copy
 * encrypted to the backup passphrase is backup-key.age in the backup folder), how often, and how
 * many to keep. The folder itself is kept by the main process; the passphrase is never stored.
 */
export const backupConfigSchema = z.object({
  identity: z.string().regex(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/),
  recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/),
  createdAt: isoMoment,
  schedule: z.enum(BACKUP_SCHEDULES),
  keep: z.number().int().min(BACKUP_KEEP.min).max(BACKUP_KEEP.max),
  /** SHA-256 of backup-key.age as Mend wrote or adopted it: another key file in the folder shows. */
  keyFile: hexHash,
})
export type BackupConfig = z.infer<typeof backupConfigSchema>
export const backupConfigCodec: RecordCodec<BackupConfig> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: backupConfigSchema,
  migrate: migrations(1),
}

/** What happened to backups lately (times and kinds of problem only, no record content). */
export const backupStateSchema = z.object({
  /** The last backup that was read back and checked, of any kind. */
  lastVerified: z
    .object({
      at: isoMoment,
      how: z.enum(['automatic', 'export', 'safety']),
      /** The neutral file name (mend-backup-…). */
      name: z.string().max(100),
    })
    .nullable(),
  /** The last checked automatic backup (what the schedule counts from). */
  lastAutomatic: isoMoment.nullable(),
  /** The last automatic attempt, and what went wrong if it failed. */
  lastAttempt: z
    .object({ at: isoMoment, ok: z.boolean(), problem: z.string().max(300) })
    .nullable(),
  lastDrill: z
    .object({ at: isoMoment, passed: z.boolean(), summary: z.string().max(300) })
    .nullable(),
  /**
   * The names of the backups this vault wrote into the backup folder, newest first: the only
   * ones its pruning removes (a folder may hold another vault's backups, made with the same key
   * on another computer). Version 1 kept no list: its backups are never pruned.
   */
  written: z.array(z.string().max(100)).max(BACKUP_WRITTEN_MAX),
})
export type BackupState = z.infer<typeof backupStateSchema>
export const EMPTY_BACKUP_STATE: BackupState = {
  lastVerified: null,
  lastAutomatic: null,
  lastAttempt: null,
  lastDrill: null,
  written: [],
}
export const backupStateCodec: RecordCodec<BackupState> = {
  table: 'sealed',
  schemaVersion: 2,
  schema: backupStateSchema,
  migrate: migrations(2, { 1: (value) => ({ ...(value as object), written: [] }) }),
}

/** Every codec, for the schema-evolution test and for whole-vault readers. */
export const CODECS = {
  clients: clientCodec,
  drafts: draftCodec,
  incidents: incidentCodec,
  addenda: addendumCodec,
  audit: auditCodec,
  auditHead: auditHeadCodec,
  practiceSettings: practiceSettingsCodec,
  vaultSettings: vaultSettingsCodec,
  segments: segmentCodec,
  integrityAck: integrityAckCodec,
  integrityCheckpoint: integrityCheckpointCodec,
  printLog: printLogCodec,
  backupConfig: backupConfigCodec,
  backupState: backupStateCodec,
} as const
