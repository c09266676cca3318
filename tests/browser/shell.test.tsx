import { act } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { page } from 'vitest/browser'
import { App } from '../../src/renderer/src/app/App'
import { ErrorBoundary } from '../../src/renderer/src/app/ErrorBoundary'
import { browserPlatform } from '../../src/renderer/src/platform/browser'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { createVault } from '../../src/renderer/src/store/vault'
import { FAST } from './fixtures'
import { render } from './render'

/** A database that already holds a vault, and the app rendered on it, unlocked through the UI. */
async function renderUnlockedApp() {
  const db = new MendDatabase(`mend-shell-${crypto.randomUUID()}`)
  await createVault(db, 'a passphrase for the shell test', { withRecoveryKey: false, kdf: FAST })
  const rendered = await render(
    <App platform={browserPlatform()} db={db} kdf={FAST} endDocumentOnLock={false} />,
  )
  await expect.element(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
  await page.getByLabelText('Passphrase', { exact: true }).fill('a passphrase for the shell test')
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect.element(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible()
  return {
    unmount: async () => {
      await rendered.unmount()
      db.close()
      await db.delete()
    },
  }
}

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
  window.location.hash = ''
})

function Boom(): never {
  throw new Error('Jane Doe said something private')
}

describe('ErrorBoundary', () => {
  it('shows a calm message, never the error text, and logs only the kind', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { container, unmount } = await render(
      <ErrorBoundary>
        <Boom />
      </ErrorBoundary>,
    )
    cleanup = unmount
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(/Nothing you saved has been lost/)
    expect(container.textContent).not.toContain('Jane')
    const logged = errors.mock.calls.flat().map(String).join(' ')
    expect(logged).toContain('[mend] a screen failed (Error)')
    expect(logged).not.toContain('Jane')
    errors.mockRestore()
  })

  it('renders its children when nothing fails', async () => {
    const { unmount } = await render(
      <ErrorBoundary>
        <p>All well</p>
      </ErrorBoundary>,
    )
    cleanup = unmount
    await expect.element(page.getByText('All well')).toBeVisible()
    expect(page.getByRole('alert').elements()).toHaveLength(0)
  })
})

describe('App shell', () => {
  it('shows only the setup screen on an empty database', async () => {
    const db = new MendDatabase(`mend-shell-${crypto.randomUUID()}`)
    const { unmount } = await render(
      <App platform={browserPlatform()} db={db} kdf={FAST} endDocumentOnLock={false} />,
    )
    cleanup = async () => {
      await unmount()
      await db.delete()
    }
    await expect.element(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
    expect(page.getByRole('navigation', { name: 'Main' }).elements()).toHaveLength(0)
  })

  it('locking unmounts every screen and the lock screen shows no client data', async () => {
    const { unmount } = await renderUnlockedApp()
    cleanup = unmount
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await expect.element(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    expect(page.getByRole('navigation', { name: 'Main' }).elements()).toHaveLength(0)
    // The only main landmark left is the lock screen's own.
    const mains = page.getByRole('main').elements()
    expect(mains).toHaveLength(1)
    expect(mains[0]?.textContent).toContain('Unlock Mend')
    expect(mains[0]?.querySelector('#main')).toBeNull()
  })

  it('shows the home screen with main navigation and a skip link', async () => {
    const { unmount } = await renderUnlockedApp()
    cleanup = unmount
    await expect.element(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible()
    await expect.element(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
    await expect.element(page.getByRole('link', { name: 'Skip to content' })).toBeInTheDocument()
  })

  it('shows "Page not found" for an unknown address instead of crashing', async () => {
    window.location.hash = '#/no-such-page'
    const { unmount } = await renderUnlockedApp()
    cleanup = unmount
    await expect.element(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await act(async () => {
      await page.getByRole('link', { name: /today’s overview/ }).click()
    })
    await expect.element(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible()
  })
})
