import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The import direction of DESIGN.md is enforced by lint; these cases prove the rules bite. */
const eslint = new ESLint({ cwd: path.resolve('.') })
// ESLint with the TypeScript resolver takes seconds to start, and more on a loaded 2-core machine.
const SLOW = { timeout: 120_000 }

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(filePath) })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('import boundaries', SLOW, () => {
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

  it.each([
    [
      'a feature importing the database',
      'src/renderer/src/features/clients/probe.ts',
      "import { MendDatabase } from '../../store/db'\nexport const x = new MendDatabase()\n",
    ],
    [
      'a feature importing the live-row machinery',
      'src/renderer/src/features/dashboard/probe.ts',
      "import { useRecords } from '../../store/live'\nexport const x = useRecords\n",
    ],
    [
      'the app shell importing row types',
      'src/renderer/src/app/probe.ts',
      "import type { IncidentRow } from '../store/db'\nexport type X = IncidentRow\n",
    ],
  ])('refuses %s', async (_name, file, code) => {
    expect(await ruleIds(file, code)).toContain('import-x/no-restricted-paths')
  })

  it.each([
    ['dexie', "import Dexie from 'dexie'\nexport const x = Dexie\n"],
    [
      'dexie-react-hooks',
      "import { useLiveQuery } from 'dexie-react-hooks'\nexport const x = useLiveQuery\n",
    ],
  ])('refuses %s in a feature', async (_name, code) => {
    expect(await ruleIds('src/renderer/src/features/clients/probe.ts', code)).toContain(
      'no-restricted-imports',
    )
  })

  it('allows the store itself to use Dexie', async () => {
    expect(
      await ruleIds(
        'src/renderer/src/store/probe.ts',
        "import { useLiveQuery } from 'dexie-react-hooks'\nexport const x = useLiveQuery\n",
      ),
    ).toEqual([])
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
      'a feature using the named queries and operations',
      'src/renderer/src/features/clients/probe.ts',
      "import { useClients } from '../../store/queries'\nimport { createClient } from '../../store/operations'\nexport const x = [useClients, createClient]\n",
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
