import { Link } from 'react-router'

export function NotFound() {
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to today’s overview</Link>.
      </p>
    </section>
  )
}
