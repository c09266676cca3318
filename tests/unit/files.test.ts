import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  FileTooLargeError,
  readFileLimited,
  withExtension,
  writeFileAtomic,
} from '../../src/main/ipc/files'
import { safeFileName, saveFileArgs } from '../../src/main/ipc/schemas'
import { parseShellSettings } from '../../src/main/settings'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-files-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temp file', async () => {
    const target = path.join(dir, 'backup.mendbackup')
    await writeFileAtomic(fs, target, new Uint8Array([1, 2, 3]))
    expect([...(await readFile(target))]).toEqual([1, 2, 3])
    expect(await readdir(dir)).toEqual(['backup.mendbackup'])
  })

  it('keeps the previous file whole when the write fails, and cleans up', async () => {
    const target = path.join(dir, 'backup.mendbackup')
    await writeFile(target, 'previous')
    const failing = { ...fs, rename: () => Promise.reject(new Error('disk full')) }
    await expect(writeFileAtomic(failing, target, new Uint8Array([9]))).rejects.toThrow('disk full')
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['backup.mendbackup'])
  })
})

describe('readFileLimited', () => {
  it('reads a file within the limit', async () => {
    const file = path.join(dir, 'a.json')
    await writeFile(file, '{}')
    expect(new TextDecoder().decode(await readFileLimited(fs, file, 10))).toBe('{}')
  })
  it('refuses a file over the limit without reading it', async () => {
    const file = path.join(dir, 'big.json')
    await writeFile(file, 'x'.repeat(100))
    await expect(readFileLimited(fs, file, 10)).rejects.toBeInstanceOf(FileTooLargeError)
  })
  it('refuses a directory', async () => {
    await expect(readFileLimited(fs, dir, 10)).rejects.toBeInstanceOf(FileTooLargeError)
  })
})

describe('file names and save arguments', () => {
  it.each(['mend-backup-2026-11-27.mendbackup', 'prep sheet.pdf'])('accepts %s', (name) =>
    expect(safeFileName.safeParse(name).success).toBe(true),
  )
  it.each([
    '',
    '../etc/passwd',
    'a/b.pdf',
    'a\\b.pdf',
    '.hidden',
    'C:evil',
    'nul\u0000.pdf',
    ' padded',
    'x'.repeat(121),
  ])('refuses %j', (name) => expect(safeFileName.safeParse(name).success).toBe(false))
  it('accepts bytes, refuses a string pretending to be a file', () => {
    expect(
      saveFileArgs.safeParse([
        { kind: 'backup', suggestedName: 'a.mendbackup', data: new Uint8Array(1) },
      ]).success,
    ).toBe(true)
    expect(
      saveFileArgs.safeParse([{ kind: 'backup', suggestedName: 'a.mendbackup', data: 'text' }])
        .success,
    ).toBe(false)
    expect(
      saveFileArgs.safeParse([{ kind: 'exe', suggestedName: 'a.exe', data: new Uint8Array(1) }])
        .success,
    ).toBe(false)
  })
  it('adds the expected extension once', () => {
    expect(withExtension('/home/t/backup', 'mendbackup')).toBe('/home/t/backup.mendbackup')
    expect(withExtension('/home/t/backup.MENDBACKUP', 'mendbackup')).toBe(
      '/home/t/backup.MENDBACKUP',
    )
  })
})

describe('parseShellSettings', () => {
  it('defaults to content protection on', () =>
    expect(parseShellSettings(null)).toEqual({ contentProtection: true }))
  it('reads a saved choice', () =>
    expect(parseShellSettings('{"contentProtection":false}')).toEqual({ contentProtection: false }))
  it.each(['{', '[]', '{"contentProtection":"no"}'])('ignores unreadable settings %s', (text) =>
    expect(parseShellSettings(text)).toEqual({ contentProtection: true }),
  )
})
