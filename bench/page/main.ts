import { createVault, unlockVault } from '../../src/renderer/src/store/vault'

import { MendDatabase } from '../../src/renderer/src/store/db'
import {
  clientSchema,
  deriveInitials,
  emptyClient,
  type Client,
} from '../../src/renderer/src/domain/client'
import {
  newIncident,
  withStep,
  emptyStep,
  type Incident,
} from '../../src/renderer/src/domain/incident'
import type { VaultSession } from '../../src/renderer/src/store/session'
import Dexie, { type Table } from 'dexie'
import { fictionalName, rng, sentence, pick } from './synthetic'
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

const PASSPHRASE = 'benchmark passphrase with enough words'

interface PlainRow {
  id: string
  sv: number
  status: string
  updatedAt: string
  value: Client
}

class PlainDatabase extends Dexie {
  clients!: Table<PlainRow, string>
  constructor(name: string) {
    super(name)
    this.version(1).stores({ clients: 'id, status, updatedAt' })
  }
}

let db: MendDatabase | null = null
let session: VaultSession | null = null
let plain: PlainDatabase | null = null
/** Keeps the last read result alive for the heap measurement. */
let held: unknown = null

function clients(count: number, seed: number): { id: string; value: Client }[] {
  const random = rng(seed)
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    value: {
      ...emptyClient(),
      displayName: fictionalName(random, i),
      status: pick(random, ['active', 'active', 'active', 'referred', 'ended'] as const),
      notes: sentence(random, 40 + Math.floor(random() * 80)),
    },
  }))
}

/** Ids the UI scenarios can navigate to: deterministic from the index. */
export const clientId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
export const incidentId = (i: number) =>
  `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`

/** A practice-sized walkout record with the first steps filled in. */
function incident(random: () => number, i: number, clients: number): Incident {
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 6 * 365) * 86_400_000)
  const at = { utc: day.toISOString(), offsetMinutes: 0 }
  let record = newIncident(clientId(i % clients), at)
  record = withStep(
    record,
    'safety',
    {
      ...emptyStep('safety', at),
      beforeNarrative: sentence(random, 60),
      riskLevel: 'low',
      rationale: sentence(random, 25),
    },
    true,
  )
  record = withStep(
    record,
    'wait',
    { waitedMinutes: 10, outcome: 'contact-later', notes: sentence(random, 20) },
    true,
  )
  record = withStep(
    record,
    'reflect',
    {
      ...emptyStep('reflect', at),
      preceded: sentence(random, 40),
      myContribution: sentence(random, 30),
    },
    false,
  )
  return { ...record, status: random() < 0.8 ? 'resolved' : 'in-follow-up' }
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now()
  const result = await fn()
  return [performance.now() - start, result]
}

const api = {
  /** A fresh vault at default KDF parameters. */
  async setup(): Promise<void> {
    for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name)
    db = new MendDatabase('mend-bench')
    session = (await createVault(db, PASSPHRASE, { withRecoveryKey: true })).session
    plain = new PlainDatabase('mend-bench-plain')
    await plain.open()
  },

  async unlock(): Promise<number> {
    if (!db) throw new Error('setup first')
    const [ms, result] = await time(() => unlockVault(db!, { passphrase: PASSPHRASE }))
    session = result.session
    return ms
  },

  async writeOne(i: number): Promise<number> {
    if (!session) throw new Error('setup first')
    const [record] = clients(1, 1000 + i)
    const [ms] = await time(() => session!.clients.put(session!.dataKey, `w-${i}`, record!.value))
    return ms
  },

  /** Fills both tables with the same `count` synthetic clients (encrypted and plain). */
  async fill(count: number): Promise<void> {
    if (!session || !plain) throw new Error('setup first')
    await session.db.clients.clear()
    await plain.clients.clear()
    const records = clients(count, 42)
    const batch = 2000
    for (let i = 0; i < records.length; i += batch) {
      const slice = records.slice(i, i + batch)
      const rows = await Promise.all(
        slice.map((r) => session!.clients.seal(session!.dataKey, r.id, r.value)),
      )
      await session.db.clients.bulkPut(rows)
      await plain.clients.bulkPut(
        slice.map((r, j) => ({
          id: r.id,
          sv: 1,
          status: r.value.status,
          updatedAt: rows[j]!.updatedAt,
          value: r.value,
        })),
      )
    }
  },

  /** Read + decrypt + validate every client. */
  async readEncrypted(): Promise<number> {
    held = null
    const [ms, result] = await time(() => session!.clients.list(session!.dataKey))
    if (result.some((r) => !r.ok)) throw new Error('a record failed to open')
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

  /** The same read without encryption, validated like the encrypted path. */
  async readPlainValidated(): Promise<number> {
    held = null
    const [ms, result] = await time(async () =>
      (await plain!.clients.toArray()).map((row) => clientSchema.parse(row.value)),
    )
    held = result
    return ms
  },

  /** The app's own database, as a practice would have it: `clients` clients, `incidents` walkouts. */
  async seedPractice(clients: number, incidents: number): Promise<void> {
    for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name)
    const appDb = new MendDatabase()
    const { session: s } = await createVault(appDb, PASSPHRASE, { withRecoveryKey: false })
    const random = rng(7)
    const batch = 1000
    for (let i = 0; i < clients; i += batch) {
      const rows = await Promise.all(
        Array.from({ length: Math.min(batch, clients - i) }, (_, j) => {
          const name = fictionalName(random, i + j)
          const value: Client = {
            ...emptyClient(),
            displayName: name,
            initials: deriveInitials(name),
            notes: sentence(random, 30),
          }
          return s.clients.seal(s.dataKey, clientId(i + j), value)
        }),
      )
      await appDb.clients.bulkPut(rows)
    }
    for (let i = 0; i < incidents; i += batch) {
      const rows = await Promise.all(
        Array.from({ length: Math.min(batch, incidents - i) }, (_, j) =>
          s.incidents.seal(s.dataKey, incidentId(i + j), incident(random, i + j, clients)),
        ),
      )
      await appDb.incidents.bulkPut(rows)
    }
    s.close()
    appDb.close()
  },

  heldCount(): number {
    return Array.isArray(held) ? held.length : 0
  },

  // ------------------------------------------------------------ backups (issue 11)

  /** A practice of `clients` clients and `incidents` walkouts in a vault of its own. */
  async backupSeed(clients: number, incidents: number): Promise<void> {
    backupSession?.close()
    backupDb?.close()
    await Dexie.delete('mend-backup-bench')
    backupDb = new MendDatabase('mend-backup-bench')
    backupSession = (await createVault(backupDb, PASSPHRASE, { withRecoveryKey: false })).session
    const s = backupSession
    const random = rng(11)
    const batch = 1000
    for (let i = 0; i < clients; i += batch) {
      const rows = await Promise.all(
        Array.from({ length: Math.min(batch, clients - i) }, (_, j) => {
          const name = fictionalName(random, i + j)
          const value: Client = {
            ...emptyClient(),
            displayName: name,
            initials: deriveInitials(name),
            notes: sentence(random, 30),
          }
          return s.clients.seal(s.dataKey, clientId(i + j), value)
        }),
      )
      await backupDb.clients.bulkPut(rows)
    }
    for (let i = 0; i < incidents; i += batch) {
      const rows = await Promise.all(
        Array.from({ length: Math.min(batch, incidents - i) }, (_, j) =>
          s.incidents.seal(s.dataKey, incidentId(i + j), incident(random, i + j, clients)),
        ),
      )
      await backupDb.incidents.bulkPut(rows)
    }
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
    const db = new MendDatabase('mend-backup-restore')
    const { session: target } = await createVault(db, PASSPHRASE, {
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
      db.close()
      await Dexie.delete('mend-backup-restore')
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

declare global {
  interface Window {
    mendBench: typeof api
  }
}
window.mendBench = api
document.body.dataset['ready'] = 'true'
