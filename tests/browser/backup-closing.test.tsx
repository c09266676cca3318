import axe from 'axe-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { page } from 'vitest/browser'
import { AutomaticBackups } from '../../src/renderer/src/features/backup/AutomaticBackups'
import { automaticBackupInProgress } from '../../src/renderer/src/features/backup/automatic'
import { setUpWithNewKey } from '../../src/renderer/src/features/backup/operations'
import { PlatformProvider } from '../../src/renderer/src/platform/context'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { readAudit } from '../../src/renderer/src/store/integrity'
import type { VaultSession } from '../../src/renderer/src/store/session'
import { SessionProvider } from '../../src/renderer/src/store/session-context'
import { updateBackupState } from '../../src/renderer/src/store/backup'
import { createVault } from '../../src/renderer/src/store/vault'
import { closeWindow, fakePlatform, type FakePlatform } from '../fixtures/backup/fake-platform'
import { fillPractice } from '../fixtures/backup/vault'
import { FAST, PASS } from './fixtures'
import { render } from './render'

/**
 * Closing the desktop window (or quitting) with a backup due: the page asks main to wait, makes
 * the backup, says so while it works, and lets the therapist close without it. Nothing due, or
 * the vault locked: the window closes at once.
 */

const HOUR = 60 * 60 * 1000
const AUDIT = { action: 'backup', target: 'vault', targetId: '', detail: 'test' } as const
let db: MendDatabase
let session: VaultSession
let platform: FakePlatform
let unmount: () => Promise<void>

beforeAll(async () => {
  db = new MendDatabase(`mend-closing-${crypto.randomUUID()}`)
  session = (await createVault(db, PASS, { withRecoveryKey: false, kdf: FAST })).session
  await fillPractice(session, { clients: 1 })
  platform = fakePlatform()
  await platform.backupFolder.choose()
  await setUpWithNewKey(
    session,
    platform,
    'harbour lantern 41 willow',
    { schedule: 'daily', keep: 5 },
    10,
  )
  ;({ unmount } = await render(
    <PlatformProvider platform={platform}>
      <SessionProvider session={session}>
        {/* The timers never fire during the test: only closing makes a backup here. */}
        <AutomaticBackups firstAfterMs={HOUR} everyMs={HOUR} />
      </SessionProvider>
    </PlatformProvider>,
  ))
})
afterAll(async () => {
  await unmount()
  session.close()
  db.close()
  await db.delete()
})

const backups = async () => (await platform.backupFolder.list()).map((file) => file.name)
const notice = () => page.getByRole('dialog', { name: 'Making a backup before Mend closes' })

/** Backups are held before their file is saved, until the function returned is called. */
function holdCommits(): () => void {
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  const commit = platform.files.commit
  platform.files.commit = async (handle) => {
    await held
    return commit(handle)
  }
  return () => {
    release()
    platform.files.commit = commit
  }
}

describe('closing the window', () => {
  it('with a backup due: holds the window, says so, and makes the backup before it closes', async () => {
    expect(await backups()).toEqual([])
    // The file is held before it is saved, so the notice can be seen while the backup works (a
    // vault of one client is backed up faster than a matcher looks, on a fast machine).
    const release = holdCommits()
    let closing: ReturnType<typeof closeWindow>
    try {
      closing = closeWindow(platform)
      expect(closing.held).toBe(true)
      await expect.element(notice()).toBeVisible()
      await expect
        .element(page.getByRole('button', { name: 'Close without the backup' }))
        .toHaveFocus()
      const results = await axe.run(document.body, {
        runOnly: ['wcag2a', 'wcag2aa', 'best-practice'],
      })
      expect(
        results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      ).toEqual([])
    } finally {
      release()
    }
    await closing.done
    expect(await backups()).toHaveLength(1)
    expect(platform.writes.map((write) => write.state)).toEqual(['committed'])
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value.action).toBe('backup')
    expect(last.ok && last.value.detail).toMatch(/^Automatic backup/)
  }, 60_000)

  it('with none due (one was made today): closes at once, nothing written, nothing shown', async () => {
    const closing = closeWindow(platform)
    await closing.done
    expect(platform.writes).toHaveLength(1)
    await expect.element(notice()).not.toBeInTheDocument()
    expect(document.querySelector('dialog[open]')).toBeNull()
  })

  it('"Close without the backup" lets the window close while the backup is still being written', async () => {
    // Yesterday's: a backup is due again.
    await updateBackupState(
      session,
      (state) => ({
        ...state,
        lastAutomatic: new Date(Date.now() - 2 * 24 * HOUR).toISOString(),
      }),
      AUDIT,
    )
    const release = holdCommits()
    try {
      const closing = closeWindow(platform)
      await expect.element(notice()).toBeVisible()
      let closed = false
      void closing.done.then(() => (closed = true))
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(closed).toBe(false)
      await page.getByRole('button', { name: 'Close without the backup' }).click()
      await closing.done
      expect(platform.writes.at(-1)!.state).toBe('open')
    } finally {
      release()
    }
  }, 60_000)

  it('a backup folder that does not answer: it says so at once, and closes without the backup when asked', async () => {
    // The backup the last test let go of has finished.
    await expect.poll(() => automaticBackupInProgress(), { timeout: 30_000 }).toBeNull()
    await updateBackupState(session, (state) => ({ ...state, lastAutomatic: null }), AUDIT)
    const status = platform.backupFolder.status
    platform.backupFolder.status = () => new Promise(() => {})
    try {
      const closing = closeWindow(platform)
      await expect.element(notice()).toBeVisible()
      await page.getByRole('button', { name: 'Close without the backup' }).click()
      await closing.done
      // Nothing was begun: the checks never got past the folder.
      expect(platform.writes).toHaveLength(2)
    } finally {
      platform.backupFolder.status = status
    }
  }, 60_000)

  it('with the vault locked: nothing to wait for', async () => {
    session.close()
    const closing = closeWindow(platform)
    expect(closing.held).toBe(false)
    await closing.done
    expect(platform.writes).toHaveLength(2)
  })
})
