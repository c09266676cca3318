import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The import direction of DESIGN.md is enforced by lint; these cases prove the rules bite. */
const eslint = new ESLint({ cwd: path.resolve('.') })

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(filePath) })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('import boundaries', () => {
  it.each([
    [
      'a feature importing another feature',
      'src/renderer/src/features/clients/probe.ts',
      "import { VaultSettings } from '../vault'\nexport const x = VaultSettings\n",
    ],
    [
      'the store importing a feature',
      'src/renderer/src/store/probe.ts',
      "import { ClientsPage } from '../features/clients'\nexport const x = ClientsPage\n",
    ],
    [
      'domain importing the app shell',
      'src/renderer/src/domain/probe.ts',
      "import { App } from '../app/App'\nexport const x = App\n",
    ],
    [
      'the renderer importing main-process code',
      'src/renderer/src/platform/probe.ts',
      "import { isAppUrl } from '../../../main/security/urls'\nexport const x = isAppUrl\n",
    ],
    [
      'main importing renderer code',
      'src/main/probe.ts',
      "import { detectPlatform } from '../renderer/src/platform'\nexport const x = detectPlatform\n",
    ],
  ])('refuses %s', async (_name, file, code) => {
    expect(await ruleIds(file, code)).toContain('import-x/no-restricted-paths')
  })

  it('refuses React in the domain layer', async () => {
    expect(
      await ruleIds(
        'src/renderer/src/domain/probe.ts',
        "import { useState } from 'react'\nexport const x = useState\n",
      ),
    ).toContain('no-restricted-imports')
  })

  it('refuses electron in the renderer', async () => {
    expect(
      await ruleIds(
        'src/renderer/src/platform/probe.ts',
        "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer\n",
      ),
    ).toContain('no-restricted-imports')
  })

  it.each([
    [
      'the app shell importing a feature',
      'src/renderer/src/app/probe.ts',
      "import { HomePage } from '../features/dashboard/HomePage'\nexport const x = HomePage\n",
    ],
    [
      'a feature importing the platform adapter',
      'src/renderer/src/features/dashboard/probe.ts',
      "import { detectPlatform } from '../../platform'\nexport const x = detectPlatform\n",
    ],
    [
      'main importing the shared contract',
      'src/main/probe.ts',
      "import { APP_ORIGIN } from '../shared/ipc'\nexport const x = APP_ORIGIN\n",
    ],
  ])('allows %s', async (_name, file, code) => {
    expect(await ruleIds(file, code)).toEqual([])
  })
})
