import { describe, expect, it } from 'vitest'
import { freshSession, testDatabase } from './fixtures'
import type { Client } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import { SEALED } from '../../src/renderer/src/store/keys'
import { readAudit, verifyAudit } from '../../src/renderer/src/store/integrity'
import {
  changeStatus,
  createClient,
  createIncident,
  saveStep,
} from '../../src/renderer/src/store/operations'
import { readPrepSheetsPrinted, recordPrint } from '../../src/renderer/src/store/printing'
import { readPracticeSettings, updatePracticeSettings } from '../../src/renderer/src/store/settings'
import type { VaultSession } from '../../src/renderer/src/store/session'

const t = testDatabase('mend-print')

const CLIENT: Client = {
  displayName: 'Robin Example',
  initials: 'RE',
  dateOfBirth: '',
  clientNumber: '',
  pronouns: '',
  isMinor: false,
  channels: [],
  emergencyContacts: [],
  status: 'active',
  notes: '',
}

async function walkout(session: VaultSession): Promise<{ clientId: string; id: string }> {
  const clientId = await createClient(session, CLIENT)
  const id = await createIncident(session, clientId)
  await saveStep(
    session,
    id,
    'safety',
    { ...emptyStep('safety', stamp()), beforeNarrative: 'They went quiet, then left.' },
    false,
  )
  return { clientId, id }
}

describe('recording prints', () => {
  it('a prep sheet: one "print" audit entry with the kind and the record, and the print log, together', async () => {
    const session = await freshSession(t.db)
    const { id } = await walkout(session)
    const before = (await readAudit(session)).length
    expect((await readPrepSheetsPrinted(session)).has(id)).toBe(false)

    await recordPrint(session, {
      document: 'Session-prep sheet',
      output: 'print',
      target: 'incident',
      targetId: id,
      walkouts: [id],
    })

    const entries = await readAudit(session)
    expect(entries).toHaveLength(before + 1)
    const last = entries.at(-1)!.opened
    expect(last.ok && last.value).toMatchObject({
      action: 'print',
      target: 'incident',
      targetId: id,
      detail: 'Session-prep sheet',
    })
    // Kind and record only: nothing of the record's content, nor the client's name.
    const stored = JSON.stringify(last.ok ? last.value : null)
    expect(stored).not.toMatch(/quiet|Robin|RE\b/)
    const printed = await readPrepSheetsPrinted(session)
    const gap =
      Date.parse(printed.get(id)?.utc ?? '') - Date.parse(last.ok ? last.value.at.utc : '')
    expect(Math.abs(gap)).toBeLessThan(1000)
    expect(await verifyAudit(session)).toMatchObject({ intact: true })
  })

  it('the print log lands with its audit entry or not at all', async () => {
    const session = await freshSession(t.db)
    const { id } = await walkout(session)
    // A damaged audit head: no entry can be chained, so the commit fails as a whole.
    const head = (await t.db.sealed.get(SEALED.auditHead))!
    head.enc.ct[0] = (head.enc.ct[0] ?? 0) ^ 0xff
    await t.db.sealed.put(head)
    await expect(
      recordPrint(session, {
        document: 'Session-prep sheet',
        output: 'print',
        target: 'incident',
        targetId: id,
        walkouts: [id],
      }),
    ).rejects.toThrow()
    expect(await t.db.sealed.get(SEALED.printLog)).toBeUndefined()
  })

  it('a PDF says so; a chart copy or a letter leaves the print log alone', async () => {
    const session = await freshSession(t.db)
    const { clientId, id } = await walkout(session)
    await recordPrint(session, {
      document: 'Chart copy',
      output: 'pdf',
      target: 'incident',
      targetId: id,
    })
    await recordPrint(session, {
      document: 'Closing letter',
      output: 'print',
      target: 'client',
      targetId: clientId,
    })
    const details = (await readAudit(session))
      .slice(-2)
      .map(({ opened }) => (opened.ok ? [opened.value.target, opened.value.detail] : null))
    expect(details).toEqual([
      ['incident', 'Chart copy, saved as PDF'],
      ['client', 'Closing letter'],
    ])
    expect(await t.db.sealed.get(SEALED.printLog)).toBeUndefined()
  })

  it('a client sheet marks every walkout it covers; resolved walkouts leave the log', async () => {
    const session = await freshSession(t.db)
    const { clientId, id: first } = await walkout(session)
    const second = await createIncident(session, clientId)
    await recordPrint(session, {
      document: 'Session-prep sheet',
      output: 'pdf',
      target: 'client',
      targetId: clientId,
      walkouts: [first, second],
    })
    expect([...(await readPrepSheetsPrinted(session)).keys()].sort()).toEqual(
      [first, second].sort(),
    )
    await changeStatus(session, first, 'in-follow-up')
    await changeStatus(session, first, 'resolved')
    await recordPrint(session, {
      document: 'Session-prep sheet',
      output: 'print',
      target: 'incident',
      targetId: second,
      walkouts: [second],
    })
    expect([...(await readPrepSheetsPrinted(session)).keys()]).toEqual([second])
  })

  it('the print log is sealed: its row holds no id or time in clear', async () => {
    const session = await freshSession(t.db)
    const { id } = await walkout(session)
    await recordPrint(session, {
      document: 'Session-prep sheet',
      output: 'print',
      target: 'incident',
      targetId: id,
      walkouts: [id],
    })
    const row = await t.db.sealed.get(SEALED.printLog)
    expect(Object.keys(row!).sort()).toEqual(['enc', 'id', 'sv'])
    expect(new TextDecoder().decode(row!.enc.ct)).not.toContain(id)
  })
})

describe('practice settings, in parts', () => {
  it('saving the profile keeps the resources and the printing settings, and the other way round', async () => {
    const session = await freshSession(t.db)
    await updatePracticeSettings(
      session,
      (s) => ({
        ...s,
        paperSize: 'A4',
        emergencyResources: [{ name: 'Line', phone: '1', notes: '' }],
      }),
      'Printing',
    )
    await updatePracticeSettings(
      session,
      (s) => ({ ...s, profile: { ...s.profile, clinicianName: 'Dr. Ana Example' } }),
      'Practice profile',
    )
    const { value, damaged } = await readPracticeSettings(session)
    expect(damaged).toBe(false)
    expect(value.paperSize).toBe('A4')
    expect(value.emergencyResources).toEqual([{ name: 'Line', phone: '1', notes: '' }])
    expect(value.profile.clinicianName).toBe('Dr. Ana Example')
    const details = (await readAudit(session))
      .slice(-2)
      .map(({ opened }) => (opened.ok ? opened.value.detail : ''))
    expect(details).toEqual(['Printing', 'Practice profile'])
  })
})
