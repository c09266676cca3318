import { createContext, useContext, type ReactNode } from 'react'
import type { VaultSession } from './session'

const SessionContext = createContext<VaultSession | null>(null)

/** Provided only while the vault is unlocked; everything under it unmounts on lock. */
export function SessionProvider({
  session,
  children,
}: {
  session: VaultSession
  children: ReactNode
}) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

export function useSession(): VaultSession {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside an unlocked vault')
  return session
}
