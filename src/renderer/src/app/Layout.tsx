import { NavLink, Outlet } from 'react-router'

export function Layout() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
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
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  )
}
