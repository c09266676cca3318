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
import { checkAtUnlock, fingerprint, type IntegrityFinding } from '../../store/integrity'
import { IntegrityWarnings } from '../../store/integrity-warnings'
import {
  acknowledgedFindings,
  acknowledgeIntegrity,
  recordIntegrityFindings,
} from '../../store/operations'
import {
  isSampleVault,
  openSampleVault,
  removeSampleVault,
  sampleDatabase,
  SAMPLE_DATABASE_NAME,
} from '../../store/sample-vault'
import { readVaultSettings, saveVaultSettings } from '../../store/settings'
import { vaultExists, type VaultHost } from '../../store/vault'
import { AutoLock } from './AutoLock'
import { vaultHost } from './host'
import { RecoveryKeyScreen } from './RecoveryKeyScreen'
import { SetupScreen } from './SetupScreen'
import { UnlockScreen, type Unlocked } from './UnlockScreen'

export type LockReason =
  | 'manual'
  | 'idle'
  | 'os'
  | 'elsewhere'
  | 'sample-left'
  | 'sample-removed'
  | 'sample-idle'
  | 'sample-os'

const LOCK_MESSAGES: Record<LockReason, string> = {
  manual: 'Mend is locked.',
  idle: 'Mend locked itself after a period without activity. What you were typing was kept.',
  os: 'Mend locked when your computer locked or went to sleep. What you were typing was kept.',
  elsewhere: 'Mend was locked in another window. What you were typing was kept.',
  'sample-left':
    'You left the sample vault. It stays on this computer, apart from your own vault, until you remove it; “Try Mend with sample data” opens it again.',
  'sample-removed': 'The sample vault was removed from this computer.',
  'sample-idle':
    'The sample vault closed itself after a period without activity. It stays on this computer, apart from your own vault; “Try Mend with sample data” opens it again.',
  'sample-os':
    'The sample vault closed when your computer locked or went to sleep. It stays on this computer, apart from your own vault; “Try Mend with sample data” opens it again.',
}
const LOCK_WORDS: Record<LockReason, string> = {
  manual: 'by the therapist',
  idle: 'after a period without activity',
  os: 'when the computer locked or slept',
  elsewhere: 'from another window',
  'sample-left': 'on leaving the sample',
  'sample-removed': 'on removing the sample',
  'sample-idle': 'after a period without activity',
  'sample-os': 'when the computer locked or slept',
}

/** The sample vault is left, not locked: its passphrase is never asked for, so it says how to return. */
const IN_SAMPLE: Partial<Record<LockReason, LockReason>> = {
  manual: 'sample-left',
  idle: 'sample-idle',
  os: 'sample-os',
}

/** Survives the reload that ends a locked document: why it was locked (no client data). */
const LOCK_REASON_KEY = 'mend:lock-reason'
/**
 * Every window of the app on this profile that has the same vault open: locking one locks all.
 * The sample vault has a channel of its own, so the two never lock (or reveal) each other.
 */
const LOCK_CHANNEL = 'mend:vault'
const sampleChannel = (name: string) => `${LOCK_CHANNEL}:${name}`

function takeLockReason(): LockReason | null {
  try {
    const stored = sessionStorage.getItem(LOCK_REASON_KEY)
    sessionStorage.removeItem(LOCK_REASON_KEY)
    return stored && stored in LOCK_MESSAGES ? (stored as LockReason) : null
  } catch {
    return null
  }
}

export interface IntegrityState {
  findings: IntegrityFinding[]
  acknowledge: () => Promise<void>
}

interface VaultContextValue {
  lock: (reason?: LockReason) => Promise<void>
  /** The sample vault is open (invented records, its own database). */
  sample: boolean
  /** Leaves the sample vault (it is kept) for the gate of the real one. */
  leaveSample: () => Promise<void>
  /** Removes the sample vault (its database is deleted), then shows the gate of the real one. */
  removeSample: () => Promise<void>
  /** What the unlock check found, until the therapist acknowledges it (null: nothing). */
  integrity: IntegrityState | null
  settings: VaultSettings
  updateSettings: (settings: VaultSettings) => Promise<void>
  notices: string[]
  dismissNotice: (index: number) => void
  db: MendDatabase
  /** Where the host counts failed unlocks and keeps the audit head's copy. */
  host: VaultHost
}

const INTEGRITY_CHECK_FAILED_NOTICE =
  'Mend could not finish checking the vault’s integrity after unlocking. Open Audit trail and verify it.'

/** Tells every other window of the app that has the same vault open to lock. */
function broadcastLock(name: string): void {
  if (typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(name)
  channel.postMessage('lock')
  channel.close()
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
  | { status: 'setup'; reason: LockReason | null }
  /** Just created: the recovery key is shown once, inside the lock gate (auto-lock applies). */
  | { status: 'recovery'; session: VaultSession; recoveryKeyText: string }
  | { status: 'locked'; reason: LockReason | null }
  | { status: 'opening-sample' }
  | { status: 'unlocked'; session: VaultSession }

const SAMPLE_FAILED =
  'The sample vault could not be opened. Nothing of your own was touched; please try again.'

/** Is the event the lock shortcut: Ctrl+Shift+L (Cmd+Shift+L on macOS)? */
export function isLockShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'l'
  )
}

/** The check of each unlock, waiting for the unlocked screen to be drawn (see `open`). */
const checksToStart = new WeakMap<VaultSession, () => void>()

/**
 * The lock gate. Until the vault is unlocked it shows setup or unlock, and nothing else; once
 * unlocked it renders the app. Locking saves drafts, records the lock, drops the key and the
 * index, and then ends the document (a reload): nothing of the session survives in memory.
 */
export function VaultProvider({
  db,
  kdf,
  endDocumentOnLock = true,
  sampleName = SAMPLE_DATABASE_NAME,
  children,
}: {
  db: MendDatabase
  /** KDF settings for new vaults and the floor for re-wrapping (tests lower them). */
  kdf?: KdfOverrides
  /** Reload after locking (the app always does; component tests that cannot reload turn it off). */
  endDocumentOnLock?: boolean
  /** The sample vault's database (tests give each its own). */
  sampleName?: string
  children: ReactNode
}) {
  const platform = usePlatform()
  const host = useMemo(() => vaultHost(platform, kdf), [platform, kdf])
  // Made when asked for: until then the sample's database is not even created.
  const sampleDb = useMemo(() => {
    let made: MendDatabase | null = null
    return () => (made ??= sampleDatabase(sampleName))
  }, [sampleName])
  const [state, setState] = useState<State>({ status: 'checking' })
  const [sampleError, setSampleError] = useState<string | null>(null)
  const [settings, setSettings] = useState<VaultSettings>(DEFAULT_SETTINGS)
  const [notices, setNotices] = useState<string[]>([])
  const [integrity, setIntegrity] = useState<IntegrityState | null>(null)
  const [generation, setGeneration] = useState(0)
  const sessionRef = useRef<VaultSession | null>(null)

  useEffect(() => {
    let cancelled = false
    const reason = takeLockReason()
    void vaultExists(db).then((exists) => {
      if (cancelled) return
      setState(exists ? { status: 'locked', reason } : { status: 'setup', reason })
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

  /** Findings as a warning that stays until acknowledged, recorded in the trail. */
  const raiseFindings = useCallback(async (session: VaultSession, findings: IntegrityFinding[]) => {
    if (!session.isOpen || findings.length === 0) return
    if ((await acknowledgedFindings(session)) === (await fingerprint(findings))) return
    await recordIntegrityFindings(session, findings).catch(() => {})
    setIntegrity({
      findings,
      acknowledge: async () => {
        await acknowledgeIntegrity(session, findings)
        setIntegrity(null)
      },
    })
  }, [])

  /** The check of every unlock: what it finds is raised as above. */
  const checkAfterUnlock = useCallback(
    async (session: VaultSession) => {
      // A flag (no client data) for tools that wait for the check, such as the benchmark.
      document.documentElement.dataset['integrity'] = 'checking'
      const report = await checkAtUnlock(session).finally(() => {
        document.documentElement.dataset['integrity'] = 'done'
      })
      await raiseFindings(session, report.findings)
    },
    [raiseFindings],
  )

  const open = useCallback(
    async (session: VaultSession, newNotices: string[] = []) => {
      sessionRef.current = session
      const settingsNotices = await loadSettings(session).catch(() => [SETTINGS_DAMAGED_NOTICE])
      setNotices([...newNotices, ...settingsNotices])
      setGeneration((g) => g + 1)
      // The check of this unlock starts once the unlocked screen is drawn (below): what the
      // therapist came for is shown first. Work that waits for the check waits from now.
      let begin!: () => void
      const check = new Promise<void>((resolve) => (begin = resolve)).then(() =>
        checkAfterUnlock(session),
      )
      session.checking(check)
      checksToStart.set(session, begin)
      void check.catch(() => setNotices((all) => [...all, INTEGRITY_CHECK_FAILED_NOTICE]))
      setState({ status: 'unlocked', session })
    },
    [loadSettings, checkAfterUnlock],
  )

  // An effect runs after the commit; a task queued from the next frame runs after it is painted:
  // the check (whose first steps hold the page for tens of milliseconds in a large practice)
  // starts behind the unlocked screen as the therapist sees it. A hidden window draws no
  // frames: then it starts a moment later all the same (starting twice is starting once).
  const unlocked = state.status === 'unlocked' ? state.session : null
  useEffect(() => {
    if (!unlocked) return
    const begin = () => checksToStart.get(unlocked)?.()
    let afterPaint: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      afterPaint = setTimeout(begin)
    })
    const fallback = setTimeout(begin, 250)
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(afterPaint)
      clearTimeout(fallback)
    }
  }, [unlocked])

  /** The gate of the real vault: unlock it, or set it up if there is none yet. */
  const gate = useCallback(
    async (reason: LockReason | null): Promise<State> =>
      (await vaultExists(db).catch(() => true))
        ? { status: 'locked', reason }
        : { status: 'setup', reason },
    [db],
  )

  const lock = useCallback(
    async (asked: LockReason = 'manual', afterClose?: () => Promise<void>) => {
      const session = sessionRef.current
      if (!session) return
      sessionRef.current = null
      const sample = isSampleVault(session)
      // In the sample, the Lock button leaves it (its passphrase is never asked for), and an
      // automatic lock says how to open it again.
      const reason = (sample && IN_SAMPLE[asked]) || asked
      if (reason !== 'elsewhere')
        broadcastLock(sample ? sampleChannel(session.db.name) : LOCK_CHANNEL)
      await session.flushAll()
      // The lock is in the audit trail (why, never what was on screen); it must not hold the lock up.
      await Promise.race([
        session
          .record({
            action: 'lock',
            target: 'vault',
            targetId: session.vaultId,
            detail: LOCK_WORDS[reason],
          })
          .catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, 1000)),
      ])
      session.close()
      setNotices([])
      setIntegrity(null)
      await afterClose?.()
      if (endDocumentOnLock) {
        try {
          sessionStorage.setItem(LOCK_REASON_KEY, reason)
        } catch {
          // Without session storage the lock screen just says "locked".
        }
        window.location.reload()
        return
      }
      setState(await gate(reason))
    },
    [endDocumentOnLock, gate],
  )

  const leaveSample = useCallback(async () => {
    if (sessionRef.current && isSampleVault(sessionRef.current)) await lock('sample-left')
  }, [lock])

  const removeSample = useCallback(async () => {
    const session = sessionRef.current
    if (!session || !isSampleVault(session)) return
    await lock('sample-removed', () => removeSampleVault(sampleDb()))
  }, [lock, sampleDb])

  const openSample = useCallback(async () => {
    setSampleError(null)
    setState({ status: 'opening-sample' })
    try {
      await open(await openSampleVault(sampleDb(), { kdf }))
    } catch {
      setSampleError(SAMPLE_FAILED)
      setState(await gate(null))
    }
  }, [open, sampleDb, kdf, gate])

  const sampleOpen = state.status === 'unlocked' && isSampleVault(state.session)
  // Locking one window locks every window that has the same vault open.
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return
    const channel = new BroadcastChannel(sampleOpen ? sampleChannel(sampleName) : LOCK_CHANNEL)
    channel.onmessage = (event) => {
      if (event.data === 'lock') void lock('elsewhere')
    }
    return () => channel.close()
  }, [lock, sampleOpen, sampleName])

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

  const warnIntegrity = useCallback(
    async (findings: IntegrityFinding[]) => {
      const session = sessionRef.current
      if (session) await raiseFindings(session, findings)
    },
    [raiseFindings],
  )

  const context = useMemo<VaultContextValue>(
    () => ({
      lock: (reason) => lock(reason),
      sample: sampleOpen,
      leaveSample,
      removeSample,
      integrity,
      settings,
      updateSettings,
      notices,
      dismissNotice: (index) => setNotices((all) => all.filter((_, i) => i !== index)),
      // The open vault's database: in the sample, never the real one.
      db: state.status === 'unlocked' ? state.session.db : db,
      host,
    }),
    [
      lock,
      sampleOpen,
      leaveSample,
      removeSample,
      integrity,
      settings,
      updateSettings,
      notices,
      state,
      db,
      host,
    ],
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
    case 'opening-sample':
      content = (
        <p className="gate" role="status">
          Opening the sample vault…
        </p>
      )
      break
    case 'setup':
      content = (
        <SetupScreen
          db={db}
          kdf={kdf}
          host={host}
          message={state.reason ? LOCK_MESSAGES[state.reason] : null}
          sample={{ open: () => void openSample(), error: sampleError }}
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
          host={host}
          lockMessage={state.reason ? LOCK_MESSAGES[state.reason] : null}
          sample={{ open: () => void openSample(), error: sampleError }}
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
  return (
    <VaultContext.Provider value={context}>
      <IntegrityWarnings.Provider value={warnIntegrity}>{content}</IntegrityWarnings.Provider>
    </VaultContext.Provider>
  )
}
