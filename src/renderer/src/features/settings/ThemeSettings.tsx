import { useState } from 'react'
import { readTheme, saveTheme, THEME_WORDS, THEMES, type Theme } from './theme'

/** Settings → Appearance: light, dark, or as the computer is set. Applies at once, everywhere. */
export function ThemeSettings() {
  const [theme, setTheme] = useState<Theme>(() => readTheme())
  const choose = (next: Theme) => {
    saveTheme(next)
    setTheme(next)
  }
  return (
    <section aria-labelledby="appearance-title" className="card">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="plain">
        <legend>Theme</legend>
        <div className="theme-choices">
          {THEMES.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="theme"
                value={value}
                checked={theme === value}
                onChange={() => choose(value)}
              />
              {THEME_WORDS[value]}
            </label>
          ))}
        </div>
        <p className="field__hint">
          A setting of this computer, kept outside the vault; it applies to the unlock screen too.
        </p>
      </fieldset>
    </section>
  )
}
