import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
}

/**
 * Serves built pages on 127.0.0.1 for the benchmark scripts: each URL prefix from its directory
 * (`{ '/bench/': benchDir, '/': appDir }`; the first prefix that matches wins, `index.html` for a
 * directory), nothing outside them, with the app's own policy for scripts (self only, plus
 * compiling its bundled WebAssembly). Resolves once listening.
 * @param {Record<string, string>} mounts
 * @param {number} [port] 0: any free port
 * @returns {Promise<import('node:http').Server>}
 */
export function serveDirs(mounts, port = 0) {
  const roots = Object.entries(mounts).map(([prefix, dir]) => [prefix, path.resolve(dir)])
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1')
    const mount = roots.find(([prefix]) => `${pathname}/`.startsWith(prefix))
    const file = mount
      ? path.resolve(
          mount[1],
          `./${decodeURIComponent(pathname.slice(mount[0].length)) || 'index.html'}`,
        )
      : null
    if (!file || !file.startsWith(mount[1] + path.sep)) {
      res.writeHead(404).end()
      return
    }
    try {
      const body = await readFile(file)
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy':
          "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
      })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}
