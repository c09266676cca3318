/** Words for each value of an enum, in the enum's order. */
export type Words<T extends readonly string[]> = Record<T[number], string>

/** Options for a choice control from a word table, in declaration order. */
export function optionsOf<K extends string>(
  words: Record<K, string>,
): { value: K; label: string }[] {
  return (Object.keys(words) as K[]).map((value) => ({ value, label: words[value] }))
}

/** The words of the chosen value, or '' when nothing was chosen. */
export function wordOf<K extends string>(words: Record<K, string>, value: K | null): string {
  return value === null ? '' : words[value]
}

/** "Yes" / "No" for a recorded boolean. */
export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No')
