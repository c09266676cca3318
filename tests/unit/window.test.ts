import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import {
  applyContentProtection,
  contentProtectionSupported,
} from '../../src/main/security/content-protection'
import { buildMenuTemplate, menuRoles } from '../../src/main/security/menu'
import { enforceSingleInstance } from '../../src/main/security/single-instance'
import { secureWindowOptions, WINDOW_TITLE } from '../../src/main/security/window-options'
import { DEFAULT_SIZE, parseSavedState, restoreBounds } from '../../src/main/security/window-state'

describe('secureWindowOptions', () => {
  const options = (isDev: boolean) =>
    secureWindowOptions({
      preloadPath: '/app/preload/index.js',
      bounds: { width: 1000, height: 700 },
      isDev,
    })

  it('isolates, sandboxes and secures every window', () => {
    expect(options(false).webPreferences).toMatchObject({
      preload: '/app/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    })
  })
  it('has a fixed title with no client data in it', () =>
    expect(options(false).title).toBe(WINDOW_TITLE))
  it('opens devtools only in development', () =>
    expect(options(true).webPreferences?.devTools).toBe(true))
})

describe('restoreBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }]
  const second = { x: 1920, y: 0, width: 1280, height: 1000 }

  it('restores bounds that lie on a display', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 1000, height: 700 }, screen)).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })
  it('restores a window on the second display while it is connected', () => {
    expect(
      restoreBounds({ x: 2000, y: 10, width: 900, height: 600, maximized: true }, [
        ...screen,
        second,
      ]),
    ).toMatchObject({ x: 2000, maximized: true })
  })
  it.each([
    ['a display that was unplugged', { x: 2000, y: 10, width: 900, height: 600 }],
    ['a title bar above the screen', { x: 100, y: -500, width: 900, height: 600 }],
    ['a sliver at the edge', { x: 1900, y: 10, width: 900, height: 600 }],
    ['too small a window', { x: 0, y: 0, width: 10, height: 10 }],
    ['non-integers', { x: 1.5, y: 0, width: 900, height: 600 }],
    ['huge numbers', { x: 0, y: 0, width: 1e9, height: 600 }],
    ['strings', { x: '0', y: 0, width: 900, height: 600 }],
    ['NaN', { x: Number.NaN, y: 0, width: 900, height: 600 }],
    ['nothing', null],
    ['garbage', 'x'],
  ])('falls back to a default size for %s', (_name, saved) => {
    const result = restoreBounds(saved, screen)
    expect(result).toEqual({
      width: DEFAULT_SIZE.width,
      height: DEFAULT_SIZE.height,
      maximized: false,
    })
  })
  it('fits the default inside a small screen', () => {
    expect(restoreBounds(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
      maximized: false,
    })
  })
  it('reads unreadable saved state as none', () => {
    expect(parseSavedState('{not json')).toBeNull()
    expect(parseSavedState('{"x":1}')).toEqual({ x: 1 })
  })
})

describe('buildMenuTemplate', () => {
  it('uses the standard roles and hides reload and devtools in production', () => {
    const roles = menuRoles(buildMenuTemplate('linux', { isDev: false, appName: 'Mend' }))
    expect(roles).toEqual(
      expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'togglefullscreen']),
    )
    expect(roles).not.toContain('toggleDevTools')
    expect(roles).not.toContain('reload')
  })
  it('offers reload and devtools in development', () => {
    const roles = menuRoles(buildMenuTemplate('linux', { isDev: true, appName: 'Mend' }))
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })
  it('offers "Client walked out" with its shortcut; choosing it asks the window to start one', () => {
    const onWalkout = vi.fn()
    const template = buildMenuTemplate('linux', { isDev: false, appName: 'Mend', onWalkout })
    const record = template.find((item) => item.label === 'Record')
    const item = (record?.submenu as MenuItemConstructorOptions[] | undefined)?.[0]
    expect(item).toMatchObject({ label: 'Client walked out', accelerator: 'CmdOrCtrl+Shift+W' })
    expect(onWalkout).not.toHaveBeenCalled()
    ;(item?.click as () => void)()
    expect(onWalkout).toHaveBeenCalledTimes(1)
    // Without a handler (nothing to send it to) there is no such menu.
    expect(
      buildMenuTemplate('linux', { isDev: false, appName: 'Mend' }).map((i) => i.label),
    ).not.toContain('Record')
  })
  it('adds the app menu on macOS only', () => {
    expect(menuRoles(buildMenuTemplate('darwin', { isDev: false, appName: 'Mend' }))).toEqual(
      expect.arrayContaining(['about', 'hide', 'quit']),
    )
    expect(menuRoles(buildMenuTemplate('win32', { isDev: false, appName: 'Mend' }))).not.toContain(
      'about',
    )
  })
})

describe('content protection', () => {
  it.each([
    ['win32', true],
    ['darwin', true],
    ['linux', false],
  ] as const)('on %s supported: %s', (platform, supported) => {
    const win = { setContentProtection: vi.fn() }
    expect(contentProtectionSupported(platform)).toBe(supported)
    expect(applyContentProtection(win, true, platform)).toBe(supported)
    expect(win.setContentProtection).toHaveBeenCalledTimes(supported ? 1 : 0)
  })
  it('can be turned off where supported', () => {
    const win = { setContentProtection: vi.fn() }
    expect(applyContentProtection(win, false, 'win32')).toBe(false)
    expect(win.setContentProtection).toHaveBeenCalledWith(false)
  })
})

describe('enforceSingleInstance', () => {
  function fakeApp(lock: boolean) {
    const listeners: Record<string, () => void> = {}
    return {
      listeners,
      app: {
        requestSingleInstanceLock: () => lock,
        quit: vi.fn(),
        on: (event: string, l: () => void) => void (listeners[event] = l),
      },
    }
  }
  it('the second instance quits', () => {
    const { app } = fakeApp(false)
    expect(enforceSingleInstance(app, () => null)).toBe(false)
    expect(app.quit).toHaveBeenCalled()
  })
  it('the first instance stays and focuses its window when a second one starts', () => {
    const { app, listeners } = fakeApp(true)
    const win = { isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() }
    expect(enforceSingleInstance(app, () => win)).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
    listeners['second-instance']?.()
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
  })
})
