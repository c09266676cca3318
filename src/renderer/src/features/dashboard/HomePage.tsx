import { useEffect } from 'react'

/** Placeholder for the dashboard that will answer "what needs me today?". */
export function HomePage() {
  useEffect(() => {
    document.getElementById('home-title')?.focus()
  }, [])
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        Today
      </h1>
      <p>Nothing needs you yet. Records you keep in Mend stay on this computer, encrypted.</p>
    </section>
  )
}
