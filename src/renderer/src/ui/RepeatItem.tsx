import type { ReactNode } from 'react'

/** One item of a repeatable list (an action, an attempt, a channel…) with its own remove button. */
export function RepeatItem({
  legend,
  onRemove,
  children,
}: {
  legend: string
  onRemove: () => void
  children: ReactNode
}) {
  return (
    <fieldset className="group__item">
      <legend>{legend}</legend>
      {children}
      <button type="button" className="secondary" onClick={onRemove}>
        Remove {legend.charAt(0).toLowerCase()}
        {legend.slice(1)}
      </button>
    </fieldset>
  )
}
