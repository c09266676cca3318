import { sameOptionalBytes } from '../crypto/bytes'
import { sealedHasher } from '../crypto/hash'
import { nextEntry, type BoundRow } from '../domain/audit'
import { stamp } from '../domain/time'
import { practiceSettingsCodec, vaultSettingsCodec } from './codecs'
import type { MendDatabase, SealedRow } from './db'
import { repairIndex } from './index-build'
import { META, SEALED, type MetaId } from './keys'
import { pagesOf } from './pages'
import type { RecordCodec } from './records'
import { ConflictError, sealAuditEntry, type VaultSession } from './session'
import { VaultIndex } from './vault-index'

/**
 * Storage layouts. 2: records kept clear index columns (client id, status, dates). 3: nothing
 * identifying in clear; the lists read sealed index segments; every row is bound into the audit
 * trail.
 */
export const CURRENT_LAYOUT = 3

export async function layoutOf(db: MendDatabase): Promise<number> {
  const value = (await db.meta.get(META.layout))?.value
  return typeof value === 'number' ? value : 2
}

const RECORD_TABLES = ['clients', 'incidents', 'addenda', 'drafts'] as const

/** Settings kept in clear by the previous version that today's checks refuse: left as they were. */
export const LEGACY_SETTINGS_KEPT_NOTICE = {
  practice:
    'Your practice settings from the previous version (emergency resources, profile) did not pass today’s checks, so they were not moved to the encrypted layout and Mend is using its defaults. Open Settings → Practice and enter them again.',
  settings:
    'Your automatic-lock setting from the previous version did not pass today’s checks, so the default (5 minutes) applies. Set it again in Settings.',
} as const

export const LAYOUT_UPGRADED_NOTICE =
  'Mend has moved your records to its new storage layout: the dates and statuses that lists need are now encrypted too. Nothing was lost.'

/**
 * Brings a vault written by an older version to the current layout, at its first unlock:
 *
 * 1. builds the sealed index from the records themselves and writes it (harmless on its own);
 * 2. re-opens what was written and checks it covers every record;
 * 3. in one transaction: removes the clear columns from every row (the sealed bytes are kept as
 *    they are), seals the settings that were kept in clear, records the upgrade in the audit
 *    trail binding every row as it now is, and sets the layout marker.
 *
 * Interrupted anywhere, the next unlock starts again from where the marker says; nothing is
 * lost, because the clear columns go only in the last step.
 */
export async function upgradeLayout(session: VaultSession): Promise<string[]> {
  const { db } = session
  const key = session.dataKey
  // 1 and 2: the index, from the records.
  await session.index.load(key)
  await repairIndex(session)
  const check = new VaultIndex(db, session.segments)
  await check.load(key)
  for (const table of ['clients', 'incidents', 'addenda'] as const) {
    const ids = await db.table(table).toCollection().primaryKeys()
    if (ids.some((id) => !check.entry(table, String(id)))) throw new ConflictError()
  }
  check.close()

  // 3: strip, seal, bind, mark.
  const hash = await sealedHasher()
  const stripped: { table: string; rows: SealedRow[] }[] = []
  const bound: BoundRow[] = []
  for (const table of RECORD_TABLES) {
    const rows: SealedRow[] = []
    for await (const page of pagesOf(db.table<SealedRow, string>(table))) {
      for (const row of page) {
        rows.push({ id: row.id, sv: row.sv, enc: row.enc })
        if (table !== 'drafts') bound.push({ t: table, id: row.id, h: hash(row.enc) })
      }
    }
    stripped.push({ table, rows })
  }
  // The clear settings were version 1 of each sealed codec: every later migration applies.
  const rawPractice = (await db.meta.get(META.practice))?.value
  const rawLock = (await db.meta.get(META.settings))?.value
  const legacySettings = legacyValue(practiceSettingsCodec, rawPractice)
  const legacyLock = legacyValue(vaultSettingsCodec, rawLock)
  const sealedSettings: SealedRow[] = []
  if (legacySettings.success && !(await db.sealed.get(SEALED.practice)))
    sealedSettings.push(
      await session.practiceSettings.seal(key, SEALED.practice, legacySettings.data),
    )
  if (legacyLock.success && !(await db.sealed.get(SEALED.vaultSettings)))
    sealedSettings.push(
      await session.vaultSettings.seal(key, SEALED.vaultSettings, legacyLock.data),
    )
  for (const row of sealedSettings) bound.push({ t: 'sealed', id: row.id, h: hash(row.enc) })
  // A clear setting goes only once it is sealed (or a sealed one exists): one that today's
  // checks refuse is left where it was, and the therapist is told (never silently dropped).
  const notices: string[] = []
  const clearKeys: MetaId[] = []
  for (const [meta, sealedId, raw, legacy, kept] of [
    [META.practice, SEALED.practice, rawPractice, legacySettings, 'practice'],
    [META.settings, SEALED.vaultSettings, rawLock, legacyLock, 'settings'],
  ] as const) {
    if (raw === undefined) continue
    if (legacy.success || (await db.sealed.get(sealedId))) clearKeys.push(meta)
    else notices.push(LEGACY_SETTINGS_KEPT_NOTICE[kept])
  }
  for (const id of [SEALED.practice, SEALED.vaultSettings]) {
    const row = await db.sealed.get(id)
    if (row && !sealedSettings.some((s) => s.id === id))
      bound.push({ t: 'sealed', id, h: hash(row.enc) })
  }

  const { head, iv: headIv } = await session.readHead()
  const entry = await nextEntry(
    head,
    {
      action: 'upgrade',
      target: 'vault',
      targetId: session.vaultId,
      detail: `Storage layout ${CURRENT_LAYOUT}`,
    },
    stamp(),
    bound,
  )
  const entryRow = await sealAuditEntry(session, entry)
  const headRow = await session.sealed.seal(key, SEALED.auditHead, {
    seq: entry.seq,
    hash: entry.hash,
  })
  await db.transaction(
    'rw',
    [db.meta, db.sealed, db.audit, db.clients, db.incidents, db.addenda, db.drafts],
    async () => {
      if ((await layoutOf(db)) >= CURRENT_LAYOUT) return
      const storedHead = await db.sealed.get(SEALED.auditHead)
      if (!sameOptionalBytes(storedHead?.enc.iv, headIv)) throw new ConflictError()
      for (const { table, rows } of stripped) {
        const current = await db.table<SealedRow, string>(table).bulkGet(rows.map((r) => r.id))
        if (current.some((row, i) => !sameOptionalBytes(row?.enc.iv, rows[i]!.enc.iv)))
          throw new ConflictError()
        await db.table(table).bulkPut(rows)
      }
      if (sealedSettings.length > 0) await db.sealed.bulkPut(sealedSettings)
      await db.meta.bulkDelete(clearKeys)
      await db.audit.add(entryRow)
      await db.sealed.put(headRow)
      await db.meta.put({ id: META.layout, value: CURRENT_LAYOUT })
    },
  )
  await session.mirror
    .write(session.vaultId, { seq: entry.seq, hash: entry.hash }, { after: head })
    .catch(() => {})
  return notices
}

/** A value kept in clear by the previous version, as version 1 of `codec`, migrated and checked. */
function legacyValue<T>(codec: RecordCodec<T>, raw: unknown) {
  try {
    return codec.schema.safeParse(codec.migrate(1, raw))
  } catch {
    return { success: false as const }
  }
}

/**
 * A setting the upgrade left in clear (today's checks refused it) goes once the therapist has
 * saved it again: its sealed row exists now. Runs at every unlock of an upgraded vault (two
 * reads when there is nothing to do).
 */
export async function dropResavedLegacySettings(db: MendDatabase): Promise<void> {
  for (const [meta, sealedId] of [
    [META.practice, SEALED.practice],
    [META.settings, SEALED.vaultSettings],
  ] as const) {
    if ((await db.meta.get(meta)) === undefined) continue
    await db.transaction('rw', db.meta, db.sealed, async () => {
      if (await db.sealed.get(sealedId)) await db.meta.delete(meta)
    })
  }
}
