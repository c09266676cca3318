import type { BrowserWindowConstructorOptions } from 'electron'
import type { WindowBounds } from './window-state'

export const WINDOW_TITLE = 'Mend'

/** The options every Mend window is created with. */
export function secureWindowOptions(params: {
  preloadPath: string
  bounds: WindowBounds
  isDev: boolean
}): BrowserWindowConstructorOptions {
  return {
    ...params.bounds,
    minWidth: 720,
    minHeight: 520,
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: '#f7f5f2',
    autoHideMenuBar: false,
    webPreferences: {
      preload: params.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // The spellchecker downloads dictionaries from the network and sees what is typed.
      spellcheck: false,
      devTools: params.isDev,
      safeDialogs: true,
      disableDialogs: false,
    },
  }
}
