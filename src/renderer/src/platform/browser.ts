import type { FileKind } from '../../../shared/ipc'
import { isHttpUrl } from './external-url'
import type { AppInfo, OpenFileResult, Platform, PrintResult } from './types'

const ACCEPT: Record<FileKind, string> = {
  backup: '.mendbackup',
  pdf: '.pdf,application/pdf',
  json: '.json,application/json',
}

/** Triggers a download of `data` as `name`, the browser's way of saving a file. */
export function downloadBytes(
  doc: Document,
  name: string,
  data: Uint8Array,
  type = 'application/octet-stream',
): void {
  const blob = new Blob([data as BlobPart], { type })
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  link.hidden = true
  doc.body.append(link)
  link.click()
  link.remove()
  // Give the download a moment to start before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Asks for one file through a hidden file input; resolves 'cancelled' if the picker is dismissed. */
export function pickFile(doc: Document, accept: string): Promise<OpenFileResult> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.hidden = true
    const done = () => input.remove()
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) return resolve({ status: 'cancelled' })
      file
        .arrayBuffer()
        .then((buffer) =>
          resolve({ status: 'opened', name: file.name, data: new Uint8Array(buffer) }),
        )
        .catch(() => reject(new Error('That file could not be read.')))
    })
    input.addEventListener('cancel', () => {
      done()
      resolve({ status: 'cancelled' })
    })
    doc.body.append(input)
    input.click()
  })
}

function printWith(win: Window): Promise<PrintResult> {
  win.print()
  // window.print() blocks until the dialog closes and cannot tell printing from cancelling.
  return Promise.resolve({ status: 'printed' })
}

/** The renderer in a plain browser (web preview and tests): browser equivalents of the bridge. */
export function browserPlatform(win: Window = window): Platform {
  const doc = win.document
  return {
    kind: 'browser',
    saveFile: (request) => {
      downloadBytes(
        doc,
        request.suggestedName,
        request.data,
        request.kind === 'pdf' ? 'application/pdf' : 'application/octet-stream',
      )
      return Promise.resolve({ status: 'saved' })
    },
    openFile: (request) => pickFile(doc, ACCEPT[request.kind]),
    print: () => printWith(win),
    printToPdf: () => printWith(win),
    // A browser tab is not told when the OS locks; the idle timer still locks the vault.
    onLock: () => () => {},
    info: (): Promise<AppInfo> =>
      Promise.resolve({
        name: 'Mend (web preview)',
        version: 'preview',
        platform: 'browser',
        electron: '',
        chrome: '',
        contentProtectionSupported: false,
        contentProtection: false,
      }),
    openExternal: (url) => {
      if (!isHttpUrl(url)) return Promise.resolve(false)
      win.open(url, '_blank', 'noopener,noreferrer')
      return Promise.resolve(true)
    },
    setContentProtection: () => Promise.resolve(false),
  }
}
