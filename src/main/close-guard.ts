import { randomBytes } from 'node:crypto'
import { Channels, CLOSE_ANSWER_MS, CLOSE_WAIT_MAX_MS, type CloseReplyState } from '../shared/ipc'
import type { TimerLike } from './clipboard'

/** The slice of a BrowserWindow the guard uses. */
export interface GuardedWindow {
  readonly webContents: {
    readonly id: number
    send(channel: string, ...args: unknown[]): void
    on(event: 'did-navigate' | 'render-process-gone' | 'destroyed', listener: () => void): unknown
  }
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  on(event: 'closed', listener: () => void): unknown
  close(): void
  isDestroyed(): boolean
}

const defaultTimers: TimerLike = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
}

interface Asked {
  token: string
  timer: unknown
}

/**
 * Asks a window's page before the window closes, so that an automatic backup that is due can be
 * made first ("on quit when the last is older than the schedule"). The first close is held and
 * the page is sent a token; the window closes when the page answers 'done', or when it does not
 * answer in time: CLOSE_ANSWER_MS for a first answer (a crashed or hung page never holds the
 * window), CLOSE_WAIT_MAX_MS once it said it is 'working'; at once when the page goes away
 * (reloaded, as a lock does; left; crashed). Closing again while asked changes nothing (the
 * page offers to close without waiting).
 *
 * A held close cancels a quit in progress: `onReleased` is told when a held window was let go,
 * so the app can quit again if it was quitting.
 */
export class CloseGuard {
  private readonly asked = new Map<GuardedWindow, Asked>()
  private readonly released = new WeakSet<GuardedWindow>()

  constructor(
    private readonly options: {
      timers?: TimerLike
      answerMs?: number
      maxWaitMs?: number
      newToken?: () => string
      log?: (message: string) => void
    } = {},
  ) {}

  private get timers(): TimerLike {
    return this.options.timers ?? defaultTimers
  }

  watch(win: GuardedWindow): void {
    win.on('close', (event) => {
      if (this.released.has(win)) return
      event.preventDefault()
      if (this.asked.has(win)) return
      const token = (this.options.newToken ?? (() => randomBytes(16).toString('hex')))()
      const timer = this.timers.setTimeout(() => {
        this.options.log?.('the page did not answer before closing')
        this.release(win)
      }, this.options.answerMs ?? CLOSE_ANSWER_MS)
      this.asked.set(win, { token, timer })
      win.webContents.send(Channels.app.closing, token)
    })
    // The page that was asked went away (reloaded, as locking does; left for another; crashed):
    // nobody will answer, so the window is not held any longer.
    const gone = () => {
      if (!this.asked.has(win)) return
      this.options.log?.('the page went away before closing')
      this.release(win)
    }
    win.webContents.on('did-navigate', gone)
    win.webContents.on('render-process-gone', gone)
    win.webContents.on('destroyed', gone)
    win.on('closed', () => {
      const asked = this.asked.get(win)
      if (asked) this.timers.clearTimeout(asked.timer)
      this.asked.delete(win)
    })
  }

  /**
   * The page of web contents `senderId` answers `token`. False (and nothing changes) unless that
   * page's window is being held with that token.
   */
  reply(senderId: number, token: string, state: CloseReplyState): boolean {
    for (const [win, asked] of this.asked) {
      if (win.isDestroyed() || win.webContents.id !== senderId || asked.token !== token) continue
      this.timers.clearTimeout(asked.timer)
      if (state === 'done') {
        this.release(win)
      } else {
        asked.timer = this.timers.setTimeout(() => {
          this.options.log?.('the page took too long before closing')
          this.release(win)
        }, this.options.maxWaitMs ?? CLOSE_WAIT_MAX_MS)
      }
      return true
    }
    return false
  }

  /** Set by the app: called after a held window was let go and asked to close again. */
  onReleased: (() => void) | null = null

  private release(win: GuardedWindow): void {
    const asked = this.asked.get(win)
    if (asked) this.timers.clearTimeout(asked.timer)
    this.asked.delete(win)
    this.released.add(win)
    if (!win.isDestroyed()) win.close()
    this.onReleased?.()
  }
}
