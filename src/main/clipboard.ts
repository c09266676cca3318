import type { ClipboardCopyResult } from '../shared/ipc'

/** The slice of Electron's clipboard the guard uses. */
export interface ClipboardLike {
  writeText(text: string): void
  readText(): string
  clear(): void
}

export interface TimerLike {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
}

const defaultTimers: TimerLike = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
}

/**
 * Copies text for the renderer and takes it off the clipboard again: after the time the copy
 * asked for, and when the app quits, but only if the clipboard still holds exactly that text (what
 * the practitioner copied since is left alone). Clipboard managers and other apps may have read it
 * in between: that is the limit of what an app can do.
 */
export class ClipboardGuard {
  private ours: string | null = null
  private timer: unknown = null

  constructor(
    private readonly clipboard: ClipboardLike,
    private readonly timers: TimerLike = defaultTimers,
  ) {}

  copy(text: string, clearAfterSeconds: number): ClipboardCopyResult {
    this.cancelTimer()
    this.clipboard.writeText(text)
    this.ours = text
    this.timer = this.timers.setTimeout(() => {
      this.timer = null
      this.clearIfOurs()
    }, clearAfterSeconds * 1000)
    return { status: 'copied', clearsAfterSeconds: clearAfterSeconds }
  }

  /** For app quit: clears now if the clipboard still holds our text. */
  clearOnQuit(): void {
    this.cancelTimer()
    this.clearIfOurs()
  }

  private clearIfOurs(): void {
    if (this.ours !== null && this.clipboard.readText() === this.ours) this.clipboard.clear()
    this.ours = null
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
  }
}
