#!/usr/bin/env node
/* global window */
// Search (issue 13) alone in Chromium, for quick iteration: seeds the practice once, then builds
// the search index after unlock and types the benchmark's queries, ROUNDS times. With
// MEND_COMPARE=<dir of another build of the benchmark page> both builds are served on one origin
// (one IndexedDB) and measured in turn.
// Usage: node bench/search-browser.mjs   (builds the page first; MEND_NO_BUILD=1 skips that)
// MEND_FROM_SCRATCH=1 deletes the search snapshot before each build (the cold build); without it
// the first build writes one and the next ones start from it.
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../tests/support/chromium.mjs'
import { serveDirs } from './serve.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const roots = { new: path.resolve(here, '../out/bench') }
if (process.env.MEND_COMPARE) roots.old = path.resolve(process.env.MEND_COMPARE)
const ROUNDS = Number(process.env.MEND_BENCH_ROUNDS ?? 5)
const CLIENTS = Number(process.env.MEND_BENCH_CLIENTS ?? 2000)
const INCIDENTS = Number(process.env.MEND_BENCH_INCIDENTS ?? 20000)
const QUERIES = ['avery j', 'brightwater', 'pacing door', 'grounding', 'zzz', 'harper co']

if (!process.env.MEND_NO_BUILD)
  await build({ configFile: path.join(here, 'vite.bench.config.mts') })
const server = await serveDirs(
  Object.fromEntries(Object.entries(roots).map(([which, dir]) => [`/${which}/`, dir])),
  Number(process.env.PORT ?? 0),
)
const origin = `http://127.0.0.1:${server.address().port}`
// A profile of its own, kept (MEND_NO_SEED=1 reuses the seeded practice; use the same PORT).
const context = await chromium.launchPersistentContext(
  process.env.MEND_PROFILE_DIR ?? path.join(os.tmpdir(), 'mend-search-bench'),
  { ...chromiumLaunchOptions(), headless: true },
)
const pages = {}
for (const which of Object.keys(roots)) {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`${which} page error:`, error.message))
  page.on('console', (message) => console.log(`${which}: ${message.text()}`))
  await page.goto(`${origin}/${which}/`)
  await page.waitForSelector('body[data-ready="true"]')
  pages[which] = page
}
const call = (page, object, name, ...args) =>
  page.evaluate(([o, n, a]) => window[o][n](...a), [object, name, args])

if (!process.env.MEND_NO_SEED) {
  console.log(`seeding ${CLIENTS} clients, ${INCIDENTS} walkouts…`)
  await call(pages.new, 'mendBench', 'seedPractice', CLIENTS, INCIDENTS)
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const fmt = (xs) =>
  `${median(xs).toFixed(0)} ms (range ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`
// MEND_REPACK=1: one build from nothing derived first (the read packs sealed again, not timed).
if (process.env.MEND_REPACK)
  for (const page of Object.values(pages)) {
    await call(page, 'mendSearchBench', 'build', 'nothing')
    await call(page, 'mendSearchBench', 'close')
  }
// MEND_CORES=n: the app is told the machine has n cores (more than 2 shares a build from scratch).
// MEND_CHECK_FIRST=1: the check of the unlock runs before the build, not beside it (as in the app).
const cores = process.env.MEND_CORES ? Number(process.env.MEND_CORES) : undefined
const results = {}
for (let r = 0; r < ROUNDS; r++) {
  for (const [which, page] of Object.entries(pages)) {
    // MEND_FROM_SCRATCH=1: every build without the snapshot (the other pages ignore the flag).
    // MEND_ALTERNATE=1: from scratch and from the snapshot in turn (results kept apart).
    const scratch = process.env.MEND_ALTERNATE
      ? r % 2 === 0
      : Boolean(process.env.MEND_FROM_SCRATCH)
    const b = await call(
      page,
      'mendSearchBench',
      'build',
      scratch,
      cores,
      process.env.MEND_CHECK_FIRST ? 'before' : 'beside',
    )
    const key = process.env.MEND_ALTERNATE
      ? `${which} ${scratch ? 'from scratch' : 'from the snapshot'}`
      : which
    if (b.reused !== undefined) {
      console.log(`${which}: ${b.reused} records from the snapshot, ${b.read} read`)
      console.log(
        `${which}: ${Object.entries(b.phases)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')} ms`,
      )
      if (b.read > 0)
        console.log(
          `${which}: snapshot written in ${(await call(page, 'mendSearchBench', 'saved')).toFixed(0)} ms`,
        )
    }
    results[key] ??= { ready: [], worker: [], stall: [], keys: [], keysR: [] }
    const out = results[key]
    out.ready.push(b.readyMs)
    out.worker.push(b.workerMs)
    out.stall.push(b.longestStallMs)
    out.keys.push(...(await call(page, 'mendSearchBench', 'keystrokes', QUERIES, false)))
    out.keysR.push(...(await call(page, 'mendSearchBench', 'keystrokes', QUERIES, true)))
    await call(page, 'mendSearchBench', 'close')
    console.log(
      `${which} round ${r}: ready ${b.readyMs.toFixed(0)} ms (worker ${b.workerMs.toFixed(0)}, check ${b.checkMs?.toFixed(0)}), stall ${b.longestStallMs.toFixed(0)} ms`,
    )
  }
}
for (const [which, out] of Object.entries(results)) {
  console.log(`\n${which}:`)
  console.log(`  index ready after unlock ${fmt(out.ready)}; worker's own ${fmt(out.worker)}`)
  console.log(`  longest page stall while building ${fmt(out.stall)}`)
  console.log(
    `  keystroke round trip median ${median(out.keys).toFixed(1)} ms (slowest ${Math.max(...out.keys).toFixed(0)})`,
  )
  console.log(
    `  with reflections median ${median(out.keysR).toFixed(1)} ms (slowest ${Math.max(...out.keysR).toFixed(0)})`,
  )
}
await context.close()
server.close()
