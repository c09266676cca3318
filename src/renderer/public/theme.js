/* global window, document */
// Mend: applies the theme chosen in Settings → Appearance (light, dark, or the system's) before
// the first paint, so no screen flashes the other theme. The same rules as
// src/renderer/src/features/settings/theme.ts (tests/unit/theme.test.ts keeps them together).
// Loaded as an ordinary script from the app's own origin (the Content-Security-Policy allows no
// inline script).
;(function () {
  var theme
  try {
    theme = window.localStorage.getItem('mend:theme')
  } catch {
    theme = null
  }
  if (theme !== 'light' && theme !== 'dark') theme = 'system'
  var dark =
    theme === 'dark' ||
    (theme === 'system' &&
      typeof window.matchMedia === 'function' &&
      window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light')
})()
