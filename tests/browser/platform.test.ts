import { afterEach, describe, expect, it, vi } from 'vitest'
import { detectPlatform } from '../../src/renderer/src/platform'
import { browserPlatform, downloadBytes } from '../../src/renderer/src/platform/browser'
import type { MendBridge } from '../../src/shared/ipc'

afterEach(() => vi.restoreAllMocks())

describe('detectPlatform', () => {
  it('uses browser equivalents when there is no bridge', () => {
    expect(detectPlatform(window).kind).toBe('browser')
  })
  it('uses the bridge when the preload exposed window.mend', async () => {
    const bridge = {
      files: { save: vi.fn(async () => ({ status: 'saved' as const })), open: vi.fn() },
      print: { dialog: vi.fn(), toPdf: vi.fn() },
      power: { onLock: vi.fn(() => () => {}) },
      app: { info: vi.fn(), openExternal: vi.fn(), setContentProtection: vi.fn() },
    } satisfies MendBridge
    const fakeWindow = { mend: bridge } as unknown as Window
    const platform = detectPlatform(fakeWindow)
    expect(platform.kind).toBe('electron')
    await platform.saveFile({
      kind: 'backup',
      suggestedName: 'a.mendbackup',
      data: new Uint8Array([1]),
    })
    expect(bridge.files.save).toHaveBeenCalledWith({
      kind: 'backup',
      suggestedName: 'a.mendbackup',
      data: new Uint8Array([1]),
    })
  })
})

describe('browser platform', () => {
  it('saves a file as a Blob download with the given name and exact bytes', async () => {
    let captured: { name: string; href: string } | undefined
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      captured = { name: this.download, href: this.href }
    })
    downloadBytes(document, 'mend-backup.mendbackup', new Uint8Array([1, 2, 250]))
    expect(captured?.name).toBe('mend-backup.mendbackup')
    expect(captured?.href).toMatch(/^blob:/)
    const bytes = new Uint8Array(await (await fetch(captured!.href)).arrayBuffer())
    expect([...bytes]).toEqual([1, 2, 250])
    expect(document.querySelectorAll('a[download]')).toHaveLength(0)
  })

  it('opens a file the user picks through a file input', async () => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      const transfer = new DataTransfer()
      transfer.items.add(new File([new Uint8Array([5, 6])], 'in.mendbackup'))
      this.files = transfer.files
      this.dispatchEvent(new Event('change'))
    })
    const result = await browserPlatform().openFile({ kind: 'backup' })
    expect(result).toEqual({
      status: 'opened',
      name: 'in.mendbackup',
      data: new Uint8Array([5, 6]),
    })
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(0)
  })

  it('reports a dismissed picker as cancelled', async () => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      this.dispatchEvent(new Event('cancel'))
    })
    await expect(browserPlatform().openFile({ kind: 'backup' })).resolves.toEqual({
      status: 'cancelled',
    })
  })

  it('opens only http(s) links, in a new tab without opener', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    await expect(browserPlatform().openExternal('https://988lifeline.org/')).resolves.toBe(true)
    expect(open).toHaveBeenCalledWith('https://988lifeline.org/', '_blank', 'noopener,noreferrer')
    await expect(browserPlatform().openExternal('javascript:alert(1)')).resolves.toBe(false)
    await expect(browserPlatform().openExternal('file:///etc/passwd')).resolves.toBe(false)
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('prints through window.print', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    await browserPlatform().print()
    expect(print).toHaveBeenCalled()
  })
})
