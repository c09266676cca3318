import { existsSync } from 'node:fs'
import { serveRenderer } from '../support/serve-renderer'

/** Serves out/renderer for the e2e project; returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('out/renderer/index.html')) {
    throw new Error('out/renderer is missing: run `npm run build` before the e2e tests')
  }
  const { url, server } = await serveRenderer(
    'out/renderer',
    Number(process.env['MEND_E2E_PORT'] ?? 4719),
  )
  process.env['MEND_E2E_URL'] = url
  return () => new Promise((resolve) => server.close(() => resolve()))
}
