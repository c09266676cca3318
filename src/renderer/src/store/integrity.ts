import { toHex, utf8 } from '../crypto/bytes'
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
import {
  CHECKPOINT_TABLES,
  INDEXED_TABLES,
  integrityCheckpointCodec,
  type CheckpointTable,
  type IndexedTable,
  type IntegrityCheckpoint,
} from './codecs'
import type { MendDatabase, SealedRow } from './db'
import { repairIndex } from './index-build'
import { IV_HEX, ivMaps, listIvs, type ListedTable } from './row-ivs'
import type { ListAnswer, ListRequest } from './row-ivs.worker'
import { SEALED } from './keys'
import { nextTask } from './next-task'
import { openEveryRecord, pagesOf } from './pages'
import { RecordStore, type Opened } from './records'
import { isBound, withRetry, type Precondition, type VaultSession } from './session'

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
  /**
   * What was seen (entry numbers, row hashes; never content): part of the fingerprint, so that
   * after an acknowledgement the same kind of problem found again on other evidence (a second
   * rollback, the same row put back after a later save) is raised again.
   */
  evidence?: string
}

export interface IntegrityReport {
  findings: IntegrityFinding[]
  chain: ChainVerdict
  /** Index entries that were stale and have been rebuilt from their rows (not a problem). */
  indexRepaired: number
  /** How the rows were checked: each one read and hashed, or from the last clean checkpoint. */
  path: 'full' | 'checkpoint'
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
  // The check reads the trail, the head and the rows one after the other, and the vault stays
  // in use meanwhile: a save (here or in another window) that lands between those reads would
  // look like a row put back. The check then reads again; the last try reports what it found.
  for (let attempt = 1; ; attempt++) {
    const report = await checkOnce(session, attempt === CHECK_ATTEMPTS)
    if (report) return report
  }
}

/** Full checks tried at most, while saves land during them (see `checkIntegrity`). */
const CHECK_ATTEMPTS = 3

/** Where the trail ends now ('' when its head does not read). */
async function headMark(session: VaultSession): Promise<string> {
  const { head } = await session.readHead().catch(() => ({ head: null as AuditHead | null }))
  return head ? `${head.seq}:${head.hash}` : ''
}

/** One full check; null when the trail moved while it read (unless `last`). */
async function checkOnce(session: VaultSession, last: boolean): Promise<IntegrityReport | null> {
  const start = await headMark(session)
  const findings: IntegrityFinding[] = []
  const entries = await readAudit(session)
  const chain = await verifyAudit(session, entries)
  if (!chain.intact) {
    findings.push({
      kind: 'chain',
      evidence: `${chain.seq}`,
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
        evidence: `${head.seq}:${head.hash}/${mirror.seq}:${mirror.hash}`,
        message: `The audit trail ends at entry ${head.seq}, but Mend last saw it at entry ${mirror.seq}: an older copy of the vault was put back, or the trail was replaced.`,
      })
    } else if (!mirror || (mirror.seq < head.seq && atMirror?.hash === mirror.hash)) {
      // No copy yet, or one this trail is seen to hold: it moves on to where the trail ends.
      await session.mirror.write(session.vaultId, head, { reset: true }).catch(() => {})
    }
  }

  // Every bound row against the last write recorded for it.
  const { latest, signed } = latestWrites(opened)
  const hash = await sealedHasher()
  const seen = new Set<string>()
  const rebuild: { table: IndexedTable; id: string }[] = []
  const versions = emptyVersions()
  const checkRow = (table: CheckpointTable, row: SealedRow) => {
    if (!isBound(table, row.id)) return
    const key = `${table}/${row.id}`
    seen.add(key)
    const h = hash(row.enc)
    const recorded = latest.get(key)
    if (recorded) versions[table].set(row.id, { iv: ivHex(row), h, seq: recorded.seq })
    if (table !== 'sealed') {
      const entry = session.index.entry(table, row.id)
      if (!entry || entry.h !== h) rebuild.push({ table, id: row.id })
    }
    if (!recorded || recorded.h === null) {
      findings.push({
        kind: 'unrecorded',
        table,
        id: row.id,
        evidence: h,
        message: `${capital(describe(session, table, row.id))} was not written by Mend (the audit trail has no record of it).`,
      })
    } else if (recorded.h !== h) {
      findings.push({
        kind: 'rolled-back',
        table,
        id: row.id,
        evidence: `${recorded.seq}:${h}`,
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
        evidence: `${recorded.seq}`,
        message: `${capital(describe(session, recorded.t, recorded.id))} recorded in the audit trail (entry ${recorded.seq}) is missing: it was deleted outside Mend.`,
      })
    }
  }

  if (!last && (await headMark(session)) !== start) return null

  // The index follows the rows; then signatures recorded in the trail must be on the records.
  const indexRepaired = await followRows(session, rebuild, (t, id) => seen.has(`${t}/${id}`))
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
        evidence: entry.h,
        message: `${capital(describe(session, 'incidents', id))} was signed, but the stored record is unsigned.`,
      })
    }
  }
  if (findings.length === 0 && chain.intact && head) {
    await writeCheckpoint(session, head, versions, signed).catch(() => {})
  }
  return { findings, chain, indexRepaired, path: 'full' }
}

/**
 * Makes the index follow the rows: entries rebuilt from rows whose entry is missing or stale,
 * entries of rows that no longer exist dropped. Returns how many entries were rebuilt.
 */
async function followRows(
  session: VaultSession,
  rebuild: { table: IndexedTable; id: string }[],
  seen: (table: IndexedTable, id: string) => boolean,
): Promise<number> {
  const gone = INDEXED_TABLES.some((table) =>
    [...session.index.all(table).keys()].some((id) => !seen(table, id)),
  )
  if (rebuild.length === 0 && !gone) return 0
  await withRetry(() => repairIndex(session, [], rebuild))
  return rebuild.length
}

// ------------------------------------------------------------------ the check at unlock

/** A bound row's version: its IV and hash (hex), and the audit entry that recorded it. */
interface RowVersion {
  iv: string
  h: string
  seq: number
}
type Versions = Record<CheckpointTable, Map<string, RowVersion>>

function emptyVersions(): Versions {
  return { clients: new Map(), incidents: new Map(), addenda: new Map(), sealed: new Map() }
}

const HASH_HEX = 64

function checkpointStore(session: VaultSession) {
  return new RecordStore(session.db.sealed, integrityCheckpointCodec)
}

async function writeCheckpoint(
  session: VaultSession,
  head: AuditHead,
  versions: Versions,
  signed: ReadonlySet<string>,
): Promise<void> {
  const rows = Object.fromEntries(
    CHECKPOINT_TABLES.map((table) => {
      const entries = [...versions[table]]
      return [
        table,
        {
          ids: entries.map(([id]) => id),
          ivs: entries.map(([, v]) => v.iv).join(''),
          hashes: entries.map(([, v]) => v.h).join(''),
          seqs: entries.map(([, v]) => v.seq),
        },
      ]
    }),
  ) as IntegrityCheckpoint['rows']
  const value: IntegrityCheckpoint = {
    vaultId: session.vaultId,
    seq: head.seq,
    hash: head.hash,
    rows,
    signed: [...signed],
  }
  const row = await checkpointStore(session).seal(
    session.dataKey,
    SEALED.integrityCheckpoint,
    value,
  )
  await session.db.sealed.put(row)
}

async function readCheckpoint(
  session: VaultSession,
): Promise<{ head: AuditHead; versions: Versions; signed: Set<string> } | null> {
  const opened = await checkpointStore(session)
    .get(session.dataKey, SEALED.integrityCheckpoint)
    .catch(() => null)
  if (!opened?.ok || opened.value.vaultId !== session.vaultId) return null
  const { seq, hash, rows, signed } = opened.value
  // The check runs right after the unlocked screen is drawn: opening the checkpoint and reading
  // it into versions are each tens of milliseconds in a large practice, in tasks of their own.
  await nextTask()
  const versions = emptyVersions()
  for (const table of CHECKPOINT_TABLES) {
    const { ids, ivs, hashes, seqs } = rows[table]
    if (ivs.length !== ids.length * IV_HEX || hashes.length !== ids.length * HASH_HEX) return null
    ids.forEach((id, i) =>
      versions[table].set(id, {
        iv: ivs.slice(i * IV_HEX, (i + 1) * IV_HEX),
        h: hashes.slice(i * HASH_HEX, (i + 1) * HASH_HEX),
        seq: seqs[i]!,
      }),
    )
  }
  return { head: { seq, hash }, versions, signed: new Set(signed) }
}

/** Every row's IV of each bound table, listed on this page (see row-ivs.ts). */
async function listHere(db: MendDatabase): Promise<ListedIvs> {
  await db.open()
  const database = db.backendDB()
  const listed = ivMaps(await Promise.all(CHECKPOINT_TABLES.map((t) => listIvs(database, t))))
  if (!listed) throw new Error('The rows could not be listed.')
  return listed
}

/**
 * The same, in a worker of its own (row-ivs.worker.ts): the page's thread stays free for opening
 * the sealed index meanwhile. Its answer is kept as it came (JSON text) until the check takes it
 * (`listRowVersions`). Where a worker cannot be started or fails, null: listed on this page then.
 */
function listInWorker(db: MendDatabase): Promise<string | null> {
  if (typeof Worker === 'undefined') return Promise.resolve(null)
  return new Promise<string | null>((resolve) => {
    const worker = new Worker(new URL('./row-ivs.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<ListAnswer>) => {
      worker.terminate()
      resolve(typeof event.data === 'string' ? event.data : null)
    }
    worker.onerror = (event) => {
      event.preventDefault()
      worker.terminate()
      resolve(null)
    }
    const request: ListRequest = { database: db.name, tables: CHECKPOINT_TABLES }
    worker.postMessage(request)
  })
}

/** Every bound table's rows and their IVs (id -> hex), in the order of CHECKPOINT_TABLES. */
type ListedIvs = Map<string, string>[]

const listings = new WeakMap<MendDatabase, { at: number; listed: Promise<string | null> }>()

/** A list taken ahead is used by the check of that unlock only, never by a later one. */
const LISTING_KEPT_MS = 60_000

/**
 * Starts listing every row's IV for the check that follows an unlock, off the page's thread while
 * the vault opens: IVs are random and say nothing, and the list is only used by the check of that
 * unlock (`checkAtUnlock` takes it). A row written after the list was taken is recorded in the
 * trail, and the check reads and hashes it anew.
 */
export function listRowVersionsAhead(db: MendDatabase): void {
  listings.set(db, { at: performance.now(), listed: listInWorker(db) })
}

/** The list taken ahead for this database by the unlock just made (once), or a new one. */
async function listRowVersions(db: MendDatabase): Promise<ListedIvs> {
  const ahead = listings.get(db)
  listings.delete(db)
  if (!ahead || performance.now() - ahead.at >= LISTING_KEPT_MS) return listHere(db)
  const text = await ahead.listed
  let parsed: ListedTable[] | null
  try {
    parsed = text === null ? null : (JSON.parse(text) as ListedTable[])
  } catch {
    parsed = null
  }
  // As above: the lists are read into maps in a task of their own.
  await nextTask()
  let listed: ListedIvs | null
  try {
    listed = parsed === null ? null : ivMaps(parsed)
  } catch {
    listed = null
  }
  return listed ?? listHere(db)
}

/**
 * The check of every unlock. From where the last clean check left off (its checkpoint), it
 * verifies the audit entries written since, the head against its copy outside IndexedDB, and
 * every bound row's version: rows written since are read and hashed, the others are compared by
 * their IV, read as keys only (a row's IV cannot be changed without its ciphertext failing to
 * open, so an older copy of a row always shows). Anything unexpected, or no checkpoint, and it
 * runs the full check, which names what is wrong. A clean check moves the checkpoint forward.
 */
export async function checkAtUnlock(session: VaultSession): Promise<IntegrityReport> {
  const quick = await quickCheck(session).catch(() => null)
  return quick ?? checkIntegrity(session)
}

/** How many audit entries the check at unlock verifies before it moves the checkpoint on. */
export const CHECKPOINT_AFTER_ENTRIES = 200

/** The quick path: a clean report, or null when anything needs the full check. */
async function quickCheck(session: VaultSession): Promise<IntegrityReport | null> {
  // The tables' IVs are listed side by side, and alongside the rest: the database works while
  // this page opens the checkpoint and the entries since.
  const listing = listRowVersions(session.db)
  listing.catch(() => {})
  const checkpoint = await readCheckpoint(session)
  if (!checkpoint) return null
  const { head } = await session.readHead()
  const from = checkpoint.head
  if (head.seq < from.seq) return null
  // Entries up to the checkpoint must all still be there (numbers are in clear: keys only).
  if ((await session.db.audit.where('seq').between(1, from.seq, true, true).count()) !== from.seq)
    return null
  const rows = await session.db.audit.where('seq').above(from.seq).toArray()
  const opened = await Promise.all(rows.map((row) => session.audit.open(session.dataKey, row)))
  const stored: StoredEntry[] = rows.map((row, i) => {
    const result = opened[i]!
    return { seq: row.seq, entry: result.ok && result.value.seq === row.seq ? result.value : null }
  })
  const chain = await verifyChain(stored, head, from)
  if (!chain.intact) return null
  const entries = stored.map(({ entry }) => entry!)

  // The copy of the head kept outside IndexedDB.
  const mirror = await session.mirror.read(session.vaultId).catch(() => null)
  if (mirror) {
    if (mirror.seq > head.seq) return null
    const at =
      mirror.seq === from.seq
        ? from.hash
        : mirror.seq > from.seq
          ? entries.find((entry) => entry.seq === mirror.seq)?.hash
          : await hashOfEntry(session, mirror.seq)
    if (at !== mirror.hash) return null
  }

  // What the trail recorded since the checkpoint.
  const versions = checkpoint.versions
  const signed = checkpoint.signed
  const recent = new Map<
    string,
    { t: CheckpointTable; id: string; h: string | null; seq: number }
  >()
  for (const entry of entries) {
    for (const row of entry.rows) {
      if (!(CHECKPOINT_TABLES as readonly string[]).includes(row.t)) return null
      recent.set(`${row.t}/${row.id}`, {
        t: row.t as CheckpointTable,
        id: row.id,
        h: row.h,
        seq: entry.seq,
      })
    }
    if (entry.action === 'sign' && entry.target === 'incident') signed.add(entry.targetId)
    if (entry.action === 'acknowledge')
      for (const row of entry.rows) if (row.t === 'incidents') signed.delete(row.id)
  }
  for (const { t, id, h, seq } of recent.values()) {
    // Written since: read and hashed below. Removed since: must be gone.
    versions[t].delete(id)
    if (h !== null) versions[t].set(id, { iv: '', h, seq })
  }

  // Every bound row against its version.
  const hash = await sealedHasher()
  const rebuild: { table: IndexedTable; id: string }[] = []
  const allIvs = await listing
  for (const [t, table] of CHECKPOINT_TABLES.entries()) {
    const expected = versions[table]
    const ivs = allIvs[t]!
    const toHash: string[] = []
    const removed: string[] = []
    let matched = 0
    for (const [id, iv] of ivs) {
      if (!isBound(table, id)) continue
      const version = expected.get(id)
      if (!version) {
        // Removed after the IVs were listed (during unlock), as the trail recorded: must be gone.
        if (recent.get(`${table}/${id}`)?.h !== null) return null
        removed.push(id)
        continue
      }
      matched += 1
      if (version.iv === '') toHash.push(id)
      else if (version.iv !== iv) return null
    }
    if (matched < expected.size) {
      for (const [id, version] of expected) {
        if (ivs.has(id)) continue
        // Written after the IVs were listed (during unlock): read and hashed like the others.
        if (version.iv !== '') return null
        toHash.push(id)
      }
    }
    const tableRows = session.db.table<SealedRow, string>(table)
    const [written, stillThere] = await Promise.all([
      tableRows.bulkGet(toHash),
      removed.length > 0 ? tableRows.bulkGet(removed) : Promise.resolve([]),
    ])
    if (stillThere.some(Boolean)) return null
    for (const [i, row] of written.entries()) {
      const version = expected.get(toHash[i]!)!
      if (!row || hash(row.enc) !== version.h) return null
      version.iv = ivHex(row)
    }
    if (table === 'sealed') continue
    for (const [id, version] of expected) {
      if (session.index.entry(table, id)?.h !== version.h) rebuild.push({ table, id })
    }
  }
  // Past this point every bound row is one of `versions`, and every one of them is there.
  await followRows(session, rebuild, (t, id) => versions[t].has(id))
  // Signatures the trail recorded must be on the records (the index follows them).
  for (const id of signed) if (!session.index.entry('incidents', id)?.s?.signedAt) return null
  // The copy's entry was found in this trail above (else the full check runs instead).
  if (!mirror || mirror.seq < head.seq)
    await session.mirror.write(session.vaultId, head, { reset: true }).catch(() => {})
  // Moving the checkpoint costs about as much as the rest of this check (every row's version is
  // sealed again): done once the entries since it are many, not at every unlock.
  if (rows.length >= CHECKPOINT_AFTER_ENTRIES || rebuild.length > 0)
    await writeCheckpoint(session, head, versions, signed).catch(() => {})
  return {
    findings: [],
    chain: { intact: true, count: head.seq },
    indexRepaired: rebuild.length,
    path: 'checkpoint',
  }
}

/** The hash of one audit entry, read on its own (null if it does not open). */
async function hashOfEntry(session: VaultSession, seq: number): Promise<string | null> {
  const row = await session.db.audit.where('seq').equals(seq).first()
  if (!row) return null
  const opened = await session.audit.open(session.dataKey, row)
  return opened.ok && opened.value.seq === seq ? opened.value.hash : null
}

/** A row's IV in hex ('' for a row without one: damaged). */
function ivHex(row: SealedRow): string {
  return row.enc?.iv instanceof Uint8Array ? toHex(row.enc.iv) : ''
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * A stable description of a set of findings, to compare with the acknowledged one: a SHA-256 of
 * each finding's kind, record and evidence (short whatever the number of findings).
 */
export async function fingerprint(findings: readonly IntegrityFinding[]): Promise<string> {
  const text = findings
    .map((f) => `${f.kind}:${f.table ?? ''}:${f.id ?? ''}:${f.evidence ?? ''}`)
    .sort()
    .join('|')
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))))
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

/**
 * What acknowledging `findings` binds (each record as it is now: its row's hash, or gone), and
 * the rows it read for that: the acknowledgement lands only if none of them changed since (see
 * `acknowledgeIntegrity`, which reads them again and retries).
 */
export async function rowsToRebind(
  session: VaultSession,
  findings: readonly IntegrityFinding[],
): Promise<{ rows: BoundRow[]; read: Precondition[] }> {
  const hash = await sealedHasher()
  const rows: BoundRow[] = []
  const read: Precondition[] = []
  const stores: Record<CheckpointTable, RecordStore<unknown, SealedRow>> = {
    clients: session.clients as never,
    incidents: session.incidents as never,
    addenda: session.addenda as never,
    sealed: session.sealed as never,
  }
  for (const finding of findings) {
    if (!finding.table || !finding.id) continue
    const store = stores[finding.table as CheckpointTable]
    if (!store) continue
    if (
      finding.kind === 'missing' ||
      finding.kind === 'rolled-back' ||
      finding.kind === 'unrecorded'
    ) {
      const row = await store.table.get(finding.id)
      rows.push({ t: finding.table, id: finding.id, h: row ? hash(row.enc) : null })
      read.push({ store, id: finding.id, iv: row?.enc?.iv ?? null })
    }
  }
  return { rows, read }
}
