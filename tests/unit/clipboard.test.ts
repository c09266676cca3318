import { describe, expect, it } from 'vitest'
import { ClipboardGuard, type ClipboardLike } from '../../src/main/clipboard'

function setup() {
  let text = ''
  const clipboard: ClipboardLike & { clears: number } = {
    clears: 0,
    writeText: (value) => void (text = value),
    readText: () => text,
    clear: () => {
      text = ''
      clipboard.clears++
    },
  }
  const timers = new Map<number, { callback: () => void; ms: number }>()
  let next = 1
  const guard = new ClipboardGuard(clipboard, {
    setTimeout: (callback, ms) => {
      timers.set(next, { callback, ms })
      return next++
    },
    clearTimeout: (id) => void timers.delete(id as number),
  })
  const fire = () => {
    const pending = [...timers.entries()]
    timers.clear()
    for (const [, { callback }] of pending) callback()
  }
  return {
    guard,
    clipboard,
    timers,
    fire,
    current: () => text,
    userCopies: (value: string) => void (text = value),
  }
}

describe('ClipboardGuard', () => {
  it('writes the text and schedules a clear after the asked time', () => {
    const { guard, current, timers } = setup()
    expect(guard.copy('RECOVERY-KEY', 30)).toEqual({ status: 'copied', clearsAfterSeconds: 30 })
    expect(current()).toBe('RECOVERY-KEY')
    expect([...timers.values()].map((t) => t.ms)).toEqual([30_000])
  })

  it('clears when the time is up if the clipboard still holds exactly our text', () => {
    const { guard, clipboard, fire, current } = setup()
    guard.copy('RECOVERY-KEY', 30)
    fire()
    expect(current()).toBe('')
    expect(clipboard.clears).toBe(1)
  })

  it('leaves alone what the practitioner copied since', () => {
    const { guard, clipboard, fire, current, userCopies } = setup()
    guard.copy('RECOVERY-KEY', 30)
    userCopies('a phone number')
    fire()
    expect(current()).toBe('a phone number')
    expect(clipboard.clears).toBe(0)
  })

  it('a second copy replaces the schedule', () => {
    const { guard, clipboard, timers, fire, current } = setup()
    guard.copy('first', 600)
    guard.copy('second', 10)
    expect([...timers.values()].map((t) => t.ms)).toEqual([10_000])
    fire()
    expect(current()).toBe('')
    expect(clipboard.clears).toBe(1)
  })

  it('clears on quit if the text is still ours, and cancels the timer', () => {
    const { guard, clipboard, timers, current } = setup()
    guard.copy('RECOVERY-KEY', 600)
    guard.clearOnQuit()
    expect(current()).toBe('')
    expect(timers.size).toBe(0)
    expect(clipboard.clears).toBe(1)
  })

  it('does not clear on quit what is not ours', () => {
    const { guard, clipboard, userCopies, current } = setup()
    guard.clearOnQuit()
    expect(clipboard.clears).toBe(0)
    guard.copy('RECOVERY-KEY', 600)
    userCopies('something else')
    guard.clearOnQuit()
    expect(current()).toBe('something else')
    expect(clipboard.clears).toBe(0)
  })

  it('forgets its text once cleared (a later identical copy by the user is theirs)', () => {
    const { guard, clipboard, fire, userCopies } = setup()
    guard.copy('same', 10)
    fire()
    userCopies('same')
    guard.clearOnQuit()
    expect(clipboard.clears).toBe(1)
  })
})
