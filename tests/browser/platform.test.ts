import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { detectPlatform } from '../../src/renderer/src/platform'
import {
  acceptFor,
  browserClipboard,
  browserPlatform,
  downloadBytes,
} from '../../src/renderer/src/platform/browser'
import { localDateStamp } from '../../src/shared/file-names'
import type { MendBridge } from '../../src/shared/ipc'
import { MAX_DELAY_MS } from '../../src/shared/unlock-throttle'

const TODAY = localDateStamp(new Date())
const VAULT = '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f'

beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
})

/** Captures what the next downloads would save (name, type, bytes) instead of saving. */
function captureDownloads() {
  const downloads: { name: string; type: string; bytes: () => Promise<number[]> }[] = []
  let blobType = ''
  const createObjectURL = URL.createObjectURL.bind(URL)
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobType = (blob as Blob).type
    return createObjectURL(blob)
  })
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const href = this.href
    downloads.push({
      name: this.download,
      type: blobType,
      bytes: async () => [...new Uint8Array(await (await fetch(href)).arrayBuffer())],
    })
  })
  return downloads
}

function fakeBridge() {
  const fn = () => vi.fn(async () => undefined as never)
  return {
    files: {
      save: fn(),
      open: fn(),
      beginWrite: fn(),
      writeChunk: fn(),
      commit: fn(),
      abort: fn(),
      readBack: fn(),
      withdraw: fn(),
    },
    print: { dialog: fn(), toPdf: fn() },
    clipboard: { copy: fn() },
    vault: {
      gate: { check: fn(), failed: fn(), succeeded: fn() },
      headMirror: { read: fn(), write: fn() },
    },
    backupFolder: {
      choose: fn(),
      status: fn(),
      list: fn(),
      read: fn(),
      writeKey: fn(),
      readKey: fn(),
      prune: fn(),
    },
    power: { onLock: vi.fn(() => () => {}) },
    commands: { onWalkout: vi.fn(() => () => {}) },
    app: {
      info: fn(),
      openExternal: fn(),
      setContentProtection: fn(),
      onClosing: vi.fn(() => () => {}),
    },
  } satisfies MendBridge
}

describe('detectPlatform', () => {
  it('uses browser equivalents when there is no bridge', () => {
    expect(detectPlatform(window).kind).toBe('browser')
  })

  it('routes every capability to the bridge when the preload exposed window.mend', async () => {
    const bridge = fakeBridge()
    const platform = detectPlatform({ mend: bridge } as unknown as Window)
    expect(platform.kind).toBe('electron')
    const data = new Uint8Array([1])
    const head = { vaultId: VAULT, seq: 1, hash: 'a'.repeat(64) }
    await platform.files.save({ kind: 'backup', document: 'backup', data })
    await platform.files.open({ kind: 'json' })
    await platform.files.beginWrite({ kind: 'backup', document: 'backup', destination: 'choose' })
    await platform.files.writeChunk('h', data)
    await platform.files.commit('h')
    await platform.files.abort('h')
    await platform.files.readBack('h')
    await platform.files.withdraw('h')
    await platform.print.dialog()
    await platform.print.toPdf({ document: 'prep-sheet', pageSize: 'A4' })
    await platform.clipboard.copy('text', 30)
    await platform.vault.gate.check()
    await platform.vault.gate.failed()
    await platform.vault.gate.succeeded()
    await platform.vault.headMirror.read(VAULT)
    await platform.vault.headMirror.write(head)
    await platform.backupFolder.choose()
    await platform.backupFolder.status()
    await platform.backupFolder.list()
    await platform.backupFolder.read('n')
    await platform.backupFolder.writeKey(data, true)
    await platform.backupFolder.readKey()
    await platform.backupFolder.prune({ keep: 3, remove: ['p'] })
    platform.onLock(() => {})
    const onClosing = () => Promise.resolve()
    platform.onClosing(onClosing)
    await platform.info()
    await platform.openExternal('https://example.org/')
    await platform.setContentProtection(true)

    expect(bridge.files.save).toHaveBeenCalledWith({ kind: 'backup', document: 'backup', data })
    expect(bridge.files.open).toHaveBeenCalledWith({ kind: 'json' })
    expect(bridge.files.beginWrite).toHaveBeenCalledWith({
      kind: 'backup',
      document: 'backup',
      destination: 'choose',
    })
    expect(bridge.files.writeChunk).toHaveBeenCalledWith('h', data)
    for (const name of ['commit', 'abort', 'readBack', 'withdraw'] as const)
      expect(bridge.files[name]).toHaveBeenCalledWith('h')
    expect(bridge.print.dialog).toHaveBeenCalledTimes(1)
    expect(bridge.print.toPdf).toHaveBeenCalledWith({ document: 'prep-sheet', pageSize: 'A4' })
    expect(bridge.clipboard.copy).toHaveBeenCalledWith('text', 30)
    for (const name of ['check', 'failed', 'succeeded'] as const)
      expect(bridge.vault.gate[name]).toHaveBeenCalledTimes(1)
    expect(bridge.vault.headMirror.read).toHaveBeenCalledWith(VAULT)
    expect(bridge.vault.headMirror.write).toHaveBeenCalledWith(head)
    for (const name of ['choose', 'status', 'list', 'readKey'] as const)
      expect(bridge.backupFolder[name]).toHaveBeenCalledTimes(1)
    expect(bridge.backupFolder.read).toHaveBeenCalledWith('n')
    expect(bridge.backupFolder.writeKey).toHaveBeenCalledWith(data, true)
    expect(bridge.backupFolder.prune).toHaveBeenCalledWith({ keep: 3, remove: ['p'] })
    expect(bridge.power.onLock).toHaveBeenCalledTimes(1)
    expect(bridge.app.onClosing).toHaveBeenCalledWith(onClosing)
    expect(bridge.app.info).toHaveBeenCalledTimes(1)
    expect(bridge.app.openExternal).toHaveBeenCalledWith('https://example.org/')
    expect(bridge.app.setContentProtection).toHaveBeenCalledWith(true)
  })
})

describe('browser platform: files', () => {
  it('saves as a download under the neutral name, with the kind’s type and exact bytes', async () => {
    const downloads = captureDownloads()
    await expect(
      browserPlatform().files.save({
        kind: 'pdf',
        document: 'prep-sheet',
        data: new Uint8Array([1, 2, 250]),
      }),
    ).resolves.toEqual({ status: 'saved', name: `mend-prep-sheet-${TODAY}.pdf` })
    expect(downloads).toHaveLength(1)
    expect(downloads[0]?.name).toBe(`mend-prep-sheet-${TODAY}.pdf`)
    expect(downloads[0]?.type).toBe('application/pdf')
    expect(await downloads[0]?.bytes()).toEqual([1, 2, 250])
    expect(document.querySelectorAll('a[download]')).toHaveLength(0)
  })

  it('streams a backup into one download at commit and reads back the same bytes', async () => {
    const downloads = captureDownloads()
    const files = browserPlatform().files
    const begun = await files.beginWrite({
      kind: 'backup',
      document: 'backup',
      destination: 'choose',
    })
    if (begun.status !== 'ready') throw new Error('not ready')
    const chunk = new Uint8Array([1, 2])
    await files.writeChunk(begun.handle, chunk)
    chunk[0] = 99 // the caller reusing its buffer does not change what was written
    await files.writeChunk(begun.handle, new Uint8Array([3]))
    await expect(files.readBack(begun.handle)).rejects.toThrow(/not been saved/)
    expect(downloads).toHaveLength(0)
    await expect(files.commit(begun.handle)).resolves.toEqual({
      status: 'saved',
      name: `mend-backup-${TODAY}.age`,
    })
    expect(downloads.map((d) => d.name)).toEqual([`mend-backup-${TODAY}.age`])
    expect(await downloads[0]?.bytes()).toEqual([1, 2, 3])
    expect([...(await files.readBack(begun.handle))]).toEqual([1, 2, 3])
    await expect(files.writeChunk(begun.handle, new Uint8Array([4]))).rejects.toThrow(
      /already finished/,
    )
  })

  it('aborts a streamed write without downloading anything', async () => {
    const downloads = captureDownloads()
    const files = browserPlatform().files
    const begun = await files.beginWrite({
      kind: 'json',
      document: 'chart-copy',
      destination: 'choose',
    })
    if (begun.status !== 'ready') throw new Error('not ready')
    await files.writeChunk(begun.handle, new Uint8Array([1]))
    await files.abort(begun.handle)
    await expect(files.commit(begun.handle)).rejects.toThrow(/does not know/)
    expect(downloads).toHaveLength(0)
  })

  it('refuses handles it never issued', async () => {
    const files = browserPlatform().files
    await expect(files.readBack('nope')).rejects.toThrow(/does not know/)
    await expect(files.writeChunk('nope', new Uint8Array(1))).rejects.toThrow(/does not know/)
  })

  it('has no backup folder to write to', async () => {
    await expect(
      browserPlatform().files.beginWrite({
        kind: 'backup',
        document: 'backup',
        destination: 'backup-folder',
      }),
    ).resolves.toEqual({ status: 'no-folder' })
  })

  it('accepts each kind by its extension (and its MIME type when it has a real one)', () => {
    expect(acceptFor('backup')).toBe('.age')
    expect(acceptFor('pdf')).toBe('.pdf,application/pdf')
    expect(acceptFor('json')).toBe('.json,application/json')
  })

  it('opens a file the user picks through a file input', async () => {
    let accept = ''
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      accept = this.accept
      const transfer = new DataTransfer()
      transfer.items.add(new File([new Uint8Array([5, 6])], 'in.age'))
      this.files = transfer.files
      this.dispatchEvent(new Event('change'))
    })
    const result = await browserPlatform().files.open({ kind: 'backup' })
    expect(result).toEqual({ status: 'opened', name: 'in.age', data: new Uint8Array([5, 6]) })
    expect(accept).toBe('.age')
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(0)
  })

  it('reports a dismissed picker as cancelled', async () => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      this.dispatchEvent(new Event('cancel'))
    })
    await expect(browserPlatform().files.open({ kind: 'backup' })).resolves.toEqual({
      status: 'cancelled',
    })
  })

  it('downloadBytes leaves no link behind', () => {
    captureDownloads()
    downloadBytes(document, 'x.age', new Uint8Array([1]))
    expect(document.querySelectorAll('a[download]')).toHaveLength(0)
  })
})

describe('browser platform: print, clipboard, links', () => {
  it('prints through window.print', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    const platform = browserPlatform()
    await expect(platform.print.dialog()).resolves.toEqual({ status: 'printed' })
    expect(print).toHaveBeenCalledTimes(1)
  })

  it('toPdf uses the print dialog, with the neutral name as the title while it is open', async () => {
    const before = document.title
    let titleDuringPrint = ''
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      titleDuringPrint = document.title
    })
    await expect(
      browserPlatform().print.toPdf({ document: 'prep-sheet', pageSize: 'A4' }),
    ).resolves.toEqual({ status: 'saved', name: `mend-prep-sheet-${TODAY}.pdf` })
    expect(print).toHaveBeenCalledTimes(1)
    expect(titleDuringPrint).toBe(`mend-prep-sheet-${TODAY}`)
    expect(document.title).toBe(before)
  })

  it('copies with navigator.clipboard and says when it clears it; refuses bad arguments', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    await expect(browserPlatform().clipboard.copy('RECOVERY', 30)).resolves.toEqual({
      status: 'copied',
      clearsAfterSeconds: 30,
    })
    expect(writeText).toHaveBeenCalledWith('RECOVERY')
    await expect(browserPlatform().clipboard.copy('x'.repeat(20_001), 30)).rejects.toThrow(
      /not valid/,
    )
    await expect(browserPlatform().clipboard.copy('x', 5)).rejects.toThrow(/not valid/)
    expect(writeText).toHaveBeenCalledTimes(1)
  })
  it('opens only http(s) links, in a new tab without opener', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    await expect(browserPlatform().openExternal('https://988lifeline.org/')).resolves.toBe(true)
    expect(open).toHaveBeenCalledWith('https://988lifeline.org/', '_blank', 'noopener,noreferrer')
    await expect(browserPlatform().openExternal('javascript:alert(1)')).resolves.toBe(false)
    await expect(browserPlatform().openExternal('file:///etc/passwd')).resolves.toBe(false)
    expect(open).toHaveBeenCalledTimes(1)
  })
})

describe('browser platform: vault and backup folder', () => {
  it('keeps the unlock gate in localStorage, across platform instances', async () => {
    const gate = browserPlatform().vault.gate
    await expect(gate.check()).resolves.toEqual({ waitMs: 0 })
    for (let i = 0; i < 3; i++) await gate.failed()
    const fourth = await gate.failed()
    expect(fourth.waitMs).toBeGreaterThan(4000)
    expect(fourth.waitMs).toBeLessThanOrEqual(5000)
    expect((await browserPlatform().vault.gate.check()).waitMs).toBeGreaterThan(0)
    await expect(browserPlatform().vault.gate.succeeded()).resolves.toEqual({
      failedSinceLast: 4,
    })
    await expect(gate.check()).resolves.toEqual({ waitMs: 0 })
  })

  it('does not let a damaged gate entry reset the delay', async () => {
    localStorage.setItem('mend:unlock-gate', '{"failures":0')
    const { waitMs } = await browserPlatform().vault.gate.check()
    expect(waitMs).toBeGreaterThan(MAX_DELAY_MS - 1000)
  })

  it('mirrors the audit head under mend:audit-head:<vaultId>', async () => {
    const mirror = browserPlatform().vault.headMirror
    await expect(mirror.read(VAULT)).resolves.toBeNull()
    await mirror.write({ vaultId: VAULT, seq: 3, hash: 'f'.repeat(64) })
    expect(JSON.parse(localStorage.getItem(`mend:audit-head:${VAULT}`) ?? 'null')).toEqual({
      seq: 3,
      hash: 'f'.repeat(64),
    })
    await expect(mirror.read(VAULT)).resolves.toEqual({ seq: 3, hash: 'f'.repeat(64) })
    await expect(mirror.write({ vaultId: 'x', seq: 3, hash: 'f'.repeat(64) })).rejects.toThrow()
    await expect(mirror.write({ vaultId: VAULT, seq: -1, hash: 'f'.repeat(64) })).rejects.toThrow()
    // Only a head that follows the one kept moves it; a reset replaces it.
    const other = { seq: 3, hash: 'b'.repeat(64) }
    await mirror.write({ vaultId: VAULT, seq: 4, hash: 'a'.repeat(64) })
    await mirror.write({ vaultId: VAULT, seq: 4, hash: 'a'.repeat(64), after: other })
    await mirror.write({ vaultId: VAULT, seq: 2, hash: 'a'.repeat(64) })
    await expect(mirror.read(VAULT)).resolves.toEqual({ seq: 3, hash: 'f'.repeat(64) })
    const kept = { seq: 3, hash: 'f'.repeat(64) }
    await mirror.write({ vaultId: VAULT, seq: 4, hash: 'c'.repeat(64), after: kept })
    await expect(mirror.read(VAULT)).resolves.toEqual({ seq: 4, hash: 'c'.repeat(64) })
    await mirror.write({ vaultId: VAULT, seq: 2, hash: 'a'.repeat(64), reset: true })
    await expect(mirror.read(VAULT)).resolves.toEqual({ seq: 2, hash: 'a'.repeat(64) })
    localStorage.setItem(`mend:audit-head:${VAULT}`, '{')
    await expect(mirror.read(VAULT)).rejects.toThrow(/damaged/)
    // A damaged copy is replaced by the next write.
    await mirror.write({ vaultId: VAULT, seq: 1, hash: 'b'.repeat(64) })
    await expect(mirror.read(VAULT)).resolves.toEqual({ seq: 1, hash: 'b'.repeat(64) })
  })

  it('has no backup folder in the web preview', async () => {
    const folder = browserPlatform().backupFolder
    await expect(folder.status()).resolves.toEqual({ configured: false })
    await expect(folder.choose()).resolves.toEqual({ status: 'cancelled' })
    await expect(folder.list()).resolves.toEqual([])
    await expect(folder.read('mend-backup-2026-11-27-080000.age')).rejects.toThrow(/web preview/)
    await expect(folder.writeKey(new Uint8Array(1), false)).rejects.toThrow(/web preview/)
    await expect(folder.prune({ keep: 1, remove: [] })).resolves.toEqual({ removed: [] })
  })
})

/** A window whose clipboard is a string, whose read permission and focus the test decides. */
function clipboardWindow(options: { mayRead: boolean }) {
  const state = { text: '', focused: true, writes: [] as string[] }
  const focusListeners: (() => void)[] = []
  const win = {
    navigator: {
      clipboard: {
        writeText: vi.fn(async (text: string) => {
          if (!state.focused) throw new DOMException('Document is not focused.', 'NotAllowedError')
          state.text = text
          state.writes.push(text)
        }),
        readText: vi.fn(async () => state.text),
      },
      permissions: {
        query: vi.fn(async () => ({ state: options.mayRead ? 'granted' : 'prompt' })),
      },
    },
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'focus') focusListeners.push(listener)
    },
  }
  const focus = () => {
    state.focused = true
    focusListeners.splice(0).forEach((listener) => listener())
  }
  return { win: win as unknown as Window, state, focus }
}

describe('browser platform: the clipboard is cleared after the delay', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('clears it when it still holds the copied text, not before the delay', async () => {
    const { win, state } = clipboardWindow({ mayRead: true })
    const clipboard = browserClipboard(win)
    await expect(clipboard.copy('Hi Jordan', 120)).resolves.toEqual({
      status: 'copied',
      clearsAfterSeconds: 120,
    })
    expect(state.text).toBe('Hi Jordan')
    await vi.advanceTimersByTimeAsync(119_000)
    expect(state.text).toBe('Hi Jordan')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(state.text).toBe('')
    expect(state.writes).toEqual(['Hi Jordan', ''])
  })

  it('leaves what the therapist copied since alone, when it can read the clipboard', async () => {
    const { win, state } = clipboardWindow({ mayRead: true })
    await browserClipboard(win).copy('Hi Jordan', 120)
    state.text = 'something else'
    await vi.advanceTimersByTimeAsync(120_000)
    expect(state.text).toBe('something else')
  })

  it('without permission to read, it clears without looking (and never asks)', async () => {
    const { win, state } = clipboardWindow({ mayRead: false })
    await browserClipboard(win).copy('Hi Jordan', 120)
    state.text = 'something else'
    await vi.advanceTimersByTimeAsync(120_000)
    expect(state.text).toBe('')
    expect(win.navigator.clipboard.readText).not.toHaveBeenCalled()
  })

  it('in the background it cannot write: it clears when Mend has the focus again', async () => {
    const { win, state, focus } = clipboardWindow({ mayRead: true })
    await browserClipboard(win).copy('Hi Jordan', 120)
    state.focused = false
    await vi.advanceTimersByTimeAsync(120_000)
    expect(state.text).toBe('Hi Jordan')
    focus()
    await vi.advanceTimersByTimeAsync(0)
    expect(state.text).toBe('')
  })

  it('a newer copy takes over: the older one’s delay does not clear it', async () => {
    const { win, state } = clipboardWindow({ mayRead: false })
    const clipboard = browserClipboard(win)
    await clipboard.copy('first', 60)
    await vi.advanceTimersByTimeAsync(30_000)
    await clipboard.copy('second', 60)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(state.text).toBe('second')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(state.text).toBe('')
    expect(state.writes).toEqual(['first', 'second', ''])
  })
})
