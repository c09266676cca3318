#!/usr/bin/env node
/* global window */
// Unlock plus its check, this build against another, side by side in one browser (one origin, one
// IndexedDB), interleaved round by round: for changes smaller than the run-to-run noise.
// Usage: node bench/ab-unlock.mjs <dir of the other build of the benchmark page> [rounds]
//   (build the other one with: npx vite build --config bench/vite.bench.config.mts --outDir <dir>)
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../tests/support/chromium.mjs'
import { serveDirs } from './serve.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const roots = { new: path.resolve(here, '../out/bench-ab'), old: path.resolve(process.argv[2]) }
const ROUNDS = Number(process.argv[3] ?? 9)
await build({
  configFile: path.join(here, 'vite.bench.config.mts'),
  build: { outDir: roots.new, emptyOutDir: true },
  logLevel: 'error',
})
const server = await serveDirs({ '/new/': roots.new, '/old/': roots.old })
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
const context = await browser.newContext()
const pages = {}
for (const which of ['new', 'old']) {
  pages[which] = await context.newPage()
  await pages[which].goto(`http://127.0.0.1:${server.address().port}/${which}/`)
  await pages[which].waitForSelector('body[data-ready="true"]')
}
console.log('seeding 2,000 clients, 20,000 walkouts…')
await pages.new.evaluate(() => window.mendBench.seedPractice(2000, 20000))
const unlock = (which) =>
  pages[which].evaluate(async () => {
    const out = await window.mendBench.practiceUnlock('unlock')
    window.mendBench.closePractice()
    return out
  })
await unlock('new')
await unlock('old')
const times = { new: { unlock: [], both: [] }, old: { unlock: [], both: [] } }
for (let r = 0; r < ROUNDS; r++) {
  for (const which of r % 2 ? ['old', 'new'] : ['new', 'old']) {
    const { unlockMs, checkMs } = await unlock(which)
    times[which].unlock.push(unlockMs)
    times[which].both.push(unlockMs + checkMs)
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const fmt = (xs) =>
  `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`
for (const which of ['new', 'old'])
  console.log(
    `${which}: unlock ${fmt(times[which].unlock)}; unlock and check ${fmt(times[which].both)}`,
  )
await browser.close()
server.close()
