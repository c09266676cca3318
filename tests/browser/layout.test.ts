import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import legacy from '../fixtures/legacy/vault-layout2.json'
import { checkIntegrity, readAudit } from '../../src/renderer/src/store/integrity'
import {
  LAYOUT_UPGRADED_NOTICE,
  LEGACY_SETTINGS_KEPT_NOTICE,
} from '../../src/renderer/src/store/layout'
import { MendDatabase } from '../../src/renderer/src/store/db'
import {
  readPracticeSettings,
  readVaultSettings,
  savePracticeSettings,
} from '../../src/renderer/src/store/settings'
import { unlockVault } from '../../src/renderer/src/store/vault'
import { TEST_HOST } from './fixtures'

/**
 * A vault written by Mend 0.1.0 (commit 0e0d270: Dexie schema 2, clear index columns, settings in
 * clear, audit entries without bound rows, header version 1), dumped by that version itself
 * (tests/fixtures/legacy/make-vault-layout2.test.ts.txt), opened by today's code.
 */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value && typeof value === 'object') {
    const bytes = (value as { $bytes?: string }).$bytes
    if (typeof bytes === 'string') return Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
  }
  return value
}

/** The old version's database, exactly as it declared it. */
async function writeLegacyVault(
  name: string,
  edit?: (old: Dexie) => Promise<unknown>,
): Promise<void> {
  const old = new Dexie(name)
  old.version(1).stores({ meta: 'id', clients: 'id, status, updatedAt', drafts: 'id, updatedAt' })
  old.version(2).stores({
    incidents: 'id, clientId, status, nextDue, occurredAt, updatedAt',
    addenda: 'id, incidentId',
    audit: 'id, &seq',
    sealed: 'id',
  })
  await old.open()
  for (const [table, rows] of Object.entries(legacy.tables)) {
    await old.table(table).bulkPut(decode(rows) as never[])
  }
  await edit?.(old)
  old.close()
}

const ids = legacy.ids

/** The old version's vault (edited as `edit` says), opened by today’s code for `run`, then deleted. */
async function withLegacyVault(
  run: (db: MendDatabase) => Promise<void>,
  edit?: (old: Dexie) => Promise<unknown>,
): Promise<void> {
  const name = `mend-legacy-${crypto.randomUUID()}`
  await writeLegacyVault(name, edit)
  const db = new MendDatabase(name)
  try {
    await run(db)
  } finally {
    db.close()
    await Dexie.delete(name)
  }
}

describe('a vault written by the previous version', () => {
  it('opens, moves to the sealed layout, keeps every record, and verifies', async () => {
    const name = `mend-legacy-${crypto.randomUUID()}`
    await writeLegacyVault(name)
    const db = new MendDatabase(name)
    try {
      const { session, notices } = await unlockVault(
        db,
        { passphrase: legacy.passphrase },
        TEST_HOST,
      )
      expect(notices).toContain(LAYOUT_UPGRADED_NOTICE)

      // Nothing identifying in clear any more.
      for (const table of [db.clients, db.incidents, db.addenda]) {
        for (const row of await table.toArray())
          expect(Object.keys(row).sort()).toEqual(['enc', 'id', 'sv'])
      }
      expect(await db.meta.get('settings')).toBeUndefined()
      expect(await db.meta.get('practice')).toBeUndefined()

      // Every record opens; the lists know them from the sealed index.
      const incident = await session.incidents.get(session.dataKey, ids.first)
      expect(incident).toMatchObject({
        ok: true,
        value: { steps: { safety: { beforeNarrative: 'Legacy-narrative-marker' } } },
      })
      expect(session.index.entry('clients', ids.robin)?.s?.displayName).toBe('Robin Legacyname')
      expect(session.index.entry('incidents', ids.first)?.s).toMatchObject({
        clientId: ids.robin,
        nextDue: '2026-03-16',
      })
      expect(session.index.entry('incidents', ids.first)?.s?.signedAt).not.toBeNull()
      expect(session.index.entry('incidents', ids.second)?.s?.status).toBe('in-follow-up')
      expect([...session.index.all('addenda').values()][0]?.s?.incidentId).toBe(ids.first)

      // The settings it kept in clear are sealed now, with their values.
      expect((await readVaultSettings(session)).value.autoLockMinutes).toBe(7)
      const practice = (await readPracticeSettings(session)).value
      expect(practice.emergencyResources[0]?.name).toBe('Legacy crisis line')
      // Version 1's shape, migrated: the profile and templates are there, empty.
      expect(practice.profile.practiceName).toBe('')
      expect(practice.letterTemplates.closing).toBeNull()

      // The header binds its KDF settings now.
      expect((await db.meta.get('header'))?.value).toMatchObject({ version: 2 })

      // The old log verifies, the upgrade is in it binding every row, and nothing is flagged.
      const entries = await readAudit(session)
      expect(entries.map((e) => (e.opened.ok ? e.opened.value.action : null))).toContain('upgrade')
      const report = await checkIntegrity(session)
      expect(report.chain).toMatchObject({ intact: true })
      expect(report.findings).toEqual([])

      // And the next unlock has nothing to upgrade.
      session.close()
      const again = await unlockVault(db, { passphrase: legacy.passphrase }, TEST_HOST)
      expect(again.notices).toEqual([])
    } finally {
      db.close()
      await Dexie.delete(name)
    }
  })

  it('settings kept in clear that today’s checks refuse are left where they were, and said', () =>
    withLegacyVault(
      async (db) => {
        const { session, notices } = await unlockVault(
          db,
          { passphrase: legacy.passphrase },
          TEST_HOST,
        )
        expect(notices).toEqual([LAYOUT_UPGRADED_NOTICE, LEGACY_SETTINGS_KEPT_NOTICE.practice])
        // Not dropped: still there as the previous version wrote it; the defaults apply meanwhile.
        expect((await db.meta.get('practice'))?.value).toEqual({
          emergencyResources: 'not a list',
        })
        const resources = (await readPracticeSettings(session)).value.emergencyResources
        expect(resources.map((r) => r.name)).not.toContain('Legacy crisis line')
        // The other setting moved as usual.
        expect(await db.meta.get('settings')).toBeUndefined()
        expect((await readVaultSettings(session)).value.autoLockMinutes).toBe(7)
        expect((await checkIntegrity(session)).findings).toEqual([])
        // Saved again in Settings, then the next unlock: the clear copy goes.
        await savePracticeSettings(session, (await readPracticeSettings(session)).value)
        session.close()
        await unlockVault(db, { passphrase: legacy.passphrase }, TEST_HOST)
        expect(await db.meta.get('practice')).toBeUndefined()
      },
      (old) =>
        old.table('meta').put({ id: 'practice', value: { emergencyResources: 'not a list' } }),
    ))

  it('an upgrade interrupted before its last step leaves the old layout whole; the next unlock finishes it', async () => {
    const name = `mend-legacy-${crypto.randomUUID()}`
    await writeLegacyVault(name)
    const db = new MendDatabase(name)
    try {
      const fail = (key: unknown) => {
        if (key === 'layout') throw new Error('window closed')
      }
      db.meta.hook('creating', fail)
      await expect(unlockVault(db, { passphrase: legacy.passphrase }, TEST_HOST)).rejects.toThrow()
      // The clear columns are still there (nothing was removed before the segments were proven).
      expect(Object.keys((await db.incidents.get(ids.first)) ?? {})).toContain('clientId')
      db.meta.hook('creating').unsubscribe(fail)
      const { session, notices } = await unlockVault(
        db,
        { passphrase: legacy.passphrase },
        TEST_HOST,
      )
      expect(notices).toContain(LAYOUT_UPGRADED_NOTICE)
      expect(Object.keys((await db.incidents.get(ids.first)) ?? {}).sort()).toEqual([
        'enc',
        'id',
        'sv',
      ])
      expect((await checkIntegrity(session)).findings).toEqual([])
    } finally {
      db.close()
      await Dexie.delete(name)
    }
  })
})
