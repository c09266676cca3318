import { replacesHead } from '../../../shared/audit-head'
import { FILE_KINDS, type FileKind } from '../../../shared/file-kinds'
import { neutralFileName } from '../../../shared/file-names'
import {
  CLIPBOARD_CLEAR_SECONDS,
  MAX_CHUNK_BYTES,
  MAX_CLIPBOARD_CHARS,
  MAX_FILE_BYTES,
  READ_BACK_WINDOW_MS,
} from '../../../shared/ipc'
import {
  NO_THROTTLE,
  recordFailure,
  restoreThrottle,
  waitBeforeAttempt,
  type UnlockThrottle,
} from '../../../shared/unlock-throttle'
import { isHttpUrl } from './external-url'
import type {
  AppInfo,
  AuditHead,
  OpenFileResult,
  Platform,
  PlatformBackupFolder,
  PlatformClipboard,
  PlatformFiles,
  PlatformVault,
} from './types'

/** The accept list of a file input for a kind: its extension, and its MIME type when it has one. */
export function acceptFor(kind: FileKind): string {
  const { extension, mimeType } = FILE_KINDS[kind]
  // application/octet-stream would let the picker offer any file at all.
  return mimeType === 'application/octet-stream' ? `.${extension}` : `.${extension},${mimeType}`
}

/** Triggers a download of `data` as `name`, the browser's way of saving a file. */
export function downloadBytes(
  doc: Document,
  name: string,
  data: Uint8Array,
  type = 'application/octet-stream',
): void {
  const blob = new Blob([data as BlobPart], { type })
  const url = URL.createObjectURL(blob)
  const link = doc.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  link.hidden = true
  doc.body.append(link)
  link.click()
  link.remove()
  // Give the download a moment to start before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Asks for one file through a hidden file input; resolves 'cancelled' if the picker is dismissed. */
export function pickFile(doc: Document, accept: string): Promise<OpenFileResult> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.hidden = true
    const done = () => input.remove()
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) return resolve({ status: 'cancelled' })
      file
        .arrayBuffer()
        .then((buffer) =>
          resolve({ status: 'opened', name: file.name, data: new Uint8Array(buffer) }),
        )
        .catch(() => reject(new Error('That file could not be read.')))
    })
    input.addEventListener('cancel', () => {
      done()
      resolve({ status: 'cancelled' })
    })
    doc.body.append(input)
    input.click()
  })
}

function downloadAs(doc: Document, name: string, kind: FileKind, data: Uint8Array): void {
  downloadBytes(doc, name, data, FILE_KINDS[kind].mimeType)
}

type BrowserWrite =
  | { state: 'open'; kind: FileKind; name: string; chunks: Uint8Array[]; bytes: number }
  | { state: 'committed'; data: Uint8Array }

/**
 * Streamed writes in a browser: the chunks are kept in memory and handed to the browser as one
 * download at commit, under the same neutral name main would propose; readBack returns the bytes
 * just assembled (the browser cannot read its downloads back).
 */
function browserFiles(doc: Document): PlatformFiles {
  const writes = new Map<string, BrowserWrite>()
  const unknown = () => Promise.reject(new Error('Mend does not know that write.'))
  const finished = () => Promise.reject(new Error('That write is already finished.'))
  return {
    save: (request) => {
      const name = neutralFileName(request.document, request.kind, new Date())
      downloadAs(doc, name, request.kind, request.data)
      return Promise.resolve({ status: 'saved', name })
    },
    open: (request) => pickFile(doc, acceptFor(request.kind)),
    beginWrite: (request) => {
      // There is no backup folder in a browser (see backupFolder below).
      if (request.destination === 'backup-folder') return Promise.resolve({ status: 'no-folder' })
      const handle = crypto.randomUUID().replaceAll('-', '')
      const name = neutralFileName(request.document, request.kind, new Date())
      writes.set(handle, { state: 'open', kind: request.kind, name, chunks: [], bytes: 0 })
      return Promise.resolve({ status: 'ready', handle })
    },
    writeChunk: (handle, data) => {
      const write = writes.get(handle)
      if (!write) return unknown()
      if (write.state !== 'open') return finished()
      if (data.byteLength > MAX_CHUNK_BYTES || write.bytes + data.byteLength > MAX_FILE_BYTES) {
        writes.delete(handle)
        return Promise.reject(new Error('That file is too large to be a Mend file.'))
      }
      // A copy: the caller may reuse its buffer for the next chunk.
      write.chunks.push(data.slice())
      write.bytes += data.byteLength
      return Promise.resolve()
    },
    commit: (handle) => {
      const write = writes.get(handle)
      if (!write) return unknown()
      if (write.state !== 'open') return finished()
      const data = new Uint8Array(write.bytes)
      let offset = 0
      for (const chunk of write.chunks) {
        data.set(chunk, offset)
        offset += chunk.byteLength
      }
      downloadAs(doc, write.name, write.kind, data)
      writes.set(handle, { state: 'committed', data })
      setTimeout(() => writes.delete(handle), READ_BACK_WINDOW_MS)
      return Promise.resolve({ status: 'saved', name: write.name })
    },
    abort: (handle) => {
      const write = writes.get(handle)
      if (!write) return unknown()
      if (write.state === 'open') writes.delete(handle)
      return Promise.resolve()
    },
    readBack: (handle) => {
      const write = writes.get(handle)
      if (!write) return unknown()
      if (write.state !== 'committed')
        return Promise.reject(new Error('That write has not been saved yet.'))
      return Promise.resolve(write.data.slice())
    },
    // A download cannot be taken back; the browser keeps what it saved.
    withdraw: (handle) => (writes.has(handle) ? Promise.resolve() : unknown()),
  }
}

const GATE_KEY = 'mend:unlock-gate'
const headKey = (vaultId: string) => `mend:audit-head:${vaultId}`
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const HASH = /^[0-9a-f]{64}$/

function isAuditHead(value: unknown): value is AuditHead {
  if (typeof value !== 'object' || value === null) return false
  const { seq, hash } = value as Record<string, unknown>
  return (
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq >= 0 &&
    typeof hash === 'string' &&
    HASH.test(hash)
  )
}

/**
 * The unlock gate and the audit-head mirror in a browser, kept in localStorage. Limit: anyone
 * with the browser's developer tools can clear it, so in the web preview the unlock delay is
 * a courtesy, not a protection (on the desktop the state lives in the main process).
 */
function browserVault(win: Window): PlatformVault {
  // Looked up on use: merely touching localStorage throws where storage is disabled.
  const storage = () => win.localStorage
  const load = (): UnlockThrottle => restoreThrottle(storage().getItem(GATE_KEY), Date.now())
  const store = (state: UnlockThrottle) => storage().setItem(GATE_KEY, JSON.stringify(state))
  return {
    gate: {
      check: () => Promise.resolve({ waitMs: waitBeforeAttempt(load(), Date.now()) }),
      failed: () => {
        const state = recordFailure(load(), Date.now())
        store(state)
        return Promise.resolve({ waitMs: waitBeforeAttempt(state, Date.now()) })
      },
      succeeded: () => {
        const failedSinceLast = load().failures
        store(NO_THROTTLE)
        return Promise.resolve({ failedSinceLast })
      },
    },
    headMirror: {
      read: (vaultId) => {
        if (!UUID.test(vaultId)) return Promise.reject(new Error('Not a vault id.'))
        const text = storage().getItem(headKey(vaultId))
        if (text === null) return Promise.resolve(null)
        let value: unknown
        try {
          value = JSON.parse(text)
        } catch {
          value = null
        }
        if (!isAuditHead(value))
          return Promise.reject(
            new Error('The copy of the audit trail’s head kept outside the vault is damaged.'),
          )
        return Promise.resolve({ seq: value.seq, hash: value.hash })
      },
      write: (head) => {
        if (!UUID.test(head.vaultId) || !isAuditHead(head))
          return Promise.reject(new Error('Not an audit head.'))
        // Only a head that follows the one kept, or a reset (see AuditHeadRecord).
        let kept: unknown
        try {
          kept = JSON.parse(storage().getItem(headKey(head.vaultId)) ?? 'null')
        } catch {
          kept = null
        }
        if (!replacesHead(isAuditHead(kept) ? kept : null, head)) return Promise.resolve()
        storage().setItem(headKey(head.vaultId), JSON.stringify({ seq: head.seq, hash: head.hash }))
        return Promise.resolve()
      },
    },
  }
}

/**
 * No backup folder in the web preview: a page cannot keep a folder and write into it unasked.
 * status() says it is not configured, choose() resolves 'cancelled', list() is empty, and reading
 * or writing in it is refused. Backups are saved as downloads (files.beginWrite 'choose').
 */
function browserBackupFolder(): PlatformBackupFolder {
  const unavailable = () =>
    Promise.reject(new Error('The backup folder is not available in the web preview.'))
  return {
    choose: () => Promise.resolve({ status: 'cancelled' }),
    status: () => Promise.resolve({ configured: false }),
    list: () => Promise.resolve([]),
    read: unavailable,
    writeKey: unavailable,
    readKey: unavailable,
    prune: () => Promise.resolve({ removed: [] }),
  }
}

/** May this page read the clipboard without asking? (Never asked for: a prompt would surprise.) */
async function mayReadClipboard(win: Window): Promise<boolean> {
  try {
    const status = await win.navigator.permissions.query({
      name: 'clipboard-read' as PermissionName,
    })
    return status.state === 'granted'
  } catch {
    return false
  }
}

/**
 * Copying in a browser, cleared after the delay like the desktop does. Where the page may read the
 * clipboard, it is cleared only if it still holds exactly this text; where it may not, it is
 * cleared without looking (which also clears anything copied since: the client's text matters
 * more). A page in the background may not write to the clipboard, so then the clearing waits
 * until Mend has the focus again. A newer copy takes over from an older one. Clipboard managers
 * and other apps may have read the text in between: that is the limit of what a page can do.
 */
export function browserClipboard(win: Window): PlatformClipboard {
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const clear = async (text: string, mine: number): Promise<void> => {
    if (mine !== generation) return
    const clipboard = win.navigator.clipboard
    if (await mayReadClipboard(win)) {
      try {
        if ((await clipboard.readText()) !== text) return
      } catch {
        // Not readable after all (in the background, say): clear without looking, below.
      }
    }
    if (mine !== generation) return
    try {
      await clipboard.writeText('')
    } catch {
      win.addEventListener('focus', () => void clear(text, mine), { once: true })
    }
  }
  return {
    copy: async (text, clearAfterSeconds) => {
      if (
        text.length > MAX_CLIPBOARD_CHARS ||
        !Number.isInteger(clearAfterSeconds) ||
        clearAfterSeconds < CLIPBOARD_CLEAR_SECONDS.min ||
        clearAfterSeconds > CLIPBOARD_CLEAR_SECONDS.max
      )
        throw new Error('Request refused: its arguments were not valid.')
      await win.navigator.clipboard.writeText(text)
      const mine = ++generation
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        void clear(text, mine)
      }, clearAfterSeconds * 1000)
      return { status: 'copied', clearsAfterSeconds: clearAfterSeconds }
    },
  }
}

/** The renderer in a plain browser (web preview and tests): browser equivalents of the bridge. */
export function browserPlatform(win: Window = window): Platform {
  const doc = win.document
  return {
    kind: 'browser',
    files: browserFiles(doc),
    print: {
      // window.print() blocks until the dialog closes and cannot tell printing from cancelling.
      dialog: () => {
        win.print()
        return Promise.resolve({ status: 'printed' })
      },
      // The browser's own dialog offers "Save as PDF", proposing the page title as the file name:
      // for the dialog's duration the title is the neutral name. Whether it was saved is unknown.
      toPdf: (request) => {
        const name = neutralFileName(request.document, 'pdf', new Date())
        const title = doc.title
        doc.title = name.replace(/\.pdf$/, '')
        try {
          win.print()
        } finally {
          doc.title = title
        }
        return Promise.resolve({ status: 'saved', name })
      },
    },
    clipboard: browserClipboard(win),
    vault: browserVault(win),
    backupFolder: browserBackupFolder(),
    // A browser tab is not told when the OS locks; the idle timer still locks the vault.
    onLock: () => () => {},
    // A browser tab has no application menu; the keyboard shortcut is handled by the page.
    onWalkoutCommand: () => () => {},
    // A browser tab closes at once: there is no backup folder to write to in the preview anyway.
    onClosing: () => () => {},
    info: (): Promise<AppInfo> =>
      Promise.resolve({
        name: 'Mend (web preview)',
        version: 'preview',
        platform: 'browser',
        electron: '',
        chrome: '',
        contentProtectionSupported: false,
        contentProtection: false,
      }),
    openExternal: (url) => {
      if (!isHttpUrl(url)) return Promise.resolve(false)
      win.open(url, '_blank', 'noopener,noreferrer')
      return Promise.resolve(true)
    },
    setContentProtection: () => Promise.resolve(false),
  }
}
