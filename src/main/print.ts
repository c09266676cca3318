import path from 'node:path'
import type { BrowserWindow, WebContentsPrintOptions, PrintToPDFOptions } from 'electron'
import type { PrintDialogResult, PrintToPdfRequest, PrintToPdfResult } from '../shared/ipc'
import { PublicError } from './errors'
import { writeFileAtomic, type FsLike } from './ipc/files'
import { chooseSavePath, type SaveDialogDeps } from './ipc/save-dialog'

export class PrintFailedError extends PublicError {
  constructor() {
    super('Printing did not work. Check the printer and try again.')
    this.name = 'PrintFailedError'
  }
}

/** The slice of WebContents printing needs. */
export interface PrintableContents {
  print(
    options: WebContentsPrintOptions,
    callback: (success: boolean, failureReason: string) => void,
  ): void
  printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>
}

/** The OS print dialog for the page. Cancelling is not an error; a failed print job is. */
export function printDialog(contents: PrintableContents): Promise<PrintDialogResult> {
  return new Promise((resolve, reject) => {
    contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      if (success) resolve({ status: 'printed' })
      else if (/cancel/i.test(failureReason ?? '')) resolve({ status: 'cancelled' })
      else reject(new PrintFailedError())
    })
  })
}

export interface PrintToPdfDeps extends SaveDialogDeps {
  fs: FsLike
  platform?: NodeJS.Platform
}

/**
 * Renders the page to PDF first (so the PDF is the page as it was when asked, even if the vault
 * locks while the dialog is open), then asks where to save it under a neutral name and writes it
 * atomically there. Cancelling writes nothing anywhere.
 */
export async function printToPdf(
  contents: PrintableContents,
  win: BrowserWindow | null,
  request: PrintToPdfRequest,
  deps: PrintToPdfDeps,
): Promise<PrintToPdfResult> {
  const pdf = await contents.printToPDF({
    preferCSSPageSize: true,
    printBackground: true,
    pageSize: request.pageSize,
  })
  const target = await chooseSavePath(deps, win, {
    kind: 'pdf',
    document: request.document,
    title: 'Save PDF',
  })
  if (!target) return { status: 'cancelled' }
  await writeFileAtomic(deps.fs, target, new Uint8Array(pdf), { platform: deps.platform })
  return { status: 'saved', name: path.basename(target) }
}
