/**
 * The theme: light, dark, or the system's choice. A preference of this computer, not client data,
 * so it lives in local storage (it must apply before unlocking, on the unlock screen too).
 * public/theme.js applies it before the first paint with the same rules (a unit test holds the
 * two together); this module applies it again when it changes, here or in another window, and
 * when the system's choice changes.
 */

export const THEME_KEY = 'mend:theme'
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export type AppliedTheme = 'light' | 'dark'

export const THEME_WORDS: Record<Theme, string> = {
  system: 'Same as this computer',
  light: 'Light',
  dark: 'Dark',
}

const DARK_QUERY = '(prefers-color-scheme: dark)'

function storage(win: Window): Storage | null {
  try {
    return win.localStorage
  } catch {
    return null
  }
}

/** The chosen theme ('system' when none was chosen, or storage is unavailable). */
export function readTheme(win: Window = window): Theme {
  let stored: string | null
  try {
    stored = storage(win)?.getItem(THEME_KEY) ?? null
  } catch {
    stored = null
  }
  return (THEMES as readonly string[]).includes(stored ?? '') ? (stored as Theme) : 'system'
}

export function resolveTheme(theme: Theme, systemPrefersDark: boolean): AppliedTheme {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light'
  return theme
}

function prefersDark(win: Window): boolean {
  return typeof win.matchMedia === 'function' && win.matchMedia(DARK_QUERY).matches
}

/** Sets `data-theme` on <html> from the choice and the system; returns what it set. */
export function applyTheme(win: Window = window): AppliedTheme {
  const applied = resolveTheme(readTheme(win), prefersDark(win))
  win.document.documentElement.dataset['theme'] = applied
  return applied
}

/** Remembers the choice on this computer and applies it. */
export function saveTheme(theme: Theme, win: Window = window): void {
  try {
    storage(win)?.setItem(THEME_KEY, theme)
  } catch {
    // Storage refused: the choice lasts until the window closes.
  }
  applyTheme(win)
  win.dispatchEvent(new Event(THEME_CHANGED))
}

/** Fired on the window when the choice changes here (other windows get a storage event). */
export const THEME_CHANGED = 'mend:theme-changed'

/** Applies the theme now and whenever the choice or the system's choice changes. */
export function watchTheme(win: Window = window): () => void {
  applyTheme(win)
  const apply = () => applyTheme(win)
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_KEY || event.key === null) apply()
  }
  win.addEventListener('storage', onStorage)
  const media = typeof win.matchMedia === 'function' ? win.matchMedia(DARK_QUERY) : null
  media?.addEventListener('change', apply)
  return () => {
    win.removeEventListener('storage', onStorage)
    media?.removeEventListener('change', apply)
  }
}
