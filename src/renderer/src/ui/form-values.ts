/** For react-hook-form's setValueAs on a number input that may be left empty: '' becomes null. */
export function emptyToNull(value: unknown): number | null {
  return value === '' || value === null || value === undefined ? null : Number(value)
}

/** For a select whose '' option means "not answered": '' becomes null, anything else stays. */
export function emptyStringToNull(value: unknown): unknown {
  return value === '' || value === undefined ? null : value
}
