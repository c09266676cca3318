#!/usr/bin/env node
/* global window */
// `npm run bench`: builds the benchmark page (the real crypto and store modules), serves it on
// 127.0.0.1, drives it in Chromium, and writes bench/results.json and bench/results.md.
// Timings are noisy on a 2-core machine: every figure is a median of several runs, and the
// encrypted/plain comparison is measured side by side, interleaved, in one run.
import { readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../tests/support/chromium.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../out/bench')
const SIZES = (process.env.MEND_BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number)
const ROUNDS = Number(process.env.MEND_BENCH_ROUNDS ?? 5)

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
}

function serve(dir) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const file = path.resolve(
      dir,
      `.${url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname)}`,
    )
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(404).end()
      return
    }
    try {
      const body = await readFile(file)
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        // The app's own policy for scripts: self only, plus compiling its bundled WebAssembly.
        'Content-Security-Policy':
          "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
      })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

async function main() {
  console.log('building the benchmark page…')
  await build({ configFile: path.join(here, 'vite.bench.config.mts') })
  const server = await serve(root)
  const { port } = server.address()
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true })
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.waitForSelector('body[data-ready="true"]')
  const cdp = await page.context().newCDPSession(page)
  const bench = (expression, ...args) =>
    page.evaluate(([name, params]) => window.mendBench[name](...params), [expression, args])

  const rows = []
  const add = (row) => {
    rows.push(row)
    const verdict =
      row.pass === undefined ? '' : row.pass ? '  (meets target)' : '  (MISSES target)'
    console.log(
      `${row.label}: ${row.value} ${row.unit}${row.target ? ` [target ${row.target}]` : ''}${verdict}`,
    )
  }

  console.log('creating a vault at default KDF parameters…')
  await bench('setup')

  const unlocks = []
  for (let i = 0; i < ROUNDS; i++) unlocks.push(await bench('unlock'))
  const unlockMs = median(unlocks)
  add({
    id: 'unlock',
    label: 'Unlock at default KDF (Argon2id 64 MiB, t=3, p=4)',
    value: round(unlockMs),
    unit: 'ms',
    target: '≤ 1000 ms',
    pass: unlockMs <= 1000,
    samples: unlocks.map((v) => round(v)),
  })

  const writes = []
  for (let i = 0; i < 33; i++) writes.push(await bench('writeOne', i))
  const writeMs = median(writes.slice(3))
  add({
    id: 'write-one',
    label: 'Write one record (seal + put)',
    value: round(writeMs, 2),
    unit: 'ms',
    target: '≤ 20 ms',
    pass: writeMs <= 20,
    samples: writes.slice(3).map((v) => round(v, 2)),
  })

  for (const size of SIZES) {
    console.log(`filling ${size} records…`)
    await bench('fill', size)
    const encrypted = []
    const plain = []
    const plainValidated = []
    for (let i = 0; i < ROUNDS; i++) {
      plain.push(await bench('readPlain'))
      encrypted.push(await bench('readEncrypted'))
      plainValidated.push(await bench('readPlainValidated'))
    }
    const enc = median(encrypted)
    const pla = median(plain)
    const plv = median(plainValidated)
    const ratio = enc / pla
    const isTarget = size === 10000
    add({
      id: `read-${size}-encrypted`,
      label: `Read + decrypt + validate ${size.toLocaleString('en')} records`,
      value: round(enc),
      unit: 'ms',
      samples: encrypted.map((v) => round(v)),
    })
    add({
      id: `read-${size}-plain`,
      label: `Read ${size.toLocaleString('en')} records, identical table without encryption`,
      value: round(pla),
      unit: 'ms',
      samples: plain.map((v) => round(v)),
    })
    add({
      id: `read-${size}-plain-validated`,
      label: `Read + validate ${size.toLocaleString('en')} records without encryption`,
      value: round(plv),
      unit: 'ms',
      samples: plainValidated.map((v) => round(v)),
    })
    add({
      id: `read-${size}-ratio`,
      label: `Encrypted / plain read, ${size.toLocaleString('en')} records`,
      value: round(ratio, 2),
      unit: '×',
      ...(isTarget ? { target: '≤ 2×', pass: ratio <= 2 } : {}),
    })
    if (size === Math.max(...SIZES)) {
      await bench('readEncrypted')
      await cdp.send('HeapProfiler.collectGarbage')
      const heap = await cdp.send('Runtime.getHeapUsage')
      const held = await bench('heldCount')
      add({
        id: `heap-after-${size}`,
        label: `JS heap after reading ${size.toLocaleString('en')} records (${held.toLocaleString('en')} held decrypted)`,
        value: round(heap.usedSize / 2 ** 20),
        unit: 'MiB',
      })
    }
  }

  const chromiumVersion = browser.version()
  await browser.close()
  server.close()

  const results = {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      chromium: chromiumVersion,
    },
    rounds: ROUNDS,
    rows,
  }
  await writeFile(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
  const table = [
    `# Mend benchmark, ${results.date.slice(0, 10)}`,
    '',
    `${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, Chromium ${chromiumVersion}, Node ${process.version}. Medians of ${ROUNDS} runs unless noted.`,
    '',
    '| Scenario | Median | Target | Result |',
    '| --- | ---: | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.value} ${r.unit} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'meets' : 'misses'} |`,
    ),
    '',
  ].join('\n')
  await writeFile(path.join(here, 'results.md'), table)
  console.log(`\n${table}`)
  if (rows.some((r) => r.pass === false)) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
