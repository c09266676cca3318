import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

/** Every page under test records requests that tried to leave 127.0.0.1, and console errors. */
export const test = base.extend<{ outbound: string[]; consoleErrors: string[] }>({
  /**
   * Requests that got past the page's own defences and reached the network layer for any host
   * other than the local test server. They are aborted here, so nothing really leaves either way.
   */
  outbound: async ({ context }, use) => {
    const outbound: string[] = []
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        outbound.push(route.request().url())
        return route.abort('blockedbyclient')
      },
    )
    await use(outbound)
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await use(errors)
  },
})

export { expect }

/** axe on the current page: no serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    )
  expect(serious, 'serious or critical accessibility violations').toEqual([])
}
