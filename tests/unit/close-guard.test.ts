import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { CloseGuard } from '../../src/main/close-guard'
import type { TimerLike } from '../../src/main/clipboard'
import { Channels, CLOSE_ANSWER_MS, CLOSE_WAIT_MAX_MS } from '../../src/shared/ipc'

/** Timers run by hand: `advance(ms)` fires what is due. */
function manualTimers() {
  let now = 0
  let next = 1
  const pending = new Map<number, { at: number; callback: () => void }>()
  const timers: TimerLike = {
    setTimeout: (callback, ms) => {
      pending.set(next, { at: now + ms, callback })
      return next++
    },
    clearTimeout: (id) => void pending.delete(id as number),
  }
  const advance = (ms: number) => {
    now += ms
    for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > now || !pending.has(id)) continue
      pending.delete(id)
      timer.callback()
    }
  }
  return { timers, advance, pending }
}

/** A window as Electron's: close() emits 'close', which a listener may prevent. */
class FakeWindow extends EventEmitter {
  destroyed = false
  readonly sent: unknown[][] = []
  readonly webContents: EventEmitter & { id: number; send: (...args: unknown[]) => void }
  constructor(id = 7) {
    super()
    this.webContents = Object.assign(new EventEmitter(), {
      id,
      send: (...args: unknown[]) => void this.sent.push(args),
    })
  }
  close() {
    if (this.destroyed) return
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.destroyed = true
    this.emit('closed')
  }
  isDestroyed() {
    return this.destroyed
  }
}

function setup() {
  const clock = manualTimers()
  let tokens = 0
  const guard = new CloseGuard({
    timers: clock.timers,
    newToken: () => `token-${++tokens}`,
  })
  const released = vi.fn()
  guard.onReleased = released
  const win = new FakeWindow()
  guard.watch(win)
  return { guard, win, clock, released }
}

describe('CloseGuard: a closing window asks its page first', () => {
  it('holds the first close, asks the page with a token, closes when the page is done', () => {
    const { guard, win, released } = setup()
    win.close()
    expect(win.isDestroyed()).toBe(false)
    expect(win.sent).toEqual([[Channels.app.closing, 'token-1']])
    // Closing again while asked neither closes nor asks again.
    win.close()
    expect(win.isDestroyed()).toBe(false)
    expect(win.sent).toHaveLength(1)
    expect(guard.reply(7, 'token-1', 'done')).toBe(true)
    expect(win.isDestroyed()).toBe(true)
    expect(released).toHaveBeenCalledTimes(1)
  })

  it('a page that is working keeps the window open up to the longest wait, then it closes', () => {
    const { guard, win, clock, released } = setup()
    win.close()
    expect(guard.reply(7, 'token-1', 'working')).toBe(true)
    clock.advance(CLOSE_ANSWER_MS * 2)
    expect(win.isDestroyed()).toBe(false)
    clock.advance(CLOSE_WAIT_MAX_MS - CLOSE_ANSWER_MS * 2 - 1)
    expect(win.isDestroyed()).toBe(false)
    clock.advance(1)
    expect(win.isDestroyed()).toBe(true)
    expect(released).toHaveBeenCalledTimes(1)
  })

  it('a page that does not answer (crashed, hung) does not hold the window', () => {
    const { win, clock } = setup()
    win.close()
    clock.advance(CLOSE_ANSWER_MS - 1)
    expect(win.isDestroyed()).toBe(false)
    clock.advance(1)
    expect(win.isDestroyed()).toBe(true)
  })

  it.each(['did-navigate', 'render-process-gone', 'destroyed'])(
    'a page that goes away while working (%s: a lock reloads it) no longer holds the window',
    (event) => {
      const { guard, win, clock, released } = setup()
      // Before anything was asked, the page may come and go freely.
      win.webContents.emit(event)
      expect(win.isDestroyed()).toBe(false)
      win.close()
      guard.reply(7, 'token-1', 'working')
      win.webContents.emit(event)
      expect(win.isDestroyed()).toBe(true)
      expect(released).toHaveBeenCalledTimes(1)
      expect(clock.pending.size).toBe(0)
    },
  )

  it('refuses answers from another page, with another token, or when nothing is held', () => {
    const { guard, win, clock } = setup()
    expect(guard.reply(7, 'token-1', 'done')).toBe(false)
    win.close()
    expect(guard.reply(8, 'token-1', 'done')).toBe(false)
    expect(guard.reply(7, 'token-2', 'done')).toBe(false)
    // A wrong answer does not extend the wait either.
    expect(guard.reply(7, 'token-2', 'working')).toBe(false)
    expect(win.isDestroyed()).toBe(false)
    clock.advance(CLOSE_ANSWER_MS)
    expect(win.isDestroyed()).toBe(true)
    // The window is gone: its old token answers nothing, and no timer is left behind.
    expect(guard.reply(7, 'token-1', 'done')).toBe(false)
    expect(clock.pending.size).toBe(0)
  })

  it('each window is asked with a token of its own', () => {
    const { guard, win } = setup()
    win.close()
    const other = new FakeWindow(8)
    guard.watch(other)
    other.close()
    expect(other.sent).toEqual([[Channels.app.closing, 'token-2']])
    expect(guard.reply(8, 'token-1', 'done')).toBe(false)
    expect(guard.reply(7, 'token-1', 'done')).toBe(true)
    expect([win.isDestroyed(), other.isDestroyed()]).toEqual([true, false])
  })
})
