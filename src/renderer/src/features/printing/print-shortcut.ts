import { useEffect, useRef } from 'react'

/** Is the event the browser's print shortcut: Ctrl+P (Cmd+P on macOS), with or without Shift? */
export function isPrintShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'p'
}

/**
 * On a printing screen, Ctrl+P is the screen's own Print… (the audited one): the browser's print,
 * which the audit trail would not see, never opens. `print` is null while printing must wait (a
 * letter with unfilled placeholders, a print already under way); the shortcut then does nothing
 * and the screen already says why. Listens while capturing, before the app's own fallback
 * (Layout), which only acts on a shortcut nobody has handled.
 */
export function usePrintShortcut(print: (() => void) | null): void {
  const current = useRef(print)
  useEffect(() => {
    current.current = print
  })
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPrintShortcut(event)) return
      event.preventDefault()
      current.current?.()
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [])
}
