import type { LockReason } from '../../shared/ipc'

type PowerEvent = 'lock-screen' | 'suspend' | 'user-did-resign-active'

/** The slice of Electron's powerMonitor the watch uses. */
export interface PowerMonitorLike {
  on(event: PowerEvent, listener: () => void): unknown
  removeListener(event: PowerEvent, listener: () => void): unknown
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown'
}

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(id: unknown): void
}

export interface LockWatchDeps {
  powerMonitor: PowerMonitorLike
  platform: NodeJS.Platform
  sendLock: (reason: LockReason) => void
  timers?: IntervalTimers
  pollMs?: number
}

export const LINUX_POLL_MS = 5000

const defaultTimers: IntervalTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (id) => clearInterval(id as ReturnType<typeof setInterval>),
}

const EVENTS: [PowerEvent, LockReason][] = [
  ['lock-screen', 'lock-screen'],
  ['suspend', 'suspend'],
  ['user-did-resign-active', 'user-switch'],
]

/**
 * Tells the renderer to lock the vault when the OS locks the screen, suspends or switches user.
 * Electron emits 'lock-screen' only on macOS and Windows, so on Linux the watch also asks the
 * system every few seconds whether the screen is locked, and sends one lock per transition into
 * 'locked'. Returns a function that stops watching.
 */
export function watchForLock(deps: LockWatchDeps): () => void {
  const timers = deps.timers ?? defaultTimers
  const listeners = EVENTS.map(([event, reason]) => {
    const listener = () => deps.sendLock(reason)
    deps.powerMonitor.on(event, listener)
    return [event, listener] as const
  })

  let interval: unknown = null
  if (deps.platform === 'linux') {
    let wasLocked = false
    interval = timers.setInterval(() => {
      let locked: boolean
      try {
        locked = deps.powerMonitor.getSystemIdleState(1) === 'locked'
      } catch {
        return
      }
      if (locked && !wasLocked) deps.sendLock('lock-screen')
      wasLocked = locked
    }, deps.pollMs ?? LINUX_POLL_MS)
  }

  return () => {
    for (const [event, listener] of listeners) deps.powerMonitor.removeListener(event, listener)
    if (interval !== null) timers.clearInterval(interval)
    interval = null
  }
}
