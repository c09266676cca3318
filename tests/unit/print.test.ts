import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Dialog } from 'electron'
import {
  PrintFailedError,
  printDialog,
  printToPdf,
  type PrintableContents,
} from '../../src/main/print'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-print-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const NOW = new Date(2026, 10, 27, 14, 30, 0)

function contents(result: { success: boolean; failureReason?: string } = { success: true }) {
  return {
    print: vi.fn((_options, callback: (success: boolean, reason: string) => void) =>
      callback(result.success, result.failureReason ?? ''),
    ),
    printToPDF: vi.fn(async () => new Uint8Array(Buffer.from('%PDF-1.7 page'))),
  } satisfies PrintableContents
}

function deps(choice: { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn(async () => ({ filePath: '', ...choice }))
  return {
    deps: {
      dialog: { showSaveDialog } as unknown as Pick<Dialog, 'showSaveDialog'>,
      fs,
      defaultDirectory: () => dir,
      now: () => NOW,
      platform: process.platform,
    },
    showSaveDialog,
  }
}

describe('printDialog', () => {
  it('shows the OS dialog and reports printed', async () => {
    const page = contents()
    await expect(printDialog(page)).resolves.toEqual({ status: 'printed' })
    expect(page.print.mock.calls[0]?.[0]).toEqual({ silent: false, printBackground: true })
  })
  it('reports a cancelled dialog as cancelled', async () => {
    await expect(
      printDialog(contents({ success: false, failureReason: 'Print job canceled' })),
    ).resolves.toEqual({ status: 'cancelled' })
  })
  it('reports a failed print job as an error', async () => {
    await expect(
      printDialog(contents({ success: false, failureReason: 'Print job failed' })),
    ).rejects.toBeInstanceOf(PrintFailedError)
  })
})

describe('printToPdf', () => {
  it('renders with the CSS page size, background and the requested paper', async () => {
    const page = contents()
    const { deps: d } = deps({ canceled: true })
    await printToPdf(page, null, { document: 'prep-sheet', pageSize: 'Letter' }, d)
    expect(page.printToPDF).toHaveBeenCalledWith({
      preferCSSPageSize: true,
      printBackground: true,
      pageSize: 'Letter',
    })
  })

  it('proposes a neutral name and writes the PDF where the user chose, atomically', async () => {
    const page = contents()
    const chosen = path.join(dir, 'for supervision')
    const { deps: d, showSaveDialog } = deps({ canceled: false, filePath: chosen })
    await expect(
      printToPdf(page, null, { document: 'prep-sheet', pageSize: 'A4' }, d),
    ).resolves.toEqual({ status: 'saved', name: 'for supervision.pdf' })
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultPath: path.join(dir, 'mend-prep-sheet-2026-11-27.pdf'),
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      }),
    )
    expect(await readFile(`${chosen}.pdf`, 'utf8')).toBe('%PDF-1.7 page')
    expect(await readdir(dir)).toEqual(['for supervision.pdf'])
  })

  it('writes nothing anywhere when the dialog is cancelled', async () => {
    const { deps: d } = deps({ canceled: true })
    await expect(
      printToPdf(contents(), null, { document: 'letter', pageSize: 'A4' }, d),
    ).resolves.toEqual({ status: 'cancelled' })
    expect(await readdir(dir)).toEqual([])
  })
})
