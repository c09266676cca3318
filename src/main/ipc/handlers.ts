import path from 'node:path'
import type { BrowserWindow, Dialog, IpcMainInvokeEvent, WebContents } from 'electron'
import { automaticBackupName } from '../../shared/file-names'
import {
  Channels,
  type AppInfo,
  type BackupFileInfo,
  type BackupFolderChoice,
  type BackupFolderStatus,
  type BeginWriteResult,
  type ClipboardCopyResult,
  type CommitResult,
  type GateSuccess,
  type GateWait,
  type AuditHead,
  type OpenFileResult,
  type PrintDialogResult,
  type PrintToPdfResult,
  type PruneResult,
  type SaveFileResult,
  type WriteKeyResult,
} from '../../shared/ipc'
import type { BackupFolder } from '../backup-folder'
import type { ClipboardGuard } from '../clipboard'
import type { CloseGuard } from '../close-guard'
import { printDialog, printToPdf } from '../print'
import { handleGuarded, type IpcMainLike } from '../security/ipc-guard'
import type { ExternalLinkOpener } from '../security/external-links'
import type { HeadMirror } from '../vault/head-mirror'
import type { UnlockGate } from '../vault/unlock-gate'
import { readFileLimited, writeFileAtomic, type FsLike } from './files'
import { chooseSavePath } from './save-dialog'
import {
  backupReadArgs,
  beginWriteArgs,
  clipboardCopyArgs,
  closeReplyArgs,
  FILE_FILTERS,
  handleArgs,
  headMirrorReadArgs,
  headMirrorWriteArgs,
  MAX_FILE_BYTES,
  noArgs,
  openExternalArgs,
  openFileArgs,
  printToPdfArgs,
  pruneArgs,
  saveFileArgs,
  setContentProtectionArgs,
  writeChunkArgs,
  writeKeyArgs,
} from './schemas'
import { WriteSessions } from './write-sessions'

type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: WebContents }

export interface HandlerDeps {
  ipcMain: IpcMainLike<InvokeEvent>
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>
  fs: FsLike
  platform: NodeJS.Platform
  /** The main process's clock (neutral names carry its local date and time). */
  now: () => Date
  windowFor: (contents: WebContents) => BrowserWindow | null
  /** Asks the practitioner, then opens (createExternalLinkOpener). */
  openExternal: ExternalLinkOpener
  info: () => Omit<AppInfo, 'contentProtection'>
  getContentProtection: () => boolean
  setContentProtection: (enabled: boolean) => boolean
  defaultDirectory: () => string
  clipboard: Pick<ClipboardGuard, 'copy'>
  unlockGate: Pick<UnlockGate, 'check' | 'failed' | 'succeeded'>
  headMirror: Pick<HeadMirror, 'read' | 'write'>
  backupFolder: BackupFolder
  /** Holds a closing window while its page makes a due backup (the page answers through it). */
  closeGuard: Pick<CloseGuard, 'reply'>
  devServerUrl?: string
  log: (message: string) => void
}

export interface RegisteredHandlers {
  /** The streamed writes in flight (abortAll when the app quits). */
  writes: WriteSessions
}

/** Registers every IPC handler of the bridge. Each one checks its sender and its arguments first. */
export function registerIpcHandlers(deps: HandlerDeps): RegisteredHandlers {
  const guard = {
    devServerUrl: deps.devServerUrl,
    onRefused: (channel: string, reason: string) => deps.log(`IPC ${channel} refused: ${reason}`),
    onFailed: (channel: string, code: string) => deps.log(`IPC ${channel} failed: ${code}`),
  }
  const writes = new WriteSessions({
    fs: deps.fs,
    platform: deps.platform,
    maxBytes: MAX_FILE_BYTES,
    now: () => deps.now().getTime(),
  })
  const dialogDeps = {
    dialog: deps.dialog,
    fs: deps.fs,
    defaultDirectory: deps.defaultDirectory,
    now: deps.now,
  }

  // A page that goes away takes its unfinished writes with it (temp files removed): its window
  // closed, its page reloaded or left for another (a new page never knows the old handles), or
  // its renderer crashed. A route change inside the page is the same page and keeps them.
  const watchedSenders = new Set<number>()
  const ownerOf = (sender: WebContents): number => {
    if (!watchedSenders.has(sender.id)) {
      watchedSenders.add(sender.id)
      const id = sender.id
      const abandon = () => void writes.abortOwnedBy(id)
      sender.once('destroyed', () => {
        watchedSenders.delete(id)
        abandon()
      })
      // Emitted once another document has replaced the page (a blocked attempt never is; a
      // route change emits 'did-navigate-in-page' instead).
      sender.on('did-navigate', abandon)
      sender.on('render-process-gone', abandon)
    }
    return sender.id
  }

  // files

  handleGuarded(
    deps.ipcMain,
    Channels.files.save,
    saveFileArgs,
    async (event, request): Promise<SaveFileResult> => {
      const target = await chooseSavePath(dialogDeps, deps.windowFor(event.sender), {
        kind: request.kind,
        document: request.document,
        title: 'Save',
      })
      if (!target) return { status: 'cancelled' }
      await writeFileAtomic(deps.fs, target, request.data, { platform: deps.platform })
      return { status: 'saved', name: path.basename(target) }
    },
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.files.open,
    openFileArgs,
    async (event, request): Promise<OpenFileResult> => {
      const win = deps.windowFor(event.sender)
      const options = {
        title: 'Open',
        filters: FILE_FILTERS[request.kind],
        properties: ['openFile', 'dontAddToRecent'] as ('openFile' | 'dontAddToRecent')[],
      }
      const choice = win
        ? await deps.dialog.showOpenDialog(win, options)
        : await deps.dialog.showOpenDialog(options)
      const filePath = choice.filePaths[0]
      if (choice.canceled || !filePath) return { status: 'cancelled' }
      const data = await readFileLimited(deps.fs, filePath, MAX_FILE_BYTES)
      return { status: 'opened', name: path.basename(filePath), data }
    },
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.files.beginWrite,
    beginWriteArgs,
    async (event, request): Promise<BeginWriteResult> => {
      const owner = ownerOf(event.sender)
      if (request.destination === 'backup-folder') {
        const dir = await deps.backupFolder.available()
        if (!dir) return { status: 'no-folder' }
        const handle = await writes.begin(owner, {
          kind: 'folder',
          dir,
          // Named when committed; a name already taken moves on by a second.
          nameAtCommit: (attempt) =>
            automaticBackupName(new Date(deps.now().getTime() + attempt * 1000)),
        })
        return { status: 'ready', handle }
      }
      const target = await chooseSavePath(dialogDeps, deps.windowFor(event.sender), {
        kind: request.kind,
        document: request.document,
        title: 'Save',
      })
      if (!target) return { status: 'cancelled' }
      return { status: 'ready', handle: await writes.begin(owner, { kind: 'target', target }) }
    },
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.files.writeChunk,
    writeChunkArgs,
    (event, handle, data): Promise<void> => writes.write(event.sender.id, handle, data),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.files.commit,
    handleArgs,
    async (event, handle): Promise<CommitResult> => {
      const { name } = await writes.commit(event.sender.id, handle)
      return { status: 'saved', name }
    },
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.files.abort,
    handleArgs,
    (event, handle): Promise<void> => writes.abort(event.sender.id, handle),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.files.withdraw,
    handleArgs,
    (event, handle): Promise<void> => writes.withdraw(event.sender.id, handle),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.files.readBack,
    handleArgs,
    (event, handle): Promise<Uint8Array> => writes.readBack(event.sender.id, handle),
    guard,
  )

  // print

  handleGuarded(
    deps.ipcMain,
    Channels.print.dialog,
    noArgs,
    (event): Promise<PrintDialogResult> => printDialog(event.sender),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.print.toPdf,
    printToPdfArgs,
    (event, request): Promise<PrintToPdfResult> =>
      printToPdf(event.sender, deps.windowFor(event.sender), request, {
        ...dialogDeps,
        platform: deps.platform,
      }),
    guard,
  )

  // clipboard

  handleGuarded(
    deps.ipcMain,
    Channels.clipboard.copy,
    clipboardCopyArgs,
    (_event, text, clearAfterSeconds): ClipboardCopyResult =>
      deps.clipboard.copy(text, clearAfterSeconds),
    guard,
  )

  // vault

  handleGuarded(
    deps.ipcMain,
    Channels.vault.gateCheck,
    noArgs,
    (): GateWait => deps.unlockGate.check(),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.vault.gateFailed,
    noArgs,
    (): Promise<GateWait> => deps.unlockGate.failed(),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.vault.gateSucceeded,
    noArgs,
    (): Promise<GateSuccess> => deps.unlockGate.succeeded(),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.vault.headMirrorRead,
    headMirrorReadArgs,
    (_event, vaultId): Promise<AuditHead | null> => deps.headMirror.read(vaultId),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.vault.headMirrorWrite,
    headMirrorWriteArgs,
    (_event, head): Promise<void> => deps.headMirror.write(head),
    guard,
  )

  // backup folder

  handleGuarded(
    deps.ipcMain,
    Channels.backupFolder.choose,
    noArgs,
    async (event): Promise<BackupFolderChoice> => {
      const win = deps.windowFor(event.sender)
      const options = {
        title: 'Choose a folder for backups',
        defaultPath: (await deps.backupFolder.configured()) ?? deps.defaultDirectory(),
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] as (
          'openDirectory' | 'createDirectory' | 'dontAddToRecent'
        )[],
      }
      const choice = win
        ? await deps.dialog.showOpenDialog(win, options)
        : await deps.dialog.showOpenDialog(options)
      const dir = choice.filePaths[0]
      if (choice.canceled || !dir) return { status: 'cancelled' }
      return { status: 'chosen', label: await deps.backupFolder.set(dir) }
    },
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.backupFolder.status,
    noArgs,
    (): Promise<BackupFolderStatus> => deps.backupFolder.status(),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.backupFolder.list,
    noArgs,
    (): Promise<BackupFileInfo[]> => deps.backupFolder.list(),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.backupFolder.read,
    backupReadArgs,
    (_event, name): Promise<Uint8Array> => deps.backupFolder.read(name),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.backupFolder.writeKey,
    writeKeyArgs,
    (_event, data, replace): Promise<WriteKeyResult> => deps.backupFolder.writeKey(data, replace),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.backupFolder.readKey,
    noArgs,
    (): Promise<Uint8Array | null> => deps.backupFolder.readKey(),
    guard,
  )
  handleGuarded(
    deps.ipcMain,
    Channels.backupFolder.prune,
    pruneArgs,
    (_event, request): Promise<PruneResult> => deps.backupFolder.prune(request),
    guard,
  )

  // app

  handleGuarded(
    deps.ipcMain,
    Channels.app.info,
    noArgs,
    (): AppInfo => ({
      ...deps.info(),
      contentProtection: deps.getContentProtection(),
    }),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.app.openExternal,
    openExternalArgs,
    (event, url): Promise<boolean> => deps.openExternal(url, deps.windowFor(event.sender)),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.app.setContentProtection,
    setContentProtectionArgs,
    (_event, enabled): boolean => deps.setContentProtection(enabled),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.app.closeReply,
    closeReplyArgs,
    (event, token, state): boolean => deps.closeGuard.reply(event.sender.id, token, state),
    guard,
  )

  return { writes }
}
