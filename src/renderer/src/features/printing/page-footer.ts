import { useLayoutEffect } from 'react'

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
