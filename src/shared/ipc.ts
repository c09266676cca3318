/**
 * The IPC contract between main, preload and renderer.
 * Types and constants only: no Electron, no Node, no DOM imports, so every process can use it.
 */
import type { FileKind } from './file-kinds'
import type { DocumentKind } from './file-names'

export type { FileKind } from './file-kinds'
export type { DocumentKind } from './file-names'

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
    beginWrite: 'mend:files:begin-write',
    writeChunk: 'mend:files:write-chunk',
    commit: 'mend:files:commit',
    abort: 'mend:files:abort',
    withdraw: 'mend:files:withdraw',
    readBack: 'mend:files:read-back',
  },
  print: {
    dialog: 'mend:print:dialog',
    toPdf: 'mend:print:to-pdf',
  },
  clipboard: {
    copy: 'mend:clipboard:copy',
  },
  vault: {
    gateCheck: 'mend:vault:gate-check',
    gateFailed: 'mend:vault:gate-failed',
    gateSucceeded: 'mend:vault:gate-succeeded',
    headMirrorRead: 'mend:vault:head-mirror-read',
    headMirrorWrite: 'mend:vault:head-mirror-write',
  },
  backupFolder: {
    choose: 'mend:backup-folder:choose',
    status: 'mend:backup-folder:status',
    list: 'mend:backup-folder:list',
    read: 'mend:backup-folder:read',
    writeKey: 'mend:backup-folder:write-key',
    readKey: 'mend:backup-folder:read-key',
    prune: 'mend:backup-folder:prune',
  },
  power: {
    /** main -> renderer: the OS locked the screen or the machine is suspending. */
    lock: 'mend:power:lock',
  },
  commands: {
    /** main -> renderer: "Client walked out" was chosen in the application menu. */
    walkout: 'mend:commands:walkout',
  },
  app: {
    info: 'mend:app:info',
    openExternal: 'mend:app:open-external',
    setContentProtection: 'mend:app:set-content-protection',
    /** main -> renderer: the window is about to close (a token to answer with closeReply). */
    closing: 'mend:app:closing',
    /** renderer -> main: what the page is doing about the close (see CloseReplyState). */
    closeReply: 'mend:app:close-reply',
  },
} as const

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T]
export type Channel = Leaves<typeof Channels>

/** 512 MiB: far above any real backup, low enough to refuse nonsense before it reaches memory twice. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024
/** The largest piece one writeChunk call may carry. */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024
/** The most text clipboard.copy accepts. */
export const MAX_CLIPBOARD_CHARS = 20_000
/** How long clipboard.copy may leave text on the clipboard before main clears it (seconds). */
export const CLIPBOARD_CLEAR_SECONDS = { min: 10, max: 600 } as const
/**
 * When a window is about to close, main asks its page first (Channels.app.closing) and closes it
 * when the page answers 'done'. 'working' (a due backup is being made) extends the wait to
 * CLOSE_WAIT_MAX_MS. A page that does not answer within CLOSE_ANSWER_MS (crashed, hung, not
 * Mend's) does not hold the window.
 */
export type CloseReplyState = 'working' | 'done'
export const CLOSE_ANSWER_MS = 5_000
export const CLOSE_WAIT_MAX_MS = 3 * 60 * 1000

/** How long a committed write's handle still answers readBack. */
export const READ_BACK_WINDOW_MS = 10 * 60 * 1000

export interface SaveFileRequest {
  kind: FileKind
  /** Which document this is: main builds the neutral file name from it. */
  document: DocumentKind
  data: Uint8Array
}

export type SaveFileResult = { status: 'saved'; name: string } | { status: 'cancelled' }

export interface OpenFileRequest {
  kind: FileKind
}

export type OpenFileResult =
  { status: 'opened'; name: string; data: Uint8Array } | { status: 'cancelled' }

export type WriteDestination = 'choose' | 'backup-folder'

export interface BeginWriteRequest {
  kind: FileKind
  document: DocumentKind
  /** 'choose': a save dialog; 'backup-folder': the folder configured with backupFolder.choose. */
  destination: WriteDestination
}

export type BeginWriteResult =
  { status: 'ready'; handle: string } | { status: 'cancelled' } | { status: 'no-folder' }

export type CommitResult = { status: 'saved'; name: string }

export type PrintDialogResult = { status: 'printed' } | { status: 'cancelled' }

export type PdfPageSize = 'A4' | 'Letter'

export interface PrintToPdfRequest {
  document: DocumentKind
  pageSize: PdfPageSize
}

export type PrintToPdfResult = { status: 'saved'; name: string } | { status: 'cancelled' }

export interface ClipboardCopyResult {
  status: 'copied'
  /** When main will clear the clipboard (if it still holds this text); null if it cannot. */
  clearsAfterSeconds: number | null
}

export interface GateWait {
  /** Milliseconds to wait before an unlock attempt is accepted (0 = go ahead). */
  waitMs: number
}

export interface GateSuccess {
  /** Failed attempts since the last successful unlock. */
  failedSinceLast: number
}

export interface AuditHead {
  seq: number
  /** SHA-256 of the head entry, 64 lowercase hex digits. */
  hash: string
}

export interface AuditHeadRecord extends AuditHead {
  /** The vault's id (a UUID). */
  vaultId: string
  /**
   * The head this one follows (the entry before it): the copy is replaced only when it holds
   * exactly that head, so a vault put back to an older copy can neither move the copy back nor
   * carry it forward onto its own entries, however many it writes.
   */
  after?: AuditHead
  /**
   * Replace the copy whatever it holds: the therapist acknowledged the vault as it is, or a
   * check verified that the trail holds the copy's entry.
   */
  reset?: true
}

export type BackupFolderChoice = { status: 'chosen'; label: string } | { status: 'cancelled' }

export type BackupFolderStatus = { configured: false } | { configured: true; label: string }

export interface BackupFileInfo {
  name: string
  size: number
  /** ISO 8601. */
  modifiedAt: string
}

export type WriteKeyResult = { status: 'written' } | { status: 'exists' }

export interface PruneRequest {
  /** How many of the newest backups in the folder are never removed (at least 1). */
  keep: number
  /**
   * The backups to remove, by name (the renderer's own, older than the last it keeps): nothing
   * else is removed, so a file that arrives in the folder meanwhile (another computer's, brought
   * by a sync tool) is never taken for one of them.
   */
  remove: string[]
}

export interface PruneResult {
  removed: string[]
}

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
    /** One-shot save through the OS dialog, with a neutral name main builds. */
    save(request: SaveFileRequest): Promise<SaveFileResult>
    open(request: OpenFileRequest): Promise<OpenFileResult>
    /** Streamed write (backups): a dialog ('choose') or the configured backup folder ('backup-folder'). */
    beginWrite(request: BeginWriteRequest): Promise<BeginWriteResult>
    /** Appends to the write's temporary file. */
    writeChunk(handle: string, data: Uint8Array): Promise<void>
    /** Flushes, renames the temporary file into place and flushes the folder. */
    commit(handle: string): Promise<CommitResult>
    /** Removes the temporary file. */
    abort(handle: string): Promise<void>
    /** The committed file read back from disk, for verification; answers for ~10 minutes after commit. */
    readBack(handle: string): Promise<Uint8Array>
    /**
     * Removes a committed file that failed its check after reading back (within the read-back
     * window, and only while it is still the file written). Nothing for an open or aborted write.
     */
    withdraw(handle: string): Promise<void>
  }
  readonly print: {
    /** Opens the system print dialog for the current page. */
    dialog(): Promise<PrintDialogResult>
    /** Renders the current page to PDF and asks where to save it (neutral name, atomic write). */
    toPdf(request: PrintToPdfRequest): Promise<PrintToPdfResult>
  }
  readonly clipboard: {
    /**
     * Writes text (at most 20,000 characters); main clears the clipboard after clearAfterSeconds
     * (10..600) if it still holds exactly this text, and when the app quits.
     */
    copy(text: string, clearAfterSeconds: number): Promise<ClipboardCopyResult>
  }
  readonly vault: {
    readonly gate: {
      /** How long to wait before an unlock attempt is accepted (0 = go ahead). */
      check(): Promise<GateWait>
      /** Records a failed attempt; returns the wait before the next one. */
      failed(): Promise<GateWait>
      /** Resets; returns how many failures there were since the last success. */
      succeeded(): Promise<GateSuccess>
    }
    readonly headMirror: {
      /** The mirrored head for this vault, or null if none was written. Rejects if the mirror is damaged. */
      read(vaultId: string): Promise<AuditHead | null>
      write(head: AuditHeadRecord): Promise<void>
    }
  }
  readonly backupFolder: {
    /** Asks for a folder (main-process dialog); the path stays in main. */
    choose(): Promise<BackupFolderChoice>
    status(): Promise<BackupFolderStatus>
    /** The backups in the folder (only the app's own backup names), newest first. */
    list(): Promise<BackupFileInfo[]>
    /** A backup by a name list() returned; size-limited. */
    read(name: string): Promise<Uint8Array>
    /** Writes backup-key.age once; refuses to overwrite unless replace is true. */
    writeKey(data: Uint8Array, replace: boolean): Promise<WriteKeyResult>
    readKey(): Promise<Uint8Array | null>
    /** Removes the backups named in `remove`, never one of the newest `keep`, nothing else. */
    prune(request: PruneRequest): Promise<PruneResult>
  }
  readonly power: {
    /** Calls back when the OS locks the screen or suspends. Returns an unsubscribe function. */
    onLock(listener: (reason: LockReason) => void): () => void
  }
  readonly commands: {
    /** Calls back when "Client walked out" is chosen in the app menu. Returns an unsubscribe. */
    onWalkout(listener: () => void): () => void
  }
  readonly app: {
    info(): Promise<AppInfo>
    /**
     * Opens an http(s) link in the OS browser after the main process checks it and the
     * practitioner confirms the full address. False when refused or cancelled.
     */
    openExternal(url: string): Promise<boolean>
    setContentProtection(enabled: boolean): Promise<boolean>
    /**
     * Calls back when the window is about to close (closed, or the app quitting). The window
     * stays open while the listeners' promises are pending (at most CLOSE_WAIT_MAX_MS), so a due
     * backup can be made first. Returns an unsubscribe function.
     */
    onClosing(listener: () => Promise<void> | void): () => void
  }
}
