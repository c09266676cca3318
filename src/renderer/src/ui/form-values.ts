/** For react-hook-form's setValueAs on a number input that may be left empty: '' becomes null. */
export function emptyToNull(value: unknown): number | null {
  return value === '' || value === null || value === undefined ? null : Number(value)
}
