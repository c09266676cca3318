import type {
  AppInfo,
  AuditHead,
  AuditHeadRecord,
  BackupFileInfo,
  BackupFolderChoice,
  BackupFolderStatus,
  BeginWriteRequest,
  BeginWriteResult,
  ClipboardCopyResult,
  CommitResult,
  DocumentKind,
  FileKind,
  GateSuccess,
  GateWait,
  LockReason,
  MendBridge,
  OpenFileRequest,
  OpenFileResult,
  PdfPageSize,
  PrintDialogResult,
  PrintToPdfRequest,
  PrintToPdfResult,
  PruneRequest,
  PruneResult,
  SaveFileRequest,
  SaveFileResult,
  WriteDestination,
  WriteKeyResult,
} from '../../../shared/ipc'

export type {
  AppInfo,
  AuditHead,
  AuditHeadRecord,
  BackupFileInfo,
  BackupFolderChoice,
  BackupFolderStatus,
  BeginWriteRequest,
  BeginWriteResult,
  ClipboardCopyResult,
  CommitResult,
  DocumentKind,
  FileKind,
  GateSuccess,
  GateWait,
  LockReason,
  OpenFileRequest,
  OpenFileResult,
  PdfPageSize,
  PrintDialogResult,
  PrintToPdfRequest,
  PrintToPdfResult,
  PruneRequest,
  PruneResult,
  SaveFileRequest,
  SaveFileResult,
  WriteDestination,
  WriteKeyResult,
}

export type PlatformFiles = MendBridge['files']
export type PlatformClipboard = MendBridge['clipboard']
export type PlatformVault = MendBridge['vault']
export type PlatformBackupFolder = MendBridge['backupFolder']

/** print.dialog() (the system print dialog) and print.toPdf() (a PDF, saved where the user picks). */
export type PlatformPrint = MendBridge['print']

/**
 * What the renderer can ask of its host: the Electron bridge, or a plain browser's equivalents.
 * Grouped as the bridge is (src/shared/ipc.ts MendBridge documents each call).
 */
export interface Platform {
  readonly kind: 'electron' | 'browser'
  readonly files: PlatformFiles
  readonly print: PlatformPrint
  readonly clipboard: PlatformClipboard
  readonly vault: PlatformVault
  readonly backupFolder: PlatformBackupFolder
  /** Calls back when the OS locks the screen or suspends; returns an unsubscribe function. */
  onLock(listener: (reason: LockReason) => void): () => void
  /** Calls back when "Client walked out" is chosen in the app's menu (desktop); returns an unsubscribe. */
  onWalkoutCommand(listener: () => void): () => void
  /**
   * Calls back when the desktop window is about to close; the window waits while the returned
   * promise is pending (MendBridge.app.onClosing). Never called in a browser. Returns an
   * unsubscribe function.
   */
  onClosing(listener: () => Promise<void> | void): () => void
  info(): Promise<AppInfo>
  /** Opens an http(s) link outside the app (on desktop, after the practitioner confirms it). */
  openExternal(url: string): Promise<boolean>
  setContentProtection(enabled: boolean): Promise<boolean>
}
