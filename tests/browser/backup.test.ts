import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptAgeBytes, newAgeKeyPair, type AgeKeyPair } from '../../src/renderer/src/crypto/age'
import { freshIv, recordAad, sealInto } from '../../src/renderer/src/crypto/envelope'
import { emptyClient } from '../../src/renderer/src/domain/client'
import { clientCodec } from '../../src/renderer/src/store/codecs'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import {
  isVaultPassphrase,
  readBackupState,
  recordBackup,
  writeBackup,
} from '../../src/renderer/src/store/backup'
import { compareWithVault, recordDrill } from '../../src/renderer/src/store/backup-drill'
import { BackupError } from '../../src/renderer/src/store/backup-errors'
import { encryptArchive, openBackup } from '../../src/renderer/src/store/backup-file'
import { applyRestore, planRestore } from '../../src/renderer/src/store/backup-restore'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { checkIntegrity, readAudit } from '../../src/renderer/src/store/integrity'
import {
  addAddendum,
  createClient,
  saveStep,
  signIncident,
  updateClient,
} from '../../src/renderer/src/store/operations'
import { put, type VaultSession } from '../../src/renderer/src/store/session'
import { createVault, unlockVault } from '../../src/renderer/src/store/vault'
import { collect, gzip, sampleArchiveBytes } from '../fixtures/backup/sample'
import {
  contentHashes,
  fillPractice,
  memorySink,
  seeded,
  snapshotDatabase,
  vaultContents,
} from '../fixtures/backup/vault'
import { FAST, PASS, SIGN_EARLY, TEST_HOST } from './fixtures'

/**
 * Backups on real IndexedDB and WebCrypto: export, wipe, restore; every bad file refused in words
 * with the database exactly as it was; merge rules; the restore drill. Fast keys throughout: an
 * X25519 identity, and scrypt at work factor 10 where a passphrase is the point.
 */
const FAST_LOG_N = 10
let pair: AgeKeyPair
const databases: MendDatabase[] = []

beforeAll(async () => {
  pair = await newAgeKeyPair()
})
afterAll(async () => {
  for (const db of databases) {
    db.close()
    await db.delete()
  }
})

async function newVault(): Promise<{ db: MendDatabase; session: VaultSession }> {
  const db = new MendDatabase(`mend-backup-${crypto.randomUUID()}`)
  databases.push(db)
  const { session } = await createVault(db, PASS, { withRecoveryKey: false, kdf: FAST })
  return { db, session }
}

const toKey = () => ({
  kind: 'x25519' as const,
  recipient: pair.recipient,
  identity: pair.identity,
})

async function backupOf(session: VaultSession): Promise<Uint8Array> {
  const sink = memorySink()
  await writeBackup(session, sink, toKey(), { app: 'test' })
  return sink.bytes()
}

const open = (bytes: Uint8Array, keys = { identities: [pair.identity] }) =>
  openBackup(bytes, keys, { keep: 'values' })

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('export, wipe, restore', () => {
  it('a record of today’s version that no longer passes the checks is skipped and counted, and the backup still restores', async () => {
    const { session } = await newVault()
    await fillPractice(session)
    // Sealed as Mend seals, but not valid (a client with no name): written past the checks.
    const sv = clientCodec.schemaVersion
    const enc = await sealInto(session.dataKey, recordAad('clients', 'not-valid', sv), freshIv(), {
      ...emptyClient(),
      displayName: '',
    })
    await session.db.clients.put({ id: 'not-valid', sv, enc })
    const sink = memorySink()
    const written = await writeBackup(session, sink, toKey(), { app: 'test' })
    expect(written.counts.clients).toBe(3)
    expect(written.skipped.clients).toBe(1)
    const archive = await open(sink.bytes())
    expect([...archive.records!.clients.keys()]).not.toContain('not-valid')
  })

  it('every record comes back equal, the index lists them, the trail verifies and binds them', async () => {
    const { session } = await newVault()
    await fillPractice(session)
    const before = await vaultContents(session)
    const sink = memorySink()
    const written = await writeBackup(session, sink, toKey(), { app: 'test' })
    expect(sink.state).toBe('committed')
    expect(written.counts).toEqual({
      clients: 3,
      incidents: 3,
      addenda: 1,
      practiceSettings: 1,
      vaultSettings: 1,
    })
    expect(written.skipped).toEqual({
      clients: 0,
      incidents: 0,
      addenda: 0,
      practiceSettings: 0,
      vaultSettings: 0,
    })
    expect(written.trailIntact).toBe(true)
    await recordBackup(session, written, 'export')
    expect((await readBackupState(session)).lastVerified).toMatchObject({ how: 'export' })
    session.close()

    // Another computer: a new vault, nothing in it.
    const { db, session: fresh } = await newVault()
    const archive = await open(sink.bytes())
    expect(archive.records!.clients.size).toBe(3)
    const plan = await planRestore(fresh, archive, 'replace')
    expect(plan.add).toEqual(written.counts)
    const result = await applyRestore(fresh, archive, 'replace')
    expect(result.written).toEqual(written.counts)

    expect(await vaultContents(fresh)).toEqual(before)
    const report = await checkIntegrity(fresh)
    expect(report.findings).toEqual([])
    expect(report.chain).toMatchObject({ intact: true })
    expect(fresh.index.size('clients')).toBe(3)
    expect(fresh.index.size('incidents')).toBe(3)
    // One restore entry, binding every row it wrote; the backup's own trail is not imported.
    const trail = await readAudit(fresh)
    const last = trail.at(-1)!.opened
    expect(last.ok && last.value.action).toBe('restore')
    expect(last.ok && last.value.rows).toHaveLength(9)
    expect(last.ok && last.value.detail).toMatch(/^Replaced from backup of \d{4}-\d{2}-\d{2}/)
    expect(trail).toHaveLength(2)

    // Locked and unlocked again: the index comes from the segments the restore wrote.
    fresh.close()
    const again = await unlockVault(db, { passphrase: PASS }, TEST_HOST)
    expect(again.notices).toEqual([])
    expect(again.session.index.size('clients')).toBe(3)
    expect((await checkIntegrity(again.session)).findings).toEqual([])
    again.session.close()
  })

  it('a backup exported by hand to the vault passphrase: the passphrase is checked first, then it opens', async () => {
    const { session } = await newVault()
    await fillPractice(session, { clients: 1 })
    expect(await isVaultPassphrase(session, PASS)).toBe(true)
    expect(await isVaultPassphrase(session, `${PASS}.`)).toBe(false)
    const sink = memorySink()
    await writeBackup(
      session,
      sink,
      { kind: 'passphrase', passphrase: PASS, logN: FAST_LOG_N },
      { app: 'test' },
    )
    const archive = await openBackup(sink.bytes(), { passphrase: PASS }, { keep: 'values' })
    expect(archive.records!.clients.size).toBe(1)
    expect(new TextDecoder().decode(sink.bytes().subarray(0, 40))).toMatch(
      /^age-encryption\.org\/v1\n-> scrypt /,
    )
  })

  it('restoring its own backup after changes (replace) brings the old versions back, integrity clean', async () => {
    const { session } = await newVault()
    const ids = await fillPractice(session)
    const bytes = await backupOf(session)
    const before = await contentHashes(session)
    await updateClient(session, ids.clients[1]!, { ...emptyClient(), displayName: 'Changed later' })
    await createClient(session, { ...emptyClient(), displayName: 'Added later' })
    const result = await applyRestore(session, await open(bytes), 'replace')
    expect(result.removed.clients).toBe(1)
    expect(result.written.clients).toBe(1)
    expect(await contentHashes(session)).toEqual(before)
    expect((await checkIntegrity(session)).findings).toEqual([])
  })

  it('a vault changed while the backup is written: that copy is abandoned, the file aborted', async () => {
    const { session } = await newVault()
    await fillPractice(session, { clients: 2 })
    const sink = memorySink()
    const write = sink.write
    let changed = false
    sink.write = async (chunk) => {
      if (!changed) {
        changed = true
        await createClient(session, { ...emptyClient(), displayName: 'Saved meanwhile' })
      }
      return write(chunk)
    }
    const error = await writeBackup(session, sink, toKey(), { app: 'test' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BackupError)
    expect((error as BackupError).code).toBe('changed-during-backup')
    expect(sink.state).toBe('aborted')
  })

  it('a file that does not read back as written is not counted as a backup, and is withdrawn', async () => {
    const { session } = await newVault()
    await fillPractice(session, { clients: 1 })
    const sink = memorySink()
    sink.corrupt = (bytes) => {
      const copy = bytes.slice()
      copy[copy.length - 10]! ^= 0x01
      return copy
    }
    await expect(writeBackup(session, sink, toKey(), { app: 'test' })).rejects.toMatchObject({
      code: 'read-back-differs',
    })
    expect((await readBackupState(session)).lastVerified).toBeNull()
    expect(sink.state).toBe('withdrawn')
    // One that reads back as written stays.
    const good = memorySink()
    await writeBackup(session, good, toKey(), { app: 'test' })
    expect(good.state).toBe('committed')
  })

  it('a file that opens with the key but holds another backup is not counted either', async () => {
    const { session } = await newVault()
    await fillPractice(session, { clients: 2 })
    // A backup of the same vault made a moment before: it decrypts and is a valid archive.
    const earlier = await backupOf(session)
    const sink = memorySink()
    sink.corrupt = () => earlier
    await expect(writeBackup(session, sink, toKey(), { app: 'test' })).rejects.toMatchObject({
      code: 'read-back-differs',
    })
    expect((await open(earlier)).manifest.vaultId).toBe(session.vaultId)
    expect((await readBackupState(session)).lastVerified).toBeNull()
  })
})

// ------------------------------------------------------------------ bad input

/** Rewrites the lines of a plain archive; with `fix`, the trailer's counts and hash are made to match. */
async function rewrite(
  edit: (lines: Record<string, unknown>[]) => Record<string, unknown>[],
  fix = true,
): Promise<Uint8Array> {
  const text = new TextDecoder().decode(await sampleArchiveBytes())
  let lines = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  lines = edit(lines)
  if (fix) {
    const body = lines.filter((l) => l['type'] !== 'trailer')
    const trailer = lines.find((l) => l['type'] === 'trailer')!
    const bytes = new TextEncoder().encode(body.map((l) => `${JSON.stringify(l)}\n`).join(''))
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
    trailer['sha256'] = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
    lines = [...body, trailer]
  }
  return new TextEncoder().encode(lines.map((l) => `${JSON.stringify(l)}\n`).join(''))
}

/** A plain archive as Mend would write it: compressed, then encrypted to the test key. */
const sealTo = async (plain: Uint8Array) =>
  collect(
    (
      await encryptArchive(new Blob([plain as BlobPart]).stream(), {
        kind: 'x25519',
        recipient: pair.recipient,
      })
    ).stream,
  )

/** Any bytes, encrypted to the test key as they are (not compressed). */
const sealRaw = (bytes: Uint8Array) =>
  encryptAgeBytes(bytes, { kind: 'x25519', recipient: pair.recipient })

describe('bad input: refused in words, the database exactly as before', () => {
  let session: VaultSession
  let db: MendDatabase
  let good: Uint8Array

  beforeAll(async () => {
    ;({ db, session } = await newVault())
    await fillPractice(session)
    good = await backupOf(session)
  })

  /** Tries to restore `bytes` (both modes); expects the given refusal and no change at all. */
  async function refused(
    bytes: Uint8Array,
    code: string,
    keys: { identities?: string[]; passphrase?: string } = { identities: [pair.identity] },
  ): Promise<BackupError> {
    const before = await snapshotDatabase(db)
    let caught: unknown = null
    for (const mode of ['merge', 'replace'] as const) {
      caught = await openBackup(bytes, keys, { keep: 'values' })
        .then((archive) => applyRestore(session, archive, mode))
        .then(
          () => null,
          (error: unknown) => error,
        )
      expect(caught, `${code} (${mode})`).toBeInstanceOf(BackupError)
      expect((caught as BackupError).code).toBe(code)
      expect((caught as BackupError).message.length).toBeGreaterThan(40)
    }
    expect(await snapshotDatabase(db)).toBe(before)
    return caught as BackupError
  }

  it('the good backup itself opens (control)', async () => {
    const archive = await open(good)
    expect(archive.records!.clients.size).toBe(3)
  })

  it('a wrong passphrase', async () => {
    const sink = memorySink()
    await writeBackup(
      session,
      sink,
      { kind: 'passphrase', passphrase: PASS, logN: FAST_LOG_N },
      { app: 'test' },
    )
    const error = await refused(sink.bytes(), 'wrong-passphrase', { passphrase: 'not it at all' })
    expect(error.message).toMatch(/passphrase does not open this backup/)
    await refused(sink.bytes(), 'passphrase-needed', {})
  })

  it('a truncated file, wherever it is cut', async () => {
    for (const at of [good.length - 1, good.length - 17, Math.floor(good.length / 2), 140]) {
      const error = await refused(
        good.subarray(0, at),
        at === 140 ? 'header-damaged' : 'payload-damaged',
      )
      expect(error.message).not.toMatch(/Robin|Client 0/)
    }
  })

  it('a flipped bit in the header, the nonce, the payload or the last byte', async () => {
    const headerEnd = new TextDecoder().decode(good.subarray(0, 400)).indexOf('\n---') + 1
    const cases: [number, string][] = [
      [0, 'not-age'],
      [30, 'not-for-this-key'],
      [headerEnd + 10, 'header-damaged'],
      [headerEnd + 60, 'payload-damaged'],
      [good.length - 1, 'payload-damaged'],
      [Math.floor(good.length / 2), 'payload-damaged'],
    ]
    for (const [at, code] of cases) {
      const bad = good.slice()
      bad[at]! ^= 0x04
      await refused(bad, code)
    }
  })

  it('an age file for another recipient', async () => {
    const other = await newAgeKeyPair()
    const error = await refused(good, 'not-for-this-key', { identities: [other.identity] })
    expect(error.message).toMatch(/another key/)
  })

  it('an age file that holds something other than a Mend archive', async () => {
    const to = { kind: 'x25519' as const, recipient: pair.recipient }
    await refused(
      await encryptAgeBytes(new TextEncoder().encode('just some text\n'), to),
      'not-mend',
    )
    await refused(await sealTo(new TextEncoder().encode('{"hello":"world"}\n')), 'not-mend')
    await refused(
      await sealTo(new TextEncoder().encode('{"type":"manifest","format":"other"}\n')),
      'not-mend',
    )
    await refused(await sealTo(new Uint8Array([0, 1, 2, 255, 254])), 'not-mend')
    // A Mend archive, not compressed: not what a backup holds.
    await refused(await sealRaw(await sampleArchiveBytes()), 'not-mend')
    // Compressed twice: inside is a compressed file, not an archive.
    await refused(await sealTo(await gzip(await sampleArchiveBytes())), 'not-mend')
  })

  it('a future archive version, and records of a future schema', async () => {
    const error = await refused(
      await sealTo(await rewrite((lines) => [{ ...lines[0], version: 2 }, ...lines.slice(1)])),
      'newer-format',
    )
    expect(error.message).toMatch(/newer version of Mend/)
    await refused(
      await sealTo(
        await rewrite((lines) =>
          lines.map((l) => (l['kind'] === 'clients' ? { ...l, sv: 99 } : l)),
        ),
      ),
      'newer-schema',
    )
  })

  it('a zero-byte file', async () => {
    const error = await refused(new Uint8Array(0), 'empty')
    expect(error.message).toMatch(/empty \(0 bytes\)/)
  })

  it('a huge header: refused before any key work', async () => {
    const huge = new TextEncoder().encode(
      `age-encryption.org/v1\n-> X25519 ${'A'.repeat(200_000)}\n`,
    )
    await refused(huge, 'header-too-large')
    const many = new TextEncoder().encode(
      `age-encryption.org/v1\n${'-> X25519 abc\nAAAA\n'.repeat(40)}--- AAAA\n`,
    )
    await refused(many, 'header-too-large')
    const greedy = new TextEncoder().encode(
      'age-encryption.org/v1\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 22\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n',
    )
    await refused(greedy, 'work-factor-too-high', { passphrase: 'anything' })
  })

  it('a valid archive whose records are malformed: named by line, never by value', async () => {
    const cases: [
      string,
      (lines: Record<string, unknown>[]) => Record<string, unknown>[],
      RegExp,
    ][] = [
      [
        'a client without a name',
        (lines) =>
          lines.map((l) =>
            l['kind'] === 'clients'
              ? { ...l, value: { ...(l['value'] as object), displayName: '' } }
              : l,
          ),
        /line 2 \(client\) does not pass/,
      ],
      [
        'the same record twice',
        (lines) => [lines[0]!, lines[1]!, ...lines.slice(1)],
        /appears twice/,
      ],
      [
        'a singleton under another id',
        (lines) =>
          lines.map((l) => (l['kind'] === 'vaultSettings' ? { ...l, id: 'elsewhere' } : l)),
        /wrong id/,
      ],
      [
        'a record after the audit trail',
        (lines) => {
          const record = lines[1]!
          return [lines[0]!, ...lines.slice(2, -2), record, ...lines.slice(-2)]
        },
        /record after the audit trail/,
      ],
      [
        'an audit entry altered',
        (lines) =>
          lines.map((l) =>
            l['type'] === 'audit' && (l['entry'] as { seq: number }).seq === 3
              ? { ...l, entry: { ...(l['entry'] as object), detail: 'changed' } }
              : l,
          ),
        /audit trail does not verify/,
      ],
    ]
    for (const [label, edit, expected] of cases) {
      const error = await refused(await sealTo(await rewrite(edit)), 'malformed')
      expect(error.message, label).toMatch(expected)
      expect(error.message, label).not.toMatch(/Robin|Sample|555-0100/)
    }
    // Counts or hash that do not match (the trailer left as it was).
    const dropped = await rewrite((lines) => lines.filter((_, i) => i !== 2), false)
    expect((await refused(await sealTo(dropped), 'malformed')).message).toMatch(
      /checksum does not match|holds 1 clients/,
    )
    const cut = await rewrite((lines) => lines.slice(0, -1), false)
    expect((await refused(await sealTo(cut), 'malformed')).message).toMatch(
      /ends before its closing summary/,
    )
  })

  it('a seeded fuzz: 1,000 mutated and truncated backups, each refused, none written', async () => {
    const before = await snapshotDatabase(db)
    const random = seeded(20261127)
    const codes = new Map<string, number>()
    let accepted = 0
    const crashes: string[] = []
    const plainArchive = await sampleArchiveBytes()
    for (let i = 0; i < 1000; i++) {
      // Three in four: the file itself changed. One in four: the archive inside changed, then
      // compressed and encrypted properly (only the archive's own checks can refuse it).
      const mutant =
        i % 4 === 3 ? await sealTo(mutatePlain(plainArchive, random)) : mutate(good, random)
      try {
        const archive = await openBackup(
          mutant,
          { identities: [pair.identity] },
          { keep: 'values' },
        )
        accepted += 1
        await applyRestore(session, archive, 'merge')
      } catch (error) {
        if (error instanceof BackupError) codes.set(error.code, (codes.get(error.code) ?? 0) + 1)
        else
          crashes.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
      }
    }
    expect(crashes).toEqual([])
    expect(accepted).toBe(0)
    expect(await snapshotDatabase(db)).toBe(before)
    // Every class of refusal was reached.
    expect([...codes.keys()].sort()).toEqual(
      expect.arrayContaining(['header-damaged', 'malformed', 'not-mend', 'payload-damaged']),
    )
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(1000)
  }, 300_000)
})

/** One random change to an age file: a flipped bit, a cut, bytes inserted, removed or replaced. */
function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const at = Math.floor(random() * bytes.length)
  switch (Math.floor(random() * 5)) {
    case 0: {
      const out = bytes.slice()
      out[at]! ^= 1 << Math.floor(random() * 8)
      return out
    }
    case 1:
      return bytes.slice(0, at)
    case 2: {
      const extra = crypto.getRandomValues(new Uint8Array(1 + Math.floor(random() * 32)))
      return new Uint8Array([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)])
    }
    case 3:
      return new Uint8Array([
        ...bytes.subarray(0, at),
        ...bytes.subarray(at + 1 + Math.floor(random() * 16)),
      ])
    default: {
      const out = bytes.slice()
      const n = 1 + Math.floor(random() * 8)
      for (let i = 0; i < n && at + i < out.length; i++)
        out[at + i] = (out[at + i]! + 1 + Math.floor(random() * 255)) % 256
      return out
    }
  }
}

/** A random change to a plain archive (then correctly compressed and encrypted): the archive checks. */
function mutatePlain(bytes: Uint8Array, random: () => number): Uint8Array {
  const at = Math.floor(random() * bytes.length)
  const out = bytes.slice()
  switch (Math.floor(random() * 3)) {
    case 0:
      out[at] = (out[at]! + 1 + Math.floor(random() * 254)) % 256
      return out
    case 1:
      return bytes.slice(0, at)
    default: {
      // Drop one whole line.
      const text = new TextDecoder().decode(bytes).split('\n')
      text.splice(Math.floor(random() * (text.length - 1)), 1)
      return new TextEncoder().encode(text.join('\n'))
    }
  }
}

// ------------------------------------------------------------------ merge

describe('merge: by id, the version saved last wins, conflicts listed', () => {
  it('newer here, newer in the backup, only here, only there, unreadable here', async () => {
    const { session: a } = await newVault()
    const ids = await fillPractice(a)
    const b0 = await backupOf(a)
    // Another computer starts from that backup.
    const { db: zDb, session: z } = await newVault()
    await applyRestore(z, await open(b0), 'replace')
    await tick()
    // Later, on the first computer: client 1 edited; then on the other: client 0 edited.
    await updateClient(a, ids.clients[1]!, { ...emptyClient(), displayName: 'Edited on A' })
    await tick()
    await updateClient(z, ids.clients[0]!, { ...emptyClient(), displayName: 'Edited on Z' })
    const onlyOnZ = await createClient(z, { ...emptyClient(), displayName: 'Only on Z' })
    const onlyOnA = await createClient(a, { ...emptyClient(), displayName: 'Only on A' })
    // A row on Z that no longer opens.
    const damaged = (await zDb.clients.get(ids.clients[2]!))!
    await zDb.clients.put({
      ...damaged,
      enc: { ...damaged.enc, ct: damaged.enc.ct.map((b) => b ^ 1) },
    })

    const b1 = await open(await backupOf(a))
    const plan = await planRestore(z, b1, 'merge')
    const byId = new Map(plan.conflicts.map((c) => [c.id, c]))
    expect(byId.get(ids.clients[1]!)).toMatchObject({ keep: 'backup', reason: 'newer-in-backup' })
    expect(byId.get(ids.clients[0]!)).toMatchObject({ keep: 'here', reason: 'newer-here' })
    expect(byId.get(ids.clients[2]!)).toMatchObject({ keep: 'backup', reason: 'unreadable-here' })
    expect(byId.get(ids.clients[0]!)!.label).toBe('Client C0')
    expect(plan.add.clients).toBe(1)
    expect(plan.onlyHere.clients).toBe(1)

    await applyRestore(z, b1, 'merge')
    const clients = (await vaultContents(z)).clients as Record<string, { displayName: string }>
    expect(clients[ids.clients[1]!]!.displayName).toBe('Edited on A')
    expect(clients[ids.clients[0]!]!.displayName).toBe('Edited on Z')
    expect(clients[ids.clients[2]!]!.displayName).toBe('Client 2 Example')
    expect(clients[onlyOnZ]!.displayName).toBe('Only on Z')
    expect(clients[onlyOnA]!.displayName).toBe('Only on A')
    // The merge bound what it wrote: the damaged row is repaired and the vault checks clean.
    expect((await checkIntegrity(z)).findings).toEqual([])
  })

  it('a version a restore wrote is as old as its backup: a later edit in the next backup wins', async () => {
    // The first computer's Monday backup is restored on a new computer on Friday; Thursday's
    // backup, with an edit made on Wednesday, is then merged: Wednesday's edit is the newer.
    const { session: a } = await newVault()
    const ids = await fillPractice(a)
    const monday = await backupOf(a)
    await tick()
    await updateClient(a, ids.clients[1]!, { ...emptyClient(), displayName: 'Edited on A' })
    await tick()
    const { session: z } = await newVault()
    await applyRestore(z, await open(monday), 'replace')
    await tick()
    const thursday = await open(await backupOf(a))
    const plan = await planRestore(z, thursday, 'merge')
    expect(plan.conflicts.find((c) => c.id === ids.clients[1])).toMatchObject({
      keep: 'backup',
      reason: 'newer-in-backup',
    })
    await applyRestore(z, thursday, 'merge')
    const clients = (await vaultContents(z)).clients as Record<string, { displayName: string }>
    expect(clients[ids.clients[1]!]!.displayName).toBe('Edited on A')
    // Edited here after that merge: this computer's version is then the newer one.
    await tick()
    await updateClient(z, ids.clients[1]!, { ...emptyClient(), displayName: 'Edited on Z' })
    const again = await planRestore(z, thursday, 'merge')
    expect(again.conflicts.find((c) => c.id === ids.clients[1])).toMatchObject({
      keep: 'here',
      reason: 'newer-here',
    })
  })

  it('a signed walkout record is never replaced by an unsigned one; a signed one wins; addenda never change', async () => {
    const { session: a } = await newVault()
    const ids = await fillPractice(a)
    const [, first, second] = ids.incidents as [string, string, string]
    const { session: z } = await newVault()
    await applyRestore(z, await open(await backupOf(a)), 'replace')
    await tick()
    // Z signs the first; A then edits it (newer, unsigned). A signs the second; Z then edits it.
    await signIncident(z, first, SIGN_EARLY)
    await tick()
    const step = { ...emptyStep('safety', stamp()), riskLevel: 'low' as const, rationale: 'Later.' }
    await saveStep(a, first, 'safety', step, true)
    await signIncident(a, second, SIGN_EARLY)
    await tick()
    await saveStep(z, second, 'safety', step, true)
    // The same addendum id with other words on Z (never happens in the app; a crafted file could).
    const addendumId = ids.addenda[0]!
    const original = (await z.addenda.get(z.dataKey, addendumId))!
    await z.commit({
      changes: [
        put(z.addenda, addendumId, {
          ...(original.ok ? original.value : never()),
          text: 'Other words',
        }),
      ],
      audit: { action: 'addendum', target: 'incident', targetId: ids.incidents[0]!, detail: '' },
    })

    const plan = await planRestore(z, await open(await backupOf(a)), 'merge')
    const byId = new Map(plan.conflicts.map((c) => [c.id, c]))
    expect(byId.get(first)).toMatchObject({ keep: 'here', reason: 'signed-here' })
    expect(byId.get(second)).toMatchObject({ keep: 'backup', reason: 'signed-in-backup' })
    expect(byId.get(addendumId)).toMatchObject({ keep: 'here', reason: 'addendum-here' })
  })

  it('replace removes what is only here; merge keeps it', async () => {
    const { session: a } = await newVault()
    await fillPractice(a, { clients: 1 })
    const backup = await open(await backupOf(a))
    const { session: z } = await newVault()
    const mine = await createClient(z, { ...emptyClient(), displayName: 'Mine' })
    await applyRestore(z, backup, 'merge')
    expect(Object.keys((await vaultContents(z)).clients)).toContain(mine)
    await applyRestore(z, backup, 'replace')
    expect(Object.keys((await vaultContents(z)).clients)).not.toContain(mine)
    expect((await checkIntegrity(z)).findings).toEqual([])
  })
})

function never(): never {
  throw new Error('unreachable')
}

// ------------------------------------------------------------------ interrupted

describe('a restore interrupted before its transaction commits changes nothing', () => {
  it('a failure inside the write transaction: every table exactly as before', async () => {
    const { db, session } = await newVault()
    const ids = await fillPractice(session)
    const backup = await open(await backupOf(session))
    // Changes the restore will undo: three clients and a walkout record.
    for (const id of ids.clients)
      await updateClient(session, id, { ...emptyClient(), displayName: 'Changed before' })
    const step = { ...emptyStep('safety', stamp()), riskLevel: 'low' as const, rationale: 'x' }
    await saveStep(session, ids.incidents[1]!, 'safety', step, false)
    const before = await snapshotDatabase(db)
    // The clients are written, then the machine loses power while the walkout records are.
    const bulkPut = db.incidents.bulkPut.bind(db.incidents)
    let calls = 0
    db.incidents.bulkPut = (() => {
      calls += 1
      throw new Error('power cut')
    }) as unknown as typeof bulkPut
    const clientsWritten = db.clients.bulkPut.bind(db.clients)
    let clientWrites = 0
    db.clients.bulkPut = ((...args: Parameters<typeof clientsWritten>) => {
      clientWrites += 1
      return clientsWritten(...args)
    }) as typeof clientsWritten
    await expect(applyRestore(session, backup, 'replace')).rejects.toThrow('power cut')
    db.incidents.bulkPut = bulkPut
    db.clients.bulkPut = clientsWritten
    expect([clientWrites, calls]).toEqual([1, 1])
    expect(await snapshotDatabase(db)).toBe(before)
    // And afterwards it goes through whole.
    const result = await applyRestore(session, backup, 'replace')
    expect(result.written).toMatchObject({ clients: 3, incidents: 1 })
    expect((await checkIntegrity(session)).findings).toEqual([])
  })
})

// ------------------------------------------------------------------ drill

describe('restore drill', () => {
  it('passes on a fresh backup; still passes after recorded changes; fails on a row rolled back outside Mend', async () => {
    const { db, session } = await newVault()
    const ids = await fillPractice(session)
    const oldRow = (await db.clients.get(ids.clients[0]!))!
    await updateClient(session, ids.clients[0]!, {
      ...emptyClient(),
      displayName: 'Second version',
    })
    const backup = await openBackup(
      await backupOf(session),
      { identities: [pair.identity] },
      { keep: 'hashes' },
    )

    const fresh = await compareWithVault(session, backup, 'mend-backup-2026-11-27.age')
    expect(fresh).toMatchObject({ passed: true, identical: 9, changedSince: 0, trailMatches: true })

    await addAddendum(session, ids.incidents[1]!, 'After the backup.')
    await updateClient(session, ids.clients[1]!, { ...emptyClient(), displayName: 'Changed since' })
    const later = await compareWithVault(session, backup, 'x')
    expect(later).toMatchObject({ passed: true, identical: 8, changedSince: 2 })

    // Someone with the profile folder puts back the older row of client 0.
    await db.clients.put(oldRow)
    const rolled = await compareWithVault(session, backup, 'x')
    expect(rolled.passed).toBe(false)
    expect(rolled.findings).toEqual([{ kind: 'clients', id: ids.clients[0], problem: 'differs' }])
    expect(rolled.summary).toMatch(/^Failed: .*1 unexplained differences/)

    await recordDrill(session, rolled)
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value.action).toBe('restore-drill')
    expect(last.ok && last.value.detail).toMatch(/^Failed: backup of /)
    expect((await readBackupState(session)).lastDrill).toMatchObject({ passed: false })
  })
})
