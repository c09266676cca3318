import { useLayoutEffect } from 'react'
import { isSampleVault } from '../../store/sample-vault'
import { useSession } from '../../store/session-context'
import { cssString } from './page-footer'
import { SAMPLE_PRINT_MARK } from './sample-mark'

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
