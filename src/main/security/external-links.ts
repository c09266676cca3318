import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron'
import { isSafeExternalUrl } from './urls'

/** The question shown before any address leaves the app, with the full address in it. */
export function externalLinkPrompt(url: string): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Open in your browser',
    message: 'Open this address in your web browser?',
    detail: url,
    buttons: ['Open', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
}

export interface ExternalLinkDeps {
  dialog: Pick<Dialog, 'showMessageBox'>
  /** shell.openExternal */
  open: (url: string) => Promise<void>
  log?: (message: string) => void
}

export type ExternalLinkOpener = (url: string, win: BrowserWindow | null) => Promise<boolean>

/**
 * Opens an http(s) address in the OS browser only after the practitioner confirms it in a
 * main-process dialog that shows the full address (Cancel is the default). Addresses that fail
 * isSafeExternalUrl (other schemes, credentials, loopback and local hosts) are refused without
 * asking. One question at a time: a page cannot stack dialogs; while one is open, further
 * requests are refused. Resolves true only when the address was handed to the OS.
 */
export function createExternalLinkOpener(deps: ExternalLinkDeps): ExternalLinkOpener {
  let asking = false
  return async (url, win) => {
    if (!isSafeExternalUrl(url) || asking) return false
    asking = true
    let response: number
    try {
      const options = externalLinkPrompt(url)
      const answer = win
        ? await deps.dialog.showMessageBox(win, options)
        : await deps.dialog.showMessageBox(options)
      response = answer.response
    } finally {
      asking = false
    }
    if (response !== 0) return false
    try {
      await deps.open(url)
      return true
    } catch {
      deps.log?.('could not open an external link')
      return false
    }
  }
}
