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
}

declare global {
  interface Window {
    mendBench: typeof api
  }
}
window.mendBench = api
document.body.dataset['ready'] = 'true'
