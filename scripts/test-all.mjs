#!/usr/bin/env node
// Runs every check and suite in order, keeps going after a failure, and ends with one line:
// "N passed, N failed" summing every suite (lint, typecheck and build count as one check each).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'

const RESULTS = 'test-results'
rmSync(RESULTS, { recursive: true, force: true })
mkdirSync(RESULTS, { recursive: true })

const needsDisplay =
  !process.env.DISPLAY && process.platform === 'linux' && existsSync('/usr/bin/xvfb-run')
const totals = { passed: 0, failed: 0, skipped: 0 }
const skippedReasons = new Set()
const lines = []

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  })
  return result.status === 0
}

function check(label, command, args) {
  const ok = run(label, command, args)
  totals[ok ? 'passed' : 'failed'] += 1
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'}`)
  return ok
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

function vitestSuite(label, project) {
  const out = `${RESULTS}/${project}.json`
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ])
  const report = readJson(out)
  if (!report) {
    totals.failed += 1
    lines.push(`${label}: FAILED (no report)`)
    return
  }
  const passed = report.numPassedTests ?? 0
  const failed = (report.numFailedTests ?? 0) + (ok || report.numFailedTests ? 0 : 1)
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  totals.passed += passed
  totals.failed += failed
  totals.skipped += skipped
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`)
}

function collectPlaywright(suites, found = []) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) found.push({ title: spec.title, test: t })
    }
    collectPlaywright(suite.suites, found)
  }
  return found
}

function playwrightSuite(label, project, env = {}) {
  const out = `${RESULTS}/${project}.json`
  const prefix = project === 'electron' && needsDisplay ? ['xvfb-run', '-a'] : []
  const [command, ...args] = [
    ...prefix,
    'npx',
    'playwright',
    'test',
    '--project',
    project,
    '--reporter=list,json',
  ]
  const ok = run(label, command, args, { PLAYWRIGHT_JSON_OUTPUT_NAME: out, ...env })
  const report = readJson(out)
  if (!report) {
    totals.failed += 1
    lines.push(`${label}: FAILED (no report)`)
    return
  }
  const stats = report.stats ?? {}
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0)
  const failed = (stats.unexpected ?? 0) + (ok || stats.unexpected ? 0 : 1)
  const skipped = stats.skipped ?? 0
  for (const { test } of collectPlaywright(report.suites)) {
    for (const annotation of test.annotations ?? []) {
      if (annotation.type === 'skip' && annotation.description)
        skippedReasons.add(`${label}: ${annotation.description}`)
    }
  }
  totals.passed += passed
  totals.failed += failed
  totals.skipped += skipped
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`)
}

check('lint', 'npm', ['run', '--silent', 'lint'])
check('format', 'npm', ['run', '--silent', 'format:check'])
check('typecheck', 'npm', ['run', '--silent', 'typecheck'])
const built = check('build', 'npm', ['run', '--silent', 'build'])
vitestSuite('unit', 'unit')
vitestSuite('browser', 'browser')
if (built) {
  playwrightSuite('e2e', 'e2e')
  playwrightSuite('electron', 'electron')
} else {
  totals.failed += 2
  lines.push('e2e: FAILED (no build)', 'electron: FAILED (no build)')
}

const summary = `${totals.passed} passed, ${totals.failed} failed`
console.log('\n=== summary')
for (const line of lines) console.log(line)
if (totals.skipped) console.log(`${totals.skipped} skipped`)
for (const reason of skippedReasons) console.log(`skipped: ${reason}`)
console.log(summary)
writeFileSync(`${RESULTS}/summary.txt`, `${summary}\n`)
process.exit(totals.failed === 0 ? 0 : 1)
