import axe from 'axe-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { page } from 'vitest/browser'
import { MemoryRouter } from 'react-router'
import { encryptAgeBytes, identityFileText, newAgeKeyPair } from '../../src/renderer/src/crypto/age'
import { BackupSettings, BackupStatusLine } from '../../src/renderer/src/features/backup'
import { PlatformProvider } from '../../src/renderer/src/platform/context'
import { readBackupState } from '../../src/renderer/src/store/backup'
import { MendDatabase } from '../../src/renderer/src/store/db'
import { emptyClient } from '../../src/renderer/src/domain/client'
import {
  checkIntegrity,
  readAudit,
  type IntegrityFinding,
} from '../../src/renderer/src/store/integrity'
import { IntegrityWarnings } from '../../src/renderer/src/store/integrity-warnings'
import { createClient } from '../../src/renderer/src/store/operations'
import { SessionProvider } from '../../src/renderer/src/store/session-context'
import type { VaultSession } from '../../src/renderer/src/store/session'
import { updateBackupState } from '../../src/renderer/src/store/backup'
import { createVault } from '../../src/renderer/src/store/vault'
import { fakePlatform, type FakePlatform } from '../fixtures/backup/fake-platform'
import { fillPractice } from '../fixtures/backup/vault'
import { FAST, PASS } from './fixtures'
import { render } from './render'

/**
 * Settings → Backups as the therapist uses it on the desktop (a platform with a backup folder,
 * held in memory): set up, back up now, drill, restore, export. Every control is found by its
 * label, and axe finds nothing serious at each step. scrypt runs at age's default work here, as
 * in the app: a few seconds per passphrase.
 */
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let db: MendDatabase
let session: VaultSession
let platform: FakePlatform
let unmount: () => Promise<void>
/** What screens raised as the warning at the top (the vault's provider shows and records it). */
const warned: IntegrityFinding[][] = []

// The module's own functions, watched: one test makes the check after a restore fail.
vi.mock('../../src/renderer/src/store/integrity', { spy: true })

beforeAll(async () => {
  db = new MendDatabase(`mend-backup-ui-${crypto.randomUUID()}`)
  session = (await createVault(db, PASS, { withRecoveryKey: false, kdf: FAST })).session
  await fillPractice(session, { clients: 2 })
  platform = fakePlatform()
  ;({ unmount } = await render(
    <PlatformProvider platform={platform}>
      <SessionProvider session={session}>
        <IntegrityWarnings.Provider value={async (findings) => void warned.push(findings)}>
          <MemoryRouter>
            <main>
              <BackupSettings />
            </main>
          </MemoryRouter>
        </IntegrityWarnings.Provider>
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

async function expectAccessible() {
  const results = await axe.run(document.body, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
  })
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious).toEqual([])
}

describe('Settings → Backups on the desktop', () => {
  it('choose a folder, set up with a different backup passphrase, back up now', async () => {
    await expect.element(page.getByRole('heading', { name: 'Automatic backups' })).toBeVisible()
    await expectAccessible()
    await page.getByRole('button', { name: 'Choose a folder for backups…' }).click()
    await expect.element(page.getByText('~/Backups/Mend')).toBeVisible()
    await page.getByRole('radio', { name: /A different backup passphrase/ }).click()
    await page.getByLabelText('Backup passphrase', { exact: true }).fill('short')
    await page.getByRole('button', { name: 'Turn on automatic backups' }).click()
    await expect.element(page.getByText(/Use at least 12 characters/)).toBeVisible()
    await page.getByLabelText('Backup passphrase', { exact: true }).fill('copper lantern meadow 71')
    await page
      .getByLabelText('Type the backup passphrase again', { exact: true })
      .fill('copper lantern meadow 71')
    await page.getByLabelText('Backups to keep').fill('5')
    await expectAccessible()
    await page.getByRole('button', { name: 'Turn on automatic backups' }).click()
    await expect
      .element(page.getByText(/Automatic backups are on/), { timeout: 60_000 })
      .toBeVisible()
    expect(platform.disk.folder!.has('backup-key.age')).toBe(true)
    await expect.element(page.getByText('No backup has been made yet.')).toBeVisible()

    await page.getByRole('button', { name: 'Back up now' }).click()
    await expect
      .element(page.getByText(/Backed up and checked: 2 clients/), { timeout: 30_000 })
      .toBeVisible()
    await expect.element(page.getByText(/Last checked backup:/)).toBeVisible()
    expect((await platform.backupFolder.list()).length).toBe(1)
    // The only backup of this vault: none of its own is older than the 5 it keeps, none pruned.
    expect(platform.prunes).toEqual([])
    await expect.element(page.getByLabelText('Backups to keep')).toHaveValue(5)
    await expectAccessible()
  }, 120_000)

  it('a restore drill on the newest backup passes and is recorded', async () => {
    await page.getByRole('button', { name: 'Run a restore drill on the newest backup' }).click()
    await expect
      .element(page.getByText(/^Passed: backup of .* opened and checked/), { timeout: 30_000 })
      .toBeVisible()
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value.action).toBe('restore-drill')
    expect((await readBackupState(session)).lastDrill).toMatchObject({ passed: true })
  })

  it('the drive unplugged: a drill and a restore say the folder cannot be reached, not that it is empty', async () => {
    const entries = (await readAudit(session)).length
    platform.unplugged = true
    try {
      await page.getByRole('button', { name: 'Run a restore drill on the newest backup' }).click()
      const drill = page.getByRole('region', { name: 'Restore drill' })
      await expect
        .element(drill.getByText(/The backup folder could not be reached/), { timeout: 30_000 })
        .toBeVisible()
      await expect
        .element(drill.getByText(/no backup in the backup folder/))
        .not.toBeInTheDocument()
      await page.getByRole('button', { name: 'Use the newest backup in the backup folder' }).click()
      const restore = page.getByRole('region', { name: 'Restore from a backup' })
      await expect
        .element(restore.getByText(/The backup folder could not be reached/), { timeout: 30_000 })
        .toBeVisible()
    } finally {
      platform.unplugged = false
    }
    // The drill could not run: nothing to record as a failed drill.
    expect((await readAudit(session)).length).toBe(entries)
    expect((await readBackupState(session)).lastDrill).toMatchObject({ passed: true })
  })

  it('a drill on a chosen file that does not open is recorded as a failed drill', async () => {
    const [newest] = await platform.backupFolder.list()
    const damaged = await platform.backupFolder.read(newest!.name)
    damaged[damaged.length - 20]! ^= 0x01
    platform.nextOpen = { name: 'mend-backup-2026-11-27.age', data: damaged }
    const entries = (await readAudit(session)).length
    await page.getByRole('button', { name: 'Run a drill on a backup file…' }).click()
    await page.getByRole('button', { name: 'Choose a backup file to check…' }).click()
    await expect
      .element(page.getByText(/damaged|altered/i).first(), { timeout: 30_000 })
      .toBeVisible()
    await expect.poll(async () => (await readAudit(session)).length).toBe(entries + 1)
    const last = (await readAudit(session)).at(-1)!.opened
    expect(last.ok && last.value.action).toBe('restore-drill')
    expect((await readBackupState(session)).lastDrill).toMatchObject({ passed: false })
  })

  it('restore: the newest backup opens with this vault’s key; the preview, then a merge', async () => {
    await page.getByRole('button', { name: 'Use the newest backup in the backup folder' }).click()
    await expect
      .element(page.getByRole('heading', { name: /What is in mend-backup-/ }), { timeout: 30_000 })
      .toBeVisible()
    await expect
      .element(page.getByRole('table', { name: 'Records in the backup and on this computer' }))
      .toBeVisible()
    await expect.element(page.getByText(/from this vault/)).toBeVisible()
    await expect.element(page.getByText(/Audit trail: \d+ entries, intact\./)).toBeVisible()
    await expectAccessible()
    await page.getByRole('radio', { name: /Replace everything here/ }).click()
    await expect
      .element(
        page.getByText(/A safety backup of everything here is made first, in the backup folder/),
      )
      .toBeVisible()
    await page.getByRole('radio', { name: /Merge with what is here/ }).click()
    await expect.element(page.getByText(/0 added, 0 updated from the backup/)).toBeVisible()
    await page.getByRole('button', { name: 'Merge this backup' }).click()
    await expect
      .element(page.getByText(/Restored: 0 records written/), { timeout: 30_000 })
      .toBeVisible()
    await expect.element(page.getByText(/found nothing wrong/)).toBeVisible()
    // The preview and its button are gone: the focus is on what was done, not lost.
    expect(document.activeElement?.textContent).toMatch(/^Restored: 0 records written/)
  })

  it('restore cancelled: the focus goes back to the card, not to the page', async () => {
    await page.getByRole('button', { name: 'Use the newest backup in the backup folder' }).click()
    await expect
      .element(page.getByRole('heading', { name: /What is in mend-backup-/ }), { timeout: 30_000 })
      .toBeVisible()
    await page.getByRole('button', { name: 'Cancel', exact: true }).click()
    await expect.element(page.getByRole('heading', { name: 'Restore from a backup' })).toHaveFocus()
  })

  it('export: the Mend passphrase is checked, then the backup is saved and checked', async () => {
    const form = page.getByRole('region', { name: 'Export an encrypted backup' })
    await form.getByLabelText('Your Mend passphrase', { exact: true }).fill('not the passphrase')
    await form.getByRole('button', { name: 'Export encrypted backup' }).click()
    await expect
      .element(form.getByText(/That is not your Mend passphrase/), { timeout: 30_000 })
      .toBeVisible()
    expect(platform.disk.saved.size).toBe(0)
    await form.getByLabelText('Your Mend passphrase', { exact: true }).fill(PASS)
    await form.getByRole('button', { name: 'Export encrypted backup' }).click()
    await expect
      .element(form.getByText(/^Saved mend-backup-\d{4}-\d{2}-\d{2}\.age, then read it back/), {
        timeout: 60_000,
      })
      .toBeVisible()
    expect(platform.disk.saved.size).toBe(1)
    // The passphrase field is cleared afterwards.
    await expect
      .element(form.getByLabelText('Your Mend passphrase', { exact: true }))
      .toHaveValue('')
  }, 120_000)

  async function mergeNewest() {
    await page.getByRole('button', { name: 'Use the newest backup in the backup folder' }).click()
    await expect
      .element(page.getByRole('heading', { name: /What is in mend-backup-/ }), { timeout: 30_000 })
      .toBeVisible()
    await page.getByRole('button', { name: 'Merge this backup' }).click()
    await expect
      .element(page.getByText(/Restored: 0 records written/), { timeout: 30_000 })
      .toBeVisible()
  }

  it('restore: what the check afterwards finds is raised as the warning at the top', async () => {
    // A client added after the backup, whose row then goes missing outside Mend: the backup
    // does not hold it, so the merge leaves it missing, and the check afterwards finds it.
    const id = await createClient(session, { ...emptyClient(), displayName: 'Added since' })
    await db.clients.delete(id)
    warned.length = 0
    await mergeNewest()
    await expect
      .element(page.getByText(/The integrity check afterwards found a problem: see the warning/))
      .toBeVisible()
    expect(warned).toHaveLength(1)
    expect(warned[0]!.map((finding) => [finding.kind, finding.id])).toEqual([['missing', id]])
  }, 120_000)

  it('replace: a safety backup is made in the folder first, named, and kept out of the rotation', async () => {
    await page.getByRole('button', { name: 'Use the newest backup in the backup folder' }).click()
    await expect
      .element(page.getByRole('heading', { name: /What is in mend-backup-/ }), { timeout: 30_000 })
      .toBeVisible()
    await page.getByRole('radio', { name: /Replace everything here/ }).click()
    const before = new Set(platform.disk.folder!.keys())
    await page.getByRole('button', { name: 'Replace everything with this backup' }).click()
    const restore = page.getByRole('region', { name: 'Restore from a backup' })
    await expect
      .element(restore.getByText(/Restored: \d+ records written/), { timeout: 30_000 })
      .toBeVisible()
    const made = [...platform.disk.folder!.keys()].filter((name) => !before.has(name))
    expect(made).toHaveLength(1)
    await expect
      .element(
        restore.getByText(
          new RegExp(`in the safety backup ${made[0]!.replace(/\./g, '\\.')}, which Mend keeps`),
        ),
      )
      .toBeVisible()
    // Not one of the backups kept to the last N: never removed by the rotation.
    expect((await readBackupState(session)).written).not.toContain(made[0])
  }, 120_000)

  it('writing the key file again with another passphrase, the drive unplugged: said, not swallowed', async () => {
    await page.getByRole('button', { name: 'Write the backup key file again…' }).click()
    const form = page.getByRole('group', { name: 'Backup passphrase' })
    await form.getByRole('radio', { name: /A different backup passphrase/ }).click()
    await page.getByLabelText('Backup passphrase', { exact: true }).fill('copper lantern meadow 72')
    await page
      .getByLabelText('Type the backup passphrase again', { exact: true })
      .fill('copper lantern meadow 72')
    platform.unplugged = true
    try {
      await page.getByRole('button', { name: 'Write the key file' }).click()
      await expect
        .element(page.getByText(/key file could not be written to the backup folder/), {
          timeout: 60_000,
        })
        .toBeVisible()
    } finally {
      platform.unplugged = false
    }
    await page.getByRole('button', { name: 'Cancel' }).click()
  }, 120_000)

  it('a backup exported by hand, chosen to restore: the focus goes on to its passphrase', async () => {
    const [[name, data]] = [...platform.disk.saved] as [[string, Uint8Array]]
    platform.nextOpen = { name, data }
    await page.getByRole('button', { name: 'Choose a backup file to restore…' }).click()
    await expect
      .element(page.getByLabelText('Passphrase of this backup', { exact: true }))
      .toHaveFocus()
    await page.getByRole('button', { name: 'Choose another backup' }).click()
  })

  it('restore: a check afterwards that cannot run says so, and the restore still reads as done', async () => {
    warned.length = 0
    vi.mocked(checkIntegrity).mockRejectedValueOnce(new Error('the check could not read'))
    await mergeNewest()
    await expect
      .element(
        page.getByText(
          /The integrity check afterwards could not run; it runs again the next time you unlock/,
        ),
      )
      .toBeVisible()
    const restore = page.getByRole('region', { name: 'Restore from a backup' })
    await expect.element(restore.getByText(/Restored: 0 records written/)).toBeVisible()
    await expect.element(restore.getByText(/Nothing was changed/)).not.toBeInTheDocument()
    expect(warned).toEqual([])
  }, 120_000)
})

describe('a key file that is not this vault’s', () => {
  it('is named, backups stop, and the folder’s key can be taken over with its passphrase', async () => {
    const other = await newAgeKeyPair()
    platform.disk.folder!.set(
      'backup-key.age',
      await encryptAgeBytes(new TextEncoder().encode(identityFileText(other, 'now')), {
        kind: 'passphrase',
        passphrase: 'the other folder passphrase',
        logN: 10,
      }),
    )
    await page.getByRole('button', { name: 'Choose another folder…' }).click()
    await expect.element(page.getByText(/is not the one Mend made for this vault/)).toBeVisible()
    await expectAccessible()
    await page
      .getByLabelText('Backup passphrase of this folder', { exact: true })
      .fill('the other folder passphrase')
    await page.getByRole('button', { name: 'Use this folder’s backup key' }).click()
    await expect
      .element(page.getByText('New backups use this folder’s backup key.'), { timeout: 30_000 })
      .toBeVisible()
    await expect
      .element(page.getByText(/is not the one Mend made for this vault/))
      .not.toBeInTheDocument()
  })
})

describe('the backup status line for Today', () => {
  it('asks for attention when the last attempt failed, with a way to the settings', async () => {
    await updateBackupState(
      session,
      (state) => ({
        ...state,
        lastAttempt: {
          at: new Date().toISOString(),
          ok: false,
          problem: 'the backup folder could not be reached',
        },
      }),
      {
        action: 'backup',
        target: 'vault',
        targetId: session.vaultId,
        detail: 'Automatic backup failed: test',
      },
    )
    const line = await render(
      <PlatformProvider platform={platform}>
        <SessionProvider session={session}>
          <MemoryRouter>
            <div data-testid="today">
              <BackupStatusLine />
            </div>
          </MemoryRouter>
        </SessionProvider>
      </PlatformProvider>,
    )
    const today = page.getByTestId('today')
    await expect
      .element(
        today.getByText(/The last automatic backup failed: the backup folder could not be reached/),
      )
      .toBeVisible()
    await expect.element(today.getByRole('link', { name: 'Open backup settings' })).toBeVisible()
    await line.unmount()
  })
})
