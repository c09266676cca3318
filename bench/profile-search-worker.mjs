/* global window */
// Profiles the search worker during one index build (CDP; the worker is reached through
// non-flat target sessions, which Playwright's CDPSession can drive). Self time per function.
// Needs the practice seeded by bench/search-browser.mjs (same profile directory, port 4762) and
// an unminified build of the benchmark page:
//   npx vite build --config bench/vite.bench.config.mts --minify false --outDir /tmp/bench-page
//   node bench/profile-search-worker.mjs /tmp/bench-page
// MEND_FROM_SCRATCH=1 profiles a build without the snapshot (every record read).
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright'
import { chromiumLaunchOptions } from '../tests/support/chromium.mjs'
import { serveDirs } from './serve.mjs'
const root = process.argv[2]
// A fixed port: the persistent profile's IndexedDB belongs to this origin.
const server = await serveDirs({ '/new/': root }, 4762)
const context = await chromium.launchPersistentContext(
  path.join(os.tmpdir(), 'mend-search-bench'),
  { ...chromiumLaunchOptions(), headless: true },
)
const page = await context.newPage()
await page.goto('http://127.0.0.1:4762/new/')
await page.waitForSelector('body[data-ready="true"]')
const cdp = await context.newCDPSession(page)
let id = 1000
const waiting = new Map()
let workerSession = null
const send = (method, params = {}) =>
  new Promise((resolve) => {
    const mid = id++
    waiting.set(mid, resolve)
    cdp.send('Target.sendMessageToTarget', {
      sessionId: workerSession,
      message: JSON.stringify({ id: mid, method, params }),
    })
  })
cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
  const m = JSON.parse(message)
  if (m.id && waiting.has(m.id)) {
    waiting.get(m.id)(m.result)
    waiting.delete(m.id)
  }
})
const attached = new Promise((resolve) =>
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    // The unlock starts other workers too (Argon2id, the IV listing): only the search's.
    if (targetInfo.type !== 'worker' || !targetInfo.url.includes('search.worker')) {
      cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: id++, method: 'Runtime.runIfWaitingForDebugger' }),
        })
        .catch(() => {})
      return
    }
    workerSession = sessionId
    await send('Profiler.enable')
    await send('Profiler.setSamplingInterval', { interval: 500 })
    await send('Profiler.start')
    await send('Runtime.runIfWaitingForDebugger')
    resolve()
  }),
)
await cdp.send('Target.setAutoAttach', {
  autoAttach: true,
  waitForDebuggerOnStart: true,
  flatten: false,
})
const build = page.evaluate(
  (fromScratch) => window.mendSearchBench.build(fromScratch),
  Boolean(process.env.MEND_FROM_SCRATCH),
)
await attached
const result = await build
const { profile } = await send('Profiler.stop')
console.log('build', JSON.stringify(result))
if (process.env.MEND_PROFILE_OUT) {
  const { writeFileSync } = await import('node:fs')
  writeFileSync(process.env.MEND_PROFILE_OUT, JSON.stringify(profile))
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const counts = new Map()
for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1)
const dt = (profile.endTime - profile.startTime) / profile.samples.length / 1000
const self = new Map()
for (const [nid, n] of counts) {
  const f = byId.get(nid).callFrame
  const k = `${f.functionName || '(anon)'} ${path.basename(f.url)}:${f.lineNumber}`
  self.set(k, (self.get(k) ?? 0) + n * dt)
}
const total = [...self.values()].reduce((a, b) => a + b, 0)
console.log(
  `total ${total.toFixed(0)} ms over ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`,
)
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(v.toFixed(0).padStart(7), k)
await context.close()
server.close()
