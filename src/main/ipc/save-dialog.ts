import path from 'node:path'
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron'
import { FILE_KINDS, type FileKind } from '../../shared/file-kinds'
import { neutralFileName, type DocumentKind } from '../../shared/file-names'
import { pathExists, withExtension, type FsLike } from './files'
import { FILE_FILTERS } from './schemas'

export interface SaveDialogDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>
  fs: FsLike
  /** The folder the dialog starts in (the user's documents). */
  defaultDirectory: () => string
  /** The main process's clock: the neutral name carries its local date. */
  now: () => Date
}

/** Every save dialog: may create folders, confirms overwriting, stays out of the OS's recent files (Windows). */
export const SAVE_DIALOG_PROPERTIES: NonNullable<SaveDialogOptions['properties']> = [
  'createDirectory',
  'showOverwriteConfirmation',
  'dontAddToRecent',
]

/**
 * Asks where to save a `kind` file, proposing the neutral name main builds for `document`. The OS
 * confirms overwriting only the name the user typed; when Mend then adds the extension and that
 * file already exists, the dialog is shown again with the full name, so nothing is replaced
 * without the OS asking. Null when the user cancels.
 */
export async function chooseSavePath(
  deps: SaveDialogDeps,
  win: BrowserWindow | null,
  request: { kind: FileKind; document: DocumentKind; title: string },
): Promise<string | null> {
  const extension = FILE_KINDS[request.kind].extension
  let defaultPath = path.join(
    deps.defaultDirectory(),
    neutralFileName(request.document, request.kind, deps.now()),
  )
  for (let attempt = 0; attempt < 3; attempt++) {
    const options: SaveDialogOptions = {
      title: request.title,
      defaultPath,
      filters: FILE_FILTERS[request.kind],
      properties: SAVE_DIALOG_PROPERTIES,
    }
    const choice = win
      ? await deps.dialog.showSaveDialog(win, options)
      : await deps.dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return null
    const target = withExtension(choice.filePath, extension)
    if (target === choice.filePath || !(await pathExists(deps.fs, target))) return target
    defaultPath = target
  }
  return null
}
