import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileTooLargeError } from '../../src/main/ipc/files'
import {
  TooManyWritesError,
  UnknownWriteError,
  WriteFinishedError,
  WriteNotCommittedError,
  WriteSessions,
  type WritePlace,
} from '../../src/main/ipc/write-sessions'
import { READ_BACK_WINDOW_MS } from '../../src/shared/ipc'
import { recordingFs } from './helpers/recording-fs'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-writes-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const WINDOW = 1
const OTHER_WINDOW = 2

function setup(options: { maxBytes?: number; fsOverride?: typeof fs } = {}) {
  let clock = 1_000_000
  const sessions = new WriteSessions({
    fs: options.fsOverride ?? fs,
    platform: 'linux',
    maxBytes: options.maxBytes ?? 1024,
    now: () => clock,
  })
  return {
    sessions,
    advance: (ms: number) => {
      clock += ms
    },
  }
}

const target = (name = 'mend-backup-2026-11-27.age'): WritePlace => ({
  kind: 'target',
  target: path.join(dir, name),
})
const bytes = (...values: number[]) => new Uint8Array(values)

describe('WriteSessions', () => {
  it('streams chunks into a temp file and renames it into place on commit', async () => {
    const { sessions } = setup()
    const handle = await sessions.begin(WINDOW, target())
    expect(handle).toMatch(/^[0-9a-f]{32}$/)
    await sessions.write(WINDOW, handle, bytes(1, 2))
    await sessions.write(WINDOW, handle, bytes(3))
    // Before commit the destination does not exist; only a hidden temp does.
    const during = await readdir(dir)
    expect(during).toHaveLength(1)
    expect(during[0]).toMatch(/^\.mend-[0-9a-f]{16}\.tmp$/)
    await expect(sessions.commit(WINDOW, handle)).resolves.toEqual({
      name: 'mend-backup-2026-11-27.age',
    })
    expect(await readdir(dir)).toEqual(['mend-backup-2026-11-27.age'])
    expect([...(await readFile(path.join(dir, 'mend-backup-2026-11-27.age')))]).toEqual([1, 2, 3])
  })

  it('flushes the file before the rename and the folder after it', async () => {
    const { fs: recorded, calls } = recordingFs(dir)
    const { sessions } = setup({ fsOverride: recorded as typeof fs })
    const handle = await sessions.begin(WINDOW, target('a.age'))
    await sessions.write(WINDOW, handle, bytes(1))
    await sessions.commit(WINDOW, handle)
    expect(calls).toEqual([
      ['open', 'TEMP', 'wx'],
      ['writeFile', 'TEMP'],
      ['sync', 'TEMP'],
      ['close', 'TEMP'],
      ['rename', 'TEMP', 'a.age'],
      ['open', '.', 'r'],
      ['sync', '.'],
      ['close', '.'],
    ])
  })

  it('keeps chunks in order even when the renderer does not wait between them', async () => {
    const { sessions } = setup({ maxBytes: 1 << 20 })
    const handle = await sessions.begin(WINDOW, target())
    const chunks = Array.from({ length: 20 }, (_, i) => new Uint8Array(1000).fill(i))
    await Promise.all(chunks.map((chunk) => sessions.write(WINDOW, handle, chunk)))
    await sessions.commit(WINDOW, handle)
    const written = await readFile(path.join(dir, 'mend-backup-2026-11-27.age'))
    expect(written.byteLength).toBe(20_000)
    for (let i = 0; i < 20; i++) expect(written[i * 1000]).toBe(i)
  })

  it('reads the committed file back from disk, for the read-back window only', async () => {
    const { sessions, advance } = setup()
    const handle = await sessions.begin(WINDOW, target())
    await sessions.write(WINDOW, handle, bytes(7, 8, 9))
    await sessions.commit(WINDOW, handle)
    expect([...(await sessions.readBack(WINDOW, handle))]).toEqual([7, 8, 9])
    advance(READ_BACK_WINDOW_MS - 1)
    await expect(sessions.readBack(WINDOW, handle)).resolves.toHaveLength(3)
    advance(2)
    await expect(sessions.readBack(WINDOW, handle)).rejects.toBeInstanceOf(UnknownWriteError)
  })

  it('withdraws a committed file that did not check out; never an open one, another window’s, or one replaced since', async () => {
    const { sessions, advance } = setup()
    const file = path.join(dir, 'mend-backup-2026-11-27.age')
    const committed = async () => {
      const handle = await sessions.begin(WINDOW, target())
      await sessions.write(WINDOW, handle, bytes(7, 8, 9))
      await sessions.commit(WINDOW, handle)
      return handle
    }
    // Withdrawn: the file is gone, and the write is finished.
    let handle = await committed()
    await expect(sessions.withdraw(OTHER_WINDOW, handle)).rejects.toBeInstanceOf(UnknownWriteError)
    expect(await readdir(dir)).toEqual(['mend-backup-2026-11-27.age'])
    await sessions.withdraw(WINDOW, handle)
    expect(await readdir(dir)).toEqual([])
    await expect(sessions.readBack(WINDOW, handle)).rejects.toBeInstanceOf(WriteFinishedError)
    // Replaced since it was written (another size): left alone.
    handle = await committed()
    await writeFile(file, bytes(1, 2, 3, 4))
    await sessions.withdraw(WINDOW, handle)
    expect([...(await readFile(file))]).toEqual([1, 2, 3, 4])
    // An open write is not withdrawn (abort is for that); after the window, the handle is gone.
    await rm(file)
    const open = await sessions.begin(WINDOW, target())
    await sessions.withdraw(WINDOW, open)
    expect(sessions.openCount()).toBe(1)
    await sessions.abort(WINDOW, open)
    handle = await committed()
    advance(READ_BACK_WINDOW_MS + 1)
    await expect(sessions.withdraw(WINDOW, handle)).rejects.toBeInstanceOf(UnknownWriteError)
    expect(await readdir(dir)).toEqual(['mend-backup-2026-11-27.age'])
  })

  it('refuses readBack before commit', async () => {
    const { sessions } = setup()
    const handle = await sessions.begin(WINDOW, target())
    await expect(sessions.readBack(WINDOW, handle)).rejects.toBeInstanceOf(WriteNotCommittedError)
  })

  it('refuses handles it never issued, and another window’s handles', async () => {
    const { sessions } = setup()
    const never = '0123456789abcdef0123456789abcdef'
    await expect(sessions.write(WINDOW, never, bytes(1))).rejects.toBeInstanceOf(UnknownWriteError)
    await expect(sessions.commit(WINDOW, never)).rejects.toBeInstanceOf(UnknownWriteError)
    await expect(sessions.abort(WINDOW, never)).rejects.toBeInstanceOf(UnknownWriteError)
    await expect(sessions.readBack(WINDOW, never)).rejects.toBeInstanceOf(UnknownWriteError)
    const handle = await sessions.begin(WINDOW, target())
    await expect(sessions.write(OTHER_WINDOW, handle, bytes(1))).rejects.toBeInstanceOf(
      UnknownWriteError,
    )
    await expect(sessions.commit(OTHER_WINDOW, handle)).rejects.toBeInstanceOf(UnknownWriteError)
    await expect(sessions.abort(OTHER_WINDOW, handle)).rejects.toBeInstanceOf(UnknownWriteError)
    expect(sessions.openCount()).toBe(1)
  })

  it('refuses writes and a second commit after commit', async () => {
    const { sessions } = setup()
    const handle = await sessions.begin(WINDOW, target())
    await sessions.commit(WINDOW, handle)
    await expect(sessions.write(WINDOW, handle, bytes(1))).rejects.toBeInstanceOf(
      WriteFinishedError,
    )
    await expect(sessions.commit(WINDOW, handle)).rejects.toBeInstanceOf(WriteFinishedError)
    // Abort after commit leaves the saved file alone.
    await sessions.abort(WINDOW, handle)
    expect(await readdir(dir)).toEqual(['mend-backup-2026-11-27.age'])
  })

  it('abort removes the temp file, keeps any previous file, and refuses later writes', async () => {
    await writeFile(path.join(dir, 'mend-backup-2026-11-27.age'), 'previous')
    const { sessions } = setup()
    const handle = await sessions.begin(WINDOW, target())
    await sessions.write(WINDOW, handle, bytes(1))
    await sessions.abort(WINDOW, handle)
    expect(await readdir(dir)).toEqual(['mend-backup-2026-11-27.age'])
    expect(await readFile(path.join(dir, 'mend-backup-2026-11-27.age'), 'utf8')).toBe('previous')
    await expect(sessions.write(WINDOW, handle, bytes(1))).rejects.toBeInstanceOf(
      WriteFinishedError,
    )
    await expect(sessions.commit(WINDOW, handle)).rejects.toBeInstanceOf(WriteFinishedError)
    await expect(sessions.readBack(WINDOW, handle)).rejects.toBeInstanceOf(WriteFinishedError)
  })

  it('aborts (and cleans up) a write that would pass the size limit', async () => {
    const { sessions } = setup({ maxBytes: 4 })
    const handle = await sessions.begin(WINDOW, target())
    await sessions.write(WINDOW, handle, bytes(1, 2, 3))
    await expect(sessions.write(WINDOW, handle, bytes(4, 5))).rejects.toBeInstanceOf(
      FileTooLargeError,
    )
    expect(await readdir(dir)).toEqual([])
    await expect(sessions.commit(WINDOW, handle)).rejects.toBeInstanceOf(WriteFinishedError)
  })

  it('accepts a write of exactly the size limit', async () => {
    const { sessions } = setup({ maxBytes: 4 })
    const handle = await sessions.begin(WINDOW, target())
    await sessions.write(WINDOW, handle, bytes(1, 2, 3, 4))
    await expect(sessions.commit(WINDOW, handle)).resolves.toBeTruthy()
  })

  it('removes the temp and keeps the previous file when the rename fails', async () => {
    await writeFile(path.join(dir, 'mend-backup-2026-11-27.age'), 'previous')
    const { fs: recorded, fail } = recordingFs(dir)
    fail('rename', 'EXDEV')
    const { sessions } = setup({ fsOverride: recorded as typeof fs })
    const handle = await sessions.begin(WINDOW, target())
    await sessions.write(WINDOW, handle, bytes(1))
    await expect(sessions.commit(WINDOW, handle)).rejects.toMatchObject({ code: 'EXDEV' })
    expect(await readdir(dir)).toEqual(['mend-backup-2026-11-27.age'])
    expect(await readFile(path.join(dir, 'mend-backup-2026-11-27.age'), 'utf8')).toBe('previous')
  })

  it('a folder that does not flush after the rename: not committed, and the new file taken away', async () => {
    const { fs: recorded, fail } = recordingFs(dir)
    fail('sync', 'EIO', '.')
    const { sessions } = setup({ fsOverride: recorded as typeof fs })
    const handle = await sessions.begin(WINDOW, target())
    await sessions.write(WINDOW, handle, bytes(1, 2, 3))
    await expect(sessions.commit(WINDOW, handle)).rejects.toMatchObject({ code: 'EIO' })
    expect(await readdir(dir)).toEqual([])
    await expect(sessions.readBack(WINDOW, handle)).rejects.toBeInstanceOf(WriteFinishedError)
    await expect(sessions.commit(WINDOW, handle)).rejects.toBeInstanceOf(WriteFinishedError)
  })

  it('a folder that does not flush after the new file replaced one: kept, committed (the only copy left)', async () => {
    await writeFile(path.join(dir, 'mend-backup-2026-11-27.age'), 'previous')
    const { fs: recorded, fail } = recordingFs(dir)
    fail('sync', 'EIO', '.')
    const { sessions } = setup({ fsOverride: recorded as typeof fs })
    const handle = await sessions.begin(WINDOW, target())
    await sessions.write(WINDOW, handle, bytes(1, 2, 3))
    await expect(sessions.commit(WINDOW, handle)).resolves.toEqual({
      name: 'mend-backup-2026-11-27.age',
    })
    expect([...(await sessions.readBack(WINDOW, handle))]).toEqual([1, 2, 3])
  })

  it('names a folder write at commit and never replaces an existing file', async () => {
    const { sessions } = setup()
    const place: WritePlace = {
      kind: 'folder',
      dir,
      nameAtCommit: (attempt) => `mend-backup-2026-11-27-09050${attempt}.age`,
    }
    await writeFile(path.join(dir, 'mend-backup-2026-11-27-090500.age'), 'earlier')
    const handle = await sessions.begin(WINDOW, place)
    await sessions.write(WINDOW, handle, bytes(1))
    await expect(sessions.commit(WINDOW, handle)).resolves.toEqual({
      name: 'mend-backup-2026-11-27-090501.age',
    })
    expect(await readFile(path.join(dir, 'mend-backup-2026-11-27-090500.age'), 'utf8')).toBe(
      'earlier',
    )
  })

  it('aborts every open write of a window that closed, and only that window’s', async () => {
    const { sessions } = setup()
    const mine = await sessions.begin(WINDOW, target('a.age'))
    await sessions.write(WINDOW, mine, bytes(1))
    const theirs = await sessions.begin(OTHER_WINDOW, target('b.age'))
    expect((await readdir(dir)).length).toBe(2)
    await sessions.abortOwnedBy(WINDOW)
    expect(sessions.openCount()).toBe(1)
    expect((await readdir(dir)).length).toBe(1)
    await expect(sessions.write(WINDOW, mine, bytes(1))).rejects.toBeInstanceOf(WriteFinishedError)
    await sessions.write(OTHER_WINDOW, theirs, bytes(2))
    await sessions.abortAll()
    expect(await readdir(dir)).toEqual([])
  })

  it('limits how many writes one window may keep open', async () => {
    const { sessions } = setup()
    for (let i = 0; i < 4; i++) await sessions.begin(WINDOW, target(`${i}.age`))
    await expect(sessions.begin(WINDOW, target('5.age'))).rejects.toBeInstanceOf(TooManyWritesError)
    await expect(sessions.begin(OTHER_WINDOW, target('6.age'))).resolves.toBeTruthy()
    await sessions.abortAll()
  })
})
