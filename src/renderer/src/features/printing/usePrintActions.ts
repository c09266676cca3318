import { useState } from 'react'
import type { PaperSize } from '../../domain/practice'
import { usePlatform } from '../../platform/context'
import type { PrintDocumentKind } from './words'

export type PrintOutput = 'print' | 'pdf'

export interface PrintMessage {
  tone: 'success' | 'error' | 'info'
  text: string
}

/**
 * The one place the printing screens reach the platform: the system print dialog, or a PDF. The
 * page on screen is what prints (print.css hides everything but the document, and @page follows
 * the paper size). After the platform reports it printed or saved, `record` notes it (the audit
 * entry); a cancelled dialog records nothing.
 */
export function usePrintActions(
  document: PrintDocumentKind,
  pageSize: PaperSize,
  /** `override`: a warning the practitioner went past for this print, in words (see `print`). */
  record: (output: PrintOutput, override?: string) => Promise<void>,
) {
  const platform = usePlatform()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<PrintMessage | null>(null)

  // The main process names the file (kind and date, never a name); the paper size travels both
  // in the request and in the page's CSS.
  const run = async (output: PrintOutput, override?: string) => {
    setBusy(true)
    setMessage(null)
    try {
      let status: string
      try {
        const result =
          output === 'print'
            ? await platform.print.dialog()
            : await platform.print.toPdf({ document, pageSize })
        status = result.status
      } catch {
        setMessage({ tone: 'error', text: 'Printing did not start. Nothing was printed.' })
        return
      }
      if (status === 'cancelled') {
        setMessage({ tone: 'info', text: 'Cancelled: nothing was printed or saved.' })
        return
      }
      try {
        await record(output, override)
        setMessage({
          tone: 'success',
          text:
            output === 'pdf'
              ? 'Saved as PDF. The audit trail notes it.'
              : 'Sent to the printer. The audit trail notes it.',
        })
      } catch {
        setMessage({
          tone: 'error',
          text: 'It was printed, but Mend could not note it in the audit trail. Check that the vault is unlocked and the audit trail is intact.',
        })
      }
    } finally {
      setBusy(false)
    }
  }

  return {
    busy,
    message,
    print: () => void run('print'),
    saveAsPdf: () => void run('pdf'),
    /** Either, with a warning gone past for this print (handed to `record`, for the trail). */
    printNoting: (output: PrintOutput, override: string | undefined) => void run(output, override),
  }
}
