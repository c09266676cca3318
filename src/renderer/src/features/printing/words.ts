/** The documents Mend prints, as the platform names them (never with client data). */
export type PrintDocumentKind = 'prep-sheet' | 'chart-copy' | 'letter'
