import { StrictMode, useEffect, useState } from 'react'
import { RouterProvider } from 'react-router'
import type { KdfOverrides } from '../crypto/vault-keys'
import { watchTheme } from '../features/settings'
import { VaultProvider } from '../features/vault'
import type { Platform } from '../platform'
import { PlatformProvider } from '../platform/context'
import { MendDatabase } from '../store/vault'
import { ErrorBoundary, reportError } from './ErrorBoundary'
import { PreviewWarning } from './PreviewWarning'
import { createAppRouter } from './routes'

/** The screens of an unlocked vault. Mounted fresh on every unlock, unmounted on lock. */
function UnlockedApp() {
  const [router] = useState(createAppRouter)
  // Route errors are reported by kind only, like every other error (their text may hold client data).
  return <RouterProvider router={router} onError={(error) => reportError(error)} />
}

export function App({
  platform,
  db,
  kdf,
  endDocumentOnLock = true,
  sampleName,
}: {
  platform: Platform
  db?: MendDatabase
  kdf?: KdfOverrides
  /** Component tests cannot reload their page; the app always ends the document on lock. */
  endDocumentOnLock?: boolean
  /** The sample vault's database name (tests give each its own). */
  sampleName?: string
}) {
  const [database] = useState(() => db ?? new MendDatabase())
  // The theme is set before the first paint (public/theme.js); this follows its changes.
  useEffect(() => watchTheme(window), [])
  return (
    <StrictMode>
      <PlatformProvider platform={platform}>
        {/* Outside the boundary: the preview says what it is on an error screen too. */}
        <PreviewWarning />
        <ErrorBoundary>
          <VaultProvider
            db={database}
            kdf={kdf}
            endDocumentOnLock={endDocumentOnLock}
            sampleName={sampleName}
          >
            <UnlockedApp />
          </VaultProvider>
        </ErrorBoundary>
      </PlatformProvider>
    </StrictMode>
  )
}
