import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { setUpVault } from './vault-helpers'

test.describe('renderer shell (production build in Chromium)', () => {
  test('opens on the Today screen and is reachable by keyboard', async ({
    page,
    consoleErrors,
    outbound,
  }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible()
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }),
    ).toHaveAttribute('aria-current', 'page')
    await expect(page).toHaveTitle('Mend')

    // After setup the app moves focus to the screen's heading (focus management on
    // navigation); from the top of the document the first Tab reaches the skip link.
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeFocused()
    await page.evaluate(() => {
      // Start sequential navigation from the top of the document, as on a fresh page.
      document.body.tabIndex = -1
      document.body.focus()
      document.body.removeAttribute('tabindex')
    })
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
    const address = page.url()
    await page.keyboard.press('Enter')
    await expect(page.locator('main')).toBeFocused()
    // Hash routing: the skip link moves focus without navigating away from the screen.
    expect(page.url()).toBe(address)
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible()
    expect(consoleErrors).toEqual([])
    expect(outbound).toEqual([])
  })

  test('an unknown address shows a calm "not found" page with a way back', async ({ page }) => {
    await page.goto('/#/clients/does-not-exist/nowhere')
    await setUpVault(page, { recoveryKey: false })
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await page.getByRole('link', { name: /today’s overview/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible()
  })

  test('axe finds no serious or critical violation', async ({ page }) => {
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await expectNoSeriousA11yViolations(page)
    await page.evaluate(() => (window.location.hash = '#/nowhere'))
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('every response carries the strict Content-Security-Policy', async ({ page }) => {
    const response = await page.goto('/')
    const csp = response?.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("base-uri 'none'")
  })

  test('the renderer cannot send anything to the internet', async ({ page, outbound }) => {
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
    const attempts = await page.evaluate(async () => {
      const results: string[] = []
      for (const attempt of [
        () => fetch('https://example.com/collect?name=Jane'),
        () => fetch('http://10.0.0.1/'),
        () =>
          new Promise((resolve, reject) => {
            const socket = new WebSocket('wss://example.com/socket')
            socket.onopen = resolve
            socket.onerror = reject
          }),
      ]) {
        try {
          await attempt()
          results.push('sent')
        } catch {
          results.push('blocked')
        }
      }
      const img = document.createElement('img')
      img.alt = ''
      img.src = 'https://example.com/pixel.png'
      document.body.append(img)
      navigator.sendBeacon('https://example.com/beacon', 'x')
      return results
    })
    expect(attempts).toEqual(['blocked', 'blocked', 'blocked'])
    await page.waitForTimeout(300)
    expect(outbound).toEqual([])
  })

  test('control: without the app and its policy, the same fetch is caught leaving', async ({
    page,
    outbound,
  }) => {
    // Proves the check above can fail: a page with no CSP does reach the network layer.
    await page.setContent('<p>A page that is not Mend</p>')
    await page.evaluate(() =>
      fetch('https://example.com/collect', { mode: 'no-cors' }).catch(() => null),
    )
    expect(outbound).toEqual(['https://example.com/collect'])
  })

  test('an injected inline script does not run', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__pwned = true'
      document.body.append(script)
      await new Promise((resolve) => setTimeout(resolve, 50))
      return (window as unknown as { __pwned?: boolean }).__pwned === true
    })
    expect(ran).toBe(false)
  })
})
