import { createSHA256, type IHasher } from 'hash-wasm'
import { z } from 'zod'
import { AgeError } from '../crypto/age'
import { fromUtf8 } from '../crypto/bytes'
import {
  auditHeadSchema,
  verifyChain,
  type AuditEntry,
  type AuditHead,
  type ChainVerdict,
  type StoredEntry,
} from '../domain/audit'
import type { Client } from '../domain/client'
import { walkoutMoment, type Addendum, type Incident } from '../domain/incident'
import type { PracticeSettings } from '../domain/practice'
import type { VaultSettings } from '../domain/settings'
import { BackupError } from './backup-errors'
import {
  addendumCodec,
  auditCodec,
  clientCodec,
  incidentCodec,
  practiceSettingsCodec,
  vaultSettingsCodec,
} from './codecs'
import { SEALED } from './keys'
import { checkOpened, type RecordCodec } from './records'

/**
 * The Mend backup archive, format 1 (docs/backup-format.md): UTF-8 JSON lines.
 *
 *   manifest      format, version, app version, creation time, vault id, counts, schema versions
 *   record …      one per record: kind, id, schema version, the validated value
 *   audit …       the audit trail, in order
 *   audit-head    the trail's head (null if it could not be opened)
 *   trailer       counts written and skipped, the trail's verdict, SHA-256 of every byte before it
 *
 * The writer produces it line by line (records come page by page); the reader checks every line
 * as it arrives and keeps either the values (restore) or only their hashes (checks, drill).
 * This module has no database: it is the same in the app, in tests and in Node.
 */

export const BACKUP_FORMAT = 'mend-backup'
export const BACKUP_FORMAT_VERSION = 1

/** The kinds of record a backup holds, in the order they are written. */
export const BACKUP_KINDS = [
  'clients',
  'incidents',
  'addenda',
  'practiceSettings',
  'vaultSettings',
] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

export interface BackupValues {
  clients: Client
  incidents: Incident
  addenda: Addendum
  practiceSettings: PracticeSettings
  vaultSettings: VaultSettings
}

export const BACKUP_CODECS: { [K in BackupKind]: RecordCodec<BackupValues[K]> } = {
  clients: clientCodec,
  incidents: incidentCodec,
  addenda: addendumCodec,
  practiceSettings: practiceSettingsCodec,
  vaultSettings: vaultSettingsCodec,
}

/** The only id a singleton kind may have (its row in the sealed table). */
export const SINGLETON_IDS: Partial<Record<BackupKind, string>> = {
  practiceSettings: SEALED.practice,
  vaultSettings: SEALED.vaultSettings,
}

/** The table a kind's rows live in (what the audit trail names). */
export function tableOf(kind: BackupKind): string {
  return kind === 'practiceSettings' || kind === 'vaultSettings' ? 'sealed' : kind
}

/** Words for counts of each kind. */
export const KIND_WORDS: Record<BackupKind, { one: string; many: string }> = {
  clients: { one: 'client', many: 'clients' },
  incidents: { one: 'walkout record', many: 'walkout records' },
  addenda: { one: 'addendum', many: 'addenda' },
  practiceSettings: { one: 'practice setting', many: 'practice settings' },
  vaultSettings: { one: 'lock setting', many: 'lock settings' },
}

export type Counts = Record<BackupKind, number>
export const zeroCounts = (): Counts => ({
  clients: 0,
  incidents: 0,
  addenda: 0,
  practiceSettings: 0,
  vaultSettings: 0,
})

export const totalOf = (counts: Counts): number =>
  BACKUP_KINDS.reduce((sum, kind) => sum + counts[kind], 0)

/** "12 clients, 40 walkout records, 3 addenda, 2 settings" (no content). */
export function describeCounts(counts: Counts): string {
  const settings = counts.practiceSettings + counts.vaultSettings
  const parts = (['clients', 'incidents', 'addenda'] as const).map((kind) => {
    const n = counts[kind]
    return `${n} ${n === 1 ? KIND_WORDS[kind].one : KIND_WORDS[kind].many}`
  })
  parts.push(`${settings} ${settings === 1 ? 'setting' : 'settings'}`)
  return parts.join(', ')
}

/** Limits well above any practice, low enough to stop a hostile file early. */
export const ARCHIVE_LIMITS = {
  /** Records of all kinds. */
  records: 1_000_000,
  /** Bytes once unpacked. */
  bytes: 1024 * 1024 * 1024,
  /** Bytes of one line (an audit entry binding every row of a large restore is the longest). */
  line: 64 * 1024 * 1024,
} as const

const count = z.number().int().min(0).max(ARCHIVE_LIMITS.records)
const countsSchema = z.strictObject({
  clients: count,
  incidents: count,
  addenda: count,
  practiceSettings: count,
  vaultSettings: count,
})
const version = z.number().int().min(1).max(1000)
const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
/** Record ids: random UUIDs in practice; a conservative set of characters in any case. */
export const recordIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/)

export const manifestSchema = z.strictObject({
  type: z.literal('manifest'),
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_FORMAT_VERSION),
  /** The version of Mend that wrote it. */
  app: z.string().min(1).max(40),
  createdAt: z.iso.datetime(),
  vaultId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
  /** Records of each kind in the vault when the backup was made (written + skipped). */
  counts: countsSchema,
  /** Entries in the audit trail when the backup was made. */
  auditEntries: count,
  /** The schema version each kind (and the audit trail) was written under. */
  schemas: z.strictObject({
    clients: version,
    incidents: version,
    addenda: version,
    practiceSettings: version,
    vaultSettings: version,
    audit: version,
  }),
})
export type Manifest = z.infer<typeof manifestSchema>

const recordLineSchema = z.strictObject({
  type: z.literal('record'),
  kind: z.enum(BACKUP_KINDS),
  id: recordIdSchema,
  sv: version,
  value: z.unknown(),
})
const auditLineSchema = z.strictObject({
  type: z.literal('audit'),
  sv: version,
  entry: z.unknown(),
})
const headLineSchema = z.strictObject({
  type: z.literal('audit-head'),
  head: auditHeadSchema.nullable(),
})
export const trailerSchema = z.strictObject({
  type: z.literal('trailer'),
  /** Records written, per kind. */
  counts: countsSchema,
  /** Records that could not be opened when the backup was made, per kind (not in the archive). */
  skipped: countsSchema,
  audit: z.strictObject({
    entries: count,
    /** Entries that could not be opened when the backup was made (not in the archive). */
    skipped: count,
    /** Whether the trail, as written, verifies (chain, head, and starts with the vault). */
    intact: z.boolean(),
  }),
  /** SHA-256 of every byte of the archive before the trailer line. */
  sha256: hex64,
})
export type Trailer = z.infer<typeof trailerSchema>

// ------------------------------------------------------------------ hashing

/**
 * SHA-256 instances (WebAssembly) are reused: each new one reserves memory that is freed only by
 * garbage collection, and a backup check of many files must not pile them up. A streaming hash
 * borrows one for its duration; a one-shot hash shares one (no await between its calls).
 */
const idle: IHasher[] = []
export async function borrowSha256(): Promise<IHasher> {
  const hasher = idle.pop() ?? (await createSHA256())
  hasher.init()
  return hasher
}
export function giveBack(hasher: IHasher): void {
  if (idle.length < 4) idle.push(hasher)
}
let shared: Promise<IHasher> | null = null

/** JSON with object keys sorted, so equal values have equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const sorted: Record<string, unknown> = {}
      for (const key of Object.keys(item).sort())
        sorted[key] = (item as Record<string, unknown>)[key]
      return sorted
    }
    return item
  })
}

/**
 * The hash of one record's content (kind, id, validated value): what a restore drill compares
 * between a backup and the vault. Independent of sealing, key, file and line order.
 */
export async function recordHasher(): Promise<
  (kind: BackupKind, id: string, value: unknown) => string
> {
  const own = await (shared ??= createSHA256())
  return (kind, id, value) => {
    own.init()
    own.update(`${kind}\n${id}\n${canonicalJson(value)}`)
    return own.digest('hex')
  }
}

/** Whether an audit trail verifies and starts with the creation of this vault. */
export async function judgeTrail(
  entries: StoredEntry[],
  head: AuditHead | null,
  vaultId: string,
): Promise<ChainVerdict> {
  if (entries.length === 0 && head === null) {
    return { intact: false, seq: 1, reason: 'missing', message: 'The audit trail is empty.' }
  }
  if (head === null) {
    return {
      intact: false,
      seq: entries.at(-1)?.seq ?? 1,
      reason: 'altered',
      message: 'The marker of the trail’s last entry could not be opened.',
    }
  }
  const verdict = await verifyChain(entries, head)
  const first = entries[0]?.entry
  if (
    verdict.intact &&
    !(first && first.action === 'create' && first.target === 'vault' && first.targetId === vaultId)
  ) {
    return {
      intact: false,
      seq: 1,
      reason: 'altered',
      message: 'Entry 1 is not the creation of this vault.',
    }
  }
  return verdict
}

// ------------------------------------------------------------------ writing

export interface ArchiveStart {
  app: string
  createdAt: string
  vaultId: string
  counts: Counts
  auditEntries: number
}

export interface ArchiveSummary {
  counts: Counts
  skipped: Counts
  auditEntries: number
  auditSkipped: number
  trailIntact: boolean
  sha256: string
  /** Bytes of the archive, before compression. */
  bytes: number
}

/**
 * Writes an archive line by line. `take()` hands out what has been written since the last call,
 * so the caller can stream it; `summary` is set once `finish` has written the trailer.
 */
export class ArchiveWriter {
  /** What has been written since the last `take`, encoded in place (no copy per line). */
  private buffer = new Uint8Array(FLUSH_BYTES * 2)
  private used = 0
  private readonly counts = zeroCounts()
  private readonly skipped = zeroCounts()
  private readonly trail: StoredEntry[] = []
  private auditSkipped = 0
  private written = 0
  private stage: 'records' | 'audit' | 'done' = 'records'
  summary: ArchiveSummary | null = null

  private constructor(
    private readonly sha: IHasher,
    private readonly start: ArchiveStart,
  ) {}

  static async begin(start: ArchiveStart): Promise<ArchiveWriter> {
    const own = await borrowSha256()
    const writer = new ArchiveWriter(own, start)
    writer.line({
      type: 'manifest',
      format: BACKUP_FORMAT,
      version: BACKUP_FORMAT_VERSION,
      app: start.app,
      createdAt: start.createdAt,
      vaultId: start.vaultId,
      counts: start.counts,
      auditEntries: start.auditEntries,
      schemas: {
        clients: clientCodec.schemaVersion,
        incidents: incidentCodec.schemaVersion,
        addenda: addendumCodec.schemaVersion,
        practiceSettings: practiceSettingsCodec.schemaVersion,
        vaultSettings: vaultSettingsCodec.schemaVersion,
        audit: auditCodec.schemaVersion,
      },
    } satisfies Manifest)
    return writer
  }

  private line(value: unknown, hashed = true): void {
    const text = `${JSON.stringify(value)}\n`
    // UTF-8 needs at most three bytes per UTF-16 unit.
    this.reserve(text.length * 3)
    const { written } = ENCODER.encodeInto(text, this.buffer.subarray(this.used))
    if (hashed) this.sha.update(this.buffer.subarray(this.used, this.used + written))
    this.used += written
    this.written += written
  }

  /** Room for `bytes` more in the buffer. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.used + bytes))
    bigger.set(this.buffer.subarray(0, this.used))
    this.buffer = bigger
  }

  /** A record, already opened, migrated and validated (written under today's schema version). */
  record<K extends BackupKind>(kind: K, id: string, value: BackupValues[K]): void {
    if (this.stage !== 'records') throw new Error('records come before the audit trail')
    this.line({ type: 'record', kind, id, sv: BACKUP_CODECS[kind].schemaVersion, value })
    this.counts[kind] += 1
  }

  /**
   * A record as the JSON text (UTF-8) of its value under today's schema version, copied in as it
   * is: the same line `record` writes for that value (see `RecordStore.openJson`).
   */
  recordJson(kind: BackupKind, id: string, json: Uint8Array): void {
    if (this.stage !== 'records') throw new Error('records come before the audit trail')
    const head = `{"type":"record","kind":${JSON.stringify(kind)},"id":${JSON.stringify(id)},"sv":${BACKUP_CODECS[kind].schemaVersion},"value":`
    const room = head.length * 3 + json.length + 2
    this.reserve(room)
    const start = this.used
    this.used += ENCODER.encodeInto(head, this.buffer.subarray(this.used)).written
    this.buffer.set(json, this.used)
    this.used += json.length
    this.buffer[this.used++] = 0x7d // }
    this.buffer[this.used++] = 0x0a // newline
    this.sha.update(this.buffer.subarray(start, this.used))
    this.written += this.used - start
    this.counts[kind] += 1
  }

  /** A record that could not be opened: counted, not written. */
  skip(kind: BackupKind): void {
    this.skipped[kind] += 1
  }

  /** The next audit entry in order, or null where one could not be opened. */
  audit(seq: number, entry: AuditEntry | null): void {
    if (this.stage === 'done') throw new Error('the archive is finished')
    this.stage = 'audit'
    this.trail.push({ seq, entry })
    if (!entry) {
      this.auditSkipped += 1
      return
    }
    this.line({ type: 'audit', sv: auditCodec.schemaVersion, entry })
  }

  /** Bytes written since the last call (null when there are none). */
  take(): Uint8Array | null {
    if (this.used === 0) return null
    const out = this.buffer.slice(0, this.used)
    this.used = 0
    return out
  }

  /** How many bytes wait to be taken. */
  get waiting(): number {
    return this.used
  }

  /** Writes the head and the trailer. */
  async finish(head: AuditHead | null): Promise<ArchiveSummary> {
    if (this.stage === 'done') throw new Error('the archive is finished')
    this.stage = 'done'
    this.line({ type: 'audit-head', head })
    const verdict = await judgeTrail(this.trail, head, this.start.vaultId)
    const entries = this.trail.length - this.auditSkipped
    const sha256 = this.sha.digest('hex')
    giveBack(this.sha)
    const trailer: Trailer = {
      type: 'trailer',
      counts: { ...this.counts },
      skipped: { ...this.skipped },
      audit: { entries, skipped: this.auditSkipped, intact: verdict.intact },
      sha256,
    }
    this.line(trailer, false)
    this.trail.length = 0
    this.summary = {
      counts: { ...this.counts },
      skipped: { ...this.skipped },
      auditEntries: entries,
      auditSkipped: this.auditSkipped,
      trailIntact: verdict.intact,
      sha256,
      bytes: this.written,
    }
    return this.summary
  }
}

// ------------------------------------------------------------------ reading

export type RecordMaps = { [K in BackupKind]: Map<string, BackupValues[K]> }

/**
 * The record maps `readArchive` filled: every value in them is what its codec's schema returned
 * (migrated and validated as the file was read), so a restore seals them without validating
 * them again. Nothing else adds to this set.
 */
const checkedMaps = new WeakSet<RecordMaps>()

/** Whether every value of `records` was validated by its codec's schema as it was read. */
export function wereChecked(records: RecordMaps): boolean {
  return checkedMaps.has(records)
}

export type HashMaps = { [K in BackupKind]: Map<string, string> }

const emptyMaps = <V>(): { [K in BackupKind]: Map<string, V> } => ({
  clients: new Map(),
  incidents: new Map(),
  addenda: new Map(),
  practiceSettings: new Map(),
  vaultSettings: new Map(),
})

/** When a row was last written, as the trail records it. */
export interface LastWrite {
  at: string
  seq: number
  /** The hash of the sealed bytes then written (null: removed). */
  h: string | null
}

export interface ArchiveContents {
  manifest: Manifest
  trailer: Trailer
  /** Every record's value, by kind and id (only when reading with keep: 'values'). */
  records: RecordMaps | null
  /** Every record's content hash (recordHasher), by kind and id (only with keep: 'hashes'). */
  hashes: HashMaps
  audit: {
    entries: number
    head: AuditHead | null
    verdict: ChainVerdict
    /** The last write the trail records of each row, by "table/id". */
    lastWrites: Map<string, LastWrite>
  }
  /** The earliest and latest walkout (UTC instants), or null without walkout records. */
  walkouts: { first: string; last: string } | null
}

const malformed = (detail: string) => new BackupError('malformed', detail)

const NEWLINE = new Uint8Array([0x0a])
const ENCODER = new TextEncoder()

type Stage = 'manifest' | 'records' | 'audit' | 'head' | 'trailer' | 'end'

/**
 * Reads and checks a whole archive: structure and order, every record (migrated to today's
 * schema version and validated), the audit trail's chain, the trailer's counts and hash. Throws
 * a BackupError naming what did not pass; resolves only when every byte has been checked.
 */
export async function readArchive(
  stream: ReadableStream<Uint8Array>,
  options: { keep: 'values' | 'hashes' },
): Promise<ArchiveContents> {
  const sha = await borrowSha256()
  try {
    return await readLines(stream, options, sha)
  } finally {
    giveBack(sha)
  }
}

async function readLines(
  stream: ReadableStream<Uint8Array>,
  options: { keep: 'values' | 'hashes' },
  sha: IHasher,
): Promise<ArchiveContents> {
  const hashRecord = await recordHasher()
  const records = options.keep === 'values' ? emptyMaps<never>() : null
  const hashes = emptyMaps<string>()
  const seen = zeroCounts()
  const trail: StoredEntry[] = []
  const lastWrites = new Map<string, LastWrite>()
  let manifest: Manifest | null = null
  let trailer: Trailer | null = null
  let head: AuditHead | null = null
  let stage: Stage = 'manifest'
  let lineNumber = 0
  let total = 0
  let first = ''
  let last = ''

  const handle = async (bytes: Uint8Array): Promise<void> => {
    lineNumber += 1
    let text: string
    let parsed: unknown
    try {
      text = fromUtf8(bytes)
      parsed = JSON.parse(text)
    } catch {
      throw stage === 'manifest'
        ? new BackupError('not-mend')
        : malformed(`line ${lineNumber} is not valid JSON`)
    }
    const type = (parsed as { type?: unknown } | null)?.type
    if (stage === 'end')
      throw malformed(`there is more after the closing summary (line ${lineNumber})`)
    // Every byte before the trailer, newlines included, is what its hash covers.
    if (type !== 'trailer') {
      sha.update(bytes)
      sha.update(NEWLINE)
    }

    if (stage === 'manifest') {
      const found = parsed as { type?: unknown; format?: unknown; version?: unknown } | null
      if (found?.type !== 'manifest' || found.format !== BACKUP_FORMAT)
        throw new BackupError('not-mend')
      if (typeof found.version === 'number' && found.version > BACKUP_FORMAT_VERSION)
        throw new BackupError('newer-format')
      const result = manifestSchema.safeParse(parsed)
      if (!result.success) throw malformed('its opening summary (the manifest) is not valid')
      manifest = result.data
      for (const kind of [...BACKUP_KINDS, 'audit'] as const) {
        const known =
          kind === 'audit' ? auditCodec.schemaVersion : BACKUP_CODECS[kind].schemaVersion
        if (manifest.schemas[kind] > known) throw new BackupError('newer-schema')
      }
      stage = 'records'
      return
    }

    if (type === 'record') {
      if (stage !== 'records') throw malformed(`line ${lineNumber}: a record after the audit trail`)
      const line = recordLineSchema.safeParse(parsed)
      if (!line.success) throw malformed(`line ${lineNumber} is not a valid record line`)
      const { kind, id, sv, value } = line.data
      const codec = BACKUP_CODECS[kind] as RecordCodec<unknown>
      const what = `line ${lineNumber} (${KIND_WORDS[kind].one})`
      if (sv > codec.schemaVersion) throw new BackupError('newer-schema')
      let migrated: unknown
      try {
        migrated = sv < codec.schemaVersion ? codec.migrate(sv, value) : value
      } catch {
        throw malformed(`${what} cannot be brought up to date`)
      }
      const valid = checkOpened(codec, migrated)
      if (!valid.success) throw malformed(`${what} does not pass Mend’s checks`)
      const singleton = SINGLETON_IDS[kind]
      if (singleton !== undefined && id !== singleton) throw malformed(`${what} has the wrong id`)
      const known = records ? records[kind].has(id) : hashes[kind].has(id)
      if (known) throw malformed(`${what} appears twice`)
      seen[kind] += 1
      if (
        seen.clients + seen.incidents + seen.addenda + seen.practiceSettings + seen.vaultSettings >
        ARCHIVE_LIMITS.records
      )
        throw new BackupError('too-large')
      // Values are kept for a restore (which hashes what it compares); hashes alone otherwise.
      if (records) (records[kind] as Map<string, unknown>).set(id, valid.data)
      else hashes[kind].set(id, hashRecord(kind, id, valid.data))
      if (kind === 'incidents') {
        const at = walkoutMoment(valid.data as Incident).utc
        if (!first || at < first) first = at
        if (!last || at > last) last = at
      }
      return
    }

    if (type === 'audit') {
      if (stage !== 'records' && stage !== 'audit')
        throw malformed(`line ${lineNumber}: an audit entry out of place`)
      stage = 'audit'
      const line = auditLineSchema.safeParse(parsed)
      if (!line.success) throw malformed(`line ${lineNumber} is not a valid audit line`)
      if (line.data.sv > auditCodec.schemaVersion) throw new BackupError('newer-schema')
      let migrated: unknown
      try {
        migrated =
          line.data.sv < auditCodec.schemaVersion
            ? auditCodec.migrate(line.data.sv, line.data.entry)
            : line.data.entry
      } catch {
        throw malformed(`audit entry on line ${lineNumber} cannot be brought up to date`)
      }
      const entry = checkOpened(auditCodec, migrated)
      if (!entry.success) throw malformed(`the audit entry on line ${lineNumber} is not valid`)
      const previous = trail.at(-1)
      if (previous && entry.data.seq <= previous.seq)
        throw malformed(`the audit entry on line ${lineNumber} is out of order`)
      trail.push({ seq: entry.data.seq, entry: entry.data })
      for (const row of entry.data.rows)
        lastWrites.set(`${row.t}/${row.id}`, {
          at: entry.data.at.utc,
          seq: entry.data.seq,
          h: row.h,
        })
      return
    }

    if (type === 'audit-head') {
      if (stage !== 'records' && stage !== 'audit')
        throw malformed(`line ${lineNumber}: the trail’s head out of place`)
      const line = headLineSchema.safeParse(parsed)
      if (!line.success)
        throw malformed(`line ${lineNumber} is not a valid head of the audit trail`)
      head = line.data.head
      stage = 'trailer'
      return
    }

    if (type === 'trailer') {
      if (stage !== 'trailer')
        throw malformed(`line ${lineNumber}: the closing summary comes too early`)
      const line = trailerSchema.safeParse(parsed)
      if (!line.success) throw malformed('its closing summary (the trailer) is not valid')
      trailer = line.data
      stage = 'end'
      return
    }
    throw malformed(`line ${lineNumber} is of an unknown kind`)
  }

  // Split the stream into lines, checking each as it arrives.
  const reader = stream.getReader()
  let partial: Uint8Array[] = []
  let partialBytes = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > ARCHIVE_LIMITS.bytes) throw new BackupError('too-large')
      let at = 0
      while (at < value.length) {
        const end = value.indexOf(0x0a, at)
        if (end === -1) {
          partial.push(value.subarray(at))
          partialBytes += value.length - at
          if (partialBytes > ARCHIVE_LIMITS.line) {
            if (stage === 'manifest') throw new BackupError('not-mend')
            throw malformed(`line ${lineNumber + 1} is far longer than any record`)
          }
          break
        }
        let line: Uint8Array
        if (partial.length === 0) line = value.subarray(at, end)
        else {
          partial.push(value.subarray(at, end))
          line = new Uint8Array(partialBytes + end - at)
          let offset = 0
          for (const part of partial) {
            line.set(part, offset)
            offset += part.length
          }
          partial = []
          partialBytes = 0
        }
        await handle(line)
        at = end + 1
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => {})
    if (error instanceof BackupError) throw error
    // The age layer's own failure (a chunk that did not authenticate) keeps its meaning.
    if (error instanceof AgeError) throw error
    // Anything else (unpacking failed): not an archive, or a damaged one.
    throw stage === 'manifest'
      ? new BackupError('not-mend')
      : malformed('its packed contents are damaged')
  }
  if (partialBytes > 0) {
    if (stage === 'manifest') throw new BackupError('not-mend')
    throw malformed('it ends in the middle of a line')
  }
  if (!manifest) throw new BackupError('not-mend')
  if (!trailer)
    throw malformed('it ends before its closing summary (cut short when it was written)')
  const m: Manifest = manifest
  const t: Trailer = trailer

  if (sha.digest('hex') !== t.sha256) throw malformed('its checksum does not match its contents')
  for (const kind of BACKUP_KINDS) {
    if (t.counts[kind] !== seen[kind])
      throw malformed(`it holds ${seen[kind]} ${KIND_WORDS[kind].many} but says ${t.counts[kind]}`)
    if (m.counts[kind] !== t.counts[kind] + t.skipped[kind])
      throw malformed(`its counts of ${KIND_WORDS[kind].many} do not add up`)
  }
  if (t.audit.entries !== trail.length)
    throw malformed(`it holds ${trail.length} audit entries but says ${t.audit.entries}`)
  // Entries that could not be opened when it was made are gaps in the numbering.
  const verdict = await judgeTrail(fillGaps(trail, t.audit.skipped, head), head, m.vaultId)
  if (verdict.intact !== t.audit.intact)
    throw malformed('its audit trail does not verify as its summary says')
  if (records) checkedMaps.add(records as RecordMaps)
  return {
    manifest: m,
    trailer: t,
    records: records as RecordMaps | null,
    hashes,
    audit: { entries: trail.length, head, verdict, lastWrites },
    walkouts: first ? { first, last } : null,
  }
}

/** The trail with a placeholder (null entry) at each number that is missing. */
function fillGaps(trail: StoredEntry[], skipped: number, head: AuditHead | null): StoredEntry[] {
  if (skipped === 0) return trail
  const out: StoredEntry[] = []
  const bySeq = new Map(trail.map((e) => [e.seq, e]))
  const lastSeq = Math.max(head?.seq ?? 0, trail.at(-1)?.seq ?? 0)
  for (let seq = 1; seq <= lastSeq; seq++) out.push(bySeq.get(seq) ?? { seq, entry: null })
  return out
}

/** How much of the archive is produced before it is handed on (before compression). */
const FLUSH_BYTES = 256 * 1024

/**
 * The archive as a stream, produced as it is read: `fill` writes into the writer and yields
 * whenever it likes (after each page of records); when it returns the trail's head, the archive
 * is finished. Nothing is produced ahead of what the reader asks for.
 */
export function archiveStream(
  start: ArchiveStart,
  fill: (writer: ArchiveWriter) => AsyncGenerator<void, AuditHead | null>,
): { stream: ReadableStream<Uint8Array>; summary: Promise<ArchiveSummary> } {
  let writer: ArchiveWriter | null = null
  let steps: AsyncGenerator<void, AuditHead | null> | null = null
  let settle: { resolve: (s: ArchiveSummary) => void; reject: (e: unknown) => void }
  const summary = new Promise<ArchiveSummary>((resolve, reject) => {
    settle = { resolve, reject }
  })
  summary.catch(() => {})
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          writer ??= await ArchiveWriter.begin(start)
          steps ??= fill(writer)
          while (writer.waiting < FLUSH_BYTES) {
            const step = await steps.next()
            if (step.done) {
              settle.resolve(await writer.finish(step.value))
              const rest = writer.take()
              if (rest) controller.enqueue(rest)
              controller.close()
              return
            }
          }
          const chunk = writer.take()
          if (chunk) controller.enqueue(chunk)
        } catch (error) {
          settle.reject(error)
          controller.error(error)
        }
      },
      async cancel(reason) {
        settle.reject(reason)
        await steps?.return(null)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, summary }
}
