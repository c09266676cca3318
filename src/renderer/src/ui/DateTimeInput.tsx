import { type InputHTMLAttributes } from 'react'
import { fromLocalInput, toLocalInput, type Timestamp } from '../domain/time'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: Timestamp | null
  onChange: (value: Timestamp | null) => void
}

/** A local date and time input whose value is a stored Timestamp (UTC + offset). */
export function DateTimeInput({ value, onChange, ...props }: Props) {
  return (
    <input
      {...props}
      type="datetime-local"
      value={toLocalInput(value)}
      onChange={(event) => onChange(fromLocalInput(event.target.value))}
    />
  )
}
