import { localDate } from '../../domain/time'

/** The documents Mend prints, as the platform names them (never with client data). */
export type PrintDocumentKind = 'prep-sheet' | 'chart-copy' | 'letter'

/** A neutral default file name for a PDF: the kind of document and today's date, nothing else. */
export function neutralPdfName(kind: PrintDocumentKind, today: Date = new Date()): string {
  return `mend-${kind}-${localDate(today)}.pdf`
}
