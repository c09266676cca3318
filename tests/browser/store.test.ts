import { describe, expect, it, vi } from 'vitest'
import { FAST, PASS, testDatabase } from './fixtures'
import { saveClient, TEST_HOST } from './fixtures'
import { recordAad, sealBytes } from '../../src/renderer/src/crypto/envelope'
import { VaultError } from '../../src/renderer/src/crypto/errors'
import type { VaultHeader } from '../../src/renderer/src/crypto/header'
import { emptyClient, type Client } from '../../src/renderer/src/domain/client'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { checkIntegrity, readAudit } from '../../src/renderer/src/store/integrity'
import { put, remove } from '../../src/renderer/src/store/session'
import {
  CHANGE_DID_NOT_FINISH_HINT,
  CHANGE_DID_NOT_FINISH_NOTICE,
  changePassphrase,
  createVault,
  HEADER_REPAIRED_NOTICE,
  KDF_RAISED_NOTICE,
  ThrottledError,
  unlockVault,
  unlockWait,
  vaultExists,
} from '../../src/renderer/src/store/vault'

const client = (displayName: string, notes = ''): Client => ({
  ...emptyClient(),
  displayName,
  notes,
})

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => (error instanceof VaultError ? error.code : String(error)),
  )
}

function flipFirst(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes)
  copy[0] = (copy[0] ?? 0) ^ 1
  return copy
}

async function freshVault(withRecoveryKey = false) {
  return createVault(t.db, PASS, { withRecoveryKey, kdf: FAST })
}

const t = testDatabase()
const EDIT = { action: 'edit', target: 'client', targetId: 'c1', detail: '' } as const

describe('encrypted store on real IndexedDB', () => {
  it('writes a client sealed and reads it back after a new unlock', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'c1', client('Marker-Zebra-901', 'private words'))
    session.close()
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(await again.clients.get(again.dataKey, 'c1')).toEqual({
      id: 'c1',
      ok: true,
      value: client('Marker-Zebra-901', 'private words'),
    })
  })

  it('keeps only the id, schema version and ciphertext in clear', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'c1', client('Marker-Zebra-901', 'private words'))
    const raw = await t.db.clients.get('c1')
    expect(Object.keys(raw ?? {}).sort()).toEqual(['enc', 'id', 'sv'])
    const asText = JSON.stringify(raw) + new TextDecoder().decode(raw?.enc.ct)
    expect(asText).not.toContain('Marker-Zebra')
    expect(asText).not.toContain('private')
  })

  it('seals long texts compressed (smaller rows); a row sealed uncompressed before still opens', async () => {
    const { session } = await freshVault()
    const notes = 'We talked about sleep, the week ahead and work. '.repeat(60)
    await saveClient(session, 'c1', client('Marker-Zebra-901', notes))
    const raw = await t.db.clients.get('c1')
    const json = new TextEncoder().encode(JSON.stringify(client('Marker-Zebra-901', notes)))
    expect(raw!.enc.ct.length).toBeLessThan(json.length / 2)
    // As versions before compression sealed it: the UTF-8 JSON as it is.
    const legacy = await sealBytes(session.dataKey, recordAad('clients', 'c2', raw!.sv), json)
    await t.db.clients.put({ id: 'c2', sv: raw!.sv, enc: legacy })
    for (const id of ['c1', 'c2'])
      expect(await session.clients.get(session.dataKey, id)).toEqual({
        id,
        ok: true,
        value: client('Marker-Zebra-901', notes),
      })
  })

  it('wipes the decrypted bytes of a record once it is read (compressed or not)', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'short', client('Marker-Zebra-901', 'private words'))
    await saveClient(session, 'long', client('Marker-Zebra-902', 'Sleep and work. '.repeat(80)))
    const decrypted: ArrayBuffer[] = []
    const decrypt = crypto.subtle.decrypt.bind(crypto.subtle)
    const spy = vi.spyOn(crypto.subtle, 'decrypt').mockImplementation(async (...args) => {
      const plain = await decrypt(...args)
      decrypted.push(plain)
      return plain
    })
    try {
      for (const id of ['short', 'long'])
        expect(await session.clients.get(session.dataKey, id)).toMatchObject({ ok: true })
    } finally {
      spy.mockRestore()
    }
    expect(decrypted).toHaveLength(2)
    for (const plain of decrypted) {
      expect(plain.byteLength).toBeGreaterThan(0)
      expect(new Uint8Array(plain).every((byte) => byte === 0)).toBe(true)
    }
  })

  it('refuses to create a second vault over the first', async () => {
    await freshVault()
    expect(
      await codeOf(
        createVault(t.db, 'other passphrase here', { withRecoveryKey: false, kdf: FAST }),
      ),
    ).toBe('vault-exists')
  })

  it('a closed session can no longer read', async () => {
    const { session } = await freshVault()
    session.close()
    expect(() => session.dataKey).toThrow(VaultError)
  })

  it('reports a tampered record alone, and the other records still open', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'c1', client('One'))
    await saveClient(session, 'c2', client('Two'))
    const row = await t.db.clients.get('c2')
    row!.enc.ct[5] = (row!.enc.ct[5] ?? 0) ^ 0xff
    await t.db.clients.put(row!)
    const rows = await t.db.clients.toArray()
    const listed = await Promise.all(rows.map((row) => session.clients.open(session.dataKey, row)))
    const byId = Object.fromEntries(listed.map((r) => [r.id, r]))
    expect(byId['c1']).toMatchObject({ ok: true, value: { displayName: 'One' } })
    expect(byId['c2']).toMatchObject({ ok: false })
    expect(byId['c2']?.ok === false && byId['c2'].error.message).toMatch(/damaged or was altered/)
  })

  it('refuses a ciphertext copied onto another record', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'c1', client('One'))
    await saveClient(session, 'c2', client('Two'))
    const one = await t.db.clients.get('c1')
    await t.db.clients.update('c2', { enc: one!.enc })
    expect(await session.clients.get(session.dataKey, 'c2')).toMatchObject({ ok: false })
  })

  it('writes several records in one transaction: all or nothing', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'c0', client('Zero'))
    await session.commit({
      changes: [
        put(session.clients, 'c1', client('One')),
        put(session.clients, 'c2', client('Two')),
        remove(session.clients, 'c0'),
      ],
      audit: EDIT,
    })
    expect((await t.db.clients.toArray()).map((r) => r.id).sort()).toEqual(['c1', 'c2'])

    const before = await t.db.clients.toArray()
    // One invalid value: refused before anything is written.
    await expect(
      session.commit({
        changes: [
          put(session.clients, 'c3', client('Three')),
          put(session.clients, 'c4', client('')),
        ],
        audit: EDIT,
      }),
    ).rejects.toThrow()
    expect(await t.db.clients.toArray()).toEqual(before)

    // A failure inside the transaction rolls back the writes that came before it.
    t.db.clients.hook('creating', (primKey) => {
      if (primKey === 'c6') throw new Error('disk trouble')
    })
    await expect(
      session.commit({
        changes: [
          put(session.clients, 'c5', client('Five')),
          put(session.clients, 'c6', client('Six')),
        ],
        audit: EDIT,
      }),
    ).rejects.toThrow()
    expect(await t.db.clients.toArray()).toEqual(before)
  })

  it('a write larger than one sealing step (a restore) lands whole, or not at all', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'c0', client('Zero'))
    // 2,500 rows: sealed in steps inside the transaction, the last step while the first are
    // being written.
    const many = Array.from({ length: 2500 }, (_, i) =>
      put(session.clients, `m${String(i).padStart(4, '0')}`, client(`Many ${i}`)),
    )
    const before = {
      clients: await t.db.clients.toArray(),
      segments: await t.db.segments.toArray(),
      audit: await t.db.audit.count(),
      indexed: session.index.size('clients'),
    }
    // A failure while the last step is written: nothing of the earlier steps remains.
    const failOnLast = (primKey: unknown) => {
      if (primKey === 'm2499') throw new Error('disk trouble')
    }
    t.db.clients.hook('creating', failOnLast)
    await expect(session.commit({ changes: many, audit: EDIT })).rejects.toThrow()
    t.db.clients.hook('creating').unsubscribe(failOnLast)
    expect(await t.db.clients.toArray()).toEqual(before.clients)
    expect(await t.db.segments.toArray()).toEqual(before.segments)
    expect(await t.db.audit.count()).toBe(before.audit)
    expect(session.index.size('clients')).toBe(before.indexed)

    await session.commit({ changes: many, audit: EDIT })
    expect(await t.db.clients.count()).toBe(2501)
    expect(session.index.size('clients')).toBe(2501)
    expect(await session.clients.get(session.dataKey, 'm2499')).toMatchObject({
      ok: true,
      value: { displayName: 'Many 2499' },
    })
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value.rows.length).toBe(2500)
    expect((await checkIntegrity(session)).findings).toEqual([])
  })
})

describe('unlocking', () => {
  it('refuses a wrong passphrase; the data is still there with the right one', async () => {
    const { session } = await freshVault()
    await saveClient(session, 'c1', client('Kept'))
    expect(await codeOf(unlockVault(t.db, { passphrase: 'not the passphrase' }, TEST_HOST))).toBe(
      'wrong-passphrase',
    )
    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(await again.clients.get(again.dataKey, 'c1')).toMatchObject({
      ok: true,
      value: { displayName: 'Kept' },
    })
  })

  it('grows a delay after repeated failures, which survives a reload, and resets on success', async () => {
    await freshVault()
    const t0 = Date.now()
    for (let i = 0; i < 3; i++)
      expect(await codeOf(unlockVault(t.db, { passphrase: 'wrong' }, TEST_HOST, t0))).toBe(
        'wrong-passphrase',
      )
    expect(await unlockWait(t.db, {}, t0)).toBe(0)
    expect(await codeOf(unlockVault(t.db, { passphrase: 'wrong' }, TEST_HOST, t0))).toBe(
      'wrong-passphrase',
    )
    const wait = await unlockWait(t.db)
    expect(wait).toBeGreaterThan(3000)
    // Even the right passphrase waits: the delay is about attempts, not correctness.
    const error = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ThrottledError)
    expect((error as VaultError).message).toMatch(/Too many attempts/)
    // A fresh database object (a reload) sees the same delay.
    const reopened = new MendDatabase(t.db.name)
    expect(await unlockWait(reopened)).toBeGreaterThan(3000)
    reopened.close()
    const later = Date.now() + 60_000
    await unlockVault(t.db, { passphrase: PASS }, TEST_HOST, later)
    expect(await unlockWait(t.db, {}, later)).toBe(0)
  })

  it('unlocks with the recovery key', async () => {
    const { session, recoveryKeyText } = await freshVault(true)
    await saveClient(session, 'c1', client('Kept'))
    const { session: again } = await unlockVault(t.db, { recoveryKey: recoveryKeyText! }, TEST_HOST)
    expect(await again.clients.get(again.dataKey, 'c1')).toMatchObject({ ok: true })
  })

  it('says a vault has no recovery key when it was set up without one', async () => {
    await freshVault(false)
    expect(
      await codeOf(
        unlockVault(
          t.db,
          { recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000-0000' },
          TEST_HOST,
        ),
      ),
    ).toMatch(/no-recovery-key|recovery-key-malformed/)
  })

  it('reports an empty database as having no vault', async () => {
    expect(await vaultExists(t.db)).toBe(false)
    expect(await codeOf(unlockVault(t.db, { passphrase: PASS }, TEST_HOST))).toBe('no-vault')
  })
})

describe('damaged header', () => {
  it.each([
    ['corrupted to garbage', () => 'garbage'],
    ['with its wrapped key missing', (h: VaultHeader) => ({ ...h, passphrase: undefined })],
    [
      'with a flipped byte in the wrapped key',
      (h: VaultHeader) => {
        const wrapped = new Uint8Array(h.passphrase.wrapped)
        wrapped[0] = (wrapped[0] ?? 0) ^ 1
        return { ...h, passphrase: { ...h.passphrase, wrapped } }
      },
    ],
    [
      'with altered KDF parameters',
      (h: VaultHeader) => ({ ...h, kdf: { ...h.kdf, iterations: h.kdf.iterations + 1 } }),
    ],
  ])('primary %s: opens from the copy, says so, and repairs it', async (_name, damage) => {
    const { session } = await freshVault()
    await saveClient(session, 'c1', client('Kept'))
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    await t.db.meta.put({ id: 'header', value: damage(header) })
    const { session: again, notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(notices).toEqual([HEADER_REPAIRED_NOTICE])
    expect(await again.clients.get(again.dataKey, 'c1')).toMatchObject({ ok: true })
    expect((await t.db.meta.get('header'))!.value).toEqual(header)
    const third = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(third.notices).toEqual([])
  })

  it.each([
    [
      'recovery IV',
      (h: VaultHeader) => ({ ...h, recovery: { ...h.recovery!, iv: flipFirst(h.recovery!.iv) } }),
    ],
    [
      'recovery salt',
      (h: VaultHeader) => ({
        ...h,
        recovery: { ...h.recovery!, salt: flipFirst(h.recovery!.salt) },
      }),
    ],
    [
      'recovery wrapped key',
      (h: VaultHeader) => ({
        ...h,
        recovery: { ...h.recovery!, wrapped: flipFirst(h.recovery!.wrapped) },
      }),
    ],
  ])(
    'one byte of the primary’s %s flipped: the recovery key still opens from the copy, and the primary is repaired',
    async (_name, damage) => {
      const { recoveryKeyText } = await freshVault(true)
      const header = (await t.db.meta.get('header'))!.value as VaultHeader
      await t.db.meta.put({ id: 'header', value: damage(header) })
      const { notices } = await unlockVault(t.db, { recoveryKey: recoveryKeyText! }, TEST_HOST)
      expect(notices).toContain(HEADER_REPAIRED_NOTICE)
      expect((await t.db.meta.get('header'))!.value).toEqual(header)
    },
  )

  it('the primary’s passphrase slot damaged: the recovery key cannot judge that slot and leaves it; the passphrase repairs it', async () => {
    const { recoveryKeyText } = await freshVault(true)
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    const damaged = {
      ...header,
      passphrase: { ...header.passphrase, iv: flipFirst(header.passphrase.iv) },
    }
    await t.db.meta.put({ id: 'header', value: damaged })
    expect((await unlockVault(t.db, { recoveryKey: recoveryKeyText! }, TEST_HOST)).notices).toEqual(
      [],
    )
    expect((await t.db.meta.get('header-copy'))!.value).toEqual(header)
    expect((await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)).notices).toEqual([
      HEADER_REPAIRED_NOTICE,
    ])
    expect((await t.db.meta.get('header'))!.value).toEqual(header)
  })

  it('a passphrase change while the copies differ in the recovery slot keeps each copy’s own recovery slot', async () => {
    const { recoveryKeyText } = await freshVault(true)
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    const damaged = {
      ...header,
      recovery: { ...header.recovery!, iv: flipFirst(header.recovery!.iv) },
    }
    await t.db.meta.put({ id: 'header', value: damaged })
    await changePassphrase(t.db, { passphrase: PASS }, 'brand new passphrase', FAST, TEST_HOST)
    // The good recovery slot survived in the copy: the recovery key still opens, and repairs.
    const { notices } = await unlockVault(t.db, { recoveryKey: recoveryKeyText! }, TEST_HOST)
    expect(notices).toEqual([HEADER_REPAIRED_NOTICE])
    expect(
      (await unlockVault(t.db, { passphrase: 'brand new passphrase' }, TEST_HOST)).notices,
    ).toEqual([])
  })

  it('the copy damaged instead: repaired from the primary', async () => {
    await freshVault()
    await t.db.meta.put({ id: 'header-copy', value: { broken: true } })
    expect((await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)).notices).toEqual([
      HEADER_REPAIRED_NOTICE,
    ])
    expect((await t.db.meta.get('header-copy'))!.value).toEqual(
      (await t.db.meta.get('header'))!.value,
    )
  })

  it('both damaged: a clear message, and nothing else is touched', async () => {
    await freshVault()
    await t.db.meta.put({ id: 'header', value: 'x' })
    await t.db.meta.put({ id: 'header-copy', value: 'y' })
    const error = (await unlockVault(t.db, { passphrase: PASS }, TEST_HOST).catch(
      (e: unknown) => e,
    )) as VaultError
    expect(error).toBeInstanceOf(VaultError)
    expect(error.code).toBe('header-damaged')
    expect(error.message).toMatch(/restore from a backup/)
    expect((await t.db.meta.get('header'))!.value).toBe('x')
  })

  it('KDF parameters pushed outside safe limits in both copies: refused as tampering', async () => {
    await freshVault()
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    const tampered = { ...header, kdf: { ...header.kdf, memoryKiB: 1024 } }
    await t.db.meta.bulkPut([
      { id: 'header', value: tampered },
      { id: 'header-copy', value: tampered },
    ])
    expect(await codeOf(unlockVault(t.db, { passphrase: PASS }, TEST_HOST))).toBe(
      'kdf-params-unsafe',
    )
  })
})

describe('changing the passphrase', () => {
  it('needs the current passphrase, rewraps the key, and keeps every record readable', async () => {
    const { session } = await freshVault(true)
    await session.commit({
      changes: Array.from({ length: 30 }, (_, i) =>
        put(session.clients, `c${i}`, client(`Client ${i}`)),
      ),
      audit: EDIT,
    })
    const before = await t.db.clients.toArray()
    expect(
      await codeOf(
        changePassphrase(t.db, { passphrase: 'wrong' }, 'brand new passphrase', FAST, TEST_HOST),
      ),
    ).toBe('wrong-passphrase')
    await changePassphrase(t.db, { passphrase: PASS }, 'brand new passphrase', FAST, TEST_HOST)
    expect(await t.db.clients.toArray()).toEqual(before)
    expect(await codeOf(unlockVault(t.db, { passphrase: PASS }, TEST_HOST))).toBe(
      'wrong-passphrase',
    )
    const { session: again } = await unlockVault(
      t.db,
      { passphrase: 'brand new passphrase' },
      TEST_HOST,
    )
    const rows = await t.db.clients.toArray()
    const opened = await Promise.all(rows.map((row) => again.clients.open(again.dataKey, row)))
    expect(opened.every((r) => r.ok)).toBe(true)
  })

  it('an interrupted change (the write fails between header and copy) leaves the old passphrase working, and says so', async () => {
    await freshVault()
    t.db.meta.hook('updating', (_changes, primKey) => {
      if (primKey === 'header-copy') throw new Error('window closed')
    })
    await expect(
      changePassphrase(t.db, { passphrase: PASS }, 'brand new passphrase', FAST, TEST_HOST),
    ).rejects.toThrow()
    // Trying the new one: refused, with words saying the change did not finish.
    const refused = (await unlockVault(
      t.db,
      { passphrase: 'brand new passphrase' },
      TEST_HOST,
    ).catch((e: unknown) => e)) as VaultError
    expect(refused.code).toBe('wrong-passphrase')
    expect(refused.message).toContain(CHANGE_DID_NOT_FINISH_HINT)
    const { notices } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(notices).toEqual([CHANGE_DID_NOT_FINISH_NOTICE])
    // Said once.
    expect((await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)).notices).toEqual([])
  })

  it('a completed change leaves no "did not finish" notice', async () => {
    await freshVault()
    await changePassphrase(t.db, { passphrase: PASS }, 'brand new passphrase', FAST, TEST_HOST)
    expect(
      (await unlockVault(t.db, { passphrase: 'brand new passphrase' }, TEST_HOST)).notices,
    ).toEqual([])
    const refused = (await unlockVault(t.db, { passphrase: PASS }, TEST_HOST).catch(
      (e: unknown) => e,
    )) as VaultError
    expect(refused.message).not.toContain(CHANGE_DID_NOT_FINISH_HINT)
  })

  it('a forgotten passphrase is replaced with the recovery key', async () => {
    const { recoveryKeyText } = await freshVault(true)
    await changePassphrase(
      t.db,
      { recoveryKey: recoveryKeyText! },
      'remembered this time',
      FAST,
      TEST_HOST,
    )
    expect(
      (await unlockVault(t.db, { passphrase: 'remembered this time' }, TEST_HOST)).session.isOpen,
    ).toBe(true)
  })
})

describe('KDF settings cannot be weakened', () => {
  const STRONGER = { memoryKiB: 24 * 1024, iterations: 2, parallelism: 1 }

  it('settings weakened in both header copies no longer open the vault (they are bound)', async () => {
    await createVault(t.db, PASS, { withRecoveryKey: false, kdf: STRONGER })
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    const weakened = { ...header, kdf: { ...header.kdf, memoryKiB: 19 * 1024 } }
    await t.db.meta.bulkPut([
      { id: 'header', value: weakened },
      { id: 'header-copy', value: weakened },
    ])
    expect(await codeOf(unlockVault(t.db, { passphrase: PASS }, { kdfFloor: STRONGER }))).toBe(
      'wrong-passphrase',
    )
  })

  it('a recovery-key reset never keeps weakened settings: the new passphrase gets at least the floor', async () => {
    const { recoveryKeyText } = await createVault(t.db, PASS, {
      withRecoveryKey: true,
      kdf: STRONGER,
    })
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    const weakened = { ...header, kdf: { ...header.kdf, memoryKiB: 19 * 1024 } }
    await t.db.meta.bulkPut([
      { id: 'header', value: weakened },
      { id: 'header-copy', value: weakened },
    ])
    await changePassphrase(
      t.db,
      { recoveryKey: recoveryKeyText! },
      'a brand new passphrase here',
      undefined,
      { kdfFloor: STRONGER },
    )
    const reset = (await t.db.meta.get('header'))!.value as VaultHeader
    expect(reset.kdf.memoryKiB).toBe(STRONGER.memoryKiB)
    expect(reset.version).toBe(2)
    await unlockVault(t.db, { passphrase: 'a brand new passphrase here' }, { kdfFloor: STRONGER })
  })

  it('a vault below the floor is raised at the next unlock, and says so', async () => {
    await createVault(t.db, PASS, { withRecoveryKey: false, kdf: FAST })
    const { notices } = await unlockVault(t.db, { passphrase: PASS }, { kdfFloor: STRONGER })
    expect(notices).toContain(KDF_RAISED_NOTICE)
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    expect(header.kdf.memoryKiB).toBe(STRONGER.memoryKiB)
    expect((await t.db.meta.get('header-copy'))!.value).toEqual(header)
    // The next unlock has nothing to raise.
    const again = await unlockVault(t.db, { passphrase: PASS }, { kdfFloor: STRONGER })
    expect(again.notices).not.toContain(KDF_RAISED_NOTICE)
  })

  it('a hostile header asking for more than the cap is refused at once, before any work', async () => {
    await createVault(t.db, PASS, { withRecoveryKey: false, kdf: FAST })
    const header = (await t.db.meta.get('header'))!.value as VaultHeader
    const hostile = { ...header, kdf: { ...header.kdf, memoryKiB: 1024 * 1024, iterations: 12 } }
    await t.db.meta.bulkPut([
      { id: 'header', value: hostile },
      { id: 'header-copy', value: hostile },
    ])
    const started = performance.now()
    expect(await codeOf(unlockVault(t.db, { passphrase: PASS }, TEST_HOST))).toBe(
      'kdf-params-unsafe',
    )
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
