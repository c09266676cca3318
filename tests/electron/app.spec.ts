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
      mend: ['app', 'backupFolder', 'clipboard', 'commands', 'files', 'power', 'print', 'vault'],
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      Buffer: 'undefined',
    })
  })

  test('the bridge exposes exactly the groups and calls of the contract', async () => {
    const shape = await page.evaluate(() => {
      const describe = (value: unknown): unknown =>
        typeof value === 'function'
          ? 'function'
          : Object.fromEntries(
              Object.keys(value as object)
                .sort()
                .map((key) => [key, describe((value as Record<string, unknown>)[key])]),
            )
      return describe((window as unknown as { mend: unknown }).mend)
    })
    const fns = (...names: string[]) => Object.fromEntries(names.map((n) => [n, 'function']))
    expect(shape).toEqual({
      app: fns('info', 'onClosing', 'openExternal', 'setContentProtection'),
      backupFolder: fns('choose', 'list', 'prune', 'read', 'readKey', 'status', 'writeKey'),
      clipboard: fns('copy'),
      commands: fns('onWalkout'),
      files: fns(
        'abort',
        'beginWrite',
        'commit',
        'open',
        'readBack',
        'save',
        'withdraw',
        'writeChunk',
      ),
      power: fns('onLock'),
      print: fns('dialog', 'toPdf'),
      vault: { gate: fns('check', 'failed', 'succeeded'), headMirror: fns('read', 'write') },
    })
  })

  test('files.readBack refuses a handle main never issued', async () => {
    const refused = await page.evaluate(() =>
      (
        window as unknown as { mend: { files: { readBack(h: string): Promise<Uint8Array> } } }
      ).mend.files
        .readBack('0123456789abcdef0123456789abcdef')
        .then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
    )
    expect(refused).toMatch(/does not know that write/)
  })

  test('backupFolder.read refuses a path, whatever the renderer sends', async () => {
    const refused = await page.evaluate(async () => {
      const mend = (
        window as unknown as { mend: { backupFolder: { read(n: string): Promise<Uint8Array> } } }
      ).mend
      const results: string[] = []
      for (const name of ['../x', '../../etc/passwd', 'C:\\x', '/etc/passwd'])
        results.push(
          await mend.backupFolder.read(name).then(
            () => 'accepted',
            (e: Error) => e.message,
          ),
        )
      return results
    })
    for (const message of refused) expect(message).toMatch(/not valid/)
  })

  test('an external link is shown in full and opens only if confirmed; loopback never', async () => {
    // Stand in for the question and the OS browser inside the main process.
    await app.evaluate(({ dialog, shell }) => {
      const record = globalThis as unknown as { asked: string[]; opened: string[]; answer: number }
      record.asked = []
      record.opened = []
      record.answer = 1
      dialog.showMessageBox = (async (...args: unknown[]) => {
        record.asked.push(String((args.at(-1) as { detail?: string }).detail))
        return { response: record.answer, checkboxChecked: false }
      }) as typeof dialog.showMessageBox
      shell.openExternal = (async (url: string) => {
        record.opened.push(url)
      }) as typeof shell.openExternal
    })
    const openExternal = (url: string) =>
      page.evaluate(
        (u) =>
          (
            window as unknown as { mend: { app: { openExternal(u: string): Promise<boolean> } } }
          ).mend.app.openExternal(u),
        url,
      )
    const recorded = () =>
      app.evaluate(() => {
        const { asked, opened } = globalThis as unknown as { asked: string[]; opened: string[] }
        return { asked: [...asked], opened: [...opened] }
      })

    expect(await openExternal('https://988lifeline.org/')).toBe(false)
    expect(await recorded()).toEqual({ asked: ['https://988lifeline.org/'], opened: [] })

    await app.evaluate(() => {
      ;(globalThis as unknown as { answer: number }).answer = 0
    })
    expect(await openExternal('https://988lifeline.org/')).toBe(true)
    expect((await recorded()).opened).toEqual(['https://988lifeline.org/'])

    expect(await openExternal('http://127.0.0.1:8080/')).toBe(false)
    expect(await openExternal('http://localhost/')).toBe(false)
    expect((await recorded()).asked).toHaveLength(2)

    await app.evaluate(() => {
      ;(globalThis as unknown as { answer: number }).answer = 1
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
    // The link test above left a stand-in question that answers Cancel: nothing opens.
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toMatch(/^app:\/\/mend\//)
    const opened = await page.evaluate(() => window.open('https://example.com/') === null)
    expect(opened).toBe(true)
    expect(app.windows()).toHaveLength(1)
    const { asked, opened: handed } = await app.evaluate(() => {
      const record = globalThis as unknown as { asked: string[]; opened: string[] }
      return { asked: [...record.asked], opened: [...record.opened] }
    })
    expect(asked.slice(-2)).toEqual(['https://example.com/', 'https://example.com/'])
    expect(handed).toEqual(['https://988lifeline.org/'])
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
