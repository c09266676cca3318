import { useLayoutEffect } from 'react'
import { isSampleVault } from '../../store/sample-vault'
import { useSession } from '../../store/session-context'
import { SAMPLE_PRINT_MARK } from './sample-mark'

/**
 * The running footer of printed pages ("Printed 27 Nov 2026 · JF · Confidential"), in the bottom
 * left margin box of every page; the page numbers are in print.css. The words change with each
 * document, so they are set in a constructed style sheet (allowed by the app's CSP, which
 * forbids inline styles), added while the document is shown and removed after.
 */

/** The text as a CSS string literal. */
export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`
}

/** The @page rules that put `text` in the footer of the documents' pages. */
export function footerRules(text: string): string {
  const content = cssString(text)
  return ['doc-a4', 'doc-us-letter']
    .map((page) => `@page ${page} { @bottom-left { content: ${content}; } }`)
    .join('\n')
}

export function usePageFooter(text: string): void {
  useLayoutEffect(() => {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(footerRules(text))
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
    }
  }, [text])
}

/** The @page rules that put the sample mark at the top of every printed page, letters too. */
export function sampleMarkRules(): string {
  const content = cssString(SAMPLE_PRINT_MARK)
  return ['doc-a4', 'doc-us-letter', 'plain-a4', 'plain-us-letter']
    .map(
      (page) =>
        `@page ${page} { @top-center { content: ${content}; font-size: 9pt; font-weight: bold; } }`,
    )
    .join('\n')
}

/**
 * In the sample vault, every printed page says so (a sheet printed from it must never pass for
 * a real client's record); the banner on screen is not printed.
 */
export function useSamplePrintMark(): void {
  const sample = isSampleVault(useSession())
  useLayoutEffect(() => {
    if (!sample) return
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(sampleMarkRules())
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
    }
  }, [sample])
}
