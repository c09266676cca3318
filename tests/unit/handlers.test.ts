import { promises as fs } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebContents } from 'electron'
import { registerIpcHandlers, type HandlerDeps } from '../../src/main/ipc/handlers'
import { Channels } from '../../src/shared/ipc'

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-ipc-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

function setup(overrides: Partial<HandlerDeps> = {}) {
  const handlers = new Map<string, Listener>()
  const sender = {
    print: vi.fn(),
    printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7')),
  } as unknown as WebContents
  const deps: HandlerDeps = {
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener as Listener) },
    dialog: {
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: path.join(dir, 'chosen') })),
      showOpenDialog: vi.fn(async () => ({
        canceled: false,
        filePaths: [path.join(dir, 'in.mendbackup')],
      })),
    } as unknown as HandlerDeps['dialog'],
    fs,
    windowFor: () => null,
    openExternal: vi.fn(async () => {}),
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
    defaultDirectory: () => dir,
    log: vi.fn(),
    ...overrides,
  }
  registerIpcHandlers(deps)
  const call = (channel: string, url: string, ...args: unknown[]) =>
    handlers.get(channel)!({ senderFrame: { url, parent: null }, sender }, ...args)
  return { deps, call, sender, handlers }
}

const APP = 'app://mend/index.html'

describe('IPC handlers', () => {
  it('registers only mend: channels, each exactly once', () => {
    const { handlers } = setup()
    expect([...handlers.keys()].sort()).toEqual(
      [
        Channels.files.save,
        Channels.files.open,
        Channels.print.dialog,
        Channels.print.toPdf,
        Channels.app.info,
        Channels.app.openExternal,
        Channels.app.setContentProtection,
      ].sort(),
    )
  })

  it('saves a backup where the user chose, with its extension', async () => {
    const { call } = setup()
    await expect(
      call(Channels.files.save, APP, {
        kind: 'backup',
        suggestedName: 'mend.mendbackup',
        data: new Uint8Array([7, 8]),
      }),
    ).resolves.toEqual({ status: 'saved' })
    expect([...(await readFile(path.join(dir, 'chosen.mendbackup')))]).toEqual([7, 8])
  })

  it('asks again, with the full name, before replacing an existing file the extension points at', async () => {
    await writeFile(path.join(dir, 'backup.mendbackup'), 'earlier backup')
    const showSaveDialog = vi
      .fn()
      .mockResolvedValueOnce({ canceled: false, filePath: path.join(dir, 'backup') })
      .mockResolvedValueOnce({ canceled: true, filePath: '' })
    const { call } = setup({
      dialog: { showSaveDialog, showOpenDialog: vi.fn() } as unknown as HandlerDeps['dialog'],
    })
    await expect(
      call(Channels.files.save, APP, {
        kind: 'backup',
        suggestedName: 'mend.mendbackup',
        data: new Uint8Array([1]),
      }),
    ).resolves.toEqual({ status: 'cancelled' })
    expect(showSaveDialog).toHaveBeenCalledTimes(2)
    expect(showSaveDialog.mock.calls[1]?.[0]).toMatchObject({
      defaultPath: path.join(dir, 'backup.mendbackup'),
    })
    expect(await readFile(path.join(dir, 'backup.mendbackup'), 'utf8')).toBe('earlier backup')
  })

  it('writes nothing when the user cancels the dialog', async () => {
    const { call } = setup({
      dialog: {
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
        showOpenDialog: vi.fn(),
      } as unknown as HandlerDeps['dialog'],
    })
    await expect(
      call(Channels.files.save, APP, {
        kind: 'backup',
        suggestedName: 'mend.mendbackup',
        data: new Uint8Array([1]),
      }),
    ).resolves.toEqual({ status: 'cancelled' })
  })

  it('refuses a save from a page that is not Mend, and shows no dialog', async () => {
    const { call, deps } = setup()
    await expect(
      call(Channels.files.save, 'https://evil.org/', {
        kind: 'backup',
        suggestedName: 'x.mendbackup',
        data: new Uint8Array([1]),
      }),
    ).rejects.toThrow(/refused/)
    expect(deps.dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('refuses a save whose name tries to choose the directory', async () => {
    const { call, deps } = setup()
    await expect(
      call(Channels.files.save, APP, {
        kind: 'backup',
        suggestedName: '../../.bashrc',
        data: new Uint8Array([1]),
      }),
    ).rejects.toThrow(/not valid/)
    expect(deps.dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('opens the file the user picked', async () => {
    await writeFile(path.join(dir, 'in.mendbackup'), Buffer.from([1, 2, 3]))
    const { call } = setup()
    const result = (await call(Channels.files.open, APP, { kind: 'backup' })) as {
      status: string
      name: string
      data: Uint8Array
    }
    expect(result.status).toBe('opened')
    expect(result.name).toBe('in.mendbackup')
    expect([...result.data]).toEqual([1, 2, 3])
  })

  it('renders a PDF and saves it', async () => {
    const { call, sender } = setup()
    await expect(
      call(Channels.print.toPdf, APP, { suggestedName: 'prep-sheet.pdf' }),
    ).resolves.toEqual({ status: 'saved' })
    expect(sender.printToPDF).toHaveBeenCalled()
    expect(await readFile(path.join(dir, 'chosen.pdf'), 'utf8')).toBe('%PDF-1.7')
  })

  it.each([
    ['https://988lifeline.org/', true],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
  ])('opens %s externally: %s', async (url, opened) => {
    const { call, deps } = setup()
    await expect(call(Channels.app.openExternal, APP, url)).resolves.toBe(opened)
    expect(deps.openExternal).toHaveBeenCalledTimes(opened ? 1 : 0)
  })

  it('reports app info with the content protection state', async () => {
    const { call } = setup()
    await expect(call(Channels.app.info, APP)).resolves.toMatchObject({
      name: 'Mend',
      contentProtection: false,
    })
  })

  it('toggles content protection with a boolean only', async () => {
    const { call, deps } = setup()
    await call(Channels.app.setContentProtection, APP, true)
    expect(deps.setContentProtection).toHaveBeenCalledWith(true)
    await expect(call(Channels.app.setContentProtection, APP, 'yes')).rejects.toThrow(/not valid/)
  })
})
