/**
 * File names Mend gives the files it writes. The renderer never proposes a name: it says which
 * document it is saving (a word from DOCUMENT_KINDS) and main builds a neutral name from it, so no
 * client's name, date of birth or record id can end up in a file name.
 * No Electron, Node or DOM imports: every process uses it.
 */
import { FILE_KINDS, type FileKind } from './file-kinds'

export const DOCUMENT_KINDS = [
  'backup',
  'prep-sheet',
  'chart-copy',
  'letter',
  'audit-trail',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** The file in the backup folder that holds the backup key (itself an age file). */
export const BACKUP_KEY_FILE_NAME = 'backup-key.age'

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** YYYY-MM-DD in the local time zone. */
export function localDateStamp(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** HHMMSS in the local time zone. */
export function localTimeStamp(date: Date): string {
  return `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
}

/** `mend-<document>-YYYY-MM-DD.<ext>`: the name a save dialog proposes. */
export function neutralFileName(document: DocumentKind, kind: FileKind, now: Date): string {
  return `mend-${document}-${localDateStamp(now)}.${FILE_KINDS[kind].extension}`
}

/** `mend-backup-YYYY-MM-DD-HHMMSS.age`: the name of a backup written to the backup folder. */
export function automaticBackupName(now: Date): string {
  return `mend-backup-${localDateStamp(now)}-${localTimeStamp(now)}.${FILE_KINDS.backup.extension}`
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
const DOCUMENTS = DOCUMENT_KINDS.map(escape).join('|')
const EXTENSIONS = [...new Set(Object.values(FILE_KINDS).map((kind) => kind.extension))]
  .map(escape)
  .join('|')

/** Names a save dialog proposes (neutralFileName). */
export const NEUTRAL_FILE_NAME_PATTERN = new RegExp(
  `^mend-(?:${DOCUMENTS})-\\d{4}-\\d{2}-\\d{2}\\.(?:${EXTENSIONS})$`,
)
/** Names of the backups in the backup folder (automaticBackupName): the only files list, read and prune see. */
export const AUTOMATIC_BACKUP_PATTERN = new RegExp(
  `^mend-backup-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.${escape(FILE_KINDS.backup.extension)}$`,
)
/** Every name Mend itself gives a file. */
export const APP_FILE_NAME_PATTERN = new RegExp(
  `${NEUTRAL_FILE_NAME_PATTERN.source}|${AUTOMATIC_BACKUP_PATTERN.source}|^${escape(BACKUP_KEY_FILE_NAME)}$`,
)

export type FileNameProblem =
  | 'empty'
  | 'too-long'
  | 'separator'
  | 'dot-dot'
  | 'control'
  | 'bidi'
  | 'reserved'
  | 'trailing'
  | 'pattern'

/** Path separators, and the colon (Windows drive letters, NTFS alternate data streams). */
const SEPARATOR = /[/\\:]/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
/** Bidirectional controls, which make a name display differently from what it is. */
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/
/** Names Windows reserves for devices, with or without an extension (and the superscript digits it also treats as reserved). */
const WINDOWS_RESERVED =
  /^(?:con|prn|aux|nul|com[1-9\u00b9\u00b2\u00b3]|lpt[1-9\u00b9\u00b2\u00b3]) *(?:\..*)?$/i

/**
 * Why a name that came back from the renderer cannot be used as a file name, or null when it can.
 * Each check stands on its own (the pattern is a parameter), so each refusal is tested on its own;
 * in use the pattern is always one of the app's own, which alone would refuse everything else.
 */
export function fileNameProblem(
  name: string,
  pattern: RegExp = APP_FILE_NAME_PATTERN,
): FileNameProblem | null {
  if (name.length === 0) return 'empty'
  if (name.length > 255) return 'too-long'
  if (SEPARATOR.test(name)) return 'separator'
  if (name.includes('..')) return 'dot-dot'
  if (CONTROL.test(name)) return 'control'
  if (BIDI.test(name)) return 'bidi'
  if (WINDOWS_RESERVED.test(name)) return 'reserved'
  if (/[. ]$/.test(name)) return 'trailing'
  if (!pattern.test(name)) return 'pattern'
  return null
}
