import { useEffect, useRef, useState } from 'react'
import { warningSeconds } from '../../domain/settings'

const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'touchstart',
  'scroll',
] as const

/**
 * Locks after `minutes` without keyboard, mouse or touch activity, with a visible countdown
 * before it does. Time is measured with the clock, so a sleeping or hidden window locks as soon
 * as it wakes if the time has passed.
 */
export function AutoLock({ minutes, onLock }: { minutes: number; onLock: () => void }) {
  const lastActivity = useRef(0)
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  const stay = useRef<HTMLButtonElement>(null)
  const timeoutMs = minutes * 60_000
  const warnMs = warningSeconds(minutes) * 1000
  const onLockRef = useRef(onLock)
  useEffect(() => {
    onLockRef.current = onLock
  }, [onLock])

  useEffect(() => {
    lastActivity.current = Date.now()
    const markActive = () => {
      lastActivity.current = Date.now()
    }
    const check = () => {
      const left = timeoutMs - (Date.now() - lastActivity.current)
      if (left <= 0) {
        setSecondsLeft(null)
        onLockRef.current()
      } else if (left <= warnMs) {
        setSecondsLeft(Math.ceil(left / 1000))
      } else {
        setSecondsLeft(null)
      }
    }
    for (const event of ACTIVITY_EVENTS)
      window.addEventListener(event, markActive, { capture: true, passive: true })
    document.addEventListener('visibilitychange', check)
    const interval = setInterval(check, 1000)
    return () => {
      for (const event of ACTIVITY_EVENTS)
        window.removeEventListener(event, markActive, { capture: true })
      document.removeEventListener('visibilitychange', check)
      clearInterval(interval)
    }
  }, [timeoutMs, warnMs])

  const warning = secondsLeft !== null
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (warning && !element.open) {
      element.showModal()
      stay.current?.focus()
    } else if (!warning && element.open) {
      element.close()
    }
  }, [warning])

  return (
    <dialog
      ref={dialog}
      className="autolock-warning"
      aria-labelledby="autolock-title"
      aria-describedby="autolock-text"
      onCancel={(event) => {
        event.preventDefault()
        lastActivity.current = Date.now()
        setSecondsLeft(null)
      }}
    >
      <h2 id="autolock-title">Mend is about to lock</h2>
      <p id="autolock-text">
        No activity for a while. Mend will lock in <strong>{secondsLeft ?? 0} seconds</strong> to
        keep your records private. What you were typing is kept.
      </p>
      <button
        ref={stay}
        type="button"
        onClick={() => {
          lastActivity.current = Date.now()
          setSecondsLeft(null)
        }}
      >
        Stay unlocked
      </button>
    </dialog>
  )
}
