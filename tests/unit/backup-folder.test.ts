import { promises as fs } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BackupFolder,
  BackupNotFoundError,
  NoBackupFolderError,
} from '../../src/main/backup-folder'
import { FileTooLargeError } from '../../src/main/ipc/files'
import { JsonFile } from '../../src/main/settings'

let root: string
let userData: string
let folder: string
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mend-backup-folder-'))
  userData = path.join(root, 'userData')
  folder = path.join(root, 'home', 'Backups')
  await mkdir(userData, { recursive: true })
  await mkdir(folder, { recursive: true })
})
afterEach(() => rm(root, { recursive: true, force: true }))

const posixOnly = process.platform === 'win32' ? it.skip : it

function backupFolder() {
  return new BackupFolder({
    fs,
    configFile: JsonFile.in(fs, userData, 'backup-folder.json'),
    homeDir: path.join(root, 'home'),
    platform: process.platform,
  })
}

async function configured() {
  const backups = backupFolder()
  await backups.set(folder)
  return backups
}

const B1 = 'mend-backup-2026-11-25-080000.age'
const B2 = 'mend-backup-2026-11-26-080000.age'
const B3 = 'mend-backup-2026-11-27-080000.age'
const B4 = 'mend-backup-2026-11-27-200000.age'

async function put(name: string, content = name) {
  await writeFile(path.join(folder, name), content)
}

describe('BackupFolder configuration', () => {
  it('is not configured until a folder is chosen', async () => {
    await expect(backupFolder().status()).resolves.toEqual({ configured: false })
  })

  it('keeps the chosen path in userData and shows it with ~ for home', async () => {
    const backups = backupFolder()
    await expect(backups.set(folder)).resolves.toBe(`~${path.sep}Backups`)
    const saved = JSON.parse(await readFile(path.join(userData, 'backup-folder.json'), 'utf8'))
    expect(saved).toEqual({ path: folder })
    // A new instance (a restart) reads it back.
    await expect(backupFolder().status()).resolves.toEqual({
      configured: true,
      label: `~${path.sep}Backups`,
    })
  })

  it('shows a folder outside home by its full path', () => {
    const outside = path.join(root, 'elsewhere')
    expect(backupFolder().label(outside)).toBe(outside)
  })

  it.each(['{', '{"path":"relative/dir"}', '{"path":5}', '[]'])(
    'treats a damaged config %s as not configured',
    async (text) => {
      await writeFile(path.join(userData, 'backup-folder.json'), text)
      await expect(backupFolder().status()).resolves.toEqual({ configured: false })
    },
  )

  it('is unavailable when the folder is gone (a drive unplugged)', async () => {
    const backups = await configured()
    await rm(folder, { recursive: true })
    await expect(backups.available()).resolves.toBeNull()
    await expect(backups.list()).resolves.toEqual([])
    await expect(backups.readKey()).rejects.toBeInstanceOf(NoBackupFolderError)
  })
})

describe('BackupFolder.list', () => {
  it('lists only Mend’s own backups, newest first', async () => {
    const backups = await configured()
    for (const name of [B2, B4, B1, B3]) await put(name)
    await put('backup-key.age')
    await put('notes.txt')
    await put('mend-backup-2026-11-27.age') // a dialog name, not an automatic backup
    await put('MEND-BACKUP-2026-11-28-080000.AGE')
    await put('.mend-0123456789abcdef.tmp')
    await mkdir(path.join(folder, 'mend-backup-2026-11-29-080000.age'))
    const listed = await backups.list()
    expect(listed.map((file) => file.name)).toEqual([B4, B3, B2, B1])
    expect(listed[0]).toEqual({
      name: B4,
      size: B4.length,
      modifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    })
  })

  posixOnly('leaves out a symlink wearing a backup’s name', async () => {
    const backups = await configured()
    const secret = path.join(root, 'secret')
    await writeFile(secret, 'not a backup')
    await symlink(secret, path.join(folder, B1))
    await expect(backups.list()).resolves.toEqual([])
    await expect(backups.read(B1)).rejects.toBeInstanceOf(BackupNotFoundError)
  })

  it('orders by the time in the name, not by modification time', async () => {
    const backups = await configured()
    await put(B1)
    await put(B2)
    await utimes(path.join(folder, B1), new Date(), new Date(Date.now() + 60_000))
    expect((await backups.list()).map((file) => file.name)).toEqual([B2, B1])
  })
})

describe('BackupFolder.read', () => {
  it('reads a backup list() returns', async () => {
    const backups = await configured()
    await put(B1, 'age-encryption.org/v1')
    expect(new TextDecoder().decode(await backups.read(B1))).toBe('age-encryption.org/v1')
  })

  it.each([
    '../../etc/passwd',
    '..',
    '/etc/passwd',
    'C:\\x',
    'C:\\Windows\\System32\\config\\SAM',
    '\\\\server\\share\\x',
    `../${B1}`,
    `sub/${B1}`,
    'backup-key.age',
    'notes.txt',
    `${B1}\u0000`,
  ])('refuses %j without naming a path of its own', async (name) => {
    const backups = await configured()
    await put(B1)
    await put('notes.txt')
    await put('backup-key.age')
    await expect(backups.read(name)).rejects.toBeInstanceOf(BackupNotFoundError)
  })

  it('refuses a well-formed name that is not in the folder', async () => {
    const backups = await configured()
    await expect(backups.read(B2)).rejects.toBeInstanceOf(BackupNotFoundError)
  })

  it('refuses without a folder', async () => {
    await expect(backupFolder().read(B1)).rejects.toBeInstanceOf(NoBackupFolderError)
  })
})

describe('BackupFolder key file', () => {
  it('writes backup-key.age once and refuses to overwrite it unless asked to replace', async () => {
    const backups = await configured()
    await expect(backups.readKey()).resolves.toBeNull()
    await expect(backups.writeKey(new Uint8Array([1]), false)).resolves.toEqual({
      status: 'written',
    })
    await expect(backups.writeKey(new Uint8Array([2]), false)).resolves.toEqual({
      status: 'exists',
    })
    expect([...((await backups.readKey()) ?? [])]).toEqual([1])
    await expect(backups.writeKey(new Uint8Array([3]), true)).resolves.toEqual({
      status: 'written',
    })
    expect([...((await backups.readKey()) ?? [])]).toEqual([3])
    expect(await readdir(folder)).toEqual(['backup-key.age'])
  })

  it('refuses to read a key file that is too large', async () => {
    const backups = await configured()
    await put('backup-key.age', 'x'.repeat(64 * 1024 + 1))
    await expect(backups.readKey()).rejects.toBeInstanceOf(FileTooLargeError)
  })

  it('refuses to write a key without a folder', async () => {
    await expect(backupFolder().writeKey(new Uint8Array([1]), false)).rejects.toBeInstanceOf(
      NoBackupFolderError,
    )
  })
})

describe('BackupFolder.prune', () => {
  it('removes the older backups it is told to, and keeps the newest N', async () => {
    const backups = await configured()
    for (const name of [B1, B2, B3, B4]) await put(name)
    await expect(backups.prune({ keep: 2, remove: [B1, B2] })).resolves.toEqual({
      removed: [B2, B1],
    })
    expect((await readdir(folder)).sort()).toEqual([B3, B4])
  })

  it('removes nothing it was not told to, whatever its age (a file that arrived meanwhile)', async () => {
    const backups = await configured()
    for (const name of [B1, B2, B3, B4]) await put(name)
    await expect(backups.prune({ keep: 1, remove: [B2, B3] })).resolves.toEqual({
      removed: [B3, B2],
    })
    expect((await readdir(folder)).sort()).toEqual([B1, B4])
  })

  it('never removes one of the newest N, even when told to', async () => {
    const backups = await configured()
    for (const name of [B1, B2, B3]) await put(name)
    await expect(backups.prune({ keep: 2, remove: [B1, B2, B3] })).resolves.toEqual({
      removed: [B1],
    })
    expect((await readdir(folder)).sort()).toEqual([B2, B3])
  })

  it('never touches the key file or anything else that is not one of its backups', async () => {
    const backups = await configured()
    const foreign = [
      'backup-key.age',
      'notes.txt',
      'mend-backup-2020-01-01.age',
      'mend-prep-sheet-2020-01-01.pdf',
      'mend-backup-2020-01-01-000000.age.bak',
    ]
    for (const name of foreign) await put(name)
    await put(B1)
    await put(B2)
    await expect(backups.prune({ keep: 1, remove: [...foreign, B1] })).resolves.toEqual({
      removed: [B1],
    })
    expect((await readdir(folder)).sort()).toEqual([...foreign, B2].sort())
  })

  it('removes nothing when there are no more backups than it keeps', async () => {
    const backups = await configured()
    await put(B1)
    await expect(backups.prune({ keep: 3, remove: [B1] })).resolves.toEqual({ removed: [] })
    expect(await readdir(folder)).toEqual([B1])
  })

  it('refuses keep below 1 (it never empties the folder)', async () => {
    const backups = await configured()
    await put(B1)
    await expect(backups.prune({ keep: 0, remove: [B1] })).resolves.toEqual({ removed: [] })
    expect(await readdir(folder)).toEqual([B1])
  })
})
