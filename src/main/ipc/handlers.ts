import path from 'node:path'
import type { BrowserWindow, Dialog, IpcMainInvokeEvent, WebContents } from 'electron'
import {
  Channels,
  type AppInfo,
  type OpenFileResult,
  type PrintResult,
  type SaveFileResult,
} from '../../shared/ipc'
import { handleGuarded, type IpcMainLike } from '../security/ipc-guard'
import { isSafeExternalUrl } from '../security/urls'
import { readFileLimited, withExtension, writeFileAtomic, type FsLike } from './files'
import {
  FILE_FILTERS,
  MAX_FILE_BYTES,
  noArgs,
  openExternalArgs,
  openFileArgs,
  printToPdfArgs,
  saveFileArgs,
  setContentProtectionArgs,
} from './schemas'

type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: WebContents }

export interface HandlerDeps {
  ipcMain: IpcMainLike<InvokeEvent>
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>
  fs: FsLike
  windowFor: (contents: WebContents) => BrowserWindow | null
  openExternal: (url: string) => Promise<void>
  info: () => Omit<AppInfo, 'contentProtection'>
  getContentProtection: () => boolean
  setContentProtection: (enabled: boolean) => boolean
  defaultDirectory: () => string
  devServerUrl?: string
  log: (message: string) => void
}

async function exists(fs: FsLike, filePath: string): Promise<boolean> {
  try {
    await fs.stat(filePath)
    return true
  } catch {
    return false
  }
}

/**
 * Asks where to save. The OS confirms overwriting only the name the user typed; when Mend then
 * adds the extension and that file already exists, the dialog is shown again with the full name,
 * so nothing is replaced without the OS asking. Null when the user cancels.
 */
async function chooseSavePath(
  deps: HandlerDeps,
  win: BrowserWindow | null,
  options: {
    title: string
    defaultPath: string
    filters: { name: string; extensions: string[] }[]
  },
  extension: string,
): Promise<string | null> {
  let defaultPath = options.defaultPath
  for (let attempt = 0; attempt < 3; attempt++) {
    const dialogOptions = {
      ...options,
      defaultPath,
      properties: ['createDirectory', 'showOverwriteConfirmation'] as (
        'createDirectory' | 'showOverwriteConfirmation'
      )[],
    }
    const choice = win
      ? await deps.dialog.showSaveDialog(win, dialogOptions)
      : await deps.dialog.showSaveDialog(dialogOptions)
    if (choice.canceled || !choice.filePath) return null
    const target = withExtension(choice.filePath, extension)
    if (target === choice.filePath || !(await exists(deps.fs, target))) return target
    defaultPath = target
  }
  return null
}

/** Registers every IPC handler of the bridge. Each one checks its sender and its arguments first. */
export function registerIpcHandlers(deps: HandlerDeps): void {
  const guard = {
    devServerUrl: deps.devServerUrl,
    onRefused: (channel: string, reason: string) => deps.log(`IPC ${channel} refused: ${reason}`),
  }

  handleGuarded(
    deps.ipcMain,
    Channels.files.save,
    saveFileArgs,
    async (event, request): Promise<SaveFileResult> => {
      const extension = FILE_FILTERS[request.kind][0]?.extensions[0] ?? 'bin'
      const target = await chooseSavePath(
        deps,
        deps.windowFor(event.sender),
        {
          title: 'Save',
          defaultPath: path.join(deps.defaultDirectory(), request.suggestedName),
          filters: FILE_FILTERS[request.kind],
        },
        extension,
      )
      if (!target) return { status: 'cancelled' }
      await writeFileAtomic(deps.fs, target, request.data)
      return { status: 'saved' }
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
        properties: ['openFile'] as 'openFile'[],
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
    Channels.print.dialog,
    noArgs,
    (event): Promise<PrintResult> =>
      new Promise((resolve) => {
        event.sender.print({ silent: false, printBackground: true }, (success) => {
          resolve(success ? { status: 'printed' } : { status: 'cancelled' })
        })
      }),
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.print.toPdf,
    printToPdfArgs,
    async (event, request): Promise<PrintResult> => {
      const pdf = await event.sender.printToPDF({ printBackground: true, preferCSSPageSize: true })
      const target = await chooseSavePath(
        deps,
        deps.windowFor(event.sender),
        {
          title: 'Save PDF',
          defaultPath: path.join(deps.defaultDirectory(), request.suggestedName),
          filters: FILE_FILTERS.pdf,
        },
        'pdf',
      )
      if (!target) return { status: 'cancelled' }
      await writeFileAtomic(deps.fs, target, new Uint8Array(pdf))
      return { status: 'saved' }
    },
    guard,
  )

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
    async (_event, url): Promise<boolean> => {
      if (!isSafeExternalUrl(url)) return false
      await deps.openExternal(url)
      return true
    },
    guard,
  )

  handleGuarded(
    deps.ipcMain,
    Channels.app.setContentProtection,
    setContentProtectionArgs,
    (_event, enabled): boolean => deps.setContentProtection(enabled),
    guard,
  )
}
