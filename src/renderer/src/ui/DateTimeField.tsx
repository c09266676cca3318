import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form'
import { DateTimeInput } from './DateTimeInput'
import { Field } from './Field'

/** A labelled date-and-time field of a react-hook-form form whose value is a stored Timestamp. */
export function DateTimeField<T extends FieldValues>({
  control,
  name,
  label,
  error,
  autoFocus,
}: {
  control: Control<T>
  name: FieldPath<T>
  label: string
  error?: string | undefined
  autoFocus?: boolean
}) {
  return (
    <Field label={label} error={error}>
      {(props) => (
        <Controller
          control={control}
          name={name}
          render={({ field }) => (
            <DateTimeInput
              {...props}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              autoFocus={autoFocus}
            />
          )}
        />
      )}
    </Field>
  )
}
