#!/usr/bin/env node
/* global window */
// Profiles one benchmark-page function in Chromium (CPU profile, self time per function).
// Usage: node bench/profile.mjs <setup[:args]+setup2…> <profiled[:args]> [repeat]
// (`search.build` and the like call the search benchmark's functions.)
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../tests/support/chromium.mjs'
import { serveDirs } from './serve.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../out/bench-profile')
// The benchmark page unminified, so the profile names functions.
await build({
  configFile: path.join(here, 'vite.bench.config.mts'),
  build: { outDir: root, emptyOutDir: true, minify: false },
})
const server = await serveDirs({ '/bench/': root })
const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
const page = await browser.newPage()
await page.goto(`http://127.0.0.1:${server.address().port}/bench/`)
await page.waitForSelector('body[data-ready="true"]')
if (process.env.MEND_PROFILE_CONSOLE) page.on('console', (m) => console.log(m.text()))
const call = (spec) => {
  const [name, args = ''] = spec.split(':')
  const params = args ? args.split(',').map((a) => (/^\d+$/.test(a) ? Number(a) : a)) : []
  // search.<name>: the search benchmark's functions (window.mendSearchBench).
  return page.evaluate(
    ([n, p]) =>
      n.startsWith('search.')
        ? window.mendSearchBench[n.slice(7)](...p)
        : window.mendBench[n](...p),
    [name, params],
  )
}
const [setup, target, repeat = '1'] = process.argv.slice(2)
for (const s of setup.split('+')) if (s) await call(s)
const cdp = await page.context().newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
await cdp.send('Profiler.start')
let result
for (let i = 0; i < Number(repeat); i++) result = await call(target)
const { profile } = await cdp.send('Profiler.stop')
console.log('result:', JSON.stringify(result))
const self = new Map()
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const counts = new Map()
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1)
const dt = (profile.endTime - profile.startTime) / profile.samples.length / 1000
for (const [id, n] of counts) {
  const node = byId.get(id)
  const f = node.callFrame
  const key = `${f.functionName || '(anon)'} ${path.basename(f.url)}:${f.lineNumber}`
  self.set(key, (self.get(key) ?? 0) + n * dt)
}
const total = [...self.values()].reduce((a, b) => a + b, 0)
console.log(`total ${total.toFixed(0)} ms`)
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(v.toFixed(1).padStart(8), k)
// MEND_PROFILE_CALLERS=name,name2: who calls these (self time by caller chain, 4 frames up).
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
for (const wanted of (process.env.MEND_PROFILE_CALLERS ?? '').split(',').filter(Boolean)) {
  const chains = new Map()
  for (const [id, n] of counts) {
    if (byId.get(id).callFrame.functionName !== wanted) continue
    const chain = []
    for (let p = parent.get(id); p !== undefined && chain.length < 4; p = parent.get(p)) {
      const f = byId.get(p).callFrame
      chain.push(`${f.functionName || '(anon)'}:${f.lineNumber}`)
    }
    const key = chain.join(' < ')
    chains.set(key, (chains.get(key) ?? 0) + n * dt)
  }
  console.log(`callers of ${wanted}:`)
  for (const [k, v] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(v.toFixed(1).padStart(8), k)
}
// MEND_PROFILE_SPANS=1: the longest stretches the thread was busy without a break (what a
// longest-stall figure is made of), each with the functions that took most of it.
if (process.env.MEND_PROFILE_SPANS) {
  const spans = []
  let span = null
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    const name = byId.get(id).callFrame.functionName
    if (name === '(idle)') {
      if (span) spans.push(span)
      span = null
      return
    }
    span ??= { ms: 0, top: new Map() }
    span.ms += ms
    span.top.set(name || '(anon)', (span.top.get(name || '(anon)') ?? 0) + ms)
  })
  if (span) spans.push(span)
  console.log('longest busy stretches:')
  for (const { ms, top } of spans.sort((a, b) => b.ms - a.ms).slice(0, 8)) {
    const parts = [...top].sort((a, b) => b[1] - a[1]).slice(0, 6)
    console.log(ms.toFixed(1).padStart(8), parts.map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', '))
  }
}
await browser.close()
server.close()
