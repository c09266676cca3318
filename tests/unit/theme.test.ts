import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  applyTheme,
  readTheme,
  resolveTheme,
  saveTheme,
  THEME_KEY,
  THEMES,
  watchTheme,
} from '../../src/renderer/src/features/settings/theme'

/** A window with just enough for the theme: storage, matchMedia, <html>, events. */
function fakeWindow(options: { stored?: string | null; dark?: boolean; storage?: 'throws' }) {
  const values = new Map<string, string>()
  if (options.stored != null) values.set(THEME_KEY, options.stored)
  const attributes = new Map<string, string>()
  const dataset: Record<string, string> = {}
  const listeners = new Map<string, Set<(event: unknown) => void>>()
  const mediaListeners = new Set<() => void>()
  const media = { dark: options.dark ?? false }
  const localStorage = {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  }
  const win = {
    get localStorage() {
      if (options.storage === 'throws') throw new Error('storage is disabled')
      return localStorage
    },
    matchMedia: (query: string) => ({
      get matches() {
        return query === '(prefers-color-scheme: dark)' && media.dark
      },
      addEventListener: (_: string, fn: () => void) => mediaListeners.add(fn),
      removeEventListener: (_: string, fn: () => void) => mediaListeners.delete(fn),
    }),
    document: {
      documentElement: {
        dataset,
        setAttribute: (name: string, value: string) => {
          attributes.set(name, value)
          if (name === 'data-theme') dataset['theme'] = value
        },
      },
    },
    addEventListener: (type: string, fn: (event: unknown) => void) => {
      if (!listeners.has(type)) listeners.set(type, new Set())
      listeners.get(type)!.add(fn)
    },
    removeEventListener: (type: string, fn: (event: unknown) => void) =>
      listeners.get(type)?.delete(fn),
    dispatchEvent: (event: { type: string }) => {
      for (const fn of listeners.get(event.type) ?? []) fn(event)
      return true
    },
  }
  return {
    win: win as unknown as Window,
    theme: () => dataset['theme'],
    values,
    setSystemDark: (dark: boolean) => {
      media.dark = dark
      for (const fn of mediaListeners) fn()
    },
    fire: (type: string, event: object) => {
      for (const fn of listeners.get(type) ?? []) fn({ type, ...event })
    },
    listenerCount: () =>
      [...listeners.values()].reduce((n, set) => n + set.size, 0) + mediaListeners.size,
  }
}

/** public/theme.js, run as the browser runs it (an ordinary script with window and document). */
const BOOT = readFileSync('src/renderer/public/theme.js', 'utf8')
function runBootScript(fake: ReturnType<typeof fakeWindow>): string | undefined {
  new Function('window', 'document', BOOT)(fake.win, fake.win.document)
  return fake.theme()
}

const CASES: { stored: string | null; dark: boolean; storage?: 'throws' }[] = [
  ...[null, 'system', 'light', 'dark', 'purple', ''].flatMap((stored) =>
    [false, true].map((dark) => ({ stored, dark })),
  ),
  { stored: 'dark', dark: true, storage: 'throws' },
  { stored: 'light', dark: true, storage: 'throws' },
]

describe('the theme', () => {
  it('resolves light, dark and the system’s choice', () => {
    expect(resolveTheme('light', true)).toBe('light')
    expect(resolveTheme('dark', false)).toBe('dark')
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
  })

  it('reads an unknown or unreadable choice as the system’s', () => {
    expect(readTheme(fakeWindow({ stored: 'purple' }).win)).toBe('system')
    expect(readTheme(fakeWindow({ stored: null }).win)).toBe('system')
    expect(readTheme(fakeWindow({ stored: 'dark', storage: 'throws' }).win)).toBe('system')
    for (const theme of THEMES) expect(readTheme(fakeWindow({ stored: theme }).win)).toBe(theme)
  })

  it.each(CASES)(
    'the script before the first paint applies what the app applies (%o)',
    (options) => {
      const boot = runBootScript(fakeWindow(options))
      const app = applyTheme(fakeWindow(options).win)
      expect(boot).toBe(app)
      expect(['light', 'dark']).toContain(boot)
    },
  )

  it('saving applies at once and is kept for the next start', () => {
    const fake = fakeWindow({ dark: false })
    saveTheme('dark', fake.win)
    expect(fake.theme()).toBe('dark')
    expect(fake.values.get(THEME_KEY)).toBe('dark')
    expect(runBootScript(fakeWindow({ stored: fake.values.get(THEME_KEY)!, dark: false }))).toBe(
      'dark',
    )
  })

  it('follows the system while set to it, and another window’s choice', () => {
    const fake = fakeWindow({ dark: false })
    const stop = watchTheme(fake.win)
    expect(fake.theme()).toBe('light')
    fake.setSystemDark(true)
    expect(fake.theme()).toBe('dark')
    // Another window chose light.
    fake.values.set(THEME_KEY, 'light')
    fake.fire('storage', { key: THEME_KEY })
    expect(fake.theme()).toBe('light')
    fake.setSystemDark(false)
    fake.setSystemDark(true)
    expect(fake.theme()).toBe('light')
    stop()
    expect(fake.listenerCount()).toBe(0)
  })
})
