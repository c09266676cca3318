import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import path from 'node:path'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { setUpVault, unlock } from '../e2e/vault-helpers'

/**
 * Launches the built desktop app (out/main) with the real Electron runtime. Where the runtime
 * is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on CI), every test here
 * reports itself skipped with the reason.
 */
function electronRuntime(): { path?: string; reason?: string } {
  try {
    const require = createRequire(__filename)
    const packageDir = path.dirname(require.resolve('electron/package.json'))
    const pathFile = path.join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) {
      return {
        reason:
          'Electron runtime not installed (npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1); a normal `npm install` fetches it.',
      }
    }
    const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    if (!existsSync(executable)) return { reason: `Electron runtime missing at ${executable}` }
    return { path: executable }
  } catch {
    return { reason: 'the electron package is not installed' }
  }
}

const runtime = electronRuntime()
const mainScript = path.resolve('out/main/index.js')

test.describe('desktop app (Electron)', () => {
  test.skip(!runtime.path, runtime.reason ?? '')
  test.skip(!existsSync(mainScript), 'out/main is missing: run `npm run build` first')

  let app: ElectronApplication
  let page: Page

  let profile: string

  test.beforeAll(async () => {
    profile = await mkdtemp(path.join(tmpdir(), 'mend-electron-'))
    app = await electron.launch({
      executablePath: runtime.path,
      args: [mainScript, '--no-sandbox'],
      env: { ...process.env, ELECTRON_RENDERER_URL: '', MEND_USER_DATA_DIR: profile },
    })
    page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
  })

  test.afterAll(async () => {
    await app?.close()
    if (profile) await rm(profile, { recursive: true, force: true })
  })

  test('loads from the app scheme with a fixed title', async () => {
    expect(page.url()).toMatch(/^app:\/\/mend\//)
    // A fresh profile: the vault setup screen, served by the app scheme.
    await expect(page.getByRole('heading', { level: 1, name: 'Set up Mend' })).toBeVisible()
    expect(
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()),
    ).toBe('Mend')
  })

  test('the window is isolated, sandboxed and web-secure', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences is Electron's own (used by its specs) but not in its public typings.
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown> | null
      }
      const p = contents.getLastWebPreferences()
      return {
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
        webSecurity: p?.webSecurity,
        webviewTag: p?.webviewTag,
      }
    })
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    })
  })

  test('the preload exposes window.mend and nothing else of Node or Electron', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>
      return {
        mend: Object.keys((w['mend'] as object) ?? {}).sort(),
        require: typeof w['require'],
        process: typeof w['process'],
        ipcRenderer: typeof w['ipcRenderer'],
        electron: typeof w['electron'],
        Buffer: typeof w['Buffer'],
      }
    })
    expect(globals).toEqual({
      mend: ['app', 'files', 'power', 'print'],
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      Buffer: 'undefined',
    })
  })

  test('an https request from the renderer never leaves', async () => {
    const result = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/collect?x=1')
        return 'sent'
      } catch {
        return 'blocked'
      }
    })
    expect(result).toBe('blocked')
    // Even bypassing the page's CSP, the session's request filter cancels it.
    const fromSession = await app.evaluate(async ({ session }) => {
      try {
        await session.defaultSession.fetch('https://example.com/')
        return 'sent'
      } catch {
        return 'blocked'
      }
    })
    expect(fromSession).toBe('blocked')
  })

  test('navigation away from the app and window.open are refused', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toMatch(/^app:\/\/mend\//)
    const opened = await page.evaluate(() => window.open('https://example.com/') === null)
    expect(opened).toBe(true)
    expect(app.windows()).toHaveLength(1)
  })

  test('creates and unlocks a vault under the shell CSP (Argon2 WebAssembly runs)', async () => {
    await setUpVault(page, { recoveryKey: false })
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await unlock(page)
    await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({
      timeout: 15_000,
    })
  })

  test('IPC answers the app and refuses bad arguments', async () => {
    const info = await page.evaluate(() =>
      (
        window as unknown as { mend: { app: { info(): Promise<{ name: string }> } } }
      ).mend.app.info(),
    )
    expect(info.name).toBeTruthy()
    const refused = await page.evaluate(() =>
      (
        window as unknown as {
          mend: { app: { setContentProtection(v: unknown): Promise<boolean> } }
        }
      ).mend.app
        .setContentProtection('yes')
        .then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
    )
    expect(refused).toMatch(/not valid/)
  })
})
