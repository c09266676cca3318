import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  FileTooLargeError,
  NotAFileError,
  readFileLimited,
  syncDirectory,
  withExtension,
  writeFileAtomic,
} from '../../src/main/ipc/files'
import { parseShellSettings } from '../../src/main/settings'
import { recordingFs } from './helpers/recording-fs'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-files-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const posixOnly = process.platform === 'win32' ? it.skip : it

describe('writeFileAtomic', () => {
  it('writes a 0600 temp, flushes it, renames it into place, then flushes the folder', async () => {
    const target = path.join(dir, 'backup.age')
    const { fs: recorded, calls } = recordingFs(dir)
    await writeFileAtomic(recorded, target, new Uint8Array([1, 2, 3]), { platform: 'linux' })
    expect(calls).toEqual([
      ['open', 'TEMP', 'wx'],
      ['writeFile', 'TEMP'],
      ['sync', 'TEMP'],
      ['close', 'TEMP'],
      ['rename', 'TEMP', 'backup.age'],
      ['open', '.', 'r'],
      ['sync', '.'],
      ['close', '.'],
    ])
    expect([...(await readFile(target))]).toEqual([1, 2, 3])
    expect(await readdir(dir)).toEqual(['backup.age'])
  })

  posixOnly('creates the file readable by its owner only', async () => {
    const target = path.join(dir, 'backup.age')
    await writeFileAtomic(fs, target, new Uint8Array([1]))
    expect((await stat(target)).mode & 0o777).toBe(0o600)
  })

  it('does not open the folder on Windows', async () => {
    const { fs: recorded, calls } = recordingFs(dir)
    await writeFileAtomic(recorded, path.join(dir, 'a.json'), new Uint8Array([1]), {
      platform: 'win32',
    })
    expect(calls.at(-1)).toEqual(['rename', 'TEMP', 'a.json'])
    expect(calls.filter(([operation, at]) => operation === 'open' && at === '.')).toEqual([])
  })

  it.each(['open', 'writeFile', 'sync', 'close', 'rename'])(
    'keeps the previous file whole when %s fails, and removes the temp',
    async (operation) => {
      const target = path.join(dir, 'backup.age')
      await writeFile(target, 'previous')
      const { fs: recorded, calls, fail } = recordingFs(dir)
      fail(operation, 'ENOSPC', 'TEMP')
      await expect(
        writeFileAtomic(recorded, target, new Uint8Array([9]), { platform: 'linux' }),
      ).rejects.toMatchObject({ code: 'ENOSPC' })
      expect(await readFile(target, 'utf8')).toBe('previous')
      expect(await readdir(dir)).toEqual(['backup.age'])
      expect(calls.at(-1)).toEqual(['rm', 'TEMP'])
      // Nothing was renamed, so the folder is not flushed.
      expect(calls.some(([op, at]) => op === 'open' && at === '.')).toBe(false)
    },
  )

  it('keeps the previous file when the rename fails (real fs, forced failure)', async () => {
    const target = path.join(dir, 'backup.age')
    await writeFile(target, 'previous')
    const failing = { ...fs, rename: () => Promise.reject(new Error('disk full')) }
    await expect(writeFileAtomic(failing, target, new Uint8Array([9]))).rejects.toThrow('disk full')
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['backup.age'])
  })

  it.each([
    ['open', 'EISDIR'],
    ['open', 'EPERM'],
    ['sync', 'EINVAL'],
    ['sync', 'EPERM'],
  ])('ignores %s of the folder failing with %s (file systems that cannot)', async (op, code) => {
    const { fs: recorded, fail } = recordingFs(dir)
    fail(op, code, '.')
    await writeFileAtomic(recorded, path.join(dir, 'a.age'), new Uint8Array([4]), {
      platform: 'linux',
    })
    expect([...(await readFile(path.join(dir, 'a.age')))]).toEqual([4])
  })

  it('reports any other failure to flush the folder', async () => {
    const { fs: recorded, fail } = recordingFs(dir)
    fail('sync', 'EIO', '.')
    await expect(
      writeFileAtomic(recorded, path.join(dir, 'a.age'), new Uint8Array([4]), {
        platform: 'linux',
      }),
    ).rejects.toMatchObject({ code: 'EIO' })
  })

  it.each(['EINVAL', 'EPERM'])('never ignores %s from flushing the file itself', async (code) => {
    const target = path.join(dir, 'a.age')
    await writeFile(target, 'previous')
    const { fs: recorded, fail } = recordingFs(dir)
    fail('sync', code, 'TEMP')
    await expect(
      writeFileAtomic(recorded, target, new Uint8Array([4]), { platform: 'linux' }),
    ).rejects.toMatchObject({ code })
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['a.age'])
  })

  it('syncDirectory closes the folder even when the sync fails', async () => {
    const { fs: recorded, calls, fail } = recordingFs(dir)
    fail('sync', 'EINVAL', '.')
    await syncDirectory(recorded, dir, 'darwin')
    expect(calls).toEqual([
      ['open', '.', 'r'],
      ['sync', '.'],
      ['close', '.'],
    ])
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
    await expect(readFileLimited(fs, dir, 10)).rejects.toBeInstanceOf(NotAFileError)
  })
  posixOnly('follows a symlink only when asked to allow it', async () => {
    const file = path.join(dir, 'real.age')
    const link = path.join(dir, 'link.age')
    await writeFile(file, 'x')
    await symlink(file, link)
    await expect(readFileLimited(fs, link, 10)).resolves.toHaveLength(1)
    await expect(readFileLimited(fs, link, 10, { noSymlinks: true })).rejects.toBeInstanceOf(
      NotAFileError,
    )
  })
})

describe('withExtension', () => {
  it('adds the expected extension once', () => {
    expect(withExtension('/home/t/backup', 'age')).toBe('/home/t/backup.age')
    expect(withExtension('/home/t/backup.AGE', 'age')).toBe('/home/t/backup.AGE')
    expect(withExtension('/home/t/backup.pdf', 'age')).toBe('/home/t/backup.pdf.age')
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
