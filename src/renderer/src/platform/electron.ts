import type { MendBridge } from '../../../shared/ipc'
import type { Platform } from './types'

/** The desktop app: every capability goes through the preload's `window.mend`. */
export function electronPlatform(bridge: MendBridge): Platform {
  return {
    kind: 'electron',
    files: {
      save: (request) => bridge.files.save(request),
      open: (request) => bridge.files.open(request),
      beginWrite: (request) => bridge.files.beginWrite(request),
      writeChunk: (handle, data) => bridge.files.writeChunk(handle, data),
      commit: (handle) => bridge.files.commit(handle),
      abort: (handle) => bridge.files.abort(handle),
      readBack: (handle) => bridge.files.readBack(handle),
      withdraw: (handle) => bridge.files.withdraw(handle),
    },
    print: bridge.print,
    clipboard: {
      copy: (text, clearAfterSeconds) => bridge.clipboard.copy(text, clearAfterSeconds),
    },
    vault: {
      gate: {
        check: () => bridge.vault.gate.check(),
        failed: () => bridge.vault.gate.failed(),
        succeeded: () => bridge.vault.gate.succeeded(),
      },
      headMirror: {
        read: (vaultId) => bridge.vault.headMirror.read(vaultId),
        write: (head) => bridge.vault.headMirror.write(head),
      },
    },
    backupFolder: {
      choose: () => bridge.backupFolder.choose(),
      status: () => bridge.backupFolder.status(),
      list: () => bridge.backupFolder.list(),
      read: (name) => bridge.backupFolder.read(name),
      writeKey: (data, replace) => bridge.backupFolder.writeKey(data, replace),
      readKey: () => bridge.backupFolder.readKey(),
      prune: (request) => bridge.backupFolder.prune(request),
    },
    onLock: (listener) => bridge.power.onLock(listener),
    onWalkoutCommand: (listener) => bridge.commands.onWalkout(listener),
    onClosing: (listener) => bridge.app.onClosing(listener),
    info: () => bridge.app.info(),
    openExternal: (url) => bridge.app.openExternal(url),
    setContentProtection: (enabled) => bridge.app.setContentProtection(enabled),
  }
}
