import { z } from 'zod'

/** What the schema-evolution check needs of a codec. */
export interface VersionedCodec {
  schemaVersion: number
  schema: z.ZodType
  migrate: (fromVersion: number, value: unknown) => unknown
}

/** The JSON Schema of a codec's content, as stored in a snapshot (stable text). */
export function schemaSnapshot(codec: Pick<VersionedCodec, 'schema'>): string {
  return `${JSON.stringify(z.toJSONSchema(codec.schema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`
}

/** Snapshots are compared as JSON, not as text: `npm run format` reflows the committed files. */
function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b))
  } catch {
    return false
  }
}

export interface Fixtures {
  /** Snapshot text per codec name and version. */
  snapshot: (name: string, version: number) => string | null
  /** A sample record of that codec at that version, or null when none is committed. */
  sample: (name: string, version: number) => unknown
}

/**
 * Everything wrong with the schema evolution of these codecs, in words: a schema changed without
 * a version bump, a version without a snapshot, an older version without a sample record, or a
 * sample that the current code cannot migrate and validate.
 */
export function schemaDrift(codecs: Record<string, VersionedCodec>, fixtures: Fixtures): string[] {
  const problems: string[] = []
  for (const [name, codec] of Object.entries(codecs)) {
    const version = codec.schemaVersion
    const stored = fixtures.snapshot(name, version)
    if (stored === null) {
      problems.push(
        `${name}: no schema snapshot for version ${version}. A new version needs its snapshot (run npm run schemas:snapshot), a migration from version ${version - 1} and a sample record of version ${version - 1}.`,
      )
    } else if (!sameJson(stored, schemaSnapshot(codec))) {
      problems.push(
        `${name}: the schema of version ${version} changed. Records already sealed as version ${version} would stop opening: raise schemaVersion, add a migration step and a sample record of the old version.`,
      )
    }
    for (let old = 1; old <= version; old++) {
      const sample = fixtures.sample(name, old)
      if (sample === null) {
        problems.push(`${name}: no sample record of version ${old}.`)
        continue
      }
      let migrated: unknown
      try {
        migrated = codec.migrate(old, sample)
      } catch {
        problems.push(`${name}: a version ${old} record cannot be migrated to version ${version}.`)
        continue
      }
      const parsed = codec.schema.safeParse(migrated)
      if (!parsed.success) {
        problems.push(
          `${name}: a version ${old} record is not valid after migration to version ${version} (${parsed.error.issues[0]?.message ?? 'invalid'}).`,
        )
      }
    }
  }
  return problems
}
