import type {
  AppInfo,
  LockReason,
  OpenFileRequest,
  OpenFileResult,
  PrintResult,
  PrintToPdfRequest,
  SaveFileRequest,
  SaveFileResult,
} from '../../../shared/ipc'

export type {
  AppInfo,
  LockReason,
  OpenFileRequest,
  OpenFileResult,
  PrintResult,
  PrintToPdfRequest,
  SaveFileRequest,
  SaveFileResult,
}

/** What the renderer can ask of its host: the Electron bridge, or a plain browser's equivalents. */
export interface Platform {
  readonly kind: 'electron' | 'browser'
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>
  openFile(request: OpenFileRequest): Promise<OpenFileResult>
  /** The system print dialog for the current page. */
  print(): Promise<PrintResult>
  /** A PDF of the current page. In a browser this is the print dialog's "Save as PDF". */
  printToPdf(request: PrintToPdfRequest): Promise<PrintResult>
  /** Calls back when the OS locks the screen or suspends; returns an unsubscribe function. */
  onLock(listener: (reason: LockReason) => void): () => void
  info(): Promise<AppInfo>
  openExternal(url: string): Promise<boolean>
  setContentProtection(enabled: boolean): Promise<boolean>
}
