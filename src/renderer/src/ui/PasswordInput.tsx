import { forwardRef, useState, type InputHTMLAttributes } from 'react'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
  /** What the toggle says to a screen reader, e.g. "Show the new passphrase". */
  toggleLabel?: string
}

/** A password input with a "Show" toggle; never spell-checked, never auto-capitalised. */
export const PasswordInput = forwardRef<HTMLInputElement, Props>(function PasswordInput(
  { toggleLabel = 'Show passphrase', className, ...props },
  ref,
) {
  const [visible, setVisible] = useState(false)
  return (
    <span className="password-input">
      <input
        {...props}
        ref={ref}
        className={className}
        type={visible ? 'text' : 'password'}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
      />
      <button
        type="button"
        className="secondary password-input__toggle"
        aria-pressed={visible}
        aria-label={toggleLabel}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? 'Hide' : 'Show'}
      </button>
    </span>
  )
})
