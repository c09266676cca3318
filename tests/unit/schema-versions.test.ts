import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { open, recordAad, seal } from '../../src/renderer/src/crypto/envelope'
import { CODECS } from '../../src/renderer/src/store/codecs'
import type { SealedRow } from '../../src/renderer/src/store/db'
import { RecordStore, type RecordCodec } from '../../src/renderer/src/store/records'
import { schemaDrift, schemaSnapshot, type Fixtures } from '../support/schema-drift'

/**
 * Schema evolution that cannot be forgotten: every codec's schema is snapshotted per version,
 * every older version has a sample record, and a record sealed under each older version opens
 * with today's code. `npm run schemas:snapshot` writes the snapshot of a NEW version (it never
 * rewrites an existing one).
 */
const DIR = path.resolve('tests/fixtures')
const snapshotFile = (name: string, version: number) =>
  path.join(DIR, 'schemas', `${name}.v${version}.json`)
const sampleFile = (name: string, version: number) =>
  path.join(DIR, 'records', `${name}.v${version}.json`)

const onDisk: Fixtures = {
  snapshot: (name, version) =>
    existsSync(snapshotFile(name, version))
      ? readFileSync(snapshotFile(name, version), 'utf8')
      : null,
  sample: (name, version) =>
    existsSync(sampleFile(name, version))
      ? (JSON.parse(readFileSync(sampleFile(name, version), 'utf8')) as unknown)
      : null,
}

if (process.env['MEND_WRITE_SCHEMA_SNAPSHOTS'] === '1') {
  for (const [name, codec] of Object.entries(CODECS)) {
    const file = snapshotFile(name, codec.schemaVersion)
    if (!existsSync(file)) writeFileSync(file, schemaSnapshot(codec))
  }
}

type AnyCodec = RecordCodec<unknown>
const codecs = CODECS as unknown as Record<string, AnyCodec>

describe('schema evolution', () => {
  it('every codec has a snapshot for its version, unchanged, and samples of every version', () => {
    expect(schemaDrift(codecs, onDisk)).toEqual([])
  })

  it.each(
    Object.entries(codecs).flatMap(([name, codec]) =>
      Array.from({ length: codec.schemaVersion }, (_, i) => [name, i + 1] as const),
    ),
  )('a %s record sealed as version %i opens with today’s code', async (name, version) => {
    const codec = codecs[name]!
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ])
    const sample = onDisk.sample(name, version)
    const id = 'record-1'
    const enc = await seal(key, recordAad(codec.table, id, version), sample)
    const row: SealedRow = { id, sv: version, enc }
    const opened = await new RecordStore({} as never, codec).open(key, row)
    expect(opened.ok ? 'opened' : opened.error.message).toBe('opened')
    // And the very bytes were the old version's: they do not open as the current version.
    if (version < codec.schemaVersion) {
      await expect(
        open(key, recordAad(codec.table, id, codec.schemaVersion), enc),
      ).rejects.toThrow()
    }
  })
})

describe('the schema check catches a forgotten version bump', () => {
  const base = CODECS.clients as unknown as AnyCodec
  const withNewField = {
    ...base,
    schema: (base.schema as z.ZodObject).extend({ favouriteColour: z.string() }),
  }

  it('a required field added without a version bump is refused', () => {
    const problems = schemaDrift({ clients: withNewField }, onDisk)
    expect(problems.join(' ')).toContain(
      `clients: the schema of version ${base.schemaVersion} changed`,
    )
  })

  it('a version bump without a snapshot, a migration or a sample of the old version is refused', () => {
    const next = base.schemaVersion + 1
    const bumped = { ...withNewField, schemaVersion: next, migrate: base.migrate }
    const problems = schemaDrift({ clients: bumped }, onDisk).join(' ')
    expect(problems).toContain(`no schema snapshot for version ${next}`)
    expect(problems).toContain(`no sample record of version ${next}`)
    // The old migration does not give the new field: older records would not open.
    expect(problems).toContain(
      `version ${base.schemaVersion} record is not valid after migration to version ${next}`,
    )
  })

  it('the real codecs, unchanged, pass', () => {
    expect(schemaDrift({ clients: base }, onDisk)).toEqual([])
  })
})
