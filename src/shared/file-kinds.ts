/**
 * The one table of file kinds Mend reads and writes. Main derives its dialog filters and argument
 * schemas from it, the browser adapter its accept list and download types; nothing else lists kinds.
 * No Electron, Node or DOM imports: every process uses it.
 */
export const FILE_KINDS = {
  /** A standard age file (https://age-encryption.org); age has no registered MIME type. */
  backup: {
    extension: 'age',
    mimeType: 'application/octet-stream',
    label: 'Mend encrypted backup (age)',
  },
  pdf: { extension: 'pdf', mimeType: 'application/pdf', label: 'PDF document' },
  json: { extension: 'json', mimeType: 'application/json', label: 'JSON' },
} as const satisfies Record<string, { extension: string; mimeType: string; label: string }>

/** What kind of file is being saved or opened: decides extension, filters and type, never content. */
export type FileKind = keyof typeof FILE_KINDS

/** The kinds as a non-empty tuple (for enums and iteration). */
export const FILE_KIND_NAMES = Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]]
