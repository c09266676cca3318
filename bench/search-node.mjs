#!/usr/bin/env node
// Bundles bench/search-node.ts with rolldown and runs it in Node (see that file).
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'

const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.resolve(here, '../out/search-node.mjs')
await build({
  input: path.join(here, 'search-node.ts'),
  platform: 'node',
  output: { file: out, format: 'esm' },
  logLevel: 'warn',
})
execFileSync(process.execPath, [out], { stdio: 'inherit', env: process.env })
