import type { MendBridge } from '../../../shared/ipc'
import { browserPlatform } from './browser'
import { electronPlatform } from './electron'
import type { Platform } from './types'

export type * from './types'
export { isHttpUrl } from './external-url'

declare global {
  interface Window {
    /** Present only inside the desktop app (exposed by the preload). */
    readonly mend?: MendBridge
  }
}

/** Picks the host: the Electron bridge when the preload exposed it, the browser otherwise. */
export function detectPlatform(win: Window = window): Platform {
  return win.mend ? electronPlatform(win.mend) : browserPlatform(win)
}
