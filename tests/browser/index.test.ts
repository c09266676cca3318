import { describe, expect, it, vi } from 'vitest'
import { emptyClient, type Client } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import { recordAad, seal } from '../../src/renderer/src/crypto/envelope'
import {
  SEGMENT_SCHEMA_VERSION,
  SEGMENT_SIZE,
  segmentCodec,
  type Segment,
} from '../../src/renderer/src/store/codecs'
import { unpackSegment } from '../../src/renderer/src/store/segment-format'
import { regroupIndex, repairIndex, writeRegroup } from '../../src/renderer/src/store/index-build'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { RecordStore } from '../../src/renderer/src/store/records'
import {
  addAddendum,
  changeStatus,
  createClient,
  createIncident,
  saveStep,
} from '../../src/renderer/src/store/operations'
import { NO_MIRROR, put, VaultSession, withRetry } from '../../src/renderer/src/store/session'
import { VaultIndex } from '../../src/renderer/src/store/vault-index'
import {
  INDEX_REPAIRED_NOTICE,
  INDEX_UPDATED_NOTICE,
  unlockVault,
} from '../../src/renderer/src/store/vault'
import { freshSession, PASS, TEST_HOST, testDatabase } from './fixtures'

const t = testDatabase('mend-index')

/** The pattern fields walkout summaries gained in segment version 3. */
const PATTERN_FIELDS = ['ruptureType', 'minutesIntoSession', 'ending', 'contributionNoted']

/**
 * Re-seals every segment as an older Mend wrote it (version 2: walkout summaries without the
 * pattern fields), optionally leaving some records out of it (an interrupted write).
 */
async function sealSegmentsAsVersion2(key: CryptoKey, leaveOut: string[] = []): Promise<void> {
  const store = new RecordStore(t.db.segments, segmentCodec)
  for (const row of await t.db.segments.toArray()) {
    const opened = await store.open(key, row)
    if (!opened.ok) throw new Error('a test segment did not open')
    const segment: Segment = opened.value
    const entries = Object.fromEntries(
      [...(unpackSegment(segment) as Map<string, { h: string; s: object | null }>)]
        .filter(([id]) => !leaveOut.includes(id))
        .map(([id, entry]) => [
          id,
          segment.table === 'incidents' && entry.s
            ? {
                ...entry,
                s: Object.fromEntries(
                  Object.entries(entry.s).filter(([name]) => !PATTERN_FIELDS.includes(name)),
                ),
              }
            : entry,
        ]),
    )
    const content = { table: segment.table, entries }
    const enc = await seal(key, recordAad('segments', row.id, 2), content)
    await t.db.segments.put({ id: row.id, sv: 2, enc })
  }
}

/** `count` clients in one commit. */
async function addClients(session: VaultSession, count: number): Promise<void> {
  await session.commit({
    changes: Array.from({ length: count }, (_, i) =>
      put(session.clients, `c-${String(i).padStart(4, '0')}`, client(`Client ${i}`)),
    ),
    audit: { action: 'import', target: 'vault', targetId: session.vaultId, detail: 'test' },
  })
}

/** The clients' index as the last version wrote it: segments of 128 summaries, each an object. */
async function sealClientsAsVersion3(
  key: CryptoKey,
  summaries: ReadonlyMap<string, unknown>,
): Promise<void> {
  const byId = [...summaries].sort(([a], [b]) => a.localeCompare(b))
  await t.db.segments.clear()
  for (let n = 0; n * 128 < byId.length; n++) {
    const id = `clients:${String(n).padStart(6, '0')}`
    const entries = Object.fromEntries(byId.slice(n * 128, (n + 1) * 128))
    const enc = await seal(key, recordAad('segments', id, 3), { table: 'clients', entries })
    await t.db.segments.put({ id, sv: 3, enc })
  }
}

/** A vault of `count` clients whose index is stored as version 3 wrote it (the session closed). */
async function clientsIndexedAsVersion3(count: number) {
  const session = await freshSession(t.db)
  await addClients(session, count)
  const summaries = new Map(session.index.all('clients'))
  const { dataKey: key, vaultId } = session
  session.close()
  await sealClientsAsVersion3(key, summaries)
  return { key, vaultId, summaries }
}

/** A client with two walkouts, one of them with what the pattern figures count. */
async function vaultWithWalkouts() {
  const session = await freshSession(t.db)
  const clientId = await createClient(session, client('Harper Patterns'))
  const counted = await createIncident(session, clientId)
  await saveStep(
    session,
    counted,
    'safety',
    { ...emptyStep('safety', stamp()), ruptureType: 'confrontation', minutesIntoSession: 20 },
    false,
  )
  await saveStep(
    session,
    counted,
    'wait',
    { ...emptyStep('wait', stamp()), outcome: 'returned' },
    false,
  )
  await saveStep(
    session,
    counted,
    'reflect',
    { ...emptyStep('reflect', stamp()), myContribution: 'I pushed.' },
    false,
  )
  const bare = await createIncident(session, clientId)
  const key = session.dataKey
  session.close()
  return { key, clientId, counted, bare }
}
const client = (displayName: string, extra: Partial<Client> = {}): Client => ({
  ...emptyClient(),
  displayName,
  initials: displayName.slice(0, 2).toUpperCase(),
  ...extra,
})

describe('the sealed index', () => {
  it('lists come from the index: every write updates it in the same transaction as the record', async () => {
    const session = await freshSession(t.db)
    const clientId = await createClient(session, client('Quinn Index'))
    expect(session.index.entry('clients', clientId)?.s).toEqual({
      displayName: 'Quinn Index',
      initials: 'QU',
      status: 'active',
      dateOfBirth: '',
      clientNumber: '',
    })
    const incidentId = await createIncident(session, clientId)
    await saveStep(
      session,
      incidentId,
      'discuss',
      { ...emptyStep('discuss', stamp()), nextSessionDate: '2031-02-03' },
      false,
    )
    await changeStatus(session, incidentId, 'in-follow-up')
    const addendumId = await addAddendum(session, incidentId, 'A note.')
    expect(session.index.entry('incidents', incidentId)?.s).toMatchObject({
      clientId,
      status: 'in-follow-up',
      nextDue: '2031-02-03',
      nextSessionDate: '2031-02-03',
    })
    expect(session.index.entry('addenda', addendumId)?.s?.incidentId).toBe(incidentId)

    // Another unlock opens the same index from the sealed segments alone.
    session.close()
    const { session: again, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(notices).toEqual([])
    expect(again.index.entry('incidents', incidentId)?.s?.status).toBe('in-follow-up')
    expect(again.index.size('clients')).toBe(1)
  })

  it('a repair while this window writes never undoes the write (a new record is not taken for a deleted one)', async () => {
    const session = await freshSession(t.db)
    for (let i = 0; i < 5; i++) await createClient(session, client(`Before ${i}`))
    const segments = (await t.db.segments.toCollection().primaryKeys()) as string[]
    // The write lands while the repair reads the rows it rebuilds from (after it listed them).
    const table = session.clients.table
    const bulkGet = table.bulkGet.bind(table)
    let created = ''
    const spy = vi.spyOn(table, 'bulkGet').mockImplementationOnce((async (keys: string[]) => {
      created = await createClient(session, client('During the repair'))
      return bulkGet(keys)
    }) as never)
    try {
      await withRetry(() => repairIndex(session, segments))
    } finally {
      spy.mockRestore()
    }
    expect(session.index.entry('clients', created)?.s?.displayName).toBe('During the repair')
    session.close()
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(again.index.entry('clients', created)?.s?.displayName).toBe('During the repair')
    expect(again.index.all('clients').size).toBe(6)
  })

  it('keeps each segment to its size: a large write spreads over several segments', async () => {
    const session = await freshSession(t.db)
    const count = SEGMENT_SIZE + 20
    await session.commit({
      changes: Array.from({ length: count }, (_, i) =>
        put(session.clients, `c-${String(i).padStart(4, '0')}`, client(`Client ${i}`)),
      ),
      audit: { action: 'import', target: 'vault', targetId: session.vaultId, detail: 'test' },
    })
    const segments = await t.db.segments.toArray()
    expect(segments.map((s) => s.id).sort()).toEqual(['clients:000000', 'clients:000001'])
    expect(session.index.size('clients')).toBe(count)
    // A later write touches only its own segment.
    const before = new Map(segments.map((s) => [s.id, s.enc.iv.join(',')]))
    await createClient(session, client('One more'))
    const after = await t.db.segments.toArray()
    const changed = after.filter((s) => before.get(s.id) !== s.enc.iv.join(','))
    expect(changed.map((s) => s.id)).toEqual(['clients:000001'])
  })

  it('a damaged segment is rebuilt from the records, and says so; nothing is emptied', async () => {
    const session = await freshSession(t.db)
    const ids = [
      await createClient(session, client('Avery Damaged')),
      await createClient(session, client('Blake Kept')),
    ]
    session.close()
    const [segment] = await t.db.segments.toArray()
    segment!.enc.ct[3] = (segment!.enc.ct[3] ?? 0) ^ 0xff
    await t.db.segments.put(segment!)
    const { session: again, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(notices).toContain(INDEX_REPAIRED_NOTICE)
    expect(ids.map((id) => again.index.entry('clients', id)?.s?.displayName)).toEqual([
      'Avery Damaged',
      'Blake Kept',
    ])
    // The rebuilt segment is sound: a further unlock has nothing to repair.
    again.close()
    const third = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(third.notices).toEqual([])
  })

  it('a segment that opens but holds an invalid entry is rebuilt too (the compiled check defers to the schema)', async () => {
    const session = await freshSession(t.db)
    const id = await createClient(session, client('Drew Checked'))
    const key = session.dataKey
    session.close()
    const store = new RecordStore(t.db.segments, segmentCodec)
    const [row] = await t.db.segments.toArray()
    const opened = await store.open(key, row!)
    if (!opened.ok) throw new Error('the test segment did not open')
    // Sealed with the vault's key and authentic, but a client status that does not exist.
    const content = structuredClone(opened.value) as { entries: [string, string, unknown[]][] }
    content.entries[0]![2][2] = 'not-a-status'
    const enc = await seal(key, recordAad('segments', row!.id, row!.sv), content)
    await t.db.segments.put({ ...row!, enc })
    expect((await store.open(key, (await t.db.segments.get(row!.id))!)).ok).toBe(false)

    const { session: again, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(notices).toContain(INDEX_REPAIRED_NOTICE)
    expect(again.index.entry('clients', id)?.s).toMatchObject({
      displayName: 'Drew Checked',
      status: 'active',
    })
    again.close()
  })

  it('a deleted segment is rebuilt too; a segment moved to another id does not open', async () => {
    const session = await freshSession(t.db)
    const id = await createClient(session, client('Casey Moved'))
    session.close()
    const [segment] = await t.db.segments.toArray()
    await t.db.segments.delete(segment!.id)
    await t.db.segments.put({ ...segment!, id: 'clients:000009' })
    const { session: again, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(notices).toContain(INDEX_REPAIRED_NOTICE)
    expect(again.index.entry('clients', id)?.s?.displayName).toBe('Casey Moved')
    expect((await t.db.segments.toArray()).map((s) => s.id)).not.toContain('clients:000009')
  })

  it('a record that does not open is listed as such, never dropped', async () => {
    const session = await freshSession(t.db)
    const id = await createClient(session, client('Dana Broken'))
    session.close()
    const row = await t.db.clients.get(id)
    row!.enc.ct[0] = (row!.enc.ct[0] ?? 0) ^ 1
    await t.db.clients.put(row!)
    await t.db.segments.clear()
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    const entry = again.index.entry('clients', id)
    expect(entry).toBeDefined()
    expect(entry?.s).toBeNull()
  })

  it('another window’s write reaches this window’s index', async () => {
    const first = await freshSession(t.db)
    const otherDb = new MendDatabase(t.db.name)
    const { session: second } = await unlockVault(otherDb, { passphrase: PASS }, TEST_HOST)
    const id = await createClient(second, client('Emery Elsewhere'))
    await expect
      .poll(() => first.index.entry('clients', id)?.s?.displayName, { timeout: 5000 })
      .toBe('Emery Elsewhere')
    // And a write of ours after theirs keeps both (the segment changed under us: we re-read it).
    const mine = await createClient(first, client('Finley Here'))
    expect(first.index.entry('clients', id)).toBeDefined()
    expect(first.index.entry('clients', mine)).toBeDefined()
    second.close()
    otherDb.close()
  })

  it('an index sealed as version 3 (summaries as objects, 128 to a segment) opens as it was, then is sealed again as version 4 in full segments', async () => {
    const count = SEGMENT_SIZE + 20
    const { summaries } = await clientsIndexedAsVersion3(count)

    const { session: again, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    // Nothing the therapist sees changed: no notice, every summary as it was.
    expect(notices).toEqual([])
    expect(new Map(again.index.all('clients'))).toEqual(summaries)
    const rows = await t.db.segments.toArray()
    expect(rows.map((row) => [row.id, row.sv])).toEqual([
      ['clients:000000', SEGMENT_SCHEMA_VERSION],
      ['clients:000001', SEGMENT_SCHEMA_VERSION],
    ])
    const store = new RecordStore(t.db.segments, segmentCodec)
    const sizes = await Promise.all(
      rows.map(async (row) => {
        const opened = await store.open(again.dataKey, row)
        return opened.ok ? opened.value.entries.length : -1
      }),
    )
    expect(sizes).toEqual([SEGMENT_SIZE, 20])
    // A write after it lands in the last segment, and the next unlock has nothing to redo.
    const more = await createClient(again, client('One more'))
    again.close()
    const before = (await t.db.segments.toArray()).map((row) => row.enc.iv.join(','))
    const third = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(third.notices).toEqual([])
    expect(third.session.index.size('clients')).toBe(count + 1)
    expect(third.session.index.entry('clients', more)?.s?.displayName).toBe('One more')
    expect((await t.db.segments.toArray()).map((row) => row.enc.iv.join(','))).toEqual(before)
    third.session.close()
  })

  it('sealing the index again refuses to land when another window wrote a segment since it was loaded', async () => {
    const first = await freshSession(t.db)
    const kept = await createClient(first, client('Rowan First'))
    const otherDb = new MendDatabase(t.db.name)
    const { session: second } = await unlockVault(otherDb, { passphrase: PASS }, TEST_HOST)
    const prepared = await first.index.prepareRegroup(first.dataKey)
    expect(prepared.rows.map((row) => row.id)).toEqual(['clients:000000'])
    // The other window writes before this one's regroup lands.
    const theirs = await createClient(second, client('Sage Second'))
    const stored = (await t.db.segments.toArray()).map((row) => row.enc.iv.join(','))
    expect(await writeRegroup(first, prepared)).toBe(false)
    expect((await t.db.segments.toArray()).map((row) => row.enc.iv.join(','))).toEqual(stored)
    // Nothing was lost: both windows' clients are in the stored index.
    second.close()
    otherDb.close()
    first.close()
    const { session } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(session.index.entry('clients', kept)).toBeDefined()
    expect(session.index.entry('clients', theirs)).toBeDefined()
    // And with nothing written in between, it lands.
    expect(await regroupIndex(session)).toBe(true)
    expect(session.index.size('clients')).toBe(2)
    session.close()
  })

  it('a window whose regroup another window beat reads the index again as stored, and writes on', async () => {
    const count = SEGMENT_SIZE + 20
    const { key, vaultId, summaries } = await clientsIndexedAsVersion3(count)
    // A window in the middle of its unlock: it has loaded the older layout (three segments of
    // 128) and does not watch the other windows yet.
    const first = new VaultSession(t.db, key, vaultId, NO_MIRROR)
    const loaded = await first.index.load(key)
    expect(loaded.older.sort()).toEqual(['clients:000000', 'clients:000001', 'clients:000002'])
    // Another window unlocks and seals the index again first: two segments, the third removed.
    const otherDb = new MendDatabase(t.db.name)
    const { session: second } = await unlockVault(otherDb, { passphrase: PASS }, TEST_HOST)
    const stored = async () => (await t.db.segments.toArray()).map((row) => row.id)
    expect(await stored()).toEqual(['clients:000000', 'clients:000001'])
    // The first window's regroup does not land; it takes in the stored index instead.
    expect(await regroupIndex(first)).toBe(false)
    expect(first.index.segmentIds().sort()).toEqual(['clients:000000', 'clients:000001'])
    expect(new Map(first.index.all('clients'))).toEqual(summaries)
    // Its writes land, in the stored segments.
    const more = await createClient(first, client('Written after'))
    expect(first.index.entry('clients', more)).toBeDefined()
    expect(await stored()).toEqual(['clients:000000', 'clients:000001'])
    // The other window, which watches, dropped nothing and took in the new record.
    await expect
      .poll(() => second.index.entry('clients', more)?.s?.displayName, { timeout: 5000 })
      .toBe('Written after')
    expect(second.index.size('clients')).toBe(count + 1)
    second.close()
    otherDb.close()
    first.close()
  })

  it('a watching window takes in another window’s regroup: the removed segment is dropped, no record', async () => {
    const session = await freshSession(t.db)
    const count = SEGMENT_SIZE + 20
    await addClients(session, count)
    const summaries = new Map(session.index.all('clients'))
    // This window holds the older layout, as if it had opened before the upgrade's regroup.
    await sealClientsAsVersion3(session.dataKey, summaries)
    await session.index.refresh(session.dataKey)
    expect(session.index.segmentIds()).toHaveLength(3)
    const otherDb = new MendDatabase(t.db.name)
    const { session: second } = await unlockVault(otherDb, { passphrase: PASS }, TEST_HOST)
    await expect
      .poll(() => session.index.segmentIds().sort(), { timeout: 5000 })
      .toEqual(['clients:000000', 'clients:000001'])
    expect(new Map(session.index.all('clients'))).toEqual(summaries)
    // A new record goes into a stored segment with room (never into the removed one).
    const more = await createClient(session, client('After the regroup'))
    expect(session.index.entry('clients', more)).toBeDefined()
    expect((await t.db.segments.toArray()).map((row) => row.id)).toEqual([
      'clients:000000',
      'clients:000001',
    ])
    second.close()
    otherDb.close()
    session.close()
  })

  it('a regroup that fails does not fail the unlock: the index opens as it was stored', async () => {
    const { summaries } = await clientsIndexedAsVersion3(130)
    const failing = vi
      .spyOn(VaultIndex.prototype, 'prepareRegroup')
      .mockRejectedValue(new Error('disk full'))
    try {
      const { session: again, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
      expect(failing).toHaveBeenCalled()
      expect(notices).toEqual([])
      expect(new Map(again.index.all('clients'))).toEqual(summaries)
      expect((await t.db.segments.toArray()).map((row) => row.sv)).toEqual([3, 3])
      again.close()
    } finally {
      failing.mockRestore()
    }
  })

  it('an index sealed before the pattern fields is rebuilt from the records at unlock, and says so', async () => {
    const { key, clientId, counted, bare } = await vaultWithWalkouts()
    await sealSegmentsAsVersion2(key)
    const { session, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    // An upgrade, not a repair: nothing was damaged or missing.
    expect(notices).toEqual([INDEX_UPDATED_NOTICE])
    expect(session.index.entry('incidents', counted)?.s).toMatchObject({
      clientId,
      ruptureType: 'confrontation',
      minutesIntoSession: 20,
      ending: 'returned',
      contributionNoted: true,
    })
    expect(session.index.entry('incidents', bare)?.s).toMatchObject({
      ruptureType: null,
      minutesIntoSession: null,
      ending: 'not-recorded',
      contributionNoted: false,
    })
    // The walkout segments were rebuilt from the records; then every segment was sealed again as
    // the current version (the client's from memory: it lacked nothing).
    const versions = Object.fromEntries((await t.db.segments.toArray()).map((s) => [s.id, s.sv]))
    expect(versions).toEqual({
      'clients:000000': SEGMENT_SCHEMA_VERSION,
      'incidents:000000': SEGMENT_SCHEMA_VERSION,
    })
    session.close()
    const again = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(again.notices).toEqual([])
    expect(again.session.index.entry('incidents', counted)?.s?.ruptureType).toBe('confrontation')
    expect(again.session.index.size('incidents')).toBe(2)
  })

  it('an outdated index that also misses a record says both: updated, and repaired', async () => {
    const { key, counted, bare } = await vaultWithWalkouts()
    await sealSegmentsAsVersion2(key, [bare])
    const { session, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(notices).toEqual([INDEX_REPAIRED_NOTICE, INDEX_UPDATED_NOTICE])
    expect(session.index.entry('incidents', counted)?.s?.ending).toBe('returned')
    expect(session.index.entry('incidents', bare)?.s?.ending).toBe('not-recorded')
  })
})
