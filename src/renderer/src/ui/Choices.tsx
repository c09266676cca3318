import { useId, type InputHTMLAttributes, type ReactNode } from 'react'

interface Option<V extends string> {
  value: V
  label: string
  hint?: string
}

type Registered = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'>

/**
 * A group of radio buttons or checkboxes in a fieldset whose legend names the question; its
 * message in words appears under it. `register` is react-hook-form's `register(name)` result.
 */
export function Choices<V extends string>({
  legend,
  type,
  options,
  register,
  error,
  hint,
  autoFocus,
  disabled,
}: {
  legend: ReactNode
  type: 'radio' | 'checkbox'
  options: readonly Option<V>[]
  register: Registered
  error?: string | undefined
  hint?: string
  autoFocus?: boolean
  disabled?: boolean
}) {
  const id = useId()
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <fieldset
      className={`choices ${error ? 'field--invalid' : ''}`}
      aria-describedby={describedBy}
      disabled={disabled}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {options.map((option, index) => (
        <div className="checkbox" key={option.value}>
          <input
            {...register}
            id={`${id}-${option.value}`}
            type={type}
            value={option.value}
            autoFocus={autoFocus && index === 0}
            aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
          />
          <label htmlFor={`${id}-${option.value}`}>
            {option.label}
            {option.hint && (
              <span className="field__hint" id={`${id}-${option.value}-hint`}>
                {' '}
                {option.hint}
              </span>
            )}
          </label>
        </div>
      ))}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  )
}
