import path from 'node:path'
import { APP_HOST, APP_SCHEME } from '../../shared/ipc'
import { contentSecurityPolicy, securityHeaders } from './csp'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Maps an `app://mend/...` request URL to a file inside `rootDir`, or null when the request must
 * be refused: wrong scheme or host, credentials or port, undecodable or traversing paths.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  if (url.username !== '' || url.password !== '' || url.port !== '') return null

  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  // No NUL bytes, no backslashes (Windows separators), no dot segments left after decoding.
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const segments = pathname.split('/')
  if (segments.some((segment) => segment === '..' || segment === '.')) return null
  if (pathname === '' || pathname === '/') pathname = '/index.html'

  const root = path.resolve(rootDir)
  const resolved = path.resolve(root, `.${pathname}`)
  const relative = path.relative(root, resolved)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null
  return resolved
}

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

export interface AppProtocolDeps {
  rootDir: string
  readFile: (filePath: string) => Promise<Uint8Array>
}

/** Builds the handler for `protocol.handle(APP_SCHEME, handler)`. */
export function createAppProtocolHandler({ rootDir, readFile }: AppProtocolDeps) {
  return async (request: Request): Promise<Response> => {
    const headers = securityHeaders(contentSecurityPolicy())
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers })
    }
    const filePath = resolveAppPath(request.url, rootDir)
    if (!filePath) return new Response('Not found', { status: 404, headers })
    let body: Uint8Array
    try {
      body = await readFile(filePath)
    } catch {
      return new Response('Not found', { status: 404, headers })
    }
    headers['Content-Type'] = mimeTypeFor(filePath)
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    })
  }
}
