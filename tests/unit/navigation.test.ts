import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  applyWindowPolicy,
  decideNavigation,
  type WebContentsLike,
} from '../../src/main/security/navigation'

describe('decideNavigation', () => {
  it.each([
    ['app://mend/index.html#/clients', 'allow'],
    ['https://988lifeline.org/', 'open-external'],
    ['http://example.org/', 'open-external'],
    ['javascript:alert(1)', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['app://mend.evil/', 'deny'],
    ['app://mend@evil/', 'deny'],
    ['data:text/html,<h1>x</h1>', 'deny'],
    ['about:blank', 'deny'],
    ['http://localhost:5173/', 'deny'],
    ['http://127.0.0.1:8080/', 'deny'],
  ] as const)('%s -> %s', (url, decision) => expect(decideNavigation(url)).toBe(decision))

  it('allows the dev server only in development', () => {
    expect(decideNavigation('http://localhost:5173/', 'http://localhost:5173')).toBe('allow')
  })
})

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' } | { action: 'allow' }) | undefined
  setWindowOpenHandler(
    handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' },
  ) {
    this.openHandler = handler
  }
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string) {
    const e = { preventDefault: vi.fn(), url }
    this.emit(event, e, url)
    return e.preventDefault.mock.calls.length > 0
  }
}

function setup() {
  const contents = new FakeContents()
  const openExternal = vi.fn()
  applyWindowPolicy(contents as unknown as WebContentsLike, { openExternal })
  return { contents, openExternal }
}

describe('applyWindowPolicy', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)(
    '%s within the app is allowed',
    (event) => {
      const { contents, openExternal } = setup()
      expect(contents.navigate(event, 'app://mend/index.html#/x')).toBe(false)
      expect(openExternal).not.toHaveBeenCalled()
    },
  )

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)(
    '%s to https is cancelled and the link goes to the OS browser',
    (event) => {
      const { contents, openExternal } = setup()
      expect(contents.navigate(event, 'https://example.org/')).toBe(true)
      expect(openExternal).toHaveBeenCalledWith('https://example.org/')
    },
  )

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'app://mend.evil/'])(
    'navigation to %s is cancelled and opens nothing',
    (url) => {
      const { contents, openExternal } = setup()
      expect(contents.navigate('will-navigate', url)).toBe(true)
      expect(openExternal).not.toHaveBeenCalled()
    },
  )

  it.each(['http://localhost:8080/', 'http://127.0.0.1/', 'http://[::1]/'])(
    'navigation and window.open to %s open nothing, not even a question',
    (url) => {
      const { contents, openExternal } = setup()
      expect(contents.navigate('will-navigate', url)).toBe(true)
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' })
      expect(openExternal).not.toHaveBeenCalled()
    },
  )

  it('denies every window.open; a safe link opens in the OS browser instead', () => {
    const { contents, openExternal } = setup()
    expect(contents.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://example.org/')
    expect(contents.openHandler?.({ url: 'app://mend/index.html' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('refuses to attach a <webview>', () => {
    const { contents } = setup()
    const event = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', event)
    expect(event.preventDefault).toHaveBeenCalled()
  })
})
