import { StrictMode, useState } from 'react'
import { RouterProvider } from 'react-router'
import type { KdfOverrides } from '../crypto/vault-keys'
import { VaultProvider } from '../features/vault'
import type { Platform } from '../platform'
import { PlatformProvider } from '../platform/context'
import { MendDatabase } from '../store/db'
import { ErrorBoundary } from './ErrorBoundary'
import { createAppRouter } from './routes'

/** The screens of an unlocked vault. Mounted fresh on every unlock, unmounted on lock. */
function UnlockedApp() {
  const [router] = useState(createAppRouter)
  return <RouterProvider router={router} />
}

export function App({
  platform,
  db,
  kdf,
}: {
  platform: Platform
  db?: MendDatabase
  kdf?: KdfOverrides
}) {
  const [database] = useState(() => db ?? new MendDatabase())
  return (
    <StrictMode>
      <ErrorBoundary>
        <PlatformProvider platform={platform}>
          <VaultProvider db={database} kdf={kdf}>
            <UnlockedApp />
          </VaultProvider>
        </PlatformProvider>
      </ErrorBoundary>
    </StrictMode>
  )
}
