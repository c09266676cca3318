import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { PNG } from 'playwright-core/lib/utilsBundle'
import { build } from 'vite'
import type { SeedRequest } from './print-seed/seed'
import { PASSPHRASE, unlock } from './vault-helpers'

/** Where the seeding bundle is served: the app's own origin, so it shares the app's IndexedDB. */
const SEED_PATH = '/__e2e__/print-seed.js'

/** Bundles `print-seed/seed.ts` (the real store modules) into one ES module, in memory. */
export async function buildSeedBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'es2023',
      lib: {
        entry: path.resolve('tests/e2e/print-seed/seed.ts'),
        formats: ['es'],
        fileName: 'print-seed',
      },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as {
    output: { type: string; code?: string }[]
  }[]
  const chunks = outputs.flatMap((r) => r.output).filter((o) => o.type === 'chunk')
  if (chunks.length !== 1) throw new Error(`the seed bundle has ${chunks.length} chunks, not 1`)
  return chunks[0]!.code!
}

/**
 * A fresh vault filled through the app's own store operations (in the page, on its origin),
 * then unlocked through the UI. Returns the ids of what was created, by the request's keys.
 */
export async function seedVault(
  page: Page,
  code: string,
  request: Omit<SeedRequest, 'passphrase'>,
): Promise<Record<string, string>> {
  await page.route(`**${SEED_PATH}`, (route) =>
    route.fulfill({ body: code, contentType: 'text/javascript; charset=utf-8' }),
  )
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Set up Mend' })).toBeVisible()
  await page.addScriptTag({ url: SEED_PATH, type: 'module' })
  await page.waitForFunction(() => typeof window.mendSeed === 'function')
  const ids = await page.evaluate((req) => window.mendSeed!(req), {
    ...request,
    passphrase: PASSPHRASE,
  })
  await page.reload()
  await unlock(page)
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible({
    timeout: 20_000,
  })
  return ids
}

export interface PdfText {
  pages: number
  pageSize: string
  /** The text of every page, whitespace collapsed. */
  text: string
  /** Each page's text, whitespace collapsed. */
  perPage: string[]
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Renders the current page to PDF in print media and reads it back with poppler. */
export async function pdfOf(page: Page, format: 'A4' | 'Letter'): Promise<PdfText> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mend-print-'))
  try {
    const file = path.join(dir, 'document.pdf')
    await writeFile(file, await page.pdf({ format, preferCSSPageSize: true }))
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN)
    const pageSize = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? ''
    const read = (args: string[]) =>
      execFileSync('pdftotext', ['-layout', ...args, file, '-'], { encoding: 'utf8' })
    const perPage = Array.from({ length: pages }, (_, i) =>
      collapse(read(['-f', String(i + 1), '-l', String(i + 1)])),
    )
    return { pages, pageSize, text: collapse(read([])), perPage }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Waits until the prep sheet has measured and fitted itself. */
export async function sheetFitted(page: Page): Promise<void> {
  await expect(page.locator('.prep-sheet')).toHaveAttribute('data-fitted', 'true')
}

/**
 * Compares a screenshot with a reference PNG kept in the repository (tests/fixtures/print/…),
 * the way toHaveScreenshot does: a pixel differs when a channel moves by more than `threshold`
 * (0 to 255, room for anti-aliasing), and at most `maxDiffPixelRatio` of the pixels may differ.
 * Playwright's own matcher only writes under tests/e2e/*-snapshots/ unless the shared config is
 * changed, hence this. A missing reference is written (and the test fails once, like
 * Playwright); `--update-snapshots` rewrites a differing one.
 */
export async function expectToMatchReference(
  actual: Buffer,
  referencePath: string,
  options: { maxDiffPixelRatio: number; threshold?: number },
): Promise<void> {
  const info = test.info()
  const update = info.config.updateSnapshots
  const file = path.resolve(referencePath)
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, actual)
    if (update !== 'all' && update !== 'changed')
      throw new Error(`${referencePath} did not exist: written now. Check it, then run again.`)
    return
  }
  const a = PNG.sync.read(actual)
  const b = PNG.sync.read(await readFile(file))
  const threshold = options.threshold ?? 40
  let different = -1
  if (a.width === b.width && a.height === b.height) {
    different = 0
    const diff = new PNG({ width: a.width, height: a.height })
    for (let i = 0; i < a.data.length; i += 4) {
      const moved = [0, 1, 2, 3].some((c) => Math.abs(a.data[i + c]! - b.data[i + c]!) > threshold)
      if (moved) different++
      diff.data[i] = moved ? 255 : b.data[i]! * 0.3
      diff.data[i + 1] = moved ? 0 : b.data[i + 1]! * 0.3
      diff.data[i + 2] = moved ? 0 : b.data[i + 2]! * 0.3
      diff.data[i + 3] = 255
    }
    if (different / (a.width * a.height) <= options.maxDiffPixelRatio) return
    await writeFile(info.outputPath('reference-diff.png'), PNG.sync.write(diff))
  }
  await writeFile(info.outputPath('reference-actual.png'), actual)
  if (update === 'all' || update === 'changed') {
    await writeFile(file, actual)
    return
  }
  throw new Error(
    different < 0
      ? `${referencePath}: the image is ${a.width}×${a.height}, the reference ${b.width}×${b.height}.`
      : `${referencePath}: ${different} pixels differ (${((100 * different) / (a.width * a.height)).toFixed(2)}%, at most ${100 * options.maxDiffPixelRatio}% allowed). See reference-actual.png and reference-diff.png in the test's output.`,
  )
}
