import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { addClient, PASSPHRASE, setUpVault, unlock } from './vault-helpers'
import { nav } from './walkout-helpers'

/**
 * Backups through the screens of the production build (web preview: a backup is a download,
 * a restore picks a file). The Node side checks the files with the reference `age` tool and
 * makes files with it. The interrupted restore closes the page while the write is under way.
 */

let dir = ''
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-e2e-backup-'))
})
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** `age` reads passphrases from a terminal: give it one and type into it. */
function ageWithPassphrase(command: string, typed: string) {
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    input: typed,
    timeout: 120_000,
  })
  if (result.error) throw result.error
  return result
}

async function openBackups(page: Page) {
  await nav(page, 'Settings')
  await expect(page.getByRole('heading', { name: 'Backups', exact: true })).toBeVisible()
}

/** Exports through the screen with the Mend passphrase; returns the downloaded file's path. */
async function exportBackup(page: Page, file: string): Promise<string> {
  const form = page.getByRole('region', { name: 'Export an encrypted backup' })
  await form.getByLabel('Your Mend passphrase', { exact: true }).fill(PASSPHRASE)
  const download = page.waitForEvent('download', { timeout: 90_000 })
  await form.getByRole('button', { name: 'Export encrypted backup' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toMatch(/^mend-backup-\d{4}-\d{2}-\d{2}\.age$/)
  const target = path.join(dir, file)
  await saved.saveAs(target)
  await expect(form.getByText(/then read it back and checked it/)).toBeVisible({
    timeout: 90_000,
  })
  return target
}

/** Picks a backup file in the restore card and opens it with its passphrase. */
async function openForRestore(page: Page, file: string, passphrase: string) {
  const restore = page.getByRole('region', { name: 'Restore from a backup' })
  const chooser = page.waitForEvent('filechooser')
  await restore.getByRole('button', { name: 'Choose a backup file to restore…' }).click()
  await (await chooser).setFiles(file)
  await restore.getByLabel('Passphrase of this backup', { exact: true }).fill(passphrase)
  await restore.getByRole('button', { name: 'Open and check the backup' }).click()
  return restore
}

/**
 * The committed sample archive (tests/fixtures/backup/sample-v1.jsonl), optionally with `extra`
 * more clients, its counts and hash made to match: plain Node, no Mend code.
 */
async function sampleArchive(extra = 0): Promise<Buffer> {
  const text = await readFile(path.resolve('tests/fixtures/backup/sample-v1.jsonl'), 'utf8')
  type Line = Record<string, unknown> & { counts: { clients: number } }
  const lines = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Line)
  const manifest = lines[0]!
  const trailer = lines.at(-1)!
  const added = Array.from({ length: extra }, (_, i) => ({
    type: 'record',
    kind: 'clients',
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    sv: 2,
    value: {
      displayName: `Bulk Client ${i}`,
      initials: 'BC',
      pronouns: '',
      isMinor: false,
      channels: [],
      emergencyContacts: [],
      status: 'active',
      notes: 'A line of notes to give the record some weight.',
    },
  }))
  manifest.counts.clients += extra
  trailer.counts.clients += extra
  const body = [lines[0]!, ...added, ...lines.slice(1, -1)]
    .map((line) => `${JSON.stringify(line)}\n`)
    .join('')
  trailer['sha256'] = createHash('sha256').update(body).digest('hex')
  return Buffer.from(`${body}${JSON.stringify(trailer)}\n`)
}

/** A Mend archive encrypted to a passphrase by the reference tool (`age -p`); returns its path. */
async function encryptWithAge(archive: Buffer, name: string, passphrase: string): Promise<string> {
  const plain = path.join(dir, `${name}.gz`)
  const file = path.join(dir, name)
  await writeFile(plain, gzipSync(archive))
  const made = ageWithPassphrase(`age -p -o ${file} ${plain}`, `${passphrase}\n${passphrase}\n`)
  expect(made.status, made.stdout.toString()).toBe(0)
  return file
}

const clientList = (page: Page) => page.getByRole('list', { name: 'Clients' })

test.describe('backups', () => {
  test('export, wipe, restore (replace, with a safety backup first); the age tool opens the file', async ({
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(300_000)
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await addClient(page, 'Robin Backupson', 'prefers mornings')
    await addClient(page, 'Sam Restorewell')
    // Today says when there is no backup yet, and where to make one.
    await nav(page, 'Today')
    const status = page.getByRole('status').filter({ hasText: 'No backup has been made yet.' })
    await expect(status).toBeVisible()
    await expect(status.getByRole('link', { name: 'Open backup settings' })).toBeVisible()
    await openBackups(page)
    await expect(page.getByText(/Automatic backups need the desktop app/)).toBeVisible()
    await expectNoSeriousA11yViolations(page)
    const file = await exportBackup(page, 'exported.age')
    await expect(page.getByText(/: 2 clients, 0 walkout records, 0 addenda/)).toBeVisible()
    await nav(page, 'Today')
    await expect(page.getByText(/^Last checked backup: /)).toBeVisible()
    await expect(page.getByRole('link', { name: 'Open backup settings' })).toHaveCount(0)

    // The reference tool opens it with the passphrase; inside, gzip of JSON lines.
    const opened = ageWithPassphrase(
      `age -d -o ${path.join(dir, 'exported.gz')} ${file}`,
      `${PASSPHRASE}\n`,
    )
    expect(opened.status, opened.stdout.toString()).toBe(0)
    const text = gunzipSync(await readFile(path.join(dir, 'exported.gz'))).toString('utf8')
    expect(text.split('\n')[0]).toContain('"format":"mend-backup"')
    expect(text).toContain('Robin Backupson')
    // The file itself never shows a name.
    expect((await readFile(file)).includes(Buffer.from('Robin'))).toBe(false)

    // Another computer: a new profile, a new vault with a client of its own.
    const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL })
    const fresh = await other.newPage()
    await fresh.goto('/')
    await setUpVault(fresh, { recoveryKey: false })
    await addClient(fresh, 'Made Here First')
    await openBackups(fresh)
    const restore = await openForRestore(fresh, file, PASSPHRASE)
    await expect(restore.getByRole('heading', { name: /What is in exported\.age/ })).toBeVisible({
      timeout: 90_000,
    })
    await expect(restore.getByText(/from another vault/)).toBeVisible()
    await expect(
      restore.getByRole('table', { name: 'Records in the backup and on this computer' }),
    ).toContainText('clients2')
    await expectNoSeriousA11yViolations(fresh)
    await restore.getByLabel(/Replace everything here with the backup/).check()
    await expect(restore.getByText(/1 records only on this computer will be removed/)).toBeVisible()
    await restore
      .getByLabel('Your Mend passphrase (for the safety backup)', { exact: true })
      .fill(PASSPHRASE)
    const safety = fresh.waitForEvent('download', { timeout: 90_000 })
    await restore.getByRole('button', { name: 'Replace everything with this backup' }).click()
    expect((await safety).suggestedFilename()).toMatch(/^mend-backup-.*\.age$/)
    await expect(restore.getByText(/Restored: 2 records written, 1 removed/)).toBeVisible({
      timeout: 90_000,
    })
    await expect(restore.getByText(/found nothing wrong/)).toBeVisible()

    await nav(fresh, 'Clients')
    await expect(clientList(fresh).getByText('Robin Backupson')).toBeVisible()
    await expect(clientList(fresh).getByText('Sam Restorewell')).toBeVisible()
    await expect(clientList(fresh).getByText('Made Here First')).toHaveCount(0)
    await nav(fresh, 'Audit trail')
    await expect(fresh.getByText(/Replaced from backup of/)).toBeVisible()
    await expect(fresh.getByText(/Safety backup before a restore/)).toBeVisible()
    await fresh.getByRole('button', { name: 'Verify the audit trail' }).click()
    await expect(fresh.getByText(/The audit trail is intact/)).toBeVisible({ timeout: 30_000 })
    await other.close()
  })

  test('a Mend archive encrypted by the age tool (age -p) restores through the screens', async ({
    page,
  }) => {
    test.setTimeout(240_000)
    const file = await encryptWithAge(
      await sampleArchive(),
      'by-age.age',
      'made with the age tool 42',
    )
    expect((await readFile(file)).subarray(0, 40).toString()).toMatch(/-> scrypt /)

    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await openBackups(page)
    const restore = await openForRestore(page, file, 'made with the age tool 42')
    await expect(restore.getByText(/Walkouts from .* to /)).toBeVisible({ timeout: 90_000 })
    await restore.getByRole('button', { name: 'Merge this backup' }).click()
    await expect(restore.getByText(/Restored: 7 records written/)).toBeVisible({ timeout: 60_000 })
    await nav(page, 'Clients')
    await expect(clientList(page).getByText('Robin Sample')).toBeVisible()
    await expect(clientList(page).getByText('Sam Example')).toBeVisible()
  })

  test('bad files are refused in words, and nothing changes', async ({ page }) => {
    test.setTimeout(180_000)
    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await addClient(page, 'Stays Exactly')
    await openBackups(page)
    const restore = page.getByRole('region', { name: 'Restore from a backup' })
    const cases: [string, Buffer, RegExp][] = [
      ['empty.age', Buffer.alloc(0), /This file is empty \(0 bytes\)/],
      ['notes.age', Buffer.from('Dear diary\n'), /is not a Mend backup/],
    ]
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name)
      await writeFile(file, bytes)
      const chooser = page.waitForEvent('filechooser')
      await restore.getByRole('button', { name: 'Choose a backup file to restore…' }).click()
      await (await chooser).setFiles(file)
      await expect(restore.getByText(message)).toBeVisible()
    }
    // A real backup with the wrong passphrase.
    const wrong = await encryptWithAge(await sampleArchive(), 'wrong.age', 'the right one is long')
    await openForRestore(page, wrong, 'not the right one')
    await expect(restore.getByText(/That passphrase does not open this backup/)).toBeVisible({
      timeout: 30_000,
    })
    await expectNoSeriousA11yViolations(page)
    await nav(page, 'Clients')
    await expect(clientList(page).getByRole('listitem')).toHaveCount(1)
  })

  test('closing the page in the middle of a restore leaves the vault as it was', async ({
    context,
    page,
  }) => {
    test.setTimeout(300_000)
    // A large backup (20,000 more clients), so the write takes a while.
    const file = await encryptWithAge(
      await sampleArchive(20_000),
      'large.age',
      'a large backup to interrupt',
    )

    await page.goto('/')
    await setUpVault(page, { recoveryKey: false })
    await addClient(page, 'Before The Restore')
    await openBackups(page)
    const restore = await openForRestore(page, file, 'a large backup to interrupt')
    await expect(restore.getByText(/20007 added/)).toBeVisible({ timeout: 120_000 })
    await restore.getByRole('button', { name: 'Merge this backup' }).click()
    await expect(restore.getByRole('button', { name: 'Restoring…' })).toBeVisible()
    await page.close({ runBeforeUnload: false })

    const again = await context.newPage()
    await again.goto('/')
    await unlock(again)
    await expect(again.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({
      timeout: 30_000,
    })
    await nav(again, 'Clients')
    await expect(clientList(again).getByText('Before The Restore')).toBeVisible()
    await expect(clientList(again).getByRole('listitem')).toHaveCount(1)
    await nav(again, 'Audit trail')
    await expect(again.getByText(/Merged backup of/)).toHaveCount(0)
    await again.getByRole('button', { name: 'Verify the audit trail' }).click()
    await expect(again.getByText(/The audit trail is intact/)).toBeVisible({ timeout: 30_000 })
    // No integrity warning after unlocking.
    await expect(again.getByText(/was not written by Mend|is missing/)).toHaveCount(0)

    // Control: left alone, the same restore goes through whole.
    await openBackups(again)
    const second = await openForRestore(again, file, 'a large backup to interrupt')
    await expect(second.getByText(/20007 added/)).toBeVisible({ timeout: 120_000 })
    await second.getByRole('button', { name: 'Merge this backup' }).click()
    await expect(second.getByText(/Restored: 20007 records written/)).toBeVisible({
      timeout: 180_000,
    })
    await expect(second.getByText(/found nothing wrong/)).toBeVisible()
  })
})
