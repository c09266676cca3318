import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './tests/support/chromium.mjs'

const port = Number(process.env['MEND_E2E_PORT'] ?? 4719)

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: 'test-results/playwright-artifacts',
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        baseURL: `http://127.0.0.1:${port}`,
        browserName: 'chromium',
        headless: true,
        launchOptions: chromiumLaunchOptions(),
        serviceWorkers: 'block',
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
  globalSetup: './tests/e2e/global-setup.ts',
})
