import { useId, type ReactElement, type ReactNode } from 'react'

interface FieldProps {
  label: string
  /** Help text under the label, read with the control. */
  hint?: ReactNode
  error?: string | undefined
  /** The control; it receives id, aria-describedby and aria-invalid. */
  children: (field: {
    id: string
    'aria-describedby'?: string
    'aria-invalid'?: true
  }) => ReactElement
  className?: string
}

/** A labelled control with its hint and its validation message in words, next to it. */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  )
}
