import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { page } from 'vitest/browser'
import { MemoryRouter } from 'react-router'
import { HomePage, TODAY_FIRST } from '../../src/renderer/src/features/dashboard/HomePage'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { seedSample } from '../../src/renderer/src/store/sample'
import { SessionProvider } from '../../src/renderer/src/store/session-context'
import type { VaultSession } from '../../src/renderer/src/store/session'
import { createVault } from '../../src/renderer/src/store/vault'
import { FAST, PASS } from './fixtures'
import { render } from './render'

/**
 * Today in a large practice: each group starts with its most urgent items and says how many
 * more there are, so a practice with thousands of open records still draws Today at once.
 */
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let db: MendDatabase
let session: VaultSession
let unmount: () => Promise<void>

beforeAll(async () => {
  db = new MendDatabase(`mend-today-${crypto.randomUUID()}`)
  session = (await createVault(db, PASS, { withRecoveryKey: false, kdf: FAST })).session
  await seedSample(session, { clients: 30, incidents: 300, seed: 5, today: new Date() })
  ;({ unmount } = await render(
    <SessionProvider session={session}>
      <MemoryRouter>
        <main>
          <HomePage />
        </main>
      </MemoryRouter>
    </SessionProvider>,
  ))
})
afterAll(async () => {
  await unmount()
  session.close()
  db.close()
  await db.delete()
})

const groups = () => [...document.querySelectorAll<HTMLElement>('section.today__group')]
const items = (group: HTMLElement) => group.querySelectorAll(':scope > ul > li').length

describe('Today in a large practice', () => {
  it('a group with more items than fit shows the first ones and a way to the rest', async () => {
    await expect.element(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible()
    await expect.poll(() => groups().length).toBeGreaterThan(0)
    const long = groups().find((group) => group.querySelector('button'))
    expect(long, 'the sample has a group longer than the first page').toBeDefined()
    expect(items(long!)).toBe(TODAY_FIRST)
    const button = long!.querySelector('button')!
    const [, more, hidden] = /^Show (\d+) more \((\d+) not shown\)$/.exec(button.textContent!)!
    const total = TODAY_FIRST + Number(hidden)
    button.click()
    await expect.poll(() => items(long!)).toBe(TODAY_FIRST + Number(more))
    expect(items(long!)).toBeLessThanOrEqual(total)
  })

  it('a short group shows every item and no button', () => {
    const short = groups().filter((group) => !group.querySelector('button'))
    for (const group of short) expect(items(group)).toBeLessThanOrEqual(TODAY_FIRST)
  })
})
