/**
 * The Content-Security-Policy every response of the app carries.
 * Production: only the app's own origin; no remote script, style, font, image or connection,
 * no plugins, no framing, no <base>, no form posts.
 * 'wasm-unsafe-eval' lets the app compile its own bundled WebAssembly (the Argon2 KDF); it does
 * not allow eval() of JavaScript.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null
  const devOrigin = dev ? dev.origin : ''
  const devSocket = dev ? `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : ''
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Development only: Vite's React refresh preamble is an inline script.
    'script-src': dev
      ? ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'", devOrigin]
      : ["'self'", "'wasm-unsafe-eval'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'", devOrigin] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': dev ? ["'self'", devOrigin, devSocket] : ["'self'"],
    'worker-src': ["'self'"],
    'media-src': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'none'"],
    'base-uri': ["'none'"],
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}

/** Headers added to every response the app serves or receives. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy':
      'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
  }
}

/**
 * For `session.webRequest.onHeadersReceived`: replaces any CSP a response brings with ours, so
 * even the dev server's pages run under the policy.
 */
export function withSecurityHeaders(
  responseHeaders: Record<string, string[] | string> | undefined,
  csp: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  const ours = securityHeaders(csp)
  const ourNames = new Set(Object.keys(ours).map((name) => name.toLowerCase()))
  for (const [name, value] of Object.entries(responseHeaders ?? {})) {
    if (ourNames.has(name.toLowerCase())) continue
    if (name.toLowerCase() === 'content-security-policy-report-only') continue
    result[name] = Array.isArray(value) ? value : [value]
  }
  for (const [name, value] of Object.entries(ours)) result[name] = [value]
  return result
}
