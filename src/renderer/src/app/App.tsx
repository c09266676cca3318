import { StrictMode, useState } from 'react'
import { RouterProvider } from 'react-router'
import type { Platform } from '../platform'
import { ErrorBoundary } from './ErrorBoundary'
import { PlatformProvider } from './platform-context'
import { createAppRouter } from './routes'

export function App({ platform }: { platform: Platform }) {
  const [router] = useState(createAppRouter)
  return (
    <StrictMode>
      <ErrorBoundary>
        <PlatformProvider platform={platform}>
          <RouterProvider router={router} />
        </PlatformProvider>
      </ErrorBoundary>
    </StrictMode>
  )
}
