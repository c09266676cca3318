import { describe, expect, it, vi } from 'vitest'
import { installRequestFilter, shouldCancelRequest } from '../../src/main/security/requests'

describe('shouldCancelRequest (production)', () => {
  it.each([
    'app://mend/index.html',
    'app://mend/assets/x.js',
    'data:image/png;base64,AAAA',
    'blob:app://mend/4f1c',
  ])('lets %s through', (url) => expect(shouldCancelRequest(url)).toBe(false))
  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'http://localhost:5173/',
    'ws://localhost:5173/',
    'wss://example.com/socket',
    'ftp://example.com/',
    'file:///etc/passwd',
    'app://mend.evil/x.js',
    'app://mend@evil/x.js',
    'chrome-extension://abc/x.js',
    'devtools://devtools/bundled/inspector.html',
    'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
    'garbage',
  ])('cancels %s', (url) => expect(shouldCancelRequest(url)).toBe(true))
})

describe('shouldCancelRequest (development)', () => {
  const dev = 'http://localhost:5173'
  it.each(['http://localhost:5173/src/main.tsx', 'ws://localhost:5173/', 'app://mend/'])(
    'lets %s through',
    (url) => expect(shouldCancelRequest(url, dev)).toBe(false),
  )
  it.each(['https://example.com/', 'http://localhost:5174/', 'http://evil.com/?localhost:5173'])(
    'still cancels %s',
    (url) => expect(shouldCancelRequest(url, dev)).toBe(true),
  )
})

describe('installRequestFilter', () => {
  it('cancels an https request and reports only its scheme', () => {
    let listener:
      ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined
    const onBlocked = vi.fn()
    installRequestFilter({ onBeforeRequest: (l) => (listener = l) }, undefined, onBlocked)
    const callback = vi.fn()
    listener?.({ url: 'https://example.com/?name=Jane%20Doe' }, callback)
    expect(callback).toHaveBeenCalledWith({ cancel: true })
    expect(onBlocked).toHaveBeenCalledWith('https:')
    expect(JSON.stringify(onBlocked.mock.calls)).not.toContain('Jane')
    listener?.({ url: 'app://mend/index.html' }, callback)
    expect(callback).toHaveBeenLastCalledWith({ cancel: false })
  })
})
