import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { APP_ORIGIN } from '../../src/shared/ipc'
import { createAppProtocolHandler } from '../../src/main/security/protocol'

/**
 * Serves the production renderer build on 127.0.0.1 through the same handler the desktop app's
 * `app://` protocol uses: same path rules, same Content-Security-Policy and headers.
 * (Plain Chromium refuses module scripts over file://.)
 */
export async function serveRenderer(
  rootDir: string,
  port = 0,
): Promise<{ url: string; server: Server }> {
  const handler = createAppProtocolHandler({
    rootDir: path.resolve(rootDir),
    readFile: (file) => readFile(file),
  })
  const server = createServer((req, res) => {
    const appUrl = `${APP_ORIGIN}${req.url ?? '/'}`
    handler(new Request(appUrl, { method: req.method ?? 'GET' }))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers.entries()))
        res.end(Buffer.from(await response.arrayBuffer()))
      })
      .catch(() => {
        res.writeHead(500)
        res.end()
      })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('server has no port')
  return { url: `http://127.0.0.1:${address.port}`, server }
}
