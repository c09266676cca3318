import { useEffect, useState } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { usePlatform } from '../platform/context'
import { AutomaticBackups } from '../features/backup'
import { isPrintShortcut } from '../features/printing'
import { SearchBox } from '../features/search'
import { IntegrityWarning, SampleBanner, useVault } from '../features/vault'
import { Notice } from '../ui/Notice'
import { isMac } from '../ui/shortcuts'

const LOCK_SHORTCUT = isMac ? '⌘⇧L' : 'Ctrl+Shift+L'
const WALKOUT_SHORTCUT = isMac ? '⌘⇧W' : 'Ctrl+Shift+W'

/** Is the event the shortcut for "Client walked out": Ctrl+Shift+W (Cmd+Shift+W on macOS)? */
export function isWalkoutShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'w'
  )
}

/** Why Ctrl+P did nothing on a screen that is not a printing screen. */
export const PRINT_ELSEWHERE =
  'Mend prints from its printing screens, where each print is noted in the audit trail: a walkout record’s session-prep sheet or copy for the chart, or a letter from the client’s page.'

export function Layout() {
  const { lock, notices, dismissNotice } = useVault()
  const navigate = useNavigate()
  const platform = usePlatform()
  const { pathname } = useLocation()
  // Ctrl+P outside a printing screen (those handle it first, see usePrintShortcut): the browser
  // would print the screen as it is, and the audit trail would not know. Say where to print.
  // The note is about the screen it was asked on: it keeps that screen's path (never shown).
  const [printAskedOn, setPrintAskedOn] = useState<string | null>(null)
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPrintShortcut(event) || event.defaultPrevented) return
      event.preventDefault()
      setPrintAskedOn(pathname)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [pathname])
  // "Client walked out" from anywhere: the shortcut, or the desktop app's menu.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isWalkoutShortcut(event)) {
        event.preventDefault()
        void navigate('/walkout/new')
      }
    }
    window.addEventListener('keydown', onKey)
    const stop = platform.onWalkoutCommand(() => void navigate('/walkout/new'))
    return () => {
      window.removeEventListener('keydown', onKey)
      stop()
    }
  }, [navigate, platform])
  return (
    <div className="shell">
      {/* Makes automatic backups while the vault is unlocked, when one is due (renders nothing;
          never in the sample vault). */}
      <AutomaticBackups />
      {/* With hash routing a plain #main link would navigate; this one only moves focus. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      {/* The sample vault says so on every screen, with the ways out. */}
      <SampleBanner />
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          Mend
        </span>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Today
              </NavLink>
            </li>
            <li>
              <NavLink to="/clients">Clients</NavLink>
            </li>
            <li>
              <NavLink to="/patterns">Patterns</NavLink>
            </li>
            <li>
              <NavLink to="/audit">Audit trail</NavLink>
            </li>
            <li>
              <NavLink to="/settings">Settings</NavLink>
            </li>
          </ul>
        </nav>
        <SearchBox />
        <Link
          to="/walkout/new"
          className="button topbar__walkout"
          aria-keyshortcuts={isMac ? 'Meta+Shift+W' : 'Control+Shift+W'}
          title={`Start a walkout record (${WALKOUT_SHORTCUT})`}
        >
          Client walked out
        </Link>
        <button
          type="button"
          className="secondary topbar__lock"
          onClick={() => void lock('manual')}
          aria-keyshortcuts={isMac ? 'Meta+Shift+L' : 'Control+Shift+L'}
          title={`Lock Mend (${LOCK_SHORTCUT})`}
        >
          Lock
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <IntegrityWarning />
        {printAskedOn === pathname && (
          <Notice tone="info" onDismiss={() => setPrintAskedOn(null)}>
            {PRINT_ELSEWHERE}
          </Notice>
        )}
        {notices.map((notice, index) => (
          <Notice key={notice} tone="info" onDismiss={() => dismissNotice(index)}>
            {notice}
          </Notice>
        ))}
        <Outlet />
      </main>
    </div>
  )
}
