import Dexie, { type Table } from 'dexie'
import type { Client } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { rng, sampleClient } from '../../src/renderer/src/domain/sample'
import { localDate, stamp } from '../../src/renderer/src/domain/time'
import { clientCodec } from '../../src/renderer/src/store/codecs'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { SNAPSHOT_ROW_IDS } from '../../src/renderer/src/store/search-snapshot'
import { checkAtUnlock, checkIntegrity } from '../../src/renderer/src/store/integrity'
import { saveStep } from '../../src/renderer/src/store/operations'
import { openEveryRecord, PAGE_SIZE } from '../../src/renderer/src/store/pages'
import { indexedHashes, openEveryIndexed } from '../../src/renderer/src/store/packs'
import { repairIndex } from '../../src/renderer/src/store/index-build'
import { checkOpened } from '../../src/renderer/src/store/records'
import { seedSample } from '../../src/renderer/src/store/sample'
import { put, type VaultSession } from '../../src/renderer/src/store/session'
import { createVault, unlockVault } from '../../src/renderer/src/store/vault'
import {
  decryptAge,
  encryptAgeBytes,
  decryptAgeBytes,
  newAgeKeyPair,
  readAgeHeader,
  readAllBytes,
  type AgeKeyPair,
} from '../../src/renderer/src/crypto/age'
import { deriveKeyFromPassphrase, newKdfParams } from '../../src/renderer/src/crypto/kdf'
import { writeBackup, type BackupSink } from '../../src/renderer/src/store/backup'
import { openBackup } from '../../src/renderer/src/store/backup-file'
import { applyRestore } from '../../src/renderer/src/store/backup-restore'
import { searchOf, type VaultSearch } from '../../src/renderer/src/store/search'

const PASSPHRASE = 'benchmark passphrase with enough words'

interface PlainClientRow {
  id: string
  sv: number
  value: Client
}

/** The same records without encryption, for side-by-side comparisons. */
class PlainDatabase extends Dexie {
  clients!: Table<PlainClientRow, string>
  listClients!: Table<{ id: string; displayName: string; initials: string; status: string }, string>
  listIncidents!: Table<
    {
      id: string
      clientId: string
      status: string
      walkoutAt: string
      nextDue: string
      riskLevel: string
      nextSessionDate: string
      signed: number
    },
    string
  >
  constructor(name: string) {
    super(name, { cache: 'disabled' })
    this.version(1).stores({
      clients: 'id',
      listClients: 'id, displayName',
      listIncidents: 'id, clientId, status, nextDue, walkoutAt, nextSessionDate',
    })
  }
}

let db: MendDatabase | null = null
let session: VaultSession | null = null
let plain: PlainDatabase | null = null
let practice: VaultSession | null = null
let practiceDb: MendDatabase | null = null
/** Keeps the last read result alive for the heap measurement. */
let held: unknown = null

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now()
  const result = await fn()
  return [performance.now() - start, result]
}

const clientsOf = (count: number, seed: number) => {
  const random = rng(seed)
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    value: sampleClient(random, i),
  }))
}

const api = {
  /** A fresh vault at default KDF parameters, and a plain database beside it. */
  async setup(): Promise<void> {
    for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name)
    db = new MendDatabase('mend-bench')
    session = (await createVault(db, PASSPHRASE, { withRecoveryKey: true })).session
    plain = new PlainDatabase('mend-bench-plain')
    await plain.open()
  },

  /** Unlock at default KDF, with the index opened (an empty vault). */
  async unlock(): Promise<number> {
    const [ms, result] = await time(() => unlockVault(db!, { passphrase: PASSPHRASE }))
    session?.close()
    session = result.session
    return ms
  },

  async writeOne(i: number): Promise<number> {
    const [record] = clientsOf(1, 1000 + i)
    const [ms] = await time(() =>
      session!.commit({
        changes: [put(session!.clients, `w-${i}`, record!.value)],
        audit: { action: 'edit', target: 'client', targetId: `w-${i}`, detail: '' },
      }),
    )
    return ms
  },

  /** Fills both databases with the same `count` clients (sealed through the app, and plain). */
  async fill(count: number): Promise<void> {
    await db!.clients.clear()
    await db!.segments.clear()
    await plain!.clients.clear()
    const records = clientsOf(count, 42)
    const batch = 2000
    for (let i = 0; i < records.length; i += batch) {
      const slice = records.slice(i, i + batch)
      const rows = await Promise.all(
        slice.map((r) => session!.clients.seal(session!.dataKey, r.id, r.value)),
      )
      await db!.clients.bulkPut(rows)
      await plain!.clients.bulkPut(slice.map((r) => ({ id: r.id, sv: 1, value: r.value })))
    }
    // The sealed index lists them, as it would every record the app wrote; no read packs yet.
    await db!.derived.clear()
    await repairIndex(session!)
  },

  /**
   * Every client, as the app reads them all (the search index built from scratch, a merge after
   * a restore): from the read packs where current, else from the rows; decrypted, migrated if
   * needed, validated. The first read after `fill` finds no packs: it reads every row and seals
   * the packs.
   */
  async readEncrypted(): Promise<number> {
    held = null
    const [ms, result] = await time(async () => {
      const all: Client[] = []
      let failed = 0
      const current = indexedHashes(session!.index, 'clients')
      await openEveryIndexed(db!, session!.clients, session!.dataKey, current, (page) => {
        for (const opened of page) {
          if (opened.ok) all.push(opened.value)
          else failed += 1
        }
      })
      if (failed > 0) throw new Error('a record failed to open')
      return all
    })
    held = result
    return ms
  },

  /**
   * Every client from the rows alone, as backup, Verify and the merge after a restore read them
   * (they vouch for what the rows hold): paged, decrypted one by one, validated.
   */
  async readRows(): Promise<number> {
    held = null
    const [ms, result] = await time(async () => {
      const all: Client[] = []
      await openEveryRecord(session!.clients, session!.dataKey, (page) => {
        for (const { opened } of page) if (opened.ok) all.push(opened.value)
      })
      return all
    })
    held = result
    return ms
  },

  /** The same read from the identical table without encryption (read only). */
  async readPlain(): Promise<number> {
    held = null
    const [ms, result] = await time(() => plain!.clients.toArray())
    held = result
    return ms
  },

  /**
   * The same read without encryption, validated like the encrypted path: the compiled check
   * first, the schema for what it does not accept (so the ratio is what encryption costs).
   */
  async readPlainValidated(): Promise<number> {
    held = null
    const [ms, result] = await time(async () =>
      (await plain!.clients.toArray()).map((row) => {
        const checked = checkOpened(clientCodec, row.value)
        if (!checked.success) throw new Error('a record is not valid')
        return checked.data
      }),
    )
    held = result
    return ms
  },

  heldCount(): number {
    return Array.isArray(held) ? held.length : 0
  },

  /** Whether the practice's search snapshot is written (the app writes it after a build). */
  async searchSnapshotWritten(): Promise<boolean> {
    const db = new MendDatabase()
    try {
      return (await db.derived.where(':id').anyOf(SNAPSHOT_ROW_IDS).count()) > 0
    } finally {
      db.close()
    }
  },

  /**
   * The app's own database as a practice would have it, written the way the app writes (sealed,
   * indexed, every row bound into the audit trail), and the same list fields in a plain database.
   */
  async seedPractice(clients: number, incidents: number): Promise<void> {
    for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name)
    const appDb = new MendDatabase()
    const { session: s } = await createVault(appDb, PASSPHRASE, { withRecoveryKey: false })
    await seedSample(s, { clients, incidents, today: new Date() })
    plain = new PlainDatabase('mend-bench-plain')
    await plain.open()
    await plain.listClients.bulkPut(
      [...s.index.all('clients')].map(([id, e]) => ({
        id,
        displayName: e.s!.displayName,
        initials: e.s!.initials,
        status: e.s!.status,
      })),
    )
    await plain.listIncidents.bulkPut(
      [...s.index.all('incidents')].map(([id, e]) => ({
        id,
        clientId: e.s!.clientId,
        status: e.s!.status,
        walkoutAt: e.s!.walkoutAt.utc,
        nextDue: e.s!.nextDue,
        riskLevel: e.s!.riskLevel ?? '',
        nextSessionDate: e.s!.nextSessionDate,
        signed: e.s!.signedAt ? 1 : 0,
      })),
    )
    s.close()
    appDb.close()
  },

  /**
   * Unlock the practice vault here (Argon2id + the sealed index), then the check the app runs at
   * unlock ('unlock': from the last clean check's checkpoint when there is one) or the full one.
   */
  async practiceUnlock(
    check: 'unlock' | 'full' = 'unlock',
  ): Promise<{ unlockMs: number; checkMs: number; findings: number; path: string }> {
    practice?.close()
    practiceDb?.close()
    practiceDb = new MendDatabase()
    const [unlockMs, result] = await time(() =>
      unlockVault(practiceDb!, { passphrase: PASSPHRASE }),
    )
    practice = result.session
    const [checkMs, report] = await time(() =>
      check === 'full' ? checkIntegrity(practice!) : checkAtUnlock(practice!),
    )
    return { unlockMs, checkMs, findings: report.findings.length, path: report.path }
  },

  /** Today's two lists (due on or before today, open walkouts), from the in-memory index. */
  todayFromIndex(): number {
    const start = performance.now()
    const today = localDate()
    const due: string[] = []
    const open: { id: string; at: string }[] = []
    for (const [id, entry] of practice!.index.all('incidents')) {
      const s = entry.s
      if (!s) continue
      if (s.status !== 'resolved' && s.nextDue !== '' && s.nextDue <= today) due.push(s.nextDue)
      if (s.status === 'open') open.push({ id, at: s.walkoutAt.utc })
    }
    due.sort()
    open.sort((a, b) => b.at.localeCompare(a.at))
    held = [due.slice(0, 25), open.slice(0, 25)]
    return performance.now() - start
  },

  /** The same two lists from a plain Dexie table with the same fields and indexes. */
  async todayFromPlain(): Promise<number> {
    const today = localDate()
    const [ms, result] = await time(async () => {
      const due = await plain!.listIncidents
        .where('nextDue')
        .between('0000-01-01', today, true, true)
        .filter((row) => row.status !== 'resolved')
        .limit(25)
        .toArray()
      const open = (await plain!.listIncidents.where('status').equals('open').sortBy('walkoutAt'))
        .reverse()
        .slice(0, 25)
      return [due, open]
    })
    held = result
    return ms
  },

  /** Every client, sorted by name, from the index. */
  clientListFromIndex(): number {
    const start = performance.now()
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
    const list = [...practice!.index.all('clients')]
      .flatMap(([id, e]) => (e.s ? [{ id, ...e.s }] : []))
      .sort((a, b) => collator.compare(a.displayName, b.displayName))
    held = list
    return performance.now() - start
  },

  async clientListFromPlain(): Promise<number> {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
    const [ms, list] = await time(async () =>
      (await plain!.listClients.toArray()).sort((a, b) =>
        collator.compare(a.displayName, b.displayName),
      ),
    )
    held = list
    return ms
  },

  /** Save one step of one walkout in the full practice: seal, re-seal its segment, audit, write. */
  async writeInPractice(i: number): Promise<number> {
    const unsigned = [...practice!.index.all('incidents')].filter(([, e]) => e.s && !e.s.signedAt)
    const [id] = unsigned[(i * 7919) % unsigned.length]!
    const [ms] = await time(() =>
      saveStep(
        practice!,
        id,
        'communicate',
        { ...emptyStep('communicate', stamp()), agreements: `Agreed pause signal ${i}.` },
        false,
      ),
    )
    return ms
  },

  closePractice(): void {
    practice?.close()
    practice = null
    practiceDb?.close()
    practiceDb = null
    held = null
  },

  // ------------------------------------------------------------ backups (issue 11)

  /** A practice of `clients` clients and `incidents` walkouts in a vault of its own. */
  async backupSeed(clients: number, incidents: number): Promise<void> {
    backupSession?.close()
    backupDb?.close()
    await Dexie.delete('mend-backup-bench')
    backupDb = new MendDatabase('mend-backup-bench')
    backupSession = (await createVault(backupDb, PASSPHRASE, { withRecoveryKey: false })).session
    await seedSample(backupSession, { clients, incidents, seed: 11 })
    backupKeys = await newAgeKeyPair()
  },

  /** Export (X25519 recipient: no KDF) to memory, read back and checked, as the app does. */
  async backupExport(): Promise<{
    ms: number
    fileBytes: number
    archiveBytes: number
    gzipBytes: number
  }> {
    if (!backupSession || !backupKeys) throw new Error('backupSeed first')
    backupFile = null
    const sink = memorySink()
    const [ms, written] = await time(() =>
      writeBackup(
        backupSession!,
        sink.sink,
        { kind: 'x25519', recipient: backupKeys!.recipient, identity: backupKeys!.identity },
        { app: 'bench' },
      ),
    )
    backupFile = sink.bytes()
    // The compressed plaintext: the age payload, decrypted (what gzip produced).
    const gzip = await readAllBytes(
      await decryptAge(readAgeHeader(backupFile), { identities: [backupKeys.identity] }),
    )
    return {
      ms,
      fileBytes: written.fileBytes,
      archiveBytes: written.archiveBytes,
      gzipBytes: gzip.length,
    }
  },

  /** Restore the last export into a new, empty vault: open and check everything, then replace. */
  async backupRestore(): Promise<{ ms: number; openMs: number; writeMs: number; records: number }> {
    if (!backupFile || !backupKeys) throw new Error('backupExport first')
    await Dexie.delete('mend-backup-restore')
    const restoreDb = new MendDatabase('mend-backup-restore')
    const { session: target } = await createVault(restoreDb, PASSPHRASE, {
      withRecoveryKey: false,
      kdf: { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
    })
    try {
      const start = performance.now()
      const archive = await openBackup(
        backupFile,
        { identities: [backupKeys.identity] },
        { keep: 'values' },
      )
      const opened = performance.now()
      const result = await applyRestore(target, archive, 'replace')
      const end = performance.now()
      const records = Object.values(result.written).reduce((a, b) => a + b, 0)
      return { ms: end - start, openMs: opened - start, writeMs: end - opened, records }
    } finally {
      target.close()
      restoreDb.close()
      await Dexie.delete('mend-backup-restore')
    }
  },

  /**
   * What IndexedDB alone costs the export: the sealed rows of the records and the audit trail
   * read with the plain IndexedDB API, no Dexie and no Mend code, in pages of 1,000 by primary
   * key as the export reads them. Nothing is decrypted.
   */
  async backupFloorRead(): Promise<{ ms: number; rows: number; bytes: number }> {
    if (!backupDb) throw new Error('backupSeed first')
    const db = await rawOpen(backupDb.name)
    try {
      const start = performance.now()
      let rows = 0
      let bytes = 0
      for (const table of ['clients', 'incidents', 'addenda', 'audit']) {
        let after: IDBValidKey | null = null
        for (;;) {
          const page = await rawRequest<{ id: string; enc: { ct: Uint8Array } }[]>(
            db
              .transaction(table, 'readonly')
              .objectStore(table)
              .getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), PAGE_SIZE),
          )
          for (const row of page) bytes += row.enc.ct.length
          rows += page.length
          if (page.length < PAGE_SIZE) break
          after = page[page.length - 1]!.id
        }
      }
      return { ms: performance.now() - start, rows, bytes }
    } finally {
      db.close()
    }
  },

  /**
   * What IndexedDB alone costs the restore: the vault's sealed record rows (as a restore writes
   * them, already sealed) put with the plain IndexedDB API into an empty store, one transaction.
   */
  async backupFloorWrite(): Promise<{ ms: number; rows: number }> {
    if (!backupDb) throw new Error('backupSeed first')
    const source = await rawOpen(backupDb.name)
    const rows: unknown[] = []
    try {
      for (const table of ['clients', 'incidents', 'addenda'])
        rows.push(
          ...(await rawRequest<unknown[]>(source.transaction(table).objectStore(table).getAll())),
        )
    } finally {
      source.close()
    }
    await Dexie.delete('mend-backup-floor')
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('mend-backup-floor', 1)
      opening.onupgradeneeded = () => opening.result.createObjectStore('rows', { keyPath: 'id' })
      opening.onsuccess = () => resolve(opening.result)
      opening.onerror = () => reject(opening.error)
    })
    try {
      const start = performance.now()
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('rows', 'readwrite')
        const store = tx.objectStore('rows')
        for (const row of rows) store.put(row)
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
      return { ms: performance.now() - start, rows: rows.length }
    } finally {
      db.close()
      await Dexie.delete('mend-backup-floor')
    }
  },

  /** The machine's speed now: Argon2id at the vault's default settings (what unlocking costs). */
  async backupCalibrate(): Promise<number> {
    const [ms] = await time(() => deriveKeyFromPassphrase(PASSPHRASE, newKdfParams()))
    return ms
  },

  /** The passphrase KDF alone: age scrypt at its default work (2^18), to encrypt and to open. */
  async backupScrypt(): Promise<{ encryptMs: number; decryptMs: number }> {
    const plain = new TextEncoder().encode('a small file')
    const to = { kind: 'passphrase' as const, passphrase: PASSPHRASE }
    const [encryptMs, file] = await time(() => encryptAgeBytes(plain, to))
    const [decryptMs] = await time(() => decryptAgeBytes(file, { passphrase: PASSPHRASE }))
    return { encryptMs, decryptMs }
  },
}

let backupDb: MendDatabase | null = null
let backupSession: VaultSession | null = null
let backupKeys: AgeKeyPair | null = null
let backupFile: Uint8Array | null = null

/** A sink that keeps the file in memory (the browser platform does the same before a download). */
function rawOpen(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(name)
    opening.onsuccess = () => resolve(opening.result)
    opening.onerror = () => reject(opening.error)
  })
}

function rawRequest<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T)
    request.onerror = () => reject(request.error)
  })
}

function memorySink(): { sink: BackupSink; bytes: () => Uint8Array } {
  const chunks: Uint8Array[] = []
  const bytes = () => {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
    let at = 0
    for (const chunk of chunks) {
      out.set(chunk, at)
      at += chunk.length
    }
    return out
  }
  return {
    bytes,
    sink: {
      write: (chunk) => {
        chunks.push(chunk.slice())
        return Promise.resolve()
      },
      commit: () => Promise.resolve({ name: 'mend-backup-bench.age' }),
      abort: () => {
        chunks.length = 0
        return Promise.resolve()
      },
      readBack: () => Promise.resolve(bytes()),
    },
  }
}

// ------------------------------------------------------------ search (issue 13)

let searchDb: MendDatabase | null = null
let searchSession: VaultSession | null = null
let vaultSearch: VaultSearch | null = null

/**
 * Search across records on the practice vault, as the app starts it: unlock, then the index is
 * built in its worker (searchOf) while the check of the unlock runs (or after it: `check`). While
 * it is built the page's thread is sampled with zero-delay timers: the longest gap between two
 * says whether the build stays off it. `fromScratch` deletes
 * the index's sealed snapshot first (after it was lost, or a new snapshot format): every record
 * is read, from the read packs (see store/packs.ts); 'nothing' also deletes the read packs (the
 * first unlock after seeding, or after the update that brought them): every row is read.
 * Otherwise the snapshot the last build wrote is restored.
 */
const searchBench = {
  async build(
    fromScratch: boolean | 'nothing' = false,
    /** Cores the app is told the machine has (it shares a build from scratch with more than 2). */
    cores?: number,
    /**
     * The check of the unlock: beside the build, as the app runs it; or before it, the build then
     * timed alone (the page's stalls are the search's own).
     */
    check: 'beside' | 'before' = 'beside',
  ): Promise<{
    /** How long the check of the unlock took (beside the build: from the unlock to its end). */
    checkMs: number
    readyMs: number
    workerMs: number
    records: number
    reused: number
    read: number
    phases: Record<string, number>
    longestStallMs: number
  }> {
    searchBench.close()
    searchDb = new MendDatabase()
    if (fromScratch === 'nothing') await searchDb.derived.clear()
    else if (fromScratch) await searchDb.derived.bulkDelete(SNAPSHOT_ROW_IDS)
    const told = Object.getOwnPropertyDescriptor(Navigator.prototype, 'hardwareConcurrency')!
    if (cores !== undefined)
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', {
        ...told,
        get: () => cores,
      })
    searchSession = (await unlockVault(searchDb, { passphrase: PASSPHRASE })).session
    const checkStart = performance.now()
    if (check === 'before') await checkAtUnlock(searchSession)
    const start = performance.now()
    // As the app does once the unlocked screen is drawn: the check of this unlock, which a build
    // with nothing derived waits for (both read every row); the rest run beside it.
    let checkMs = check === 'before' ? start - checkStart : 0
    const checking =
      check === 'beside'
        ? checkAtUnlock(searchSession).then(() => {
            checkMs = performance.now() - start
          })
        : Promise.resolve()
    searchSession.checking(checking)
    let longest = 0
    let last = start
    let sampling = true
    const sample = () => {
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
      if (sampling) setTimeout(sample, 0)
    }
    setTimeout(sample, 0)
    const search = searchOf(searchSession)!
    vaultSearch = search
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const { state } = search.getStatus()
        if (state === 'ready') resolve()
        else if (state !== 'building') reject(new Error(`search ${state}`))
      }
      search.subscribe(check)
      check()
    })
    const readyMs = performance.now() - start
    sampling = false
    Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', told)
    await checking
    const status = search.getStatus()
    return {
      checkMs,
      readyMs,
      workerMs: status.buildMs ?? NaN,
      records: status.indexed,
      reused: status.reused,
      read: status.read,
      phases: status.phases,
      longestStallMs: longest,
    }
  },

  /**
   * Waits until the worker has written a snapshot of the index since it was started (it does
   * right after a build from scratch); returns how long the worker spent writing it.
   */
  async saved(): Promise<number> {
    const search = vaultSearch!
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const { state, saved } = search.getStatus()
        if (saved > 0) resolve()
        else if (state !== 'ready' && state !== 'building') reject(new Error(`search ${state}`))
      }
      search.subscribe(check)
      check()
    })
    return search.getStatus().savedMs ?? NaN
  },

  /** Each prefix of each query, asked of the worker and answered (round trip), in ms. */
  async keystrokes(queries: string[], includeReflections: boolean): Promise<number[]> {
    const times: number[] = []
    for (const query of queries) {
      for (let i = 1; i <= query.length; i++) {
        const [ms, answer] = await time(() =>
          vaultSearch!.search(query.slice(0, i), includeReflections),
        )
        if (!answer.complete) throw new Error('the index was not complete')
        times.push(ms)
      }
    }
    return times
  },

  close(): void {
    searchSession?.close()
    searchDb?.close()
    searchSession = null
    searchDb = null
    vaultSearch = null
  },
}
;(window as unknown as { mendSearchBench: typeof searchBench }).mendSearchBench = searchBench

declare global {
  interface Window {
    mendBench: typeof api
  }
}
window.mendBench = api
document.body.dataset['ready'] = 'true'
