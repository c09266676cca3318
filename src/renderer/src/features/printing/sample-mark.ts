/** What every page printed from the sample vault says at its top (see `useSamplePrintMark`). */
export const SAMPLE_PRINT_MARK = 'SAMPLE: invented people and records, not a real client'
