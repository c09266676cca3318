import { afterEach, describe, expect, it, vi } from 'vitest'
import { emptyClient, type Client } from '../../src/renderer/src/domain/client'
import type { DerivedRow, SealedRow } from '../../src/renderer/src/store/db'
import { repairIndex } from '../../src/renderer/src/store/index-build'
import {
  indexedHashes,
  openEveryIndexed,
  PACK_SIZE,
  packRange,
} from '../../src/renderer/src/store/packs'
import { put, remove, type VaultSession } from '../../src/renderer/src/store/session'
import { freshSession, testDatabase } from './fixtures'

const t = testDatabase('mend-packs')
afterEach(() => vi.restoreAllMocks())

const MARKER = 'Zanzibarquill'
const client = (i: number, note = ''): Client => ({
  ...emptyClient(),
  displayName: `${MARKER} ${i}`,
  initials: 'ZQ',
  notes: note,
})

/** `count` clients written the way the app writes (one commit), their ids in order. */
async function withClients(session: VaultSession, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `c-${String(i).padStart(5, '0')}`)
  await session.commit({
    changes: ids.map((id, i) => put(session.clients, id, client(i))),
    audit: { action: 'edit', target: 'client', targetId: ids[0]!, detail: '' },
  })
  return ids
}

/** Every client as the bulk read gives it, the ids that did not open, and the decrypt calls. */
async function readAll(session: VaultSession) {
  const values = new Map<string, Client>()
  const failed: string[] = []
  const decrypt = vi.spyOn(crypto.subtle, 'decrypt')
  try {
    await openEveryIndexed(
      session.db,
      session.clients,
      session.dataKey,
      indexedHashes(session.index, 'clients'),
      (page) => {
        for (const opened of page) {
          expect(values.has(opened.id)).toBe(false)
          if (opened.ok) values.set(opened.id, opened.value)
          else failed.push(opened.id)
        }
      },
    )
    return { values, failed, decrypts: decrypt.mock.calls.length }
  } finally {
    decrypt.mockRestore()
  }
}

const packRows = (session: VaultSession): Promise<DerivedRow[]> =>
  session.db.derived
    .where('id')
    .between(...packRange('clients'))
    .toArray()

const edit = (session: VaultSession, id: string, value: Client) =>
  session.commit({
    changes: [put(session.clients, id, value)],
    audit: { action: 'edit', target: 'client', targetId: id, detail: '' },
  })

const removeClient = (session: VaultSession, id: string) =>
  session.commit({
    changes: [remove(session.clients, id)],
    audit: { action: 'edit', target: 'client', targetId: id, detail: '' },
  })

describe('read packs: every record read at once, from a few sealed packs', () => {
  const COUNT = PACK_SIZE + 40

  it('the first read opens every row and seals the packs; the next decrypts only the packs and gives the same records', async () => {
    const session = await freshSession(t.db)
    const ids = await withClients(session, COUNT)

    const first = await readAll(session)
    expect([...first.values.keys()].sort()).toEqual(ids)
    expect(first.values.get(ids[7]!)!.displayName).toBe(`${MARKER} 7`)
    expect(first.decrypts).toBe(COUNT)
    const packs = await packRows(session)
    // Many records to a pack: a few decrypt calls instead of one per record.
    expect(packs.length).toBeGreaterThan(1)
    expect(packs.length).toBeLessThanOrEqual(Math.ceil(COUNT / 50))

    const second = await readAll(session)
    expect(second.decrypts).toBe(packs.length)
    expect(second.failed).toEqual([])
    expect(second.values).toEqual(first.values)
    // Nothing was sealed again: the packs are the same rows.
    expect((await packRows(session)).map((row) => row.id).sort()).toEqual(
      packs.map((row) => row.id).sort(),
    )
    // Sealed at rest: the words of the records are nowhere in the packs' stored bytes.
    const stored = new TextDecoder('latin1').decode(
      new Uint8Array(packs.flatMap((row) => [...row.enc.iv, ...row.enc.ct])),
    )
    expect(stored).not.toContain(MARKER)
    expect(JSON.stringify(packs.map((row) => row.id))).not.toContain(MARKER)
  })

  it('a record changed since its pack was sealed comes from its row, as it is now, and its pack is sealed again', async () => {
    const session = await freshSession(t.db)
    const ids = await withClients(session, COUNT)
    await readAll(session)
    const before = await packRows(session)

    await edit(session, ids[3]!, client(3, 'changed after the pack'))
    const read = await readAll(session)
    expect(read.values.get(ids[3]!)!.notes).toBe('changed after the pack')
    expect(read.values.size).toBe(COUNT)
    // The packs, and the one row that changed.
    expect(read.decrypts).toBe(before.length + 1)

    const after = await readAll(session)
    expect(after.decrypts).toBe((await packRows(session)).length)
    expect(after.values.get(ids[3]!)!.notes).toBe('changed after the pack')
    expect(after.values.size).toBe(COUNT)
  })

  it('an older pack put back, or a pack that does not open, is not used: the rows give the records and it is replaced', async () => {
    const session = await freshSession(t.db)
    const ids = await withClients(session, COUNT)
    await readAll(session)
    const older = await packRows(session)
    await edit(session, ids[5]!, client(5, 'newer'))
    await readAll(session)

    // The older packs put back beside the new ones: their copy of the record is not the row's.
    await session.db.derived.bulkPut(older)
    let read = await readAll(session)
    expect(read.values.get(ids[5]!)!.notes).toBe('newer')
    expect(read.values.size).toBe(COUNT)
    expect(read.failed).toEqual([])

    // A pack whose bytes were changed.
    const [victim] = await packRows(session)
    const ct = victim!.enc.ct.slice()
    ct[10]! ^= 1
    await session.db.derived.put({ ...victim!, enc: { iv: victim!.enc.iv, ct } })
    read = await readAll(session)
    expect(read.values.size).toBe(COUNT)
    expect(read.failed).toEqual([])
    expect([...read.values.keys()].sort()).toEqual(ids)
    expect((await packRows(session)).some((row) => row.id === victim!.id)).toBe(false)
  })

  it('a record deleted leaves the packs in the same write', async () => {
    const session = await freshSession(t.db)
    const ids = await withClients(session, COUNT)
    await readAll(session)
    expect((await packRows(session)).length).toBeGreaterThan(0)

    await removeClient(session, ids[0]!)
    expect(await packRows(session)).toEqual([])
    const read = await readAll(session)
    expect(read.values.has(ids[0]!)).toBe(false)
    expect(read.values.size).toBe(COUNT - 1)
    // A write that deletes nothing leaves them.
    await edit(session, ids[1]!, client(1, 'kept'))
    expect((await packRows(session)).length).toBeGreaterThan(0)
  })

  it('a read that began before a record was deleted does not write it back into packs', async () => {
    const session = await freshSession(t.db)
    const ids = await withClients(session, COUNT)
    // No packs yet: this read opens the rows and would seal them all at its end. It is held
    // after its first page while the first client is deleted.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let pages = 0
    const reading = openEveryIndexed(
      session.db,
      session.clients,
      session.dataKey,
      indexedHashes(session.index, 'clients'),
      async () => {
        if (pages++ === 0) await held
      },
    )
    await expect.poll(() => pages).toBe(1)
    await removeClient(session, ids[0]!)
    release()
    await reading
    // Nothing was written: the deleted client is in no pack.
    expect(await packRows(session)).toEqual([])
    // The next read seals them, without it.
    const read = await readAll(session)
    expect(read.values.has(ids[0]!)).toBe(false)
    expect(read.values.size).toBe(COUNT - 1)
    expect((await packRows(session)).length).toBeGreaterThan(0)
  })

  it('a record that does not open is reported, never dropped, and kept out of the packs', async () => {
    const session = await freshSession(t.db)
    const ids = await withClients(session, 20)
    await readAll(session)
    const row = (await session.db.clients.get(ids[2]!)) as SealedRow
    const ct = row.enc.ct.slice()
    ct[0]! ^= 1
    await session.db.clients.put({ ...row, enc: { iv: row.enc.iv, ct } })
    // The index takes in the damaged row (as the check after unlock does).
    await repairIndex(session, [], [{ table: 'clients', id: ids[2]! }])

    for (let round = 0; round < 2; round++) {
      const read = await readAll(session)
      expect(read.failed).toEqual([ids[2]])
      expect(read.values.size).toBe(19)
    }
  })

  it('a row the index does not list yet (written elsewhere): every row is read, that one too', async () => {
    const session = await freshSession(t.db)
    const ids = await withClients(session, 20)
    await readAll(session)
    const extra = await session.clients.seal(session.dataKey, 'c-extra', client(99))
    await session.db.clients.put(extra)

    const read = await readAll(session)
    expect(read.values.get('c-extra')!.displayName).toBe(`${MARKER} 99`)
    expect(read.values.size).toBe(ids.length + 1)
    expect(read.decrypts).toBe(ids.length + 1)
  })
})
