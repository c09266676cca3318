import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import type { KdfOverrides } from '../../crypto/vault-keys'
import { DEFAULT_SETTINGS, type VaultSettings } from '../../domain/settings'
import { usePlatform } from '../../platform/context'
import type { MendDatabase } from '../../store/vault'
import type { VaultSession } from '../../store/session'
import { SessionProvider } from '../../store/session-context'
import { readVaultSettings, saveVaultSettings } from '../../store/settings'
import { vaultExists } from '../../store/vault'
import { AutoLock } from './AutoLock'
import { RecoveryKeyScreen } from './RecoveryKeyScreen'
import { SetupScreen } from './SetupScreen'
import { UnlockScreen, type Unlocked } from './UnlockScreen'

export type LockReason = 'manual' | 'idle' | 'os'

const LOCK_MESSAGES: Record<LockReason, string> = {
  manual: 'Mend is locked.',
  idle: 'Mend locked itself after a period without activity. What you were typing was kept.',
  os: 'Mend locked when your computer locked or went to sleep. What you were typing was kept.',
}

interface VaultContextValue {
  lock: (reason?: LockReason) => Promise<void>
  settings: VaultSettings
  updateSettings: (settings: VaultSettings) => Promise<void>
  notices: string[]
  dismissNotice: (index: number) => void
  db: MendDatabase
}

const SETTINGS_DAMAGED_NOTICE =
  'The automatic-lock setting could not be opened: it was altered or damaged outside Mend. The default (5 minutes) applies until you save it again in Settings.'

const VaultContext = createContext<VaultContextValue | null>(null)

export function useVault(): VaultContextValue {
  const value = useContext(VaultContext)
  if (!value) throw new Error('useVault outside VaultProvider')
  return value
}

type State =
  | { status: 'checking' }
  | { status: 'setup' }
  /** Just created: the recovery key is shown once, inside the lock gate (auto-lock applies). */
  | { status: 'recovery'; session: VaultSession; recoveryKeyText: string }
  | { status: 'locked'; reason: LockReason | null }
  | { status: 'unlocked'; session: VaultSession }

/** Is the event the lock shortcut: Ctrl+Shift+L (Cmd+Shift+L on macOS)? */
export function isLockShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'l'
  )
}

/**
 * The lock gate. Until the vault is unlocked it shows setup or unlock, and nothing else; once
 * unlocked it renders the app. Locking saves drafts, drops the key and unmounts the whole app,
 * so no decrypted value survives in React state.
 */
export function VaultProvider({
  db,
  kdf,
  children,
}: {
  db: MendDatabase
  kdf?: KdfOverrides
  children: ReactNode
}) {
  const platform = usePlatform()
  const [state, setState] = useState<State>({ status: 'checking' })
  const [settings, setSettings] = useState<VaultSettings>(DEFAULT_SETTINGS)
  const [notices, setNotices] = useState<string[]>([])
  const [generation, setGeneration] = useState(0)
  const sessionRef = useRef<VaultSession | null>(null)

  useEffect(() => {
    let cancelled = false
    void vaultExists(db).then((exists) => {
      if (cancelled) return
      setState(exists ? { status: 'locked', reason: null } : { status: 'setup' })
    })
    return () => {
      cancelled = true
    }
  }, [db])

  /** The settings are sealed: they are read once the vault is open. */
  const loadSettings = useCallback(async (session: VaultSession): Promise<string[]> => {
    const read = await readVaultSettings(session)
    setSettings(read.value)
    return read.damaged ? [SETTINGS_DAMAGED_NOTICE] : []
  }, [])

  const open = useCallback(
    async (session: VaultSession, newNotices: string[] = []) => {
      sessionRef.current = session
      const settingsNotices = await loadSettings(session).catch(() => [SETTINGS_DAMAGED_NOTICE])
      setNotices([...newNotices, ...settingsNotices])
      setGeneration((g) => g + 1)
      setState({ status: 'unlocked', session })
    },
    [loadSettings],
  )

  const lock = useCallback(async (reason: LockReason = 'manual') => {
    const session = sessionRef.current
    if (!session) return
    sessionRef.current = null
    await session.flushAll()
    session.close()
    setNotices([])
    setState({ status: 'locked', reason })
  }, [])

  // The OS locked the screen or is suspending.
  useEffect(() => platform.onLock(() => void lock('os')), [platform, lock])

  // The lock shortcut, anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isLockShortcut(event)) {
        event.preventDefault()
        void lock('manual')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [lock])

  const updateSettings = useCallback(async (next: VaultSettings) => {
    const session = sessionRef.current
    if (!session) return
    await saveVaultSettings(session, next)
    setSettings(next)
  }, [])

  const context = useMemo<VaultContextValue>(
    () => ({
      lock,
      settings,
      updateSettings,
      notices,
      dismissNotice: (index) => setNotices((all) => all.filter((_, i) => i !== index)),
      db,
    }),
    [lock, settings, updateSettings, notices, db],
  )

  let content: ReactNode
  switch (state.status) {
    case 'checking':
      content = (
        <p className="gate" role="status">
          Opening Mend…
        </p>
      )
      break
    case 'setup':
      content = (
        <SetupScreen
          db={db}
          kdf={kdf}
          onReady={(session, recoveryKeyText) => {
            if (!recoveryKeyText) return void open(session)
            sessionRef.current = session
            void loadSettings(session)
            setState({ status: 'recovery', session, recoveryKeyText })
          }}
        />
      )
      break
    case 'recovery':
      content = (
        <>
          <AutoLock minutes={settings.autoLockMinutes} onLock={() => void lock('idle')} />
          <RecoveryKeyScreen
            recoveryKeyText={state.recoveryKeyText}
            onDone={() => void open(state.session)}
          />
        </>
      )
      break
    case 'locked':
      content = (
        <UnlockScreen
          db={db}
          lockMessage={state.reason ? LOCK_MESSAGES[state.reason] : null}
          onUnlocked={({ session, notices: found }: Unlocked) => void open(session, found)}
        />
      )
      break
    case 'unlocked':
      content = (
        <SessionProvider session={state.session} key={generation}>
          <AutoLock minutes={settings.autoLockMinutes} onLock={() => void lock('idle')} />
          {children}
        </SessionProvider>
      )
      break
  }
  return <VaultContext.Provider value={context}>{content}</VaultContext.Provider>
}
