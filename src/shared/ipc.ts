/**
 * The IPC contract between main, preload and renderer.
 * Types and constants only: no Electron, no Node, no DOM imports, so every process can use it.
 */

/** The privileged scheme the renderer is served from. */
export const APP_SCHEME = 'app'
/** The only host the app scheme answers for. */
export const APP_HOST = 'mend'
/** Origin of every page of the app. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Every channel starts with this prefix; the preload refuses anything else. */
export const CHANNEL_PREFIX = 'mend:'

export const Channels = {
  files: {
    save: 'mend:files:save',
    open: 'mend:files:open',
  },
  print: {
    dialog: 'mend:print:dialog',
    toPdf: 'mend:print:to-pdf',
  },
  power: {
    /** main -> renderer: the OS locked the screen or the machine is suspending. */
    lock: 'mend:power:lock',
  },
  app: {
    info: 'mend:app:info',
    openExternal: 'mend:app:open-external',
    setContentProtection: 'mend:app:set-content-protection',
  },
} as const

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T]
export type Channel = Leaves<typeof Channels>

/** What kind of file is being saved or opened: decides the dialog's filters, never the content. */
export type FileKind = 'backup' | 'pdf' | 'json'

export interface SaveFileRequest {
  kind: FileKind
  /** A neutral default file name. Never put client data in it. */
  suggestedName: string
  data: Uint8Array
}

export type SaveFileResult = { status: 'saved' } | { status: 'cancelled' }

export interface OpenFileRequest {
  kind: FileKind
}

export type OpenFileResult =
  { status: 'opened'; name: string; data: Uint8Array } | { status: 'cancelled' }

export interface PrintToPdfRequest {
  suggestedName: string
}

export type PrintResult = { status: 'printed' } | { status: 'saved' } | { status: 'cancelled' }

export type LockReason = 'lock-screen' | 'suspend' | 'user-switch'

export interface AppInfo {
  name: string
  version: string
  platform: string
  electron: string
  chrome: string
  /** Whether this platform can keep the window out of screenshots and screen sharing. */
  contentProtectionSupported: boolean
  contentProtection: boolean
}

/** The object the preload exposes as `window.mend`, grouped by capability. */
export interface MendBridge {
  readonly files: {
    save(request: SaveFileRequest): Promise<SaveFileResult>
    open(request: OpenFileRequest): Promise<OpenFileResult>
  }
  readonly print: {
    /** Opens the system print dialog for the current page. */
    dialog(): Promise<PrintResult>
    /** Renders the current page to PDF and asks where to save it. */
    toPdf(request: PrintToPdfRequest): Promise<PrintResult>
  }
  readonly power: {
    /** Calls back when the OS locks the screen or suspends. Returns an unsubscribe function. */
    onLock(listener: (reason: LockReason) => void): () => void
  }
  readonly app: {
    info(): Promise<AppInfo>
    /** Opens an http(s) link in the OS browser after the main process checks it. */
    openExternal(url: string): Promise<boolean>
    setContentProtection(enabled: boolean): Promise<boolean>
  }
}
