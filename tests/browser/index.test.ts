import { describe, expect, it } from 'vitest'
import { emptyClient, type Client } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import { SEGMENT_SIZE } from '../../src/renderer/src/store/codecs'
import { MendDatabase } from '../../src/renderer/src/store/db'
import {
  addAddendum,
  changeStatus,
  createClient,
  createIncident,
  saveStep,
} from '../../src/renderer/src/store/operations'
import { put } from '../../src/renderer/src/store/session'
import { INDEX_REPAIRED_NOTICE, unlockVault } from '../../src/renderer/src/store/vault'
import { freshSession, PASS, TEST_HOST, testDatabase } from './fixtures'

const t = testDatabase('mend-index')
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
})
