import Dexie from 'dexie'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuditHead } from '../../src/renderer/src/domain/audit'
import { replacesHead } from '../../src/shared/audit-head'
import { emptyClient } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { defaultPracticeSettings } from '../../src/renderer/src/domain/practice'
import { stamp } from '../../src/renderer/src/domain/time'
import type { SealedRow } from '../../src/renderer/src/store/db'
import { ivMaps, type ListedTable } from '../../src/renderer/src/store/row-ivs'
import type { ListAnswer, ListRequest } from '../../src/renderer/src/store/row-ivs.worker'
import {
  CHECKPOINT_AFTER_ENTRIES,
  checkAtUnlock,
  checkIntegrity,
  fingerprint,
  readAudit,
  type IntegrityReport,
} from '../../src/renderer/src/store/integrity'
import {
  acknowledgedFindings,
  acknowledgeIntegrity,
  addAddendum,
  createClient,
  createIncident,
  saveStep,
  signIncident,
  updateClient,
} from '../../src/renderer/src/store/operations'
import { savePracticeSettings } from '../../src/renderer/src/store/settings'
import type { HeadMirror, VaultSession } from '../../src/renderer/src/store/session'
import { createVault, unlockVault } from '../../src/renderer/src/store/vault'
import { FAST, PASS, TEST_HOST, testDatabase } from './fixtures'
import { SIGN_EARLY } from './fixtures'

/**
 * The review's attacks, tried on real IndexedDB: someone with the profile folder but not the key
 * puts back older rows, deletes rows, or puts back an older copy of the whole log. Each must be
 * found at the next check, named, and a clean vault must pass.
 */
const t = testDatabase('mend-integrity')

function memoryMirror(): HeadMirror & { heads: Map<string, AuditHead> } {
  const heads = new Map<string, AuditHead>()
  return {
    heads,
    read: (vaultId) => Promise.resolve(heads.get(vaultId) ?? null),
    // As the hosts keep it: only a head that follows the one kept, or a reset.
    write: (vaultId, head, how) => {
      if (replacesHead(heads.get(vaultId), how))
        heads.set(vaultId, { seq: head.seq, hash: head.hash })
      return Promise.resolve()
    },
  }
}

async function practice(mirror = memoryMirror()) {
  const { session } = await createVault(t.db, PASS, { withRecoveryKey: false, kdf: FAST, mirror })
  const clientId = await createClient(session, {
    ...emptyClient(),
    displayName: 'Robin Tamper',
    initials: 'RT',
  })
  const incidentId = await createIncident(session, clientId)
  await saveStep(
    session,
    incidentId,
    'safety',
    { ...emptyStep('safety', stamp()), riskLevel: 'low', rationale: 'Supports.' },
    true,
  )
  await mode.prepare(session)
  return { session, clientId, incidentId, mirror }
}

/**
 * Every attack is tried against both checks: the full one (Verify), and the one at unlock that
 * starts from the checkpoint of the last clean check (taken once the practice is set up).
 */
interface Mode {
  name: string
  prepare: (session: VaultSession) => Promise<void>
  check: (session: VaultSession) => Promise<IntegrityReport>
}
const MODES: Mode[] = [
  { name: 'the full check', prepare: () => Promise.resolve(), check: checkIntegrity },
  {
    name: 'the check at unlock, from a checkpoint',
    prepare: async (session) => {
      expect((await checkAtUnlock(session)).findings).toEqual([])
    },
    check: checkAtUnlock,
  },
]
let mode: Mode = MODES[0]!
const check = (session: VaultSession) => mode.check(session)

const kinds = async (session: VaultSession) =>
  (await check(session)).findings.map((f) => [f.kind, f.id ?? null])

const copyRows = async (table: string): Promise<SealedRow[]> =>
  structuredClone(await t.db.table<SealedRow, string>(table).toArray())

/**
 * These tables as they are now; the function returned puts them back as they were (the audit
 * log replaced whole), as someone with an older copy of the profile folder would.
 */
async function olderCopy(...tables: string[]): Promise<() => Promise<void>> {
  const copies = await Promise.all(tables.map(copyRows))
  return async () => {
    for (const [i, table] of tables.entries()) {
      if (table === 'audit') await t.db.audit.clear()
      await t.db.table(table).bulkPut(copies[i]!)
    }
  }
}

describe.each(MODES)('integrity: $name', (current) => {
  beforeEach(() => {
    mode = current
  })

  it('a vault used normally is intact', async () => {
    const { session, incidentId } = await practice()
    await addAddendum(session, incidentId, 'Noted.')
    await savePracticeSettings(session, {
      ...defaultPracticeSettings('en-US'),
      emergencyResources: [],
    })
    const report = await check(session)
    expect(report.findings).toEqual([])
    expect(report.chain).toMatchObject({ intact: true })
  })

  it('an older copy of a signed walkout put back: found, named, and the signature called out', async () => {
    const { session, incidentId } = await practice()
    const unsigned = await t.db.incidents.get(incidentId)
    await signIncident(session, incidentId, SIGN_EARLY)
    await t.db.incidents.put(unsigned!)
    const report = await check(session)
    expect(report.findings.map((f) => f.kind)).toEqual(['rolled-back'])
    expect(report.findings[0]?.message).toMatch(
      /^The walkout record of RT from .* is not the version last saved \(entry \d+ of the audit trail\)/,
    )
    expect(report.findings[0]?.message).toContain(
      'It was signed; the version now stored is unsigned',
    )
    // The list index now follows the record as it is (unsigned), so the screen does not lie.
    expect(session.index.entry('incidents', incidentId)?.s?.signedAt).toBeNull()
    expect(report.indexRepaired).toBe(1)
  })

  it('an older client record put back: found', async () => {
    const { session, clientId } = await practice()
    const before = await t.db.clients.get(clientId)
    await updateClient(session, clientId, {
      ...emptyClient(),
      displayName: 'Robin New',
      initials: 'RN',
    })
    await t.db.clients.put(before!)
    expect(await kinds(session)).toEqual([['rolled-back', clientId]])
  })

  it('a deleted addendum: found as missing', async () => {
    const { session, incidentId } = await practice()
    const addendumId = await addAddendum(session, incidentId, 'Correction.')
    await t.db.addenda.delete(addendumId)
    const report = await check(session)
    expect(report.findings.map((f) => [f.kind, f.id])).toEqual([['missing', addendumId]])
    expect(report.findings[0]?.message).toMatch(
      /^An addendum to a walkout record of RT .* is missing/,
    )
  })

  it('a deleted walkout record: found as missing', async () => {
    const { session, incidentId } = await practice()
    await t.db.incidents.delete(incidentId)
    expect(await kinds(session)).toEqual([['missing', incidentId]])
  })

  it('a row copied in from another record: not written by Mend', async () => {
    const { session, clientId } = await practice()
    const row = await t.db.clients.get(clientId)
    await t.db.clients.put({ ...row!, id: 'c-copied' })
    expect(await kinds(session)).toEqual([['unrecorded', 'c-copied']])
  })

  it('changed emergency resources (sealed): found', async () => {
    const { session } = await practice()
    await savePracticeSettings(session, {
      ...defaultPracticeSettings('en-US'),
      emergencyResources: [{ name: 'Line', phone: '1', notes: '' }],
    })
    const first = await t.db.sealed.get('practice-settings')
    await savePracticeSettings(session, {
      ...defaultPracticeSettings('en-US'),
      emergencyResources: [{ name: 'Line', phone: '2', notes: '' }],
    })
    await t.db.sealed.put(first!)
    expect(await kinds(session)).toEqual([['rolled-back', 'practice-settings']])
  })

  it('the newest audit entries removed together with an older head: found through the copy of the head', async () => {
    const { session, clientId } = await practice()
    const putBack = await olderCopy('audit', 'sealed')
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Later', initials: 'L' })
    // Put back the whole older log and its head (and the older client): chain and rows agree.
    await putBack()
    const older = (await readAudit(session)).length
    const report = await check(session)
    expect(report.chain).toMatchObject({ intact: true })
    expect(report.findings.map((f) => f.kind)).toContain('head-behind')
    expect(report.findings.find((f) => f.kind === 'head-behind')?.message).toContain(
      `ends at entry ${older}`,
    )
  })

  it('without the copy of the head the same rollback is not provable: the copy is what catches it', async () => {
    const { session, clientId, mirror } = await practice()
    const putBack = await olderCopy('audit', 'sealed', 'clients')
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Later', initials: 'L' })
    await putBack()
    mirror.heads.clear()
    expect(await kinds(session)).toEqual([])
    // And with it, found.
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Again', initials: 'A' })
    await putBack()
    expect((await kinds(session)).map(([kind]) => kind)).toEqual(['head-behind'])
  })

  it('acknowledging binds the records as they are: recorded, and the next check passes', async () => {
    const { session, clientId, incidentId } = await practice()
    const before = await t.db.clients.get(clientId)
    await updateClient(session, clientId, {
      ...emptyClient(),
      displayName: 'Robin New',
      initials: 'RN',
    })
    await t.db.clients.put(before!)
    const addendumId = await addAddendum(session, incidentId, 'Gone soon.')
    await t.db.addenda.delete(addendumId)
    const report = await check(session)
    expect(report.findings).toHaveLength(2)
    await acknowledgeIntegrity(session, report.findings)
    expect((await check(session)).findings).toEqual([])
    expect(await acknowledgedFindings(session)).not.toBe('')
    const last = (await readAudit(session)).at(-1)?.opened
    expect(last).toMatchObject({
      ok: true,
      value: {
        action: 'acknowledge',
        detail: '1 not the last version saved; 1 missing',
      },
    })
  })

  it('runs at unlock from a fresh session too (the unlock itself is recorded and stays intact)', async () => {
    const mirror = memoryMirror()
    const { session } = await practice(mirror)
    session.close()
    const { session: again } = await unlockVault(
      t.db,
      { passphrase: PASS },
      { ...TEST_HOST, mirror },
    )
    expect((await check(again)).findings).toEqual([])
  })
})

describe('a whole vault put back, then unlocked', () => {
  it('the unlock’s own entry does not hide it: found at the check after the unlock', async () => {
    const mirror = memoryMirror()
    const { session, clientId } = await practice(mirror)
    const putBack = await olderCopy('audit', 'sealed', 'clients', 'segments')
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Later', initials: 'L' })
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Again', initials: 'A' })
    session.close()
    await putBack()
    const { session: again } = await unlockVault(
      t.db,
      { passphrase: PASS },
      { ...TEST_HOST, mirror },
    )
    const report = await checkAtUnlock(again)
    expect(report.findings.map((f) => f.kind)).toEqual(['head-behind'])
    // Saving on without acknowledging, past where the copy stood: still found (the copy is not
    // carried onto the put-back trail's own entries).
    for (let i = 0; i < 4; i++)
      await updateClient(again, clientId, { ...emptyClient(), displayName: `Save ${i}` })
    const still = await checkIntegrity(again)
    expect(still.findings.map((f) => f.kind)).toEqual(['head-behind'])

    // Acknowledged: the vault as it is becomes the baseline, and the next check is clean.
    await acknowledgeIntegrity(again, still.findings)
    expect(await acknowledgedFindings(again)).toBe(await fingerprint(still.findings))
    expect((await checkIntegrity(again)).findings).toEqual([])

    // Put back to an older copy a second time: found, and not taken for the one acknowledged.
    const putBackAgain = await olderCopy('audit', 'sealed')
    await updateClient(again, clientId, { ...emptyClient(), displayName: 'Third', initials: 'T' })
    await putBackAgain()
    const second = await checkIntegrity(again)
    expect(second.findings.map((f) => f.kind)).toContain('head-behind')
    expect(await fingerprint(second.findings)).not.toBe(await acknowledgedFindings(again))
  })
})

describe('a row that is not a sealed record at all', () => {
  it('does not lock the therapist out: the vault opens, and the check names the row', async () => {
    const mirror = memoryMirror()
    const { session, clientId } = await practice(mirror)
    session.close()
    // Damaged on disk, or put there by hand: no IV, no ciphertext. One in place of a client,
    // one more under an id of its own (the index then no longer covers every row).
    await t.db.clients.put({ id: clientId, sv: 1, enc: {} } as never)
    await t.db.clients.put({ id: 'stray-row', sv: 1 } as never)
    const { session: again } = await unlockVault(
      t.db,
      { passphrase: PASS },
      { ...TEST_HOST, mirror },
    )
    const report = await checkIntegrity(again)
    expect(report.findings.map((f) => [f.kind, f.id]).sort()).toEqual([
      ['rolled-back', clientId],
      ['unrecorded', 'stray-row'],
    ])
    // The index follows the rows: both listed as records that do not open.
    expect(again.index.entry('clients', clientId)?.s).toBeNull()
    expect(again.index.entry('clients', 'stray-row')?.s).toBeNull()
    // Acknowledged as they are: bound, and the next check passes.
    await acknowledgeIntegrity(again, report.findings)
    expect((await checkIntegrity(again)).findings).toEqual([])
  })
})

describe('acknowledging while another window saves', () => {
  it('a record saved between reading it and the acknowledgement is bound as saved, not as read', async () => {
    const { session, clientId } = await practice()
    const before = structuredClone(await t.db.clients.get(clientId))
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Robin Newer' })
    await t.db.clients.put(before!)
    const report = await checkIntegrity(session)
    expect(report.findings.map((f) => f.kind)).toEqual(['rolled-back'])
    // The first try of the acknowledgement: the record is saved again just before it lands.
    const commit = session.commit.bind(session)
    const spy = vi.spyOn(session, 'commit').mockImplementationOnce(async (input) => {
      await updateClient(session, clientId, { ...emptyClient(), displayName: 'Robin Saved Again' })
      return commit(input)
    })
    try {
      await acknowledgeIntegrity(session, report.findings)
    } finally {
      spy.mockRestore()
    }
    expect((await checkIntegrity(session)).findings).toEqual([])
  })
})

describe('saving while the full check runs', () => {
  it('an edit that lands during the check is not taken for a rollback: the check reads again', async () => {
    const { session, clientId } = await practice()
    // Started together: the edit's commit lands between the check's reads.
    const [report] = await Promise.all([
      checkIntegrity(session),
      updateClient(session, clientId, { ...emptyClient(), displayName: 'Robin Saved' }),
    ])
    expect(report.findings).toEqual([])
    // A rollback is still found when nothing moves.
    const before = structuredClone(await t.db.clients.get(clientId))
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Robin Later' })
    await t.db.clients.put(before!)
    expect((await checkIntegrity(session)).findings.map((f) => [f.kind, f.id])).toEqual([
      ['rolled-back', clientId],
    ])
  })
})

describe('the check at unlock starts from the last clean check', () => {
  beforeEach(() => {
    mode = MODES[1]!
  })

  it('a clean vault: the first check is the full one, later ones start from its checkpoint', async () => {
    const { session, clientId, incidentId } = await practice()
    // practice() took the first (full) check; writes since are read and hashed, the rest not.
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Later', initials: 'L' })
    await addAddendum(session, incidentId, 'Since the checkpoint.')
    const report = await checkAtUnlock(session)
    expect(report).toMatchObject({ findings: [], path: 'checkpoint', chain: { intact: true } })
    expect((await checkAtUnlock(session)).path).toBe('checkpoint')
    session.close()
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(await checkAtUnlock(again)).toMatchObject({ findings: [], path: 'checkpoint' })
  })

  it('rows written and added between the unlock and its check: still the quick path, clean', async () => {
    const { session, clientId, incidentId } = await practice()
    session.close()
    // The unlock lists every row's IV while it stretches the passphrase; the app writes after.
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    await updateClient(again, clientId, { ...emptyClient(), displayName: 'After', initials: 'A' })
    await addAddendum(again, incidentId, 'Written during the unlock.')
    await createClient(again, { ...emptyClient(), displayName: 'New', initials: 'N' })
    expect(await checkAtUnlock(again)).toMatchObject({ findings: [], path: 'checkpoint' })
  })

  it('the IVs listed by the worker match the rows, and a database that does not exist is not created', async () => {
    const { session, clientId } = await practice()
    const ask = (request: ListRequest) =>
      new Promise<ListAnswer>((resolve) => {
        const worker = new Worker(
          new URL('../../src/renderer/src/store/row-ivs.worker.ts', import.meta.url),
          { type: 'module' },
        )
        worker.onmessage = (event: MessageEvent<ListAnswer>) => {
          worker.terminate()
          resolve(event.data)
        }
        worker.postMessage(request)
      })
    const listed = await ask({ database: t.db.name, tables: ['clients'] })
    const row = (await t.db.clients.get(clientId))!
    const hex = [...row.enc.iv].map((b) => b.toString(16).padStart(2, '0')).join('')
    const tables = JSON.parse(listed!) as ListedTable[]
    expect(ivMaps(tables)![0]!.get(clientId)).toBe(hex)
    expect(tables[0]!.ids).toEqual(await t.db.clients.toCollection().primaryKeys())
    expect(await ask({ database: 'mend-no-such-vault', tables: ['clients'] })).toBeNull()
    expect(await Dexie.exists('mend-no-such-vault')).toBe(false)
    session.close()
  })

  it('a row removed between the unlock and its check, not by Mend: found', async () => {
    const { session, incidentId } = await practice()
    const addendumId = await addAddendum(session, incidentId, 'Removed behind its back.')
    session.close()
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    await t.db.addenda.delete(addendumId)
    const report = await checkAtUnlock(again)
    expect(report.findings.map((f) => [f.kind, f.id])).toEqual([['missing', addendumId]])
  })

  it('a row put back while the vault was closed: found, though the unlock listed IVs ahead', async () => {
    const { session, clientId } = await practice()
    const atCheckpoint = await t.db.clients.get(clientId)
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Later', initials: 'L' })
    session.close()
    await t.db.clients.put(atCheckpoint!)
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    const report = await checkAtUnlock(again)
    expect(report.path).toBe('full')
    expect(report.findings.map((f) => [f.kind, f.id])).toEqual([['rolled-back', clientId]])
  })

  it('a row put back to the version the checkpoint knew, after a later save: found', async () => {
    const { session, incidentId } = await practice()
    const atCheckpoint = await t.db.incidents.get(incidentId)
    await signIncident(session, incidentId, SIGN_EARLY)
    await t.db.incidents.put(atCheckpoint!)
    const report = await checkAtUnlock(session)
    expect(report.path).toBe('full')
    expect(report.findings.map((f) => [f.kind, f.id])).toEqual([['rolled-back', incidentId]])
  })

  it('an old entry of the trail removed (before the checkpoint): the full check finds the gap', async () => {
    const { session } = await practice()
    await t.db.audit.where('seq').equals(2).delete()
    const report = await checkAtUnlock(session)
    expect(report.path).toBe('full')
    expect(report.chain).toMatchObject({ intact: false, seq: 2, reason: 'missing' })
  })

  it('the checkpoint deleted, or put back to an older one: the check still finds what is wrong', async () => {
    const { session, clientId } = await practice()
    const older = await t.db.sealed.get('integrity-checkpoint')
    const before = await t.db.clients.get(clientId)
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Later', initials: 'L' })
    expect((await checkAtUnlock(session)).path).toBe('checkpoint')
    await t.db.clients.put(before!)
    await t.db.sealed.put(older!)
    expect((await checkAtUnlock(session)).findings.map((f) => f.kind)).toEqual(['rolled-back'])
    await t.db.sealed.delete('integrity-checkpoint')
    expect(await checkAtUnlock(session)).toMatchObject({
      path: 'full',
      findings: [{ kind: 'rolled-back', id: clientId }],
    })
  })

  it('a checkpoint with findings is not moved forward: the warning comes back at every unlock', async () => {
    const { session, clientId } = await practice()
    const before = await t.db.clients.get(clientId)
    await updateClient(session, clientId, { ...emptyClient(), displayName: 'Later', initials: 'L' })
    await t.db.clients.put(before!)
    expect((await checkAtUnlock(session)).findings).toHaveLength(1)
    expect((await checkAtUnlock(session)).findings).toHaveLength(1)
  })

  it('the checkpoint moves on once many entries were written since, not at every unlock', async () => {
    const { session } = await practice()
    const first = (await t.db.sealed.get('integrity-checkpoint'))!.enc.iv.join()
    const entry = () =>
      session.record({ action: 'lock', target: 'vault', targetId: session.vaultId, detail: 'test' })
    await entry()
    expect((await checkAtUnlock(session)).path).toBe('checkpoint')
    expect((await t.db.sealed.get('integrity-checkpoint'))!.enc.iv.join()).toBe(first)
    for (let i = 0; i < CHECKPOINT_AFTER_ENTRIES; i++) await entry()
    expect((await checkAtUnlock(session)).path).toBe('checkpoint')
    const moved = (await t.db.sealed.get('integrity-checkpoint'))!.enc.iv.join()
    expect(moved).not.toBe(first)
    // Later checks start from where it moved to.
    expect((await checkAtUnlock(session)).path).toBe('checkpoint')
  }, 60_000)

  it('a checkpoint of another vault is not used', async () => {
    const { session } = await practice()
    const checkpoint = await t.db.sealed.get('integrity-checkpoint')
    // Moved to another id it does not open (its id is bound into the sealing): full check.
    await t.db.sealed.delete('integrity-checkpoint')
    await t.db.sealed.put({ ...checkpoint!, id: 'integrity-ack' })
    expect((await checkAtUnlock(session)).path).toBe('full')
  })
})
