import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { LINUX_POLL_MS, watchForLock, type PowerMonitorLike } from '../../src/main/power/lock-watch'

class FakePowerMonitor extends EventEmitter {
  state: 'active' | 'idle' | 'locked' | 'unknown' = 'active'
  getSystemIdleState = vi.fn((threshold: number) => {
    expect(threshold).toBe(1)
    return this.state
  })
}

function fakeTimers() {
  const intervals = new Map<number, { callback: () => void; ms: number }>()
  let next = 1
  return {
    intervals,
    timers: {
      setInterval: (callback: () => void, ms: number) => {
        intervals.set(next, { callback, ms })
        return next++
      },
      clearInterval: (id: unknown) => void intervals.delete(id as number),
    },
    tick: () => {
      for (const { callback } of intervals.values()) callback()
    },
  }
}

function setup(platform: NodeJS.Platform) {
  const monitor = new FakePowerMonitor()
  const sendLock = vi.fn()
  const clock = fakeTimers()
  const stop = watchForLock({
    powerMonitor: monitor as unknown as PowerMonitorLike,
    platform,
    sendLock,
    timers: clock.timers,
  })
  return { monitor, sendLock, stop, ...clock }
}

describe('watchForLock', () => {
  it.each(['linux', 'darwin', 'win32'] as const)(
    'on %s forwards screen lock, suspend and user switch',
    (platform) => {
      const { monitor, sendLock } = setup(platform)
      monitor.emit('lock-screen')
      monitor.emit('suspend')
      monitor.emit('user-did-resign-active')
      expect(sendLock.mock.calls).toEqual([['lock-screen'], ['suspend'], ['user-switch']])
    },
  )

  it('on Linux polls every 5 s and locks once per transition into locked', () => {
    const { monitor, sendLock, intervals, tick } = setup('linux')
    expect([...intervals.values()].map((i) => i.ms)).toEqual([LINUX_POLL_MS])
    expect(LINUX_POLL_MS).toBe(5000)
    tick()
    expect(sendLock).not.toHaveBeenCalled()
    monitor.state = 'locked'
    tick()
    tick()
    tick()
    expect(sendLock).toHaveBeenCalledTimes(1)
    expect(sendLock).toHaveBeenCalledWith('lock-screen')
    monitor.state = 'idle'
    tick()
    monitor.state = 'locked'
    tick()
    tick()
    expect(sendLock).toHaveBeenCalledTimes(2)
  })

  it('on Linux does not lock when the state is unknown or idle', () => {
    const { monitor, sendLock, tick } = setup('linux')
    monitor.state = 'unknown'
    tick()
    monitor.state = 'idle'
    tick()
    expect(sendLock).not.toHaveBeenCalled()
  })

  it.each(['darwin', 'win32'] as const)('on %s does not poll', (platform) => {
    const { monitor, intervals } = setup(platform)
    expect(intervals.size).toBe(0)
    expect(monitor.getSystemIdleState).not.toHaveBeenCalled()
  })

  it('stop clears the interval and the listeners', () => {
    const { monitor, sendLock, stop, intervals } = setup('linux')
    expect(intervals.size).toBe(1)
    stop()
    expect(intervals.size).toBe(0)
    monitor.emit('lock-screen')
    monitor.emit('suspend')
    expect(sendLock).not.toHaveBeenCalled()
    expect(monitor.listenerCount('lock-screen')).toBe(0)
  })
})
