import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, withSecurityHeaders } from '../../src/main/security/csp'

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values]
    }),
  )
}

describe('production Content-Security-Policy', () => {
  const csp = directives(contentSecurityPolicy())

  it.each([
    ['default-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('%s is %j', (name, values) => expect(csp.get(name)).toEqual(values))

  it('allows scripts only from the app itself (and compiling its own WebAssembly)', () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
  })

  it('names no remote source and allows no inline script or eval anywhere', () => {
    const text = contentSecurityPolicy()
    expect(text).not.toMatch(/https?:|wss?:|\*/)
    expect(text).not.toContain("'unsafe-inline'")
    expect(text).not.toContain("'unsafe-eval'")
  })
})

describe('development Content-Security-Policy', () => {
  it('adds the dev server and its websocket, and nothing else remote', () => {
    const csp = directives(contentSecurityPolicy('http://localhost:5173'))
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'http://localhost:5173',
      'ws://localhost:5173',
    ])
    expect(contentSecurityPolicy('http://localhost:5173')).not.toMatch(/https:/)
  })
})

describe('withSecurityHeaders', () => {
  it('replaces a weaker CSP a response brings, whatever its casing', () => {
    const headers = withSecurityHeaders(
      {
        'content-security-policy': ['default-src *'],
        'Content-Type': ['text/html'],
        'Content-Security-Policy-Report-Only': ['x'],
      },
      "default-src 'self'",
    )
    expect(headers['Content-Security-Policy']).toEqual(["default-src 'self'"])
    expect(headers['content-security-policy']).toBeUndefined()
    expect(headers['Content-Security-Policy-Report-Only']).toBeUndefined()
    expect(headers['Content-Type']).toEqual(['text/html'])
  })
  it('adds the policy to a response with no headers', () => {
    expect(withSecurityHeaders(undefined, "default-src 'self'")['Content-Security-Policy']).toEqual(
      ["default-src 'self'"],
    )
  })
})
