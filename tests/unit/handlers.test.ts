import { EventEmitter } from 'node:events'
import { promises as fs } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, Dialog, WebContents } from 'electron'
import { BackupFolder } from '../../src/main/backup-folder'
import { CloseGuard } from '../../src/main/close-guard'
import { registerIpcHandlers, type HandlerDeps } from '../../src/main/ipc/handlers'
import { createExternalLinkOpener } from '../../src/main/security/external-links'
import { JsonFile } from '../../src/main/settings'
import { HeadMirror } from '../../src/main/vault/head-mirror'
import { UnlockGate } from '../../src/main/vault/unlock-gate'
import { Channels } from '../../src/shared/ipc'

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>

let dir: string
let documents: string
let userData: string
let folder: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-ipc-'))
  documents = path.join(dir, 'Documents')
  userData = path.join(dir, 'userData')
  folder = path.join(dir, 'Backups')
  for (const d of [documents, userData, folder]) await mkdir(d)
})
afterEach(() => rm(dir, { recursive: true, force: true }))

// 27 November 2026, 14:30:05 local time.
const NOW = new Date(2026, 10, 27, 14, 30, 5)
const APP = 'app://mend/index.html'
const VAULT = '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f'

class FakeSender extends EventEmitter {
  constructor(readonly id: number) {
    super()
  }
  print = vi.fn((_options: unknown, callback: (ok: boolean, reason: string) => void) =>
    callback(true, ''),
  )
  printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7'))
}

async function setup(overrides: Partial<HandlerDeps> = {}) {
  const handlers = new Map<string, Listener>()
  const window = {} as BrowserWindow
  const showMessageBox = vi.fn(async () => ({ response: 0, checkboxChecked: false }))
  const shellOpen = vi.fn(async () => {})
  const dialog = {
    showSaveDialog: vi.fn(async (_win: unknown, options: { defaultPath: string }) => ({
      canceled: false,
      filePath: options.defaultPath,
    })),
    showOpenDialog: vi.fn(async () => ({
      canceled: false,
      filePaths: [path.join(documents, 'in.age')],
    })),
  }
  const backupFolder = new BackupFolder({
    fs,
    configFile: JsonFile.in(fs, userData, 'backup-folder.json'),
    homeDir: dir,
  })
  const deps: HandlerDeps = {
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener as Listener) },
    dialog: dialog as unknown as HandlerDeps['dialog'],
    fs,
    platform: process.platform,
    now: () => NOW,
    windowFor: () => window,
    openExternal: createExternalLinkOpener({
      dialog: { showMessageBox } as unknown as Pick<Dialog, 'showMessageBox'>,
      open: shellOpen,
    }),
    info: () => ({
      name: 'Mend',
      version: '0.1.0',
      platform: 'linux',
      electron: '40',
      chrome: '144',
      contentProtectionSupported: false,
    }),
    getContentProtection: () => false,
    setContentProtection: vi.fn(() => false),
    defaultDirectory: () => documents,
    clipboard: {
      copy: vi.fn((_text: string, s: number) => ({
        status: 'copied' as const,
        clearsAfterSeconds: s,
      })),
    },
    unlockGate: await UnlockGate.open({
      file: JsonFile.in(fs, userData, 'unlock-gate.json'),
      now: () => NOW.getTime(),
    }),
    headMirror: new HeadMirror(JsonFile.in(fs, userData, 'audit-heads.json')),
    backupFolder,
    closeGuard: new CloseGuard(),
    log: vi.fn(),
    ...overrides,
  }
  const registered = registerIpcHandlers(deps)
  const sender = new FakeSender(1)
  const callFrom =
    (from: FakeSender, url = APP) =>
    (channel: string, ...args: unknown[]) => {
      const handler = handlers.get(channel)
      if (!handler) throw new Error(`no handler for ${channel}`)
      return handler(
        { senderFrame: { url, parent: null }, sender: from as unknown as WebContents },
        ...args,
      )
    }
  return {
    deps,
    dialog,
    handlers,
    window,
    sender,
    registered,
    showMessageBox,
    shellOpen,
    call: callFrom(sender),
    callFrom,
    useBackupFolder: () => backupFolder.set(folder),
  }
}

/** A backup write begun in Documents with one byte written (its temp file there); its handle. */
async function begin(call: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const begun = (await call(Channels.files.beginWrite, {
    kind: 'backup',
    document: 'backup',
    destination: 'choose',
  })) as { handle: string }
  await call(Channels.files.writeChunk, begun.handle, new Uint8Array([1]))
  expect(await readdir(documents)).toHaveLength(1)
  return begun.handle
}

const allChannels = (tree: object): string[] =>
  Object.values(tree).flatMap((value) =>
    typeof value === 'string' ? [value] : allChannels(value as object),
  )

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  )

/** Channels main sends on (the renderer listens); nothing handles them in main. */
const MAIN_TO_RENDERER = new Set<string>([
  Channels.power.lock,
  Channels.commands.walkout,
  Channels.app.closing,
])

describe('IPC handlers: registration', () => {
  it('registers every channel of the contract but the main -> renderer events, each once', async () => {
    const { handlers } = await setup()
    const expected = allChannels(Channels).filter((channel) => !MAIN_TO_RENDERER.has(channel))
    expect([...handlers.keys()].sort()).toEqual(expected.sort())
    expect(handlers.size).toBe(27)
  })

  it.each(allChannels(Channels).filter((channel) => !MAIN_TO_RENDERER.has(channel)))(
    '%s refuses a page that is not Mend',
    async (channel) => {
      const { callFrom, dialog } = await setup()
      const error = await errorOf(callFrom(new FakeSender(9), 'https://evil.org/')(channel))
      expect(error?.message).toMatch(/did not come from Mend/)
      expect(dialog.showSaveDialog).not.toHaveBeenCalled()
      expect(dialog.showOpenDialog).not.toHaveBeenCalled()
    },
  )
})

describe('files.save / files.open', () => {
  it('proposes a neutral name built by main and saves there', async () => {
    const { call, dialog, window } = await setup()
    await expect(
      call(Channels.files.save, {
        kind: 'backup',
        document: 'backup',
        data: new Uint8Array([7, 8]),
      }),
    ).resolves.toEqual({ status: 'saved', name: 'mend-backup-2026-11-27.age' })
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(window, {
      title: 'Save',
      defaultPath: path.join(documents, 'mend-backup-2026-11-27.age'),
      filters: [{ name: 'Mend encrypted backup (age)', extensions: ['age'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    })
    expect([...(await readFile(path.join(documents, 'mend-backup-2026-11-27.age')))]).toEqual([
      7, 8,
    ])
  })

  it('adds the extension and asks again before replacing a file the extension points at', async () => {
    await writeFile(path.join(documents, 'backup.age'), 'earlier backup')
    const showSaveDialog = vi
      .fn()
      .mockResolvedValueOnce({ canceled: false, filePath: path.join(documents, 'backup') })
      .mockResolvedValueOnce({ canceled: true, filePath: '' })
    const { call } = await setup({
      dialog: { showSaveDialog, showOpenDialog: vi.fn() } as unknown as HandlerDeps['dialog'],
    })
    await expect(
      call(Channels.files.save, { kind: 'backup', document: 'backup', data: new Uint8Array([1]) }),
    ).resolves.toEqual({ status: 'cancelled' })
    expect(showSaveDialog.mock.calls[1]?.[1]).toMatchObject({
      defaultPath: path.join(documents, 'backup.age'),
    })
    expect(await readFile(path.join(documents, 'backup.age'), 'utf8')).toBe('earlier backup')
  })

  it('writes nothing when the user cancels', async () => {
    const { call } = await setup({
      dialog: {
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
        showOpenDialog: vi.fn(),
      } as unknown as HandlerDeps['dialog'],
    })
    await expect(
      call(Channels.files.save, { kind: 'pdf', document: 'letter', data: new Uint8Array([1]) }),
    ).resolves.toEqual({ status: 'cancelled' })
    expect(await readdir(documents)).toEqual([])
  })

  it.each([
    [
      'a proposed file name',
      {
        kind: 'backup',
        document: 'backup',
        data: new Uint8Array(1),
        suggestedName: 'jane-doe.age',
      },
    ],
    [
      'a document word not in the list',
      { kind: 'backup', document: 'jane-doe', data: new Uint8Array(1) },
    ],
    ['an unknown kind', { kind: 'exe', document: 'backup', data: new Uint8Array(1) }],
    ['text instead of bytes', { kind: 'backup', document: 'backup', data: 'hello' }],
  ])('refuses %s and shows no dialog', async (_name, request) => {
    const { call, dialog } = await setup()
    await expect(call(Channels.files.save, request)).rejects.toThrow(/not valid/)
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('opens the file the user picked, from the kind’s filter', async () => {
    await writeFile(path.join(documents, 'in.age'), Buffer.from([1, 2, 3]))
    const { call, dialog } = await setup()
    const result = (await call(Channels.files.open, { kind: 'backup' })) as {
      status: string
      name: string
      data: Uint8Array
    }
    expect(result.status).toBe('opened')
    expect(result.name).toBe('in.age')
    expect([...result.data]).toEqual([1, 2, 3])
    expect(dialog.showOpenDialog.mock.calls[0]).toContainEqual(
      expect.objectContaining({
        filters: [{ name: 'Mend encrypted backup (age)', extensions: ['age'] }],
        properties: ['openFile', 'dontAddToRecent'],
      }),
    )
  })

  it('lets no file-system error reach the renderer with a path in it', async () => {
    const missing = path.join(dir, 'no-such-folder', 'x.age')
    const { call } = await setup({
      dialog: {
        showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: missing })),
        showOpenDialog: vi.fn(),
      } as unknown as HandlerDeps['dialog'],
    })
    const error = await errorOf(
      call(Channels.files.save, { kind: 'backup', document: 'backup', data: new Uint8Array(1) }),
    )
    expect(error?.message).toBe('That file or folder is no longer there.')
    expect(error?.message).not.toContain(dir)
  })
})

describe('files: streamed writes', () => {
  it('begins with a dialog, streams, commits and reads back', async () => {
    const { call, dialog } = await setup()
    const begun = (await call(Channels.files.beginWrite, {
      kind: 'backup',
      document: 'backup',
      destination: 'choose',
    })) as { status: 'ready'; handle: string }
    expect(begun.status).toBe('ready')
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      defaultPath: path.join(documents, 'mend-backup-2026-11-27.age'),
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    })
    await call(Channels.files.writeChunk, begun.handle, new Uint8Array([1, 2]))
    await call(Channels.files.writeChunk, begun.handle, new Uint8Array([3]))
    await expect(call(Channels.files.readBack, begun.handle)).rejects.toThrow(/not been saved/)
    await expect(call(Channels.files.commit, begun.handle)).resolves.toEqual({
      status: 'saved',
      name: 'mend-backup-2026-11-27.age',
    })
    expect([...((await call(Channels.files.readBack, begun.handle)) as Uint8Array)]).toEqual([
      1, 2, 3,
    ])
    await expect(
      call(Channels.files.writeChunk, begun.handle, new Uint8Array([4])),
    ).rejects.toThrow(/already finished/)
  })

  it('reports a cancelled dialog and opens nothing', async () => {
    const { call } = await setup({
      dialog: {
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
        showOpenDialog: vi.fn(),
      } as unknown as HandlerDeps['dialog'],
    })
    await expect(
      call(Channels.files.beginWrite, {
        kind: 'backup',
        document: 'backup',
        destination: 'choose',
      }),
    ).resolves.toEqual({ status: 'cancelled' })
    expect(await readdir(documents)).toEqual([])
  })

  it('says no-folder when no backup folder is set', async () => {
    const { call, dialog } = await setup()
    await expect(
      call(Channels.files.beginWrite, {
        kind: 'backup',
        document: 'backup',
        destination: 'backup-folder',
      }),
    ).resolves.toEqual({ status: 'no-folder' })
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('writes to the backup folder under the automatic name, without a dialog', async () => {
    const { call, dialog, useBackupFolder } = await setup()
    await useBackupFolder()
    const begun = (await call(Channels.files.beginWrite, {
      kind: 'backup',
      document: 'backup',
      destination: 'backup-folder',
    })) as { handle: string }
    await call(Channels.files.writeChunk, begun.handle, new Uint8Array([5]))
    await expect(call(Channels.files.commit, begun.handle)).resolves.toEqual({
      status: 'saved',
      name: 'mend-backup-2026-11-27-143005.age',
    })
    expect(await readdir(folder)).toEqual(['mend-backup-2026-11-27-143005.age'])
    expect(dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it.each([
    ['a handle main never issued', ['0123456789abcdef0123456789abcdef'], /does not know/],
    ['a path instead of a handle', ['../../etc/passwd'], /not valid/],
    ['no handle', [], /not valid/],
  ])('refuses %s', async (_name, args, message) => {
    const { call } = await setup()
    for (const channel of [Channels.files.commit, Channels.files.abort, Channels.files.readBack])
      await expect(call(channel, ...args)).rejects.toThrow(message)
  })

  it('refuses a chunk over the chunk limit', async () => {
    const { call } = await setup()
    const begun = (await call(Channels.files.beginWrite, {
      kind: 'backup',
      document: 'backup',
      destination: 'choose',
    })) as { handle: string }
    await expect(
      call(Channels.files.writeChunk, begun.handle, new Uint8Array(16 * 1024 * 1024 + 1)),
    ).rejects.toThrow(/not valid/)
  })

  it('does not let another window use a handle', async () => {
    const { call, callFrom } = await setup()
    const begun = (await call(Channels.files.beginWrite, {
      kind: 'backup',
      document: 'backup',
      destination: 'choose',
    })) as { handle: string }
    const other = callFrom(new FakeSender(2))
    await expect(other(Channels.files.writeChunk, begun.handle, new Uint8Array(1))).rejects.toThrow(
      /does not know/,
    )
    await expect(other(Channels.files.commit, begun.handle)).rejects.toThrow(/does not know/)
  })

  it('aborts the writes of a window that closes (temp files removed)', async () => {
    const { call, sender, registered } = await setup()
    await begin(call)
    sender.emit('destroyed')
    await vi.waitFor(async () => expect(await readdir(documents)).toEqual([]))
    expect(registered.writes.openCount()).toBe(0)
  })
})

describe('writes of a page that went away', () => {
  for (const event of ['did-navigate', 'render-process-gone'] as const) {
    it(`'${event}' (a reload, another page, a crashed renderer): its temp files are removed`, async () => {
      const { call, sender, registered } = await setup()
      const handle = await begin(call)
      sender.emit(event, {})
      await vi.waitFor(async () => expect(await readdir(documents)).toEqual([]))
      expect(registered.writes.openCount()).toBe(0)
      await expect(call(Channels.files.commit, handle)).rejects.toThrow()
    })
  }

  it('a route change inside the page keeps its write; another page reloading takes only its own', async () => {
    const { call, callFrom, sender, registered } = await setup()
    const handle = await begin(call)
    const other = new FakeSender(2)
    await callFrom(other)(Channels.files.beginWrite, {
      kind: 'backup',
      document: 'backup',
      destination: 'choose',
    })
    sender.emit('did-navigate-in-page', {})
    other.emit('did-navigate', {})
    await vi.waitFor(() => expect(registered.writes.openCount()).toBe(1))
    await call(Channels.files.commit, handle)
    expect(await readdir(documents)).toEqual(['mend-backup-2026-11-27.age'])
  })
})

describe('print', () => {
  it('prints through the OS dialog', async () => {
    const { call, sender } = await setup()
    await expect(call(Channels.print.dialog)).resolves.toEqual({ status: 'printed' })
    expect(sender.print).toHaveBeenCalled()
  })

  it('renders a PDF at the requested size and saves it under a neutral name', async () => {
    const { call, sender } = await setup()
    await expect(
      call(Channels.print.toPdf, { document: 'prep-sheet', pageSize: 'Letter' }),
    ).resolves.toEqual({ status: 'saved', name: 'mend-prep-sheet-2026-11-27.pdf' })
    expect(sender.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'Letter' }))
    expect(await readFile(path.join(documents, 'mend-prep-sheet-2026-11-27.pdf'), 'utf8')).toBe(
      '%PDF-1.7',
    )
  })

  it.each([
    [{ suggestedName: 'jane-doe.pdf' }],
    [{ document: 'prep-sheet', pageSize: 'Legal' }],
    [{ document: 'prep-sheet', pageSize: 'A4', path: '/tmp/x.pdf' }],
  ])('refuses %j without rendering', async (request) => {
    const { call, sender } = await setup()
    await expect(call(Channels.print.toPdf, request)).rejects.toThrow(/not valid/)
    expect(sender.printToPDF).not.toHaveBeenCalled()
  })
})

describe('clipboard', () => {
  it('copies through main with the clear time', async () => {
    const { call, deps } = await setup()
    await expect(call(Channels.clipboard.copy, 'RECOVERY', 30)).resolves.toEqual({
      status: 'copied',
      clearsAfterSeconds: 30,
    })
    expect(deps.clipboard.copy).toHaveBeenCalledWith('RECOVERY', 30)
  })
  it.each([
    ['too much text', ['x'.repeat(20_001), 30]],
    ['too short a clear time', ['x', 5]],
    ['too long a clear time', ['x', 601]],
    ['no clear time', ['x']],
  ])('refuses %s', async (_name, args) => {
    const { call, deps } = await setup()
    await expect(call(Channels.clipboard.copy, ...args)).rejects.toThrow(/not valid/)
    expect(deps.clipboard.copy).not.toHaveBeenCalled()
  })
})

describe('vault', () => {
  it('throttles unlock attempts in main', async () => {
    const { call } = await setup()
    await expect(call(Channels.vault.gateCheck)).resolves.toEqual({ waitMs: 0 })
    for (let i = 0; i < 3; i++) await call(Channels.vault.gateFailed)
    await expect(call(Channels.vault.gateFailed)).resolves.toEqual({ waitMs: 5000 })
    await expect(call(Channels.vault.gateCheck)).resolves.toEqual({ waitMs: 5000 })
    await expect(call(Channels.vault.gateSucceeded)).resolves.toEqual({ failedSinceLast: 4 })
    await expect(call(Channels.vault.gateCheck)).resolves.toEqual({ waitMs: 0 })
  })

  it('refuses arguments to the gate', async () => {
    const { call } = await setup()
    await expect(call(Channels.vault.gateSucceeded, { failures: 0 })).rejects.toThrow(/not valid/)
  })

  it('mirrors the audit head', async () => {
    const { call } = await setup()
    await expect(call(Channels.vault.headMirrorRead, VAULT)).resolves.toBeNull()
    await call(Channels.vault.headMirrorWrite, { vaultId: VAULT, seq: 7, hash: 'c'.repeat(64) })
    await expect(call(Channels.vault.headMirrorRead, VAULT)).resolves.toEqual({
      seq: 7,
      hash: 'c'.repeat(64),
    })
  })

  it.each([
    [Channels.vault.headMirrorRead, ['../../etc/passwd']],
    [Channels.vault.headMirrorRead, ['not-a-uuid']],
    [Channels.vault.headMirrorWrite, [{ vaultId: VAULT, seq: -1, hash: 'c'.repeat(64) }]],
    [Channels.vault.headMirrorWrite, [{ vaultId: VAULT, seq: 1, hash: 'C'.repeat(64) }]],
    [Channels.vault.headMirrorWrite, [{ vaultId: '../x', seq: 1, hash: 'c'.repeat(64) }]],
  ])('%s refuses %j', async (channel, args) => {
    const { call } = await setup()
    await expect(call(channel, ...args)).rejects.toThrow(/not valid/)
    expect(await readdir(userData)).toEqual([])
  })
})

describe('backupFolder', () => {
  it('chooses a folder in a main-process dialog and keeps its path in main', async () => {
    const { call, deps } = await setup({
      dialog: {
        showSaveDialog: vi.fn(),
        showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [folder] })),
      } as unknown as HandlerDeps['dialog'],
    })
    await expect(call(Channels.backupFolder.status)).resolves.toEqual({ configured: false })
    await expect(call(Channels.backupFolder.choose)).resolves.toEqual({
      status: 'chosen',
      label: `~${path.sep}Backups`,
    })
    expect((vi.mocked(deps.dialog.showOpenDialog).mock.calls[0] as unknown[])[1]).toMatchObject({
      properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
    })
    await expect(call(Channels.backupFolder.status)).resolves.toEqual({
      configured: true,
      label: `~${path.sep}Backups`,
    })
    expect(JSON.parse(await readFile(path.join(userData, 'backup-folder.json'), 'utf8'))).toEqual({
      path: folder,
    })
  })

  it('keeps the previous folder when the dialog is cancelled', async () => {
    const { call } = await setup({
      dialog: {
        showSaveDialog: vi.fn(),
        showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      } as unknown as HandlerDeps['dialog'],
    })
    await expect(call(Channels.backupFolder.choose)).resolves.toEqual({ status: 'cancelled' })
    await expect(call(Channels.backupFolder.status)).resolves.toEqual({ configured: false })
  })

  it('lists, reads, keeps the key and prunes through IPC', async () => {
    const { call, useBackupFolder } = await setup()
    await useBackupFolder()
    const names = [
      'mend-backup-2026-11-25-080000.age',
      'mend-backup-2026-11-26-080000.age',
      'mend-backup-2026-11-27-080000.age',
    ]
    for (const name of names) await writeFile(path.join(folder, name), name)
    await writeFile(path.join(folder, 'holiday.jpg'), 'x')
    const listed = (await call(Channels.backupFolder.list)) as { name: string }[]
    expect(listed.map((file) => file.name)).toEqual([...names].reverse())
    expect(
      new TextDecoder().decode((await call(Channels.backupFolder.read, names[0])) as Uint8Array),
    ).toBe(names[0])
    await expect(call(Channels.backupFolder.writeKey, new Uint8Array([1]), false)).resolves.toEqual(
      {
        status: 'written',
      },
    )
    await expect(call(Channels.backupFolder.writeKey, new Uint8Array([2]), false)).resolves.toEqual(
      {
        status: 'exists',
      },
    )
    expect([...((await call(Channels.backupFolder.readKey)) as Uint8Array)]).toEqual([1])
    await expect(
      call(Channels.backupFolder.prune, { keep: 1, remove: names.slice(1) }),
    ).resolves.toEqual({ removed: [names[1]] })
    expect((await readdir(folder)).sort()).toEqual(
      ['backup-key.age', 'holiday.jpg', names[0], names[2]].sort(),
    )
  })

  it.each([
    '../../etc/passwd',
    '..\\..\\Windows\\win.ini',
    'C:\\x',
    '/etc/passwd',
    '/home/someone/mend-backup-2026-11-27-080000.age',
    'backup-key.age',
    'holiday.jpg',
    'mend-backup-2026-11-27-080000.age/../../x',
  ])('read(%j) is refused before anything is read', async (name) => {
    const { call, useBackupFolder, deps } = await setup()
    await useBackupFolder()
    await expect(call(Channels.backupFolder.read, name)).rejects.toThrow(/not valid/)
    expect(deps.log).toHaveBeenCalledWith(
      `IPC ${Channels.backupFolder.read} refused: invalid-arguments`,
    )
  })

  it.each([
    [{ keep: 0, protect: [] }],
    [{ keep: 1, protect: ['../x'] }],
    [{ keep: 1.5, protect: [] }],
    [{ keep: 1, protect: [], folder: '/tmp' }],
  ])('prune refuses %j', async (request) => {
    const { call } = await setup()
    await expect(call(Channels.backupFolder.prune, request)).rejects.toThrow(/not valid/)
  })

  it('says plainly when there is no folder for the key', async () => {
    const { call } = await setup()
    await expect(call(Channels.backupFolder.readKey)).rejects.toThrow(
      'No backup folder is set, or it cannot be reached.',
    )
  })
})

describe('app', () => {
  it('opens an external link once the practitioner confirms it, in a sheet of the window', async () => {
    const { call, showMessageBox, shellOpen, window } = await setup()
    await expect(call(Channels.app.openExternal, 'https://988lifeline.org/')).resolves.toBe(true)
    expect(showMessageBox).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ detail: 'https://988lifeline.org/' }),
    )
    expect(shellOpen).toHaveBeenCalledWith('https://988lifeline.org/')
  })

  it('does not open it when the practitioner cancels', async () => {
    const { call, showMessageBox, shellOpen } = await setup()
    showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    await expect(call(Channels.app.openExternal, 'https://988lifeline.org/')).resolves.toBe(false)
    expect(shellOpen).not.toHaveBeenCalled()
  })

  it.each([
    'http://localhost:8080/',
    'http://127.0.0.1/',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ])('never asks about %s and never opens it', async (url) => {
    const { call, showMessageBox, shellOpen } = await setup()
    await expect(call(Channels.app.openExternal, url)).resolves.toBe(false)
    expect(showMessageBox).not.toHaveBeenCalled()
    expect(shellOpen).not.toHaveBeenCalled()
  })

  it('reports app info with the content protection state', async () => {
    const { call } = await setup()
    await expect(call(Channels.app.info)).resolves.toMatchObject({
      name: 'Mend',
      contentProtection: false,
    })
  })

  it('toggles content protection with a boolean only', async () => {
    const { call, deps } = await setup()
    await call(Channels.app.setContentProtection, true)
    expect(deps.setContentProtection).toHaveBeenCalledWith(true)
    await expect(call(Channels.app.setContentProtection, 'yes')).rejects.toThrow(/not valid/)
  })

  it('a close reply reaches the guard with the sender and token; anything else is refused', async () => {
    const reply = vi.fn(() => true)
    const { call, callFrom } = await setup({ closeGuard: { reply } })
    const token = 'ab'.repeat(16)
    await expect(call(Channels.app.closeReply, token, 'working')).resolves.toBe(true)
    expect(reply).toHaveBeenCalledWith(1, token, 'working')
    await callFrom(new FakeSender(4))(Channels.app.closeReply, token, 'done')
    expect(reply).toHaveBeenLastCalledWith(4, token, 'done')
    for (const args of [
      [token, 'later'],
      ['not-a-token', 'done'],
      [token.toUpperCase(), 'done'],
      [token],
    ])
      await expect(call(Channels.app.closeReply, ...args)).rejects.toThrow(/not valid/)
    expect(reply).toHaveBeenCalledTimes(2)
  })
})
