import { describe, expect, it } from 'vitest'
import { PASS, freshSession as newSession, testDatabase } from './fixtures'
import { SIGN_EARLY } from './fixtures'
import { TEST_HOST } from './fixtures'
import { VaultError } from '../../src/renderer/src/crypto/errors'
import type { Client } from '../../src/renderer/src/domain/client'
import {
  emptyStep,
  orderAddenda,
  RuleError,
  SIGNED_MESSAGE,
  type OutreachAttempt,
  type SafetyStep,
} from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import { readAudit, verifyAudit } from '../../src/renderer/src/store/integrity'
import {
  addAddendum,
  changeStatus,
  createClient,
  createIncident,
  saveStep,
  signIncident,
  updateClient,
} from '../../src/renderer/src/store/operations'
import {
  ConflictError,
  put,
  unchanged,
  withRetry,
  type VaultSession,
} from '../../src/renderer/src/store/session'
import { unlockVault } from '../../src/renderer/src/store/vault'

const t = testDatabase()

const freshSession = () => newSession(t.db)

function aClient(overrides: Partial<Client> = {}): Client {
  return {
    displayName: 'Robin Example',
    initials: 'RE',
    dateOfBirth: '',
    clientNumber: '',
    pronouns: 'they/them',
    isMinor: false,
    channels: [
      {
        id: crypto.randomUUID(),
        kind: 'phone-call',
        detail: '+31 6 1234 5678',
        consentDate: '2025-01-15',
        conditions: [],
        notes: 'voicemail OK',
      },
    ],
    emergencyContacts: [
      {
        id: crypto.randomUUID(),
        name: 'Sam Example',
        relation: 'sibling',
        phone: '+31 6 8765 4321',
      },
    ],
    status: 'active',
    notes: '',
    ...overrides,
  }
}

function safety(overrides: Partial<SafetyStep> = {}): SafetyStep {
  return { ...emptyStep('safety', stamp()), ...overrides }
}

function attempt(overrides: Partial<OutreachAttempt> = {}): OutreachAttempt {
  return {
    id: crypto.randomUUID(),
    at: stamp(),
    channel: 'phone-call',
    unconsentedReason: '',
    summary: 'Called, left a short message.',
    outcome: 'voicemail',
    nextDue: '',
    ...overrides,
  }
}

/**
 * A value as it reads back from storage (sealed as JSON). stamp() gives offsetMinutes -0 in a UTC
 * time zone, which JSON stores as 0; toEqual tells the two apart.
 */
function stored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the operation to be refused'),
    (error: unknown) => error,
  )
}

async function openIncident(session: VaultSession, id: string) {
  const opened = await session.incidents.get(session.dataKey, id)
  if (!opened?.ok) throw new Error(`incident ${id} did not open`)
  return opened.value
}

async function openClient(session: VaultSession, id: string) {
  const opened = await session.clients.get(session.dataKey, id)
  if (!opened?.ok) throw new Error(`client ${id} did not open`)
  return opened.value
}

/** A vault with one client and one open incident for that client. */
async function withIncident(client: Client = aClient()) {
  const session = await freshSession()
  const clientId = await createClient(session, client)
  const incidentId = await createIncident(session, clientId)
  return { session, clientId, incidentId }
}

/** What the database holds for one incident, and how long the log is: to prove nothing moved. */
async function snapshot(incidentId: string) {
  return {
    row: await t.db.incidents.get(incidentId),
    audit: await t.db.audit.count(),
    head: await t.db.sealed.get('audit-head'),
  }
}

describe('clients and the audit entries that record them', () => {
  it('createVault records "create vault" and unlockVault records "unlock"; the chain verifies', async () => {
    const session = await freshSession()
    const vaultId = session.vaultId
    let entries = await readAudit(session)
    expect(entries.map((e) => e.seq)).toEqual([1])
    expect(entries[0]?.opened).toMatchObject({
      ok: true,
      value: { seq: 1, action: 'create', target: 'vault', targetId: vaultId },
    })
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 1 })
    session.close()

    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    entries = await readAudit(again)
    expect(entries.map((e) => e.seq)).toEqual([1, 2])
    expect(entries[1]?.opened).toMatchObject({
      ok: true,
      value: { seq: 2, action: 'unlock', target: 'vault', targetId: vaultId, detail: 'passphrase' },
    })
    expect(await verifyAudit(again)).toEqual({ intact: true, count: 2 })
  })

  it('createClient and updateClient write the client and one audit entry each', async () => {
    const session = await freshSession()
    const original = aClient()
    const id = await createClient(session, original)
    expect(await openClient(session, id)).toEqual(original)
    expect(session.index.entry('clients', id)?.s?.status).toBe('active')
    expect(await t.db.audit.count()).toBe(2)

    const changed = aClient({ displayName: 'Robin Changed', status: 'referred' })
    await updateClient(session, id, changed)
    expect(await openClient(session, id)).toEqual(changed)
    expect(session.index.entry('clients', id)?.s?.status).toBe('referred')
    expect(await t.db.clients.count()).toBe(1)

    const entries = await readAudit(session)
    expect(
      entries.map((e) =>
        e.opened.ok
          ? [e.opened.value.action, e.opened.value.target, e.opened.value.targetId]
          : null,
      ),
    ).toEqual([
      ['create', 'vault', session.vaultId],
      ['create', 'client', id],
      ['edit', 'client', id],
    ])
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 3 })
  })

  it('refuses an invalid client and an update of an unknown client; nothing is written', async () => {
    const session = await freshSession()
    await expect(createClient(session, aClient({ displayName: '   ' }))).rejects.toThrow(
      /Enter a name for the client/,
    )
    const error = await rejection(updateClient(session, crypto.randomUUID(), aClient()))
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('This client no longer exists.')
    expect(await t.db.clients.count()).toBe(0)
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 1 })
  })

  it('refuses to write once the session is closed', async () => {
    const session = await freshSession()
    session.close()
    const error = await rejection(createClient(session, aClient()))
    expect(error).toBeInstanceOf(VaultError)
    expect((error as VaultError).code).toBe('no-vault')
    expect(await t.db.clients.count()).toBe(0)
    expect(await t.db.audit.count()).toBe(1)
  })
})

describe('incidents', () => {
  it('createIncident refuses an unknown client id and writes nothing', async () => {
    const session = await freshSession()
    const error = await rejection(createIncident(session, crypto.randomUUID()))
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('Choose a client for this walkout.')
    expect(await t.db.incidents.count()).toBe(0)
    expect(await t.db.audit.count()).toBe(1)
  })

  it('createIncident creates an open, unsigned incident for a known client', async () => {
    const { session, clientId, incidentId } = await withIncident()
    const incident = await openIncident(session, incidentId)
    expect(incident).toMatchObject({ clientId, status: 'open', completed: [], signature: null })
    expect(incident.steps.safety).toBeDefined()
    // The lists know it from the sealed index (nothing about it is in clear).
    expect(session.index.entry('incidents', incidentId)?.s).toMatchObject({
      clientId,
      status: 'open',
      signedAt: null,
    })
    const last = (await readAudit(session)).at(-1)?.opened
    expect(last).toMatchObject({
      ok: true,
      value: { action: 'create', target: 'incident', targetId: incidentId },
    })
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 3 })
  })
})

describe('saveStep', () => {
  it('saves an unfinished step freely, even with its essentials missing', async () => {
    const { session, incidentId } = await withIncident()
    const values = safety({ beforeNarrative: 'Left after ten minutes.' })
    await saveStep(session, incidentId, 'safety', values, false)
    const incident = await openIncident(session, incidentId)
    expect(incident.steps.safety).toEqual(stored(values))
    expect(incident.completed).toEqual([])
    const last = (await readAudit(session)).at(-1)?.opened
    expect(last).toMatchObject({ ok: true, value: { action: 'edit', detail: 'Assess safety' } })
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 4 })
  })

  it('refuses to mark safety complete without a risk level, in words, and writes nothing', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    const error = await rejection(
      saveStep(session, incidentId, 'safety', safety({ rationale: 'Calm when leaving.' }), true),
    )
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('Choose a risk level.')
    expect(await snapshot(incidentId)).toEqual(before)
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 3 })
  })

  it('lists every missing essential in words (high risk without an action, no rationale)', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    const error = await rejection(
      saveStep(session, incidentId, 'safety', safety({ riskLevel: 'high' }), true),
    )
    expect(error).toBeInstanceOf(RuleError)
    const message = (error as RuleError).message
    expect(message).toContain('Give the rationale for the risk level.')
    expect(message).toContain('The risk is high: record the action taken')
    expect(await snapshot(incidentId)).toEqual(before)
  })

  it('marks safety complete once it has a risk level and a rationale', async () => {
    const { session, incidentId } = await withIncident()
    const values = safety({ riskLevel: 'low', rationale: 'Denied intent; has supports.' })
    await saveStep(session, incidentId, 'safety', values, true)
    const incident = await openIncident(session, incidentId)
    expect(incident.completed).toEqual(['safety'])
    expect(incident.steps.safety).toEqual(stored(values))
    // Saving it unfinished again takes the mark off.
    await saveStep(session, incidentId, 'safety', values, false)
    expect((await openIncident(session, incidentId)).completed).toEqual([])
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 5 })
  })

  it('refuses values that do not fit the step before writing anything', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    const bad = { ...safety(), riskLevel: 'extreme' } as unknown as SafetyStep
    await expect(saveStep(session, incidentId, 'safety', bad, false)).rejects.toThrow()
    expect(await snapshot(incidentId)).toEqual(before)
  })

  it('refuses to complete outreach through a channel the client did not agree to, without a reason', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    const values = { attempts: [attempt({ channel: 'text' })] }
    const error = await rejection(saveStep(session, incidentId, 'outreach', values, true))
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe(
      'The client did not agree to this channel. Say why it was used.',
    )
    expect(await snapshot(incidentId)).toEqual(before)
  })

  it('the consent rule holds for an unfinished save too; a reason or an agreed channel passes', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    const error = await rejection(
      saveStep(
        session,
        incidentId,
        'outreach',
        { attempts: [attempt({ channel: 'email' })] },
        false,
      ),
    )
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe(
      'The client did not agree to this channel. Say why it was used.',
    )
    expect(await snapshot(incidentId)).toEqual(before)

    const values = {
      attempts: [
        attempt({ channel: 'phone-call' }),
        attempt({ channel: 'email', unconsentedReason: 'Phone disconnected.' }),
      ],
    }
    await saveStep(session, incidentId, 'outreach', values, false)
    const incident = await openIncident(session, incidentId)
    expect(incident.steps.outreach).toEqual(stored(values))
    expect(incident.completed).toEqual([])
  })

  it('completes outreach through an unagreed channel when a reason is given', async () => {
    const { session, incidentId } = await withIncident()
    const values = {
      attempts: [attempt({ channel: 'text', unconsentedReason: 'Phone number out of service.' })],
    }
    await saveStep(session, incidentId, 'outreach', values, true)
    const incident = await openIncident(session, incidentId)
    expect(incident.completed).toEqual(['outreach'])
    expect(incident.steps.outreach).toEqual(stored(values))
  })

  it('completes outreach through an agreed channel without a reason', async () => {
    const { session, incidentId } = await withIncident()
    const values = { attempts: [attempt({ channel: 'phone-call', nextDue: '2030-01-02' })] }
    await saveStep(session, incidentId, 'outreach', values, true)
    expect((await openIncident(session, incidentId)).completed).toEqual(['outreach'])
    expect(session.index.entry('incidents', incidentId)?.s?.nextDue).toBe('2030-01-02')
  })

  it('refuses to complete outreach with no attempt logged', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    const error = await rejection(saveStep(session, incidentId, 'outreach', { attempts: [] }, true))
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('Log at least one attempt to reach the client.')
    expect(await snapshot(incidentId)).toEqual(before)
  })

  it('refuses an unknown incident', async () => {
    const session = await freshSession()
    const error = await rejection(saveStep(session, crypto.randomUUID(), 'safety', safety(), false))
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('This incident no longer exists.')
    expect(await t.db.audit.count()).toBe(1)
  })
})

describe('changeStatus', () => {
  it('moves open -> in follow-up -> resolved, each with an audit entry', async () => {
    const { session, incidentId } = await withIncident()
    expect((await changeStatus(session, incidentId, 'in-follow-up')).status).toBe('in-follow-up')
    expect(session.index.entry('incidents', incidentId)?.s?.status).toBe('in-follow-up')
    expect((await changeStatus(session, incidentId, 'resolved')).status).toBe('resolved')
    expect((await openIncident(session, incidentId)).status).toBe('resolved')
    expect(session.index.entry('incidents', incidentId)?.s?.status).toBe('resolved')
    const details = (await readAudit(session))
      .slice(-2)
      .map((e) => (e.opened.ok ? [e.opened.value.action, e.opened.value.detail] : null))
    expect(details).toEqual([
      ['status', 'In follow-up'],
      ['status', 'Resolved'],
    ])
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 5 })
  })

  it('refuses to skip open -> resolved, in words, and writes nothing', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    const error = await rejection(changeStatus(session, incidentId, 'resolved'))
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('An incident that is open cannot move to resolved.')
    expect(await snapshot(incidentId)).toEqual(before)
    expect((await openIncident(session, incidentId)).status).toBe('open')
  })

  it('refuses to move backwards', async () => {
    const { session, incidentId } = await withIncident()
    await changeStatus(session, incidentId, 'in-follow-up')
    const before = await snapshot(incidentId)
    await expect(changeStatus(session, incidentId, 'open')).rejects.toBeInstanceOf(RuleError)
    expect(await snapshot(incidentId)).toEqual(before)
  })
})

describe('signing and addenda', () => {
  it('a signed incident refuses edits and stays byte-for-byte the same', async () => {
    const { session, incidentId } = await withIncident()
    await saveStep(
      session,
      incidentId,
      'safety',
      safety({ riskLevel: 'low', rationale: 'Has supports.' }),
      true,
    )
    const signed = await signIncident(session, incidentId, SIGN_EARLY)
    expect(signed.signature).not.toBeNull()
    expect(session.index.entry('incidents', incidentId)?.s?.signedAt).toEqual(
      signed.signature?.signedAt,
    )
    const last = (await readAudit(session)).at(-1)?.opened
    expect(last).toMatchObject({ ok: true, value: { action: 'sign', targetId: incidentId } })

    const before = await snapshot(incidentId)
    const attempts = [
      saveStep(session, incidentId, 'safety', safety({ rationale: 'Rewritten' }), false),
      saveStep(session, incidentId, 'reflect', emptyStep('reflect', stamp()), false),
      signIncident(session, incidentId, SIGN_EARLY),
    ]
    for (const attempted of attempts) {
      const error = await rejection(attempted)
      expect(error).toBeInstanceOf(RuleError)
      expect((error as RuleError).message).toBe(SIGNED_MESSAGE)
      expect((error as RuleError).message).toMatch(/^This incident is signed/)
    }
    expect(await snapshot(incidentId)).toEqual(before)
    expect(await openIncident(session, incidentId)).toEqual(stored(signed))
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 5 })

    // Status is workflow: it still moves forward, audited, and the signed content stays as it was.
    const moved = await changeStatus(session, incidentId, 'in-follow-up')
    expect(moved.status).toBe('in-follow-up')
    expect({ ...(await openIncident(session, incidentId)), status: 'open' }).toEqual(stored(signed))
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 6 })
  })

  it('addenda are added to a signed incident as separate rows that open in order', async () => {
    const { session, incidentId } = await withIncident()
    await signIncident(session, incidentId, SIGN_EARLY)
    const incidentRow = await t.db.incidents.get(incidentId)
    const texts = ['First correction.', 'Second correction.', 'Third correction.']
    const ids: string[] = []
    for (const text of texts) {
      ids.push(await addAddendum(session, incidentId, text))
      // Distinct creation times, so the order does not hang on one millisecond.
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(await t.db.incidents.get(incidentId)).toEqual(incidentRow)

    const listed = [...session.index.all('addenda')]
      .filter(([, entry]) => entry.s?.incidentId === incidentId)
      .map(([id]) => id)
    expect(listed.sort()).toEqual([...ids].sort())
    const rows = (await t.db.addenda.bulkGet(listed)).filter((row) => row !== undefined)
    const opened = await Promise.all(rows.map((row) => session.addenda.open(session.dataKey, row)))
    const values = opened.map((o) => {
      if (!o.ok) throw o.error
      return { id: o.id, ...o.value }
    })
    expect(orderAddenda(values).map((a) => [a.id, a.text, a.incidentId])).toEqual(
      texts.map((text, i) => [ids[i], text, incidentId]),
    )
    const actions = (await readAudit(session))
      .slice(-3)
      .map((e) => (e.opened.ok ? [e.opened.value.action, e.opened.value.targetId] : null))
    expect(actions).toEqual(texts.map(() => ['addendum', incidentId]))
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 7 })
  })

  it('refuses an addendum to an unknown incident, or an empty one', async () => {
    const { session, incidentId } = await withIncident()
    const error = await rejection(addAddendum(session, crypto.randomUUID(), 'Text'))
    expect(error).toBeInstanceOf(RuleError)
    expect((error as RuleError).message).toBe('This incident no longer exists.')
    await expect(addAddendum(session, incidentId, '   ')).rejects.toThrow(/Write the addendum/)
    expect(await t.db.addenda.count()).toBe(0)
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 3 })
  })
})

describe('audit tamper detection on real IndexedDB', () => {
  /** A vault whose log has entries 1..5. */
  async function fiveEntries() {
    const { session, incidentId } = await withIncident()
    await changeStatus(session, incidentId, 'in-follow-up')
    await addAddendum(session, incidentId, 'Note.')
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 5 })
    return session
  }

  async function auditRow(seq: number) {
    const row = await t.db.audit.where('seq').equals(seq).first()
    if (!row) throw new Error(`no audit row ${seq}`)
    return row
  }

  it('a flipped byte in one entry: unreadable at that entry', async () => {
    const session = await fiveEntries()
    const row = await auditRow(3)
    row.enc.ct[4] = (row.enc.ct[4] ?? 0) ^ 0x01
    await t.db.audit.put(row)
    expect(await verifyAudit(session)).toMatchObject({
      intact: false,
      seq: 3,
      reason: 'unreadable',
    })
  })

  it('a middle entry deleted: missing at its number', async () => {
    const session = await fiveEntries()
    await t.db.audit.delete((await auditRow(3)).id)
    expect(await verifyAudit(session)).toMatchObject({ intact: false, seq: 3, reason: 'missing' })
  })

  it('the last entry deleted: truncated', async () => {
    const session = await fiveEntries()
    await t.db.audit.delete((await auditRow(5)).id)
    expect(await verifyAudit(session)).toMatchObject({ intact: false, seq: 5, reason: 'truncated' })
  })

  it('an entry sealed under another entry’s row: unreadable', async () => {
    const session = await fiveEntries()
    const two = await auditRow(2)
    const three = await auditRow(3)
    await t.db.audit.put({ ...three, enc: two.enc })
    expect(await verifyAudit(session)).toMatchObject({
      intact: false,
      seq: 3,
      reason: 'unreadable',
    })
  })

  it('two entries’ numbers swapped in clear: the first no longer opens (its number is checked)', async () => {
    const session = await fiveEntries()
    const two = await auditRow(2)
    const three = await auditRow(3)
    await t.db.transaction('rw', t.db.audit, async () => {
      await t.db.audit.update(two.id, { seq: 99 })
      await t.db.audit.update(three.id, { seq: 2 })
      await t.db.audit.update(two.id, { seq: 3 })
    })
    expect(await verifyAudit(session)).toMatchObject({
      intact: false,
      seq: 2,
      reason: 'unreadable',
    })
  })

  it('every entry and the head removed: broken at entry 1 (the log is never empty)', async () => {
    const session = await fiveEntries()
    await t.db.audit.clear()
    await t.db.sealed.delete('audit-head')
    expect(await verifyAudit(session)).toMatchObject({ intact: false, seq: 1, reason: 'missing' })
  })

  it('the head marker removed: altered', async () => {
    const session = await fiveEntries()
    await t.db.sealed.delete('audit-head')
    expect(await verifyAudit(session)).toMatchObject({ intact: false, reason: 'altered' })
  })

  it('the head marker damaged: altered, and further writes are refused', async () => {
    const session = await fiveEntries()
    const head = (await t.db.sealed.get('audit-head'))!
    head.enc.ct[0] = (head.enc.ct[0] ?? 0) ^ 0x01
    await t.db.sealed.put(head)
    expect(await verifyAudit(session)).toMatchObject({ intact: false, reason: 'altered' })
    await expect(createClient(session, aClient())).rejects.toBeInstanceOf(VaultError)
    expect(await t.db.clients.count()).toBe(1)
  })
})

describe('atomicity and conflicts', () => {
  it('if the audit write fails inside the transaction, the client is not written either', async () => {
    const session = await freshSession()
    const head = await t.db.sealed.get('audit-head')
    t.db.audit.hook('creating', () => {
      throw new Error('disk')
    })
    await expect(createClient(session, aClient())).rejects.toThrow('disk')
    expect(await t.db.clients.count()).toBe(0)
    expect(await t.db.audit.count()).toBe(1)
    expect(await t.db.sealed.get('audit-head')).toEqual(head)
  })

  it('if the audit write fails, an incident edit is not written either', async () => {
    const { session, incidentId } = await withIncident()
    const before = await snapshot(incidentId)
    t.db.audit.hook('creating', () => {
      throw new Error('disk')
    })
    await expect(
      saveStep(session, incidentId, 'safety', safety({ rationale: 'Lost?' }), false),
    ).rejects.toThrow('disk')
    expect(await snapshot(incidentId)).toEqual(before)
  })

  it('a stale precondition is a ConflictError and writes nothing', async () => {
    const session = await freshSession()
    const id = await createClient(session, aClient())
    const stale = await t.db.clients.get(id)
    await updateClient(session, id, aClient({ displayName: 'Newer' }))
    const before = { row: await t.db.clients.get(id), audit: await t.db.audit.count() }
    const error = await rejection(
      session.commit({
        changes: [put(session.clients, id, aClient({ displayName: 'Older' }))],
        audit: { action: 'edit', target: 'client', targetId: id, detail: '' },
        preconditions: [unchanged(session.clients, id, stale)],
      }),
    )
    expect(error).toBeInstanceOf(ConflictError)
    expect({ row: await t.db.clients.get(id), audit: await t.db.audit.count() }).toEqual(before)
    expect((await openClient(session, id)).displayName).toBe('Newer')
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 3 })
  })

  it('withRetry retries only conflicts, and gives up after its attempts', async () => {
    let calls = 0
    await expect(
      withRetry(async () => {
        calls += 1
        throw new ConflictError()
      }),
    ).rejects.toBeInstanceOf(ConflictError)
    expect(calls).toBe(5)
    calls = 0
    await expect(
      withRetry(async () => {
        calls += 1
        throw new RuleError('no')
      }),
    ).rejects.toBeInstanceOf(RuleError)
    expect(calls).toBe(1)
  })

  it('two concurrent saveStep calls on one incident: both land via retry or one fails cleanly', async () => {
    const { session, incidentId } = await withIncident()
    const results = await Promise.allSettled([
      saveStep(session, incidentId, 'safety', safety({ rationale: 'From window one.' }), false),
      saveStep(
        session,
        incidentId,
        'wait',
        { waitedMinutes: 10, outcome: 'returned', notes: '' },
        true,
      ),
    ])
    const landed = results.filter((r) => r.status === 'fulfilled').length
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError)
    expect(landed).toBeGreaterThanOrEqual(1)
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 3 + landed })
    const incident = await openIncident(session, incidentId)
    if (results[0].status === 'fulfilled')
      expect(incident.steps.safety?.rationale).toBe('From window one.')
    if (results[1].status === 'fulfilled') {
      expect(incident.steps.wait?.outcome).toBe('returned')
      expect(incident.completed).toContain('wait')
    }
  })

  it('many concurrent writes: the chain stays whole and every failure is a clean conflict', async () => {
    const { session, incidentId, clientId } = await withIncident()
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) =>
        saveStep(session, incidentId, 'safety', safety({ rationale: `Writer ${i}` }), false),
      ),
      createClient(session, aClient({ displayName: 'Another' })),
      updateClient(session, clientId, aClient({ notes: 'updated' })),
      addAddendum(session, incidentId, 'Concurrent addendum.'),
    ])
    const landed = results.filter((r) => r.status === 'fulfilled').length
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError)
    expect(await verifyAudit(session)).toEqual({ intact: true, count: 3 + landed })
    await openIncident(session, incidentId)
  })
})

describe('nothing identifying in clear', () => {
  it('no marker appears in any row of any table, nor in any ciphertext read as text', async () => {
    const markers = {
      name: 'Qzname7731',
      channel: 'Qzchan7732',
      contact: 'Qzcont7733',
      narrative: 'Qznarr7734',
      reflection: 'Qzrefl7735',
      addendum: 'Qzaddm7736',
      notes: 'Qznote7737',
    }
    const session = await freshSession()
    const client = aClient({
      displayName: `Robin ${markers.name}`,
      notes: markers.notes,
      channels: [
        {
          id: crypto.randomUUID(),
          kind: 'email',
          detail: `${markers.channel}@example.org`,
          consentDate: '2025-02-01',
          conditions: [],
          notes: '',
        },
      ],
      emergencyContacts: [
        { id: crypto.randomUUID(), name: markers.contact, relation: 'partner', phone: '555 0100' },
      ],
    })
    const clientId = await createClient(session, client)
    await updateClient(session, clientId, client)
    const incidentId = await createIncident(session, clientId)
    await saveStep(
      session,
      incidentId,
      'safety',
      safety({ beforeNarrative: `Before leaving: ${markers.narrative}` }),
      false,
    )
    await saveStep(
      session,
      incidentId,
      'reflect',
      { ...emptyStep('reflect', stamp()), myContribution: markers.reflection },
      false,
    )
    await addAddendum(session, incidentId, markers.addendum)
    // The markers really are stored (sealed): they open back.
    expect((await openClient(session, clientId)).displayName).toContain(markers.name)
    expect((await openIncident(session, incidentId)).steps.reflect?.myContribution).toBe(
      markers.reflection,
    )

    let everything = ''
    let rows = 0
    for (const table of t.db.tables) {
      for (const row of (await table.toArray()) as unknown[]) {
        rows += 1
        everything += JSON.stringify(row) + '\n'
        const enc = (row as { enc?: { ct?: unknown } }).enc
        if (enc?.ct instanceof Uint8Array) everything += new TextDecoder().decode(enc.ct) + '\n'
      }
    }
    expect(rows).toBeGreaterThan(10)
    for (const marker of Object.values(markers)) expect(everything).not.toContain(marker)
  })
})

describe('nothing identifying in clear', () => {
  it('record rows hold only their id, schema version and sealed bytes; lists come from sealed segments', async () => {
    const { session, incidentId } = await withIncident()
    await saveStep(
      session,
      incidentId,
      'discuss',
      { ...emptyStep('discuss', stamp()), nextSessionDate: '2031-07-19' },
      false,
    )
    await addAddendum(session, incidentId, 'Noted.')
    for (const table of [t.db.clients, t.db.incidents, t.db.addenda, t.db.segments]) {
      for (const row of await table.toArray()) {
        expect(Object.keys(row).sort(), `${table.name} row`).toEqual(['enc', 'id', 'sv'])
      }
    }
    // The due date is in the index (sealed), not in any row in clear.
    expect(session.index.entry('incidents', incidentId)?.s?.nextDue).toBe('2031-07-19')
    const everything = JSON.stringify(
      await Promise.all(t.db.tables.map((table) => table.toArray())),
    )
    expect(everything).not.toContain('2031-07-19')
  })
})
