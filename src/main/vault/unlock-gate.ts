import type { GateSuccess, GateWait } from '../../shared/ipc'
import {
  NO_THROTTLE,
  recordFailure,
  restoreThrottle,
  waitBeforeAttempt,
  type UnlockThrottle,
} from '../../shared/unlock-throttle'
import type { JsonFile } from '../settings'

export interface UnlockGateDeps {
  /** userData/unlock-gate.json */
  file: Pick<JsonFile, 'readText' | 'write'>
  /** Epoch milliseconds. */
  now?: () => number
  log?: (message: string) => void
}

/**
 * The unlock throttle on the desktop: the state lives in main (in memory, saved atomically to
 * unlock-gate.json) so clearing the renderer's storage does not reset it. A damaged file counts as
 * the longest delay, not as a clean start. It slows guessing through the app; the real protection
 * against offline guessing is Argon2id's cost.
 */
export class UnlockGate {
  private queue: Promise<void> = Promise.resolve()

  private constructor(
    private state: UnlockThrottle,
    private readonly deps: UnlockGateDeps,
    private readonly now: () => number,
  ) {}

  /** Reads the saved state (once, at start). */
  static async open(deps: UnlockGateDeps): Promise<UnlockGate> {
    const now = deps.now ?? Date.now
    const state = restoreThrottle(await deps.file.readText(), now())
    return new UnlockGate(state, deps, now)
  }

  check(): GateWait {
    return { waitMs: waitBeforeAttempt(this.state, this.now()) }
  }

  async failed(): Promise<GateWait> {
    this.state = recordFailure(this.state, this.now())
    await this.save()
    return this.check()
  }

  async succeeded(): Promise<GateSuccess> {
    const failedSinceLast = this.state.failures
    this.state = { ...NO_THROTTLE }
    await this.save()
    return { failedSinceLast }
  }

  /** Saves the current state; writes run one at a time, a failed write is logged (the state in memory still holds). */
  private save(): Promise<void> {
    const snapshot = { ...this.state }
    const result = this.queue.then(() => this.deps.file.write(snapshot))
    this.queue = result.catch(() => this.deps.log?.('could not save the unlock gate'))
    return this.queue
  }
}
