import axe from 'axe-core'
import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { App } from '../../src/renderer/src/app/App'
import { emptyClient, type Client } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import { browserPlatform } from '../../src/renderer/src/platform/browser'
import { createClient, createIncident, saveStep } from '../../src/renderer/src/store/operations'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { createVault } from '../../src/renderer/src/store/vault'
import { FAST, PASS } from './fixtures'
import { render } from './render'

/**
 * Search as the therapist uses it: the box in the top bar of the unlocked app, its results
 * screen, the switch for the private reflections, Ctrl+K, and lock. Every control is found by its
 * label, and axe finds nothing serious.
 */
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const client = (displayName: string, initials: string): Client => ({
  ...emptyClient(),
  displayName,
  initials,
})

/** Every search worker the page starts, to check that locking ends them. */
const NativeWorker = globalThis.Worker
const started: { worker: Worker; terminated: boolean }[] = []
/** While set, the search workers' answers wait for it (what the screen shows meanwhile). */
let answersHeld: Promise<void> | null = null
const nativeOnMessage = Object.getOwnPropertyDescriptor(NativeWorker.prototype, 'onmessage')!
class WatchedWorker extends NativeWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options)
    // Unlocking runs the KDF in workers of its own: only the search's are watched.
    if (!String(url).includes('search.worker')) return
    started.push({ worker: this, terminated: false })
    Object.defineProperty(this, 'onmessage', {
      configurable: true,
      get: () => nativeOnMessage.get!.call(this) as unknown,
      set: (handler: ((event: MessageEvent) => void) | null) =>
        nativeOnMessage.set!.call(
          this,
          handler &&
            ((event: MessageEvent) => {
              const held = answersHeld
              if (held) void held.then(() => handler.call(this, event))
              else handler.call(this, event)
            }),
        ),
    })
  }
  override terminate(): void {
    const entry = started.find((s) => s.worker === this)
    if (entry) entry.terminated = true
    super.terminate()
  }
}

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
  globalThis.Worker = NativeWorker
  started.length = 0
  answersHeld = null
  window.location.hash = ''
})

/** A vault with Jordan Avery's walkout (a narrative word, a reflection word) and one other client. */
async function practiceVault(): Promise<MendDatabase> {
  const db = new MendDatabase(`mend-search-ui-${crypto.randomUUID()}`)
  const { session } = await createVault(db, PASS, { withRecoveryKey: false, kdf: FAST })
  const jordan = await createClient(session, client('Jordan Avery', 'JA'))
  await createClient(session, client('Casey Brightwater', 'CB'))
  const walkout = await createIncident(session, jordan)
  await saveStep(
    session,
    walkout,
    'safety',
    {
      ...emptyStep('safety', stamp()),
      beforeNarrative: 'Jordan stood up when the kettle whistled and left without a word.',
    },
    false,
  )
  await saveStep(
    session,
    walkout,
    'reflect',
    { ...emptyStep('reflect', stamp()), myContribution: 'I pressed about the marmalade too soon.' },
    false,
  )
  session.close()
  return db
}

async function unlock() {
  await expect.element(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
  await page.getByLabelText('Passphrase', { exact: true }).fill(PASS)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect.element(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible()
}

/** The app on the practice vault, unlocked through the UI. */
async function renderUnlockedApp() {
  globalThis.Worker = WatchedWorker
  const db = await practiceVault()
  const rendered = await render(
    <App platform={browserPlatform()} db={db} kdf={FAST} endDocumentOnLock={false} />,
  )
  cleanup = async () => {
    await rendered.unmount()
    db.close()
    await db.delete()
  }
  await unlock()
}

const box = () => page.getByRole('searchbox', { name: 'Search clients and walkout records' })
const status = () => page.getByRole('status').filter({ hasText: /match|Preparing|Searching/ })

async function searchFor(query: string, said: RegExp | string) {
  await box().fill(query)
  await expect.element(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
  await expect.element(status(), { timeout: 20_000 }).toHaveTextContent(said)
}

async function expectAccessible() {
  const results = await axe.run(document.body, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  })
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious).toEqual([])
}

describe('search across records, in the app', () => {
  it('finds a client by a word from a walkout narrative, marked, and the query stays out of the address', async () => {
    await renderUnlockedApp()
    await searchFor('kettle', '0 clients and 1 walkout record match.')
    const found = page.getByRole('list', { name: 'Walkout records found' })
    await expect
      .element(found.getByRole('link', { name: /^Walkout of Jordan Avery, / }))
      .toBeVisible()
    const marked = found.element().querySelectorAll('mark')
    expect([...marked].map((m) => m.textContent)).toEqual(['kettle'])
    await expect.element(found.getByText('Assess safety: What happened just before:')).toBeVisible()
    // The results are announced politely, and say counts only.
    const announced = status().element()
    expect(announced.getAttribute('role')).toBe('status')
    expect(announced.textContent).not.toMatch(/kettle|Jordan/)

    // Client data never goes into the address or the title.
    expect(window.location.hash).toBe('#/search')
    expect(window.location.href).not.toContain('kettle')
    expect(document.title).not.toContain('kettle')
    await expectAccessible()

    // "avery j" finds Jordan Avery, with the words that matched marked.
    await searchFor('avery j', '1 client and 0 walkout records match.')
    const clients = page.getByRole('list', { name: 'Clients found' })
    await expect.element(clients.getByRole('link', { name: 'Jordan Avery' })).toBeVisible()
    expect(clients.getByRole('link').elements()).toHaveLength(1)
    const names = [...clients.element().querySelectorAll('a mark')].map((m) => m.textContent)
    expect(names).toEqual(['Jordan', 'Avery'])
    expect(window.location.href).not.toMatch(/avery/i)
    await expectAccessible()

    // A walkout found through its client's name: the name's matching word is marked in its title.
    await searchFor('avery kettle', '0 clients and 1 walkout record match.')
    const walkouts = page.getByRole('list', { name: 'Walkout records found' })
    const title = [...walkouts.element().querySelectorAll('a mark')].map((m) => m.textContent)
    expect(title).toEqual(['Avery'])
  })

  it('does not find words of the private reflection unless the switch includes them', async () => {
    await renderUnlockedApp()
    await searchFor('marmalade', 'No client or walkout record matches your search.')
    expect(page.getByRole('list', { name: 'Walkout records found' }).elements()).toHaveLength(0)

    const reflections = page.getByRole('switch', { name: 'Include my private reflections' })
    await expect.element(reflections).not.toBeChecked()
    await reflections.click()
    await expect
      .element(status(), { timeout: 20_000 })
      .toHaveTextContent('0 clients and 1 walkout record match.')
    const found = page.getByRole('list', { name: 'Walkout records found' })
    await expect.element(found.getByText('Found in your private reflection')).toBeVisible()
    await expect.element(found.getByText('Psychotherapy note')).toBeVisible()
    await expectAccessible()

    // Off again: what was found in the reflection goes at once, before the new answer comes;
    // then the reflection's words are not found.
    let release = () => {}
    answersHeld = new Promise((resolve) => (release = resolve))
    await reflections.click()
    await expect.element(reflections).not.toBeChecked()
    expect(found.getByText('Psychotherapy note').elements()).toHaveLength(0)
    expect(found.getByText('Found in your private reflection').elements()).toHaveLength(0)
    answersHeld = null
    release()
    await expect
      .element(status())
      .toHaveTextContent('No client or walkout record matches your search.')
  })

  it('Ctrl+K (Cmd+K) focuses the search box from anywhere; Enter goes to the first result', async () => {
    await renderUnlockedApp()
    await page.getByRole('link', { name: 'Clients', exact: true }).click()
    await expect.element(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
    await expect.element(box()).not.toHaveFocus()
    await userEvent.keyboard('{Control>}k{/Control}')
    await expect.element(box()).toHaveFocus()

    await userEvent.keyboard('brightwater')
    await expect
      .element(status(), { timeout: 20_000 })
      .toHaveTextContent('1 client and 0 walkout records match.')
    await userEvent.keyboard('{Enter}')
    await expect.element(page.getByRole('link', { name: 'Casey Brightwater' })).toHaveFocus()
    await userEvent.keyboard('{Meta>}k{/Meta}')
    await expect.element(box()).toHaveFocus()
  })

  it('finds nothing after lock: the results go, the worker ends, and the query is not kept', async () => {
    await renderUnlockedApp()
    await searchFor('kettle', '0 clients and 1 walkout record match.')
    const workers = started.map((s) => s.worker)
    expect(workers.length).toBeGreaterThanOrEqual(1)
    expect(started.every((s) => !s.terminated)).toBe(true)

    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    await expect.element(page.getByRole('heading', { name: 'Unlock Mend' })).toBeVisible()
    expect(document.body.textContent).not.toMatch(/kettle|Jordan|Avery/)
    expect(box().elements()).toHaveLength(0)
    // Every search worker of the session was terminated: its index is gone and it answers nothing.
    expect(started.filter((s) => workers.includes(s.worker)).every((s) => s.terminated)).toBe(true)
    const answers: unknown[] = []
    for (const worker of workers) {
      worker.onmessage = (event) => answers.push(event.data)
      worker.postMessage({
        type: 'search',
        seq: 1,
        query: 'kettle',
        includeReflections: true,
        limit: 5,
      })
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(answers).toEqual([])

    // Unlocked again: an empty box, and a new index that finds the record once more.
    await unlock()
    await expect.element(box()).toHaveValue('')
    await searchFor('kettle', '0 clients and 1 walkout record match.')
  })
})
