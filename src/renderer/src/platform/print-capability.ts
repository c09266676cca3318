import type { PlatformPrint } from './types'

/** Builds `print` with its transitional call signature (print() is print.dialog()). */
export function printCapability(print: Pick<PlatformPrint, 'dialog' | 'toPdf'>): PlatformPrint {
  return Object.assign(() => print.dialog(), {
    dialog: () => print.dialog(),
    toPdf: (request: Parameters<PlatformPrint['toPdf']>[0]) => print.toPdf(request),
  })
}
