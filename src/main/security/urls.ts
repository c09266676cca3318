import { APP_HOST, APP_SCHEME } from '../../shared/ipc'

/** Parses a URL, returning null instead of throwing. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

function hasNoCredentialsOrPort(url: URL): boolean {
  return url.username === '' && url.password === '' && url.port === ''
}

/** True only for `app://mend/...`: the exact scheme and host, no credentials, no port. */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw)
  if (!url) return false
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && hasNoCredentialsOrPort(url)
}

/**
 * True when `raw` has the same origin as the development server (http://localhost:5173 and its
 * websocket for hot reload). Always false when no dev server is configured.
 */
export function isDevServerUrl(raw: unknown, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false
  const dev = parseUrl(devServerUrl)
  const url = parseUrl(raw)
  if (!dev || !url) return false
  if (url.username !== '' || url.password !== '') return false
  const devWs = dev.protocol === 'https:' ? 'wss:' : 'ws:'
  const sameScheme = url.protocol === dev.protocol || url.protocol === devWs
  return sameScheme && url.host === dev.host
}

/** Where the app's own pages may come from: the app scheme, or the dev server in development. */
export function isOwnUrl(raw: unknown, devServerUrl?: string): boolean {
  return isAppUrl(raw) || isDevServerUrl(raw, devServerUrl)
}

/**
 * Hosts that are this machine: localhost and its subdomains, 127.0.0.0/8, ::1, the unspecified
 * addresses 0.0.0.0 and ::, and IPv4-mapped forms of these. `hostname` is as the WHATWG URL parser
 * leaves it (lowercase, IPv4 in dotted decimal whatever form it was written in, IPv6 in brackets).
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.+$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') return true
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1)
    if (v6 === '::1' || v6 === '::') return true
    // IPv4-mapped (::ffff:7f00:1 is 127.0.0.1) and the deprecated IPv4-compatible form.
    const mapped = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6)
    if (mapped) {
      const high = parseInt(mapped[1] ?? '0', 16)
      return high >> 8 === 127 || (high === 0 && parseInt(mapped[2] ?? '0', 16) === 0)
    }
    const dotted = /^::(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(v6)
    if (dotted) return isLocalHost(dotted[1] ?? '')
  }
  return false
}

/**
 * An external link may open in the OS browser only if it is plain http(s) with a host that is
 * not this machine, no embedded credentials, and nothing that a URL parser disagrees about.
 */
export function isSafeExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string') return false
  // Control characters and whitespace are how parser-differential tricks start.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return false
  const url = parseUrl(raw)
  if (!url) return false
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false
  if (url.hostname === '' || url.username !== '' || url.password !== '') return false
  // A link to this machine could reach a local service (or the dev server): never.
  if (isLocalHost(url.hostname)) return false
  // The raw text must start with the scheme the parser saw (no leading junk the OS may read differently).
  if (!raw.toLowerCase().startsWith(`${url.protocol}//`)) return false
  return true
}
