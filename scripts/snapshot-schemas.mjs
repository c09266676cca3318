#!/usr/bin/env node
// Writes the JSON Schema snapshot of every codec version that has none yet
// (tests/fixtures/schemas/<codec>.v<N>.json). Existing snapshots are never rewritten: a changed
// schema needs a new version, and the schema test says so.
import { spawnSync } from 'node:child_process'

const result = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'unit', 'tests/unit/schema-versions.test.ts'],
  {
    stdio: 'inherit',
    env: { ...process.env, MEND_WRITE_SCHEMA_SNAPSHOTS: '1' },
    shell: process.platform === 'win32',
  },
)
process.exit(result.status ?? 1)
