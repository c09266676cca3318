import { afterAll, describe, expect, it, vi } from 'vitest'
import { decryptAgeBytes, parseIdentityFile } from '../../src/renderer/src/crypto/age'
import { emptyClient } from '../../src/renderer/src/domain/client'
import { isDue, runAutomaticBackup } from '../../src/renderer/src/features/backup/automatic'
import {
  BackupUnrecorded,
  changeSchedule,
  checkVaultPassphrase,
  makeBackup,
  openKeyFile,
  problemWords,
  rewriteKeyFile,
  setUpWithFolderKey,
  setUpWithNewKey,
} from '../../src/renderer/src/features/backup/operations'
import { readBackupConfig, readBackupState } from '../../src/renderer/src/store/backup'
import { openBackup } from '../../src/renderer/src/store/backup-file'
import { applyRestore } from '../../src/renderer/src/store/backup-restore'
import { EMPTY_BACKUP_STATE, type BackupConfig } from '../../src/renderer/src/store/codecs'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { checkIntegrity, readAudit } from '../../src/renderer/src/store/integrity'
import { createClient } from '../../src/renderer/src/store/operations'
import type { VaultSession } from '../../src/renderer/src/store/session'
import { createVault } from '../../src/renderer/src/store/vault'
import { BACKUP_KEY_FILE_NAME } from '../../src/shared/file-names'
import { fakeDisk, fakePlatform } from '../fixtures/backup/fake-platform'
import { contentHashes, fillPractice } from '../fixtures/backup/vault'
import { FAST, PASS } from './fixtures'

/**
 * Automatic backups against a desktop-like platform held in memory (the web preview has no
 * backup folder): set-up, schedule, verify-then-prune, failures and their retry, and a new
 * computer that restores everything from the folder and the backup passphrase.
 */
const BACKUP_PASSPHRASE = 'lighthouse orchard pebble 93 copper'
const FAST_LOG_N = 10
const databases: MendDatabase[] = []
afterAll(async () => {
  for (const db of databases) {
    db.close()
    await db.delete()
  }
})

async function newVault(): Promise<VaultSession> {
  const db = new MendDatabase(`mend-auto-${crypto.randomUUID()}`)
  databases.push(db)
  return (await createVault(db, PASS, { withRecoveryKey: false, kdf: FAST })).session
}

/** A vault (with one client when `filled`) whose automatic backups are set up, daily. */
async function automaticVault(keep: number, filled = true) {
  const session = await newVault()
  if (filled) await fillPractice(session, { clients: 1 })
  const platform = fakePlatform()
  await platform.backupFolder.choose()
  await setUpWithNewKey(
    session,
    platform,
    BACKUP_PASSPHRASE,
    { schedule: 'daily', keep },
    FAST_LOG_N,
  )
  return { session, platform }
}

const config = (schedule: BackupConfig['schedule']): BackupConfig => ({
  identity: 'AGE-SECRET-KEY-127G6GJ998E0H2Y4M33TRN373Z9UE7MVG7R3WA7ZN3CNS4THMYDUQCLLDZS',
  recipient: 'age1epq65mxrrw0zma3ktpnfh37rfkcutlahxdpupwpgcru8lrx8d56scyhgf9',
  createdAt: '2026-11-01T09:00:00.000Z',
  schedule,
  keep: 30,
  keyFile: '3a'.repeat(32),
})

describe('when an automatic backup is due', () => {
  const at = (local: string) => new Date(local)
  const state = (
    lastAutomatic: string | null,
    attempt: { at: string; ok: boolean } | null = null,
  ) => ({
    ...EMPTY_BACKUP_STATE,
    lastAutomatic: lastAutomatic ? at(lastAutomatic).toISOString() : null,
    lastAttempt: attempt ? { at: at(attempt.at).toISOString(), ok: attempt.ok, problem: '' } : null,
  })

  it('daily: never made, or not yet today', () => {
    expect(isDue(config('daily'), state(null), at('2026-11-27T09:00'))).toBe(true)
    expect(isDue(config('daily'), state('2026-11-27T08:00'), at('2026-11-27T18:00'))).toBe(false)
    expect(isDue(config('daily'), state('2026-11-26T23:59'), at('2026-11-27T00:01'))).toBe(true)
  })

  it('weekly: seven days after the last', () => {
    expect(isDue(config('weekly'), state('2026-11-21T09:00'), at('2026-11-27T09:00'))).toBe(false)
    expect(isDue(config('weekly'), state('2026-11-20T09:00'), at('2026-11-27T09:00'))).toBe(true)
  })

  it('paused: never; after a failure: not for an hour; a clock set back: at once', () => {
    expect(isDue(config('off'), state(null), at('2026-11-27T09:00'))).toBe(false)
    const failed = state('2026-11-20T09:00', { at: '2026-11-27T08:30', ok: false })
    expect(isDue(config('daily'), failed, at('2026-11-27T09:00'))).toBe(false)
    expect(isDue(config('daily'), failed, at('2026-11-27T09:31'))).toBe(true)
    expect(isDue(config('daily'), state('2026-12-30T09:00'), at('2026-11-27T09:00'))).toBe(true)
  })
})

describe('automatic backups with a backup folder', () => {
  it('set up with the Mend passphrase: the key file opens with it; backups open with the key; the trail records each', async () => {
    const session = await newVault()
    await fillPractice(session, { clients: 2 })
    const platform = fakePlatform()
    await platform.backupFolder.choose()
    // The Mend passphrase is checked before anything is written with it.
    await expect(checkVaultPassphrase(session, 'not my passphrase')).rejects.toThrow(
      /not your Mend passphrase/,
    )
    await checkVaultPassphrase(session, PASS)
    // Guessing is slowed down: after three wrong ones, even the right one waits.
    const t0 = Date.now()
    for (let i = 0; i < 4; i++)
      await expect(checkVaultPassphrase(session, `guess ${i}`, t0)).rejects.toThrow(/not your/)
    await expect(checkVaultPassphrase(session, PASS, t0 + 1000)).rejects.toThrow(
      /Too many attempts. Wait 4 seconds/,
    )
    await checkVaultPassphrase(session, PASS, t0 + 5000)
    await setUpWithNewKey(session, platform, PASS, { schedule: 'daily', keep: 2 }, FAST_LOG_N)
    const saved = (await readBackupConfig(session))!
    const keyFile = platform.disk.folder!.get(BACKUP_KEY_FILE_NAME)!
    const pair = await parseIdentityFile(
      new TextDecoder().decode(await decryptAgeBytes(keyFile, { passphrase: PASS })),
    )
    expect(pair).toEqual({ identity: saved.identity, recipient: saved.recipient })
    // The passphrase is not kept anywhere in the vault's settings.
    expect(JSON.stringify(saved)).not.toContain(PASS)

    const day1 = new Date('2026-11-27T09:00:00')
    platform.now = () => day1
    const first = await runAutomaticBackup(session, platform, { now: day1 })
    expect(first.status).toBe('done')
    expect(await runAutomaticBackup(session, platform, { now: day1 })).toEqual({
      status: 'not-due',
    })
    const [newest] = await platform.backupFolder.list()
    const archive = await openBackup(
      await platform.backupFolder.read(newest!.name),
      { identities: [saved.identity] },
      { keep: 'hashes' },
    )
    expect(archive.trailer.counts.clients).toBe(2)
    const state = await readBackupState(session)
    expect(state.lastAutomatic).toBe(day1.toISOString())
    expect(state.lastVerified).toMatchObject({ how: 'automatic', name: newest!.name })
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value).toMatchObject({ action: 'backup' })
    expect(last.ok && last.value.detail).toMatch(/^Automatic backup: 2 clients, 2 walkout records/)
  })

  it('a key file written whose setup the vault could not save: said so, and the next try uses that key', async () => {
    const session = await newVault()
    const platform = fakePlatform()
    await platform.backupFolder.choose()
    const spy = vi.spyOn(session, 'commit').mockRejectedValueOnce(new Error('disk full'))
    try {
      await expect(
        setUpWithNewKey(
          session,
          platform,
          BACKUP_PASSPHRASE,
          { schedule: 'daily', keep: 3 },
          FAST_LOG_N,
        ),
      ).rejects.toThrow(/key file was written to the folder, but Mend could not save the setup/)
    } finally {
      spy.mockRestore()
    }
    expect(platform.disk.folder!.has(BACKUP_KEY_FILE_NAME)).toBe(true)
    expect(await readBackupConfig(session)).toBeNull()
    await setUpWithFolderKey(session, platform, BACKUP_PASSPHRASE, { schedule: 'daily', keep: 3 })
    expect(await readBackupConfig(session)).toMatchObject({ schedule: 'daily', keep: 3 })
  })

  it('keeps the newest N, and removes older ones only after a new one was read back and checked', async () => {
    const { session, platform } = await automaticVault(2)
    platform.disk.folder!.set('notes.txt', new Uint8Array([1]))
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27']) {
      const now = new Date(`${day}T09:00:00`)
      platform.now = () => now
      expect((await runAutomaticBackup(session, platform, { now })).status).toBe('done')
    }
    expect((await platform.backupFolder.list()).map((f) => f.name)).toEqual([
      'mend-backup-2026-11-27-090000.age',
      'mend-backup-2026-11-26-090000.age',
    ])
    expect(platform.prunes.at(-1)).toEqual({
      keep: 2,
      remove: ['mend-backup-2026-11-25-090000.age'],
    })
    expect(platform.disk.folder!.has('notes.txt')).toBe(true)
    expect(platform.disk.folder!.has(BACKUP_KEY_FILE_NAME)).toBe(true)

    // A backup that does not read back as written: nothing is pruned, the failure is recorded.
    const prunesBefore = platform.prunes.length
    platform.corruptReadBack = (bytes) => {
      bytes[bytes.length - 5]! ^= 0x10
      return bytes
    }
    const day4 = new Date('2026-11-28T09:00:00')
    platform.now = () => day4
    const failed = await runAutomaticBackup(session, platform, { now: day4 })
    expect(failed).toEqual({
      status: 'failed',
      problem: 'the file did not read back as it was written',
    })
    expect(platform.prunes.length).toBe(prunesBefore)
    // The file that did not check out is not left to pass for a backup.
    expect((await platform.backupFolder.list()).map((f) => f.name)).toEqual([
      'mend-backup-2026-11-27-090000.age',
      'mend-backup-2026-11-26-090000.age',
    ])
    expect(platform.writes.at(-1)?.state).toBe('withdrawn')
    const state = await readBackupState(session)
    expect(state.lastAttempt).toMatchObject({ ok: false })
    expect(state.lastAutomatic).toBe(new Date('2026-11-27T09:00:00').toISOString())
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value.detail).toBe(
      'Automatic backup failed: the file did not read back as it was written',
    )
    // Not retried within the hour; retried after it (and it goes through once the disk is well).
    platform.corruptReadBack = null
    expect(
      (await runAutomaticBackup(session, platform, { now: new Date('2026-11-28T09:30:00') }))
        .status,
    ).toBe('not-due')
    const later = new Date('2026-11-28T10:01:00')
    platform.now = () => later
    expect((await runAutomaticBackup(session, platform, { now: later })).status).toBe('done')
  })

  it('prunes only the backups this vault wrote: another computer’s in the same folder stay, and do not count', async () => {
    const { session, platform } = await automaticVault(1)
    // Backups another vault wrote with the same key: older and newer than this vault's.
    const theirs = ['mend-backup-2026-11-01-080000.age', 'mend-backup-2026-12-24-080000.age']
    for (const name of theirs) platform.disk.folder!.set(name, new Uint8Array([1, 2, 3]))
    const names = async () => (await platform.backupFolder.list()).map((f) => f.name).sort()
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27']) {
      const now = new Date(`${day}T09:00:00`)
      platform.now = () => now
      expect((await runAutomaticBackup(session, platform, { now })).status).toBe('done')
    }
    // Keep 1: this vault's newest stays, its older ones went; the other vault's are untouched.
    expect(await names()).toEqual([...theirs, 'mend-backup-2026-11-27-090000.age'].sort())
    expect((await readBackupState(session)).written[0]).toBe('mend-backup-2026-11-27-090000.age')
  })

  it('a backup saved and checked that the vault cannot note is reported as saved, not as lost', async () => {
    const { session, platform } = await automaticVault(30)
    // Every audit entry from now on is refused: the backup is written, but cannot be noted.
    const refuse = () => {
      throw new Error('refused for the test')
    }
    session.db.audit.hook('creating', refuse)
    try {
      const now = new Date('2026-11-27T09:00:00')
      platform.now = () => now
      expect(await runAutomaticBackup(session, platform, { now })).toEqual({
        status: 'failed',
        problem: 'the backup was written and checked, but could not be noted in the vault',
      })
      const [file] = await platform.backupFolder.list()
      expect(file?.name).toBe('mend-backup-2026-11-27-090000.age')
      // By hand: the words say the file is good.
      const byHand = await makeBackup(
        session,
        platform,
        'backup-folder',
        { kind: 'passphrase', passphrase: PASS, logN: FAST_LOG_N },
        'export',
      ).catch((error: unknown) => error)
      expect(byHand).toBeInstanceOf(BackupUnrecorded)
      expect(problemWords(byHand, 'lost')).toMatch(
        /^mend-backup-.*\.age was saved and checked, but/,
      )
    } finally {
      session.db.audit.hook('creating').unsubscribe(refuse)
    }
  })

  it('an unplugged drive, a missing key file, no folder: each a failure in words, nothing written', async () => {
    const { session, platform } = await automaticVault(30, false)
    const t = (hour: number) =>
      new Date(
        `2026-11-27T${String(Math.floor(hour)).padStart(2, '0')}:${hour % 1 ? '30' : '00'}:00`,
      )
    platform.unplugged = true
    expect(await runAutomaticBackup(session, platform, { now: t(9) })).toEqual({
      status: 'failed',
      problem:
        'the backup folder could not be reached (if it is on an external drive, connect it), or its backup key file (backup-key.age) could not be read',
    })
    platform.unplugged = false
    platform.disk.folder!.delete(BACKUP_KEY_FILE_NAME)
    expect(await runAutomaticBackup(session, platform, { now: t(11) })).toEqual({
      status: 'failed',
      problem: 'the backup key file (backup-key.age) is missing from the backup folder',
    })
    expect(platform.writes).toEqual([])
    // The same problem again later that day: reported, but not recorded a second time.
    const entries = (await readAudit(session)).length
    expect(await runAutomaticBackup(session, platform, { now: t(11.5) })).toEqual({
      status: 'not-due',
    })
    expect((await runAutomaticBackup(session, platform, { now: t(12.5) })).status).toBe('failed')
    expect((await readAudit(session)).length).toBe(entries)
    // Written again with a new backup passphrase: backups resume.
    await rewriteKeyFile(session, platform, 'a brand new backup passphrase', FAST_LOG_N)
    expect((await runAutomaticBackup(session, platform, { now: t(13) })).status).toBe('done')
    // Another vault sets itself up in the same folder, replacing the key file: backups stop
    // (the folder's key could not open them) until this vault uses the folder's key.
    const other = await newVault()
    platform.disk.folder!.delete(BACKUP_KEY_FILE_NAME)
    await setUpWithNewKey(
      other,
      platform,
      'the other vault passphrase',
      { schedule: 'daily', keep: 30 },
      FAST_LOG_N,
    )
    const t2 = (hour: number) => new Date(`2026-11-28T${String(hour).padStart(2, '0')}:00:00`)
    expect(await runAutomaticBackup(session, platform, { now: t2(9) })).toEqual({
      status: 'failed',
      problem:
        'the backup key file in the backup folder is not the one made for this vault (another vault’s, or replaced)',
    })
    await setUpWithFolderKey(session, platform, 'the other vault passphrase', {
      schedule: 'daily',
      keep: 30,
    })
    expect((await runAutomaticBackup(session, platform, { now: t2(11) })).status).toBe('done')
    expect((await readBackupConfig(session))!.recipient).toBe(
      (await readBackupConfig(other))!.recipient,
    )
    // No folder at all.
    const none = fakePlatform()
    expect(await runAutomaticBackup(session, none, { now: t(15), force: true })).toEqual({
      status: 'failed',
      problem: 'no backup folder is set',
    })
  })

  it('paused: nothing is written until "Back up now"; two at once: one waits its turn', async () => {
    const { session, platform } = await automaticVault(30, false)
    const current = (await readBackupConfig(session))!
    await changeSchedule(session, current, { schedule: 'off', keep: 5 })
    expect(await runAutomaticBackup(session, platform)).toEqual({ status: 'off' })
    const both = await Promise.all([
      runAutomaticBackup(session, platform, { force: true }),
      runAutomaticBackup(session, platform, { force: true }),
    ])
    expect(both.map((o) => o.status).sort()).toEqual(['busy', 'done'])
  })

  it('a new computer: the folder and the backup passphrase restore everything', async () => {
    const session = await newVault()
    await fillPractice(session)
    const disk = fakeDisk()
    const platform = fakePlatform(disk)
    await platform.backupFolder.choose()
    await setUpWithNewKey(
      session,
      platform,
      BACKUP_PASSPHRASE,
      { schedule: 'daily', keep: 30 },
      FAST_LOG_N,
    )
    expect((await runAutomaticBackup(session, platform, { force: true })).status).toBe('done')
    const before = await contentHashes(session)
    session.close()

    // The other computer sees the same folder; its vault is new and empty.
    const other = fakePlatform(disk)
    const fresh = await newVault()
    await createClient(fresh, { ...emptyClient(), displayName: 'Made before the restore' })
    const keyFile = (await other.backupFolder.readKey())!
    await expect(openKeyFile(keyFile, 'the wrong passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    })
    const pair = await openKeyFile(keyFile, BACKUP_PASSPHRASE)
    const [newest] = await other.backupFolder.list()
    const archive = await openBackup(
      await other.backupFolder.read(newest!.name),
      { identities: [pair.identity] },
      { keep: 'values' },
    )
    await applyRestore(fresh, archive, 'replace')
    expect(await contentHashes(fresh)).toEqual(before)
    expect((await checkIntegrity(fresh)).findings).toEqual([])
    // And it carries on with the same key: set up from the folder's key file.
    await setUpWithFolderKey(fresh, other, BACKUP_PASSPHRASE, { schedule: 'weekly', keep: 10 })
    expect((await readBackupConfig(fresh))!.recipient).toBe(pair.recipient)
    expect((await runAutomaticBackup(fresh, other, { force: true })).status).toBe('done')
  })
})
