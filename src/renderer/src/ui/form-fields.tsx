import { useId, useState, type ReactNode } from 'react'
import {
  Controller,
  get,
  type FieldPath,
  type FieldValues,
  type UseFormReturn,
} from 'react-hook-form'
import { Choices } from './Choices'
import { DateTimeInput } from './DateTimeInput'
import { Field } from './Field'
import { emptyStringToNull, emptyToNull } from './form-values'
import { RepeatItem } from './RepeatItem'

/**
 * The form building blocks every Mend form is made of: each takes the react-hook-form form and a
 * field name, registers the control, and shows the field's message in words next to it.
 */
interface FieldBase<T extends FieldValues> {
  form: UseFormReturn<T>
  name: FieldPath<T>
  label: string
  hint?: ReactNode
  autoFocus?: boolean
}

/** The message of a field (or of a timestamp's instant), if any. */
export function errorOf<T extends FieldValues>(
  form: UseFormReturn<T>,
  name: FieldPath<T>,
): string | undefined {
  const error = get(form.formState.errors, name) as
    { message?: string; utc?: { message?: string } } | undefined
  return error?.message ?? error?.utc?.message
}

/** The limit of the long text fields (the domain's `text()`). */
const LONG_TEXT_MAX = 20_000

/**
 * A line of text, or several lines when `rows` is given. Long text shows a counter once it comes
 * near its limit (80 %), so nothing is cut off by surprise.
 */
export function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  autoFocus,
  rows,
  type = 'text',
  narrow,
  max = rows ? LONG_TEXT_MAX : undefined,
}: FieldBase<T> & {
  rows?: number
  type?: 'text' | 'tel' | 'email' | 'date'
  narrow?: boolean
  /** The field's limit in characters (shown as a counter near it). */
  max?: number
}) {
  const [length, setLength] = useState(() => String(form.getValues(name) ?? '').length)
  const registered = form.register(name, {
    onChange: (event: { target: { value: string } }) => setLength(event.target.value.length),
  })
  const near = max !== undefined && length >= max * 0.8
  const counter = near ? (
    <span className={length > max ? 'field__count field__count--over' : 'field__count'}>
      {length.toLocaleString()} of {max.toLocaleString()} characters
    </span>
  ) : null
  return (
    <Field
      label={label}
      hint={
        hint || counter ? (
          <>
            {hint}
            {hint && counter ? ' ' : null}
            {counter}
          </>
        ) : undefined
      }
      error={errorOf(form, name)}
    >
      {(field) =>
        rows ? (
          <textarea {...field} rows={rows} autoFocus={autoFocus} {...registered} />
        ) : (
          <input
            {...field}
            type={type}
            autoFocus={autoFocus}
            className={narrow ? 'narrow' : undefined}
            {...registered}
          />
        )
      }
    </Field>
  )
}

/** A whole number that may be left empty (stored as null). */
export function NumberField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  autoFocus,
  min = 0,
  max,
}: FieldBase<T> & { min?: number; max?: number }) {
  return (
    <Field label={label} hint={hint} error={errorOf(form, name)}>
      {(field) => (
        <input
          {...field}
          type="number"
          min={min}
          max={max}
          inputMode="numeric"
          className="narrow"
          autoFocus={autoFocus}
          {...form.register(name, { setValueAs: emptyToNull })}
        />
      )}
    </Field>
  )
}

/** A calendar date (YYYY-MM-DD, '' when empty). */
export function DateField<T extends FieldValues>(props: FieldBase<T>) {
  return <TextField {...props} type="date" narrow />
}

/** A date and time whose value is a stored Timestamp (UTC plus the offset of the moment). */
export function DateTimeField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  autoFocus,
}: FieldBase<T>) {
  return (
    <Field label={label} hint={hint} error={errorOf(form, name)}>
      {(field) => (
        <Controller
          control={form.control}
          name={name}
          render={({ field: value }) => (
            <DateTimeInput
              {...field}
              value={value.value}
              onChange={value.onChange}
              onBlur={value.onBlur}
              autoFocus={autoFocus}
            />
          )}
        />
      )}
    </Field>
  )
}

/** A drop-down over a table of words (see `optionsOf`); with `nullable`, the '' option is null. */
export function SelectField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  autoFocus,
  options,
  nullable,
}: FieldBase<T> & { options: readonly { value: string; label: string }[]; nullable?: boolean }) {
  return (
    <Field label={label} hint={hint} error={errorOf(form, name)}>
      {(field) => (
        <select
          {...field}
          autoFocus={autoFocus}
          {...form.register(name, nullable ? { setValueAs: emptyStringToNull } : {})}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** Radio buttons (one answer) or checkboxes (several) in a fieldset whose legend asks the question. */
export function ChoiceField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  autoFocus,
  type,
  options,
}: Omit<FieldBase<T>, 'hint'> & {
  hint?: string
  type: 'radio' | 'checkbox'
  /** Each answer, with an optional hint read with it. */
  options: readonly { value: string; label: string; hint?: string }[]
}) {
  return (
    <Choices
      legend={label}
      type={type}
      options={options}
      register={form.register(name)}
      error={errorOf(form, name)}
      hint={hint}
      autoFocus={autoFocus}
    />
  )
}

/** One checkbox with its label (a yes/no answer). */
export function CheckboxField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  autoFocus,
}: FieldBase<T>) {
  const id = useId()
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        autoFocus={autoFocus}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...form.register(name)}
      />
      <label htmlFor={id}>
        {label}
        {hint && (
          <span className="field__hint" id={`${id}-hint`}>
            {' '}
            {hint}
          </span>
        )}
      </label>
    </div>
  )
}

/**
 * A repeatable list (actions, attempts, channels, contacts…): a hint while it is empty, each item
 * in its own group with a remove button, and an add button.
 */
export function RepeatList({
  legend,
  emptyHint,
  itemLegend,
  keys,
  onRemove,
  addLabel,
  onAdd,
  autoFocusAdd,
  children,
}: {
  legend: string
  emptyHint: string
  itemLegend: (index: number) => string
  /** One stable key per item (useFieldArray's `fields[i].key`). */
  keys: readonly string[]
  onRemove: (index: number) => void
  addLabel: string
  onAdd: () => void
  autoFocusAdd?: boolean
  children: (index: number) => ReactNode
}) {
  return (
    <fieldset className="group">
      <legend>{legend}</legend>
      {keys.length === 0 && <p className="field__hint">{emptyHint}</p>}
      {keys.map((key, index) => (
        <RepeatItem key={key} legend={itemLegend(index)} onRemove={() => onRemove(index)}>
          {children(index)}
        </RepeatItem>
      ))}
      <button type="button" className="secondary" autoFocus={autoFocusAdd} onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  )
}
