import type { ReactNode } from 'react'

/** A calm message box. `alert` interrupts the screen reader (errors); `status` waits its turn. */
export function Notice({
  tone = 'info',
  role = tone === 'error' ? 'alert' : 'status',
  children,
  onDismiss,
}: {
  tone?: 'info' | 'success' | 'warning' | 'error'
  role?: 'alert' | 'status'
  children: ReactNode
  onDismiss?: () => void
}) {
  return (
    <div className={`notice notice--${tone}`} role={role}>
      <div className="notice__body">{children}</div>
      {onDismiss && (
        <button type="button" className="secondary notice__dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  )
}
