import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron'
import { APP_ORIGIN, APP_SCHEME, Channels, type LockReason } from '../shared/ipc'
import { BackupFolder } from './backup-folder'
import { ClipboardGuard } from './clipboard'
import { CloseGuard } from './close-guard'
import { registerIpcHandlers, type RegisteredHandlers } from './ipc/handlers'
import { watchForLock } from './power/lock-watch'
import { createExternalLinkOpener } from './security/external-links'
import { applyContentProtection, contentProtectionSupported } from './security/content-protection'
import { contentSecurityPolicy, withSecurityHeaders } from './security/csp'
import { buildMenuTemplate } from './security/menu'
import { applyWindowPolicy } from './security/navigation'
import { installPermissionPolicy } from './security/permissions'
import { createAppProtocolHandler } from './security/protocol'
import { installRequestFilter } from './security/requests'
import { enforceSingleInstance } from './security/single-instance'
import { secureWindowOptions, WINDOW_TITLE } from './security/window-options'
import { parseSavedState, restoreBounds } from './security/window-state'
import { JsonFile, parseShellSettings, type ShellSettings } from './settings'
import { HeadMirror } from './vault/head-mirror'
import { UnlockGate } from './vault/unlock-gate'

const isDev = !app.isPackaged && Boolean(process.env['ELECTRON_RENDERER_URL'])
const devServerUrl = isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined
const rendererRoot = path.join(__dirname, '../renderer')
const log = (message: string) => console.log(`[mend] ${message}`)

// Tests (never a packaged build) run the app against a throwaway profile.
const testUserData = process.env['MEND_USER_DATA_DIR']
if (!app.isPackaged && testUserData) app.setPath('userData', testUserData)

// Must happen before 'ready': the app scheme behaves like https (secure context, fetch, storage).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
])
app.enableSandbox()

let mainWindow: BrowserWindow | null = null
let shellSettings: ShellSettings = { contentProtection: true }
let handlers: RegisteredHandlers | null = null
let stopLockWatch: (() => void) | null = null
const clipboardGuard = new ClipboardGuard(clipboard)
// A window about to close asks its page first: an automatic backup that is due is made before
// the app closes. A held close cancels a quit in progress, so quit again once it is let go.
let quitRequested = false
const closeGuard = new CloseGuard({ log })
closeGuard.onReleased = () => {
  if (quitRequested) app.quit()
}

// Every address that leaves the app is shown in full and confirmed first (loopback never).
// `dialog` is passed as the object so the Electron spec can stand in for showMessageBox.
const openExternal = createExternalLinkOpener({
  dialog,
  open: (url) => shell.openExternal(url),
  log,
})

// Every WebContents, whatever created it, gets the same navigation and window rules.
app.on('web-contents-created', (_event, contents) => {
  applyWindowPolicy(contents, {
    devServerUrl,
    openExternal: (url) => {
      void openExternal(url, BrowserWindow.fromWebContents(contents)).catch(() =>
        log('could not ask about an external link'),
      )
    },
  })
})

async function createWindow(): Promise<BrowserWindow> {
  const stateFile = JsonFile.in(fs, app.getPath('userData'), 'window-state.json')
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const bounds = restoreBounds(parseSavedState(await stateFile.readText()), workAreas)

  const win = new BrowserWindow(
    secureWindowOptions({
      preloadPath: path.join(__dirname, '../preload/index.js'),
      bounds,
      isDev,
    }),
  )
  // The page can never change the window title (it might otherwise show a client's name).
  win.on('page-title-updated', (event) => {
    event.preventDefault()
    win.setTitle(WINDOW_TITLE)
  })
  applyContentProtection(win, shellSettings.contentProtection, process.platform)
  if (bounds.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  const saveState = () => {
    if (win.isDestroyed()) return
    const normal = win.getNormalBounds()
    void stateFile
      .write({ ...normal, maximized: win.isMaximized() })
      .catch(() => log('could not save window state'))
  }
  win.on('close', saveState)
  closeGuard.watch(win)

  if (devServerUrl) await win.loadURL(devServerUrl)
  else await win.loadURL(`${APP_ORIGIN}/index.html`)
  return win
}

function sendLock(reason: LockReason): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(Channels.power.lock, reason)
  }
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  const settingsFile = JsonFile.in(fs, userData, 'shell-settings.json')
  shellSettings = parseShellSettings(await settingsFile.readText())
  const unlockGate = await UnlockGate.open({
    file: JsonFile.in(fs, userData, 'unlock-gate.json'),
    log,
  })

  const ses = session.defaultSession
  const csp = contentSecurityPolicy(devServerUrl)
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: rendererRoot, readFile: (file) => fs.readFile(file) }),
  )
  installRequestFilter(ses.webRequest, devServerUrl, (scheme) =>
    log(`blocked a request (${scheme})`),
  )
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, csp) })
  })
  installPermissionPolicy(ses, devServerUrl)
  ses.setSpellCheckerEnabled(false)

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(process.platform, {
        isDev,
        appName: app.name,
        onWalkout: () => {
          const win = BrowserWindow.getFocusedWindow() ?? mainWindow
          if (win && !win.isDestroyed()) win.webContents.send(Channels.commands.walkout)
        },
      }),
    ),
  )

  handlers = registerIpcHandlers({
    ipcMain,
    dialog,
    fs,
    platform: process.platform,
    now: () => new Date(),
    windowFor: (contents: WebContents) => BrowserWindow.fromWebContents(contents),
    openExternal,
    info: () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      contentProtectionSupported: contentProtectionSupported(process.platform),
    }),
    getContentProtection: () =>
      shellSettings.contentProtection && contentProtectionSupported(process.platform),
    setContentProtection: (enabled) => {
      shellSettings = { ...shellSettings, contentProtection: enabled }
      void settingsFile.write(shellSettings).catch(() => log('could not save settings'))
      let effective = false
      for (const win of BrowserWindow.getAllWindows())
        effective = applyContentProtection(win, enabled, process.platform)
      return effective
    },
    defaultDirectory: () => app.getPath('documents'),
    clipboard: clipboardGuard,
    unlockGate,
    headMirror: new HeadMirror(JsonFile.in(fs, userData, 'audit-heads.json')),
    backupFolder: new BackupFolder({
      fs,
      configFile: JsonFile.in(fs, userData, 'backup-folder.json'),
      homeDir: app.getPath('home'),
      platform: process.platform,
      log,
    }),
    closeGuard,
    devServerUrl,
    log,
  })

  stopLockWatch = watchForLock({ powerMonitor, platform: process.platform, sendLock })

  mainWindow = await createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      void createWindow().then((win) => (mainWindow = win))
  })
}

let quitting = false

if (enforceSingleInstance(app, () => mainWindow)) {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => {
    quitRequested = true
  })
  app.on('will-quit', (event) => {
    clipboardGuard.clearOnQuit()
    stopLockWatch?.()
    stopLockWatch = null
    // Unfinished writes leave no temp files behind: wait for them to be removed, then quit.
    if (quitting || !handlers || handlers.writes.openCount() === 0) return
    event.preventDefault()
    quitting = true
    void handlers.writes.abortAll().finally(() => app.quit())
  })
  app
    .whenReady()
    .then(start)
    .catch(() => {
      log('startup failed')
      app.quit()
    })
}
