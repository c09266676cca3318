#!/usr/bin/env node
/* global window, document, requestAnimationFrame */
// Unlock to Today drawn in the real app, this build against another, interleaved round by round
// side by side. Each build is served on its own port (its own origin, so its own IndexedDB,
// seeded by its own benchmark page): builds whose vault formats differ compare fairly.
// Usage: node bench/ab-app.mjs <other checkout's out/ dir (renderer/ and bench/)> [rounds]
//   (in the other checkout: npx electron-vite build, then
//    npx vite build --config bench/vite.bench.config.mts --outDir <its out>/bench)
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../tests/support/chromium.mjs'
import { serveDirs } from './serve.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const outs = { new: path.resolve(here, '../out'), old: path.resolve(process.argv[2]) }
const ROUNDS = Number(process.argv[3] ?? 7)
spawnSync('npx', ['electron-vite', 'build'], { stdio: 'ignore', cwd: path.resolve(here, '..') })
await build({
  configFile: path.join(here, 'vite.bench.config.mts'),
  build: { outDir: path.join(outs.new, 'bench'), emptyOutDir: true },
  logLevel: 'error',
})
const serve = (out) =>
  serveDirs({ '/bench/': path.join(out, 'bench'), '/': path.join(out, 'renderer') })
// A browser each: pages of one browser may share a renderer process (and its main thread), and
// what one build does after an unlock would then be timed as the other's.
const browsers = []
const apps = {}
const servers = []
for (const which of ['new', 'old']) {
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
  browsers.push(browser)
  const ctx = await browser.newContext()
  const server = await serve(outs[which])
  servers.push(server)
  const base = `http://127.0.0.1:${server.address().port}`
  const bench = await ctx.newPage()
  await bench.goto(`${base}/bench/`)
  await bench.waitForSelector('body[data-ready="true"]')
  console.log(`seeding ${which}: 2,000 clients, 20,000 walkouts…`)
  await bench.evaluate(() => window.mendBench.seedPractice(2000, 20000))
  await bench.close()
  apps[which] = await ctx.newPage()
  await apps[which].goto(`${base}/`)
}
const unlockToToday = async (app) => {
  await app.getByLabel('Passphrase', { exact: true }).fill('benchmark passphrase with enough words')
  const ms = await app.evaluate(
    () =>
      new Promise((resolve) => {
        performance.clearMarks()
        const start = performance.now()
        document.querySelector('form button[type="submit"]').click()
        const marks = () =>
          performance
            .getEntriesByType('mark')
            .map((m) => `${m.name}=${Math.round(m.startTime - start)}`)
            .join(' ')
        const tick = () =>
          document.getElementById('home-title')
            ? requestAnimationFrame(() => resolve([performance.now() - start, marks()]))
            : requestAnimationFrame(tick)
        tick()
      }),
  )
  if (process.env.MEND_AB_MARKS) console.log(ms[1])
  await app.keyboard.press('Control+Shift+L')
  await app.getByRole('heading', { name: 'Unlock Mend' }).waitFor({ timeout: 60_000 })
  return ms[0]
}
// One unlock each first (the first after seeding may do one-time work).
for (const which of ['new', 'old']) await unlockToToday(apps[which])
const times = { new: [], old: [] }
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? ['old', 'new'] : ['new', 'old']
  for (const which of order) times[which].push(await unlockToToday(apps[which]))
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1]
for (const which of ['new', 'old'])
  console.log(
    `${which}: unlock to Today median ${median(times[which]).toFixed(0)} ms (${times[which].map((t) => t.toFixed(0)).join(', ')})`,
  )
for (const browser of browsers) await browser.close()
for (const server of servers) server.close()
