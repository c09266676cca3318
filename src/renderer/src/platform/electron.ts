import type { MendBridge } from '../../../shared/ipc'
import type { Platform } from './types'

/** The desktop app: every capability goes through the preload's `window.mend`. */
export function electronPlatform(bridge: MendBridge): Platform {
  return {
    kind: 'electron',
    saveFile: (request) => bridge.files.save(request),
    openFile: (request) => bridge.files.open(request),
    print: () => bridge.print.dialog(),
    printToPdf: (request) => bridge.print.toPdf(request),
    onLock: (listener) => bridge.power.onLock(listener),
    info: () => bridge.app.info(),
    openExternal: (url) => bridge.app.openExternal(url),
    setContentProtection: (enabled) => bridge.app.setContentProtection(enabled),
  }
}
