import { describe, expect, it } from 'vitest'
import { isAppUrl, isDevServerUrl, isOwnUrl, isSafeExternalUrl } from '../../src/main/security/urls'

describe('isAppUrl', () => {
  it.each([
    'app://mend/',
    'app://mend/index.html',
    'app://mend/assets/index-abc.js',
    'app://mend/index.html#/clients/8f3a',
  ])('accepts %s', (url) => expect(isAppUrl(url)).toBe(true))

  it.each([
    'app://mend.evil/',
    'app://mend@evil/',
    'app://user:pass@mend/',
    'app://mend:8080/',
    'app://evil/',
    'app://evilmend/',
    'app:mend/index.html',
    'apps://mend/',
    'https://mend/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    '',
    'not a url',
    42,
    null,
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false))
})

describe('isDevServerUrl', () => {
  const dev = 'http://localhost:5173'
  it.each(['http://localhost:5173/', 'http://localhost:5173/src/main.tsx', 'ws://localhost:5173/'])(
    'accepts %s in development',
    (url) => expect(isDevServerUrl(url, dev)).toBe(true),
  )
  it.each([
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://localhost.evil:5173/',
    'http://user@localhost:5173/',
    'http://127.0.0.1:5173/',
  ])('refuses %s in development', (url) => expect(isDevServerUrl(url, dev)).toBe(false))
  it('refuses the dev server when none is configured (production)', () => {
    expect(isDevServerUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isOwnUrl('http://localhost:5173/')).toBe(false)
  })
})

describe('isSafeExternalUrl', () => {
  it.each([
    'https://988lifeline.org/',
    'http://example.org/page?q=1',
    'https://example.org:8443/a#b',
  ])('lets %s open in the OS browser', (url) => expect(isSafeExternalUrl(url)).toBe(true))
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'file://server/share',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox',
    'data:text/html,hi',
    'app://mend/',
    'https://user:pw@example.org/',
    'https://example.org@evil.org/',
    ' https://example.org/',
    'https://exa mple.org/',
    'https://example.org/\u0000',
    'https:\\\\evil.org\\',
    'https:example.org',
    'http://',
    '',
    'x'.repeat(9000),
    undefined,
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false))
  it.each([
    'http://localhost:5173/',
    'http://localhost./',
    'https://admin.localhost/',
    'http://127.0.0.1:8080/',
    'http://127.1/',
    'http://2130706433/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0/',
  ])('refuses %s, which points at this machine', (url) =>
    expect(isSafeExternalUrl(url)).toBe(false),
  )
})
