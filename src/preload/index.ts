import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { answerClosing } from './closing'
import {
  CHANNEL_PREFIX,
  Channels,
  type Channel,
  type LockReason,
  type MendBridge,
} from '../shared/ipc'

/** The only way this preload talks to main: named channels with the app's prefix (after VS Code). */
function invoke<T>(channel: Channel, ...args: unknown[]): Promise<T> {
  if (!channel.startsWith(CHANNEL_PREFIX)) return Promise.reject(new Error('Unknown channel'))
  return ipcRenderer.invoke(channel, ...args) as Promise<T>
}

const LOCK_REASONS: readonly LockReason[] = ['lock-screen', 'suspend', 'user-switch']

const closingListeners = new Set<() => Promise<void> | void>()
ipcRenderer.on(Channels.app.closing, (_event: IpcRendererEvent, token: unknown) => {
  if (typeof token !== 'string') return
  answerClosing(closingListeners, (state) =>
    invoke(Channels.app.closeReply, token, state).catch(() => false),
  )
})

const api = {
  files: {
    save: (request) => invoke(Channels.files.save, request),
    open: (request) => invoke(Channels.files.open, request),
    beginWrite: (request) => invoke(Channels.files.beginWrite, request),
    writeChunk: (handle, data) => invoke(Channels.files.writeChunk, handle, data),
    commit: (handle) => invoke(Channels.files.commit, handle),
    abort: (handle) => invoke(Channels.files.abort, handle),
    readBack: (handle) => invoke(Channels.files.readBack, handle),
    withdraw: (handle) => invoke(Channels.files.withdraw, handle),
  },
  print: {
    dialog: () => invoke(Channels.print.dialog),
    toPdf: (request) => invoke(Channels.print.toPdf, request),
  },
  clipboard: {
    copy: (text, clearAfterSeconds) => invoke(Channels.clipboard.copy, text, clearAfterSeconds),
  },
  vault: {
    gate: {
      check: () => invoke(Channels.vault.gateCheck),
      failed: () => invoke(Channels.vault.gateFailed),
      succeeded: () => invoke(Channels.vault.gateSucceeded),
    },
    headMirror: {
      read: (vaultId) => invoke(Channels.vault.headMirrorRead, vaultId),
      write: (head) => invoke(Channels.vault.headMirrorWrite, head),
    },
  },
  backupFolder: {
    choose: () => invoke(Channels.backupFolder.choose),
    status: () => invoke(Channels.backupFolder.status),
    list: () => invoke(Channels.backupFolder.list),
    read: (name) => invoke(Channels.backupFolder.read, name),
    writeKey: (data, replace) => invoke(Channels.backupFolder.writeKey, data, replace),
    readKey: () => invoke(Channels.backupFolder.readKey),
    prune: (request) => invoke(Channels.backupFolder.prune, request),
  },
  power: {
    onLock: (listener) => {
      // The renderer never sees the IpcRendererEvent (it would hand over ipcRenderer itself).
      const wrapped = (_event: IpcRendererEvent, reason: unknown) => {
        if (LOCK_REASONS.includes(reason as LockReason)) listener(reason as LockReason)
      }
      ipcRenderer.on(Channels.power.lock, wrapped)
      return () => {
        ipcRenderer.removeListener(Channels.power.lock, wrapped)
      }
    },
  },
  commands: {
    onWalkout: (listener) => {
      const wrapped = () => listener()
      ipcRenderer.on(Channels.commands.walkout, wrapped)
      return () => {
        ipcRenderer.removeListener(Channels.commands.walkout, wrapped)
      }
    },
  },
  app: {
    info: () => invoke(Channels.app.info),
    openExternal: (url) => invoke(Channels.app.openExternal, url),
    setContentProtection: (enabled) => invoke(Channels.app.setContentProtection, enabled),
    onClosing: (listener) => {
      closingListeners.add(listener)
      return () => {
        closingListeners.delete(listener)
      }
    },
  },
} as const satisfies MendBridge

contextBridge.exposeInMainWorld('mend', api)

export type ExposedApi = typeof api
