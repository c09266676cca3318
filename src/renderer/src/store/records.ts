import type { Table } from 'dexie'
import type { z } from 'zod'
import { open, recordAad, seal } from '../crypto/envelope'
import { VaultError } from '../crypto/errors'
import type { SealedRow } from './db'

/** One record read back: its value, or a clear error for that record alone. */
export type Opened<T> =
  { id: string; ok: true; value: T } | { id: string; ok: false; error: VaultError }

export interface RecordCodec<T, Row extends SealedRow> {
  /** The table name bound into each record's associated data. */
  table: string
  schemaVersion: number
  schema: z.ZodType<T>
  /** The clear, non-identifying index fields of a row. */
  index: (value: T) => Omit<Row, keyof SealedRow>
  /**
   * Clear index fields that must agree with the sealed content. They are not covered by the AEAD,
   * so after decryption they are recomputed and a row whose clear fields were changed (to move an
   * addendum under another incident, or hide a follow-up) is reported as damaged.
   */
  bound?: readonly (keyof Omit<Row, keyof SealedRow>)[]
  /**
   * Upgrades content sealed under an older schema version (after decryption) to the current one.
   * Every codec has one (see `migrations`); bumping `schemaVersion` without a step for the old
   * version makes records of that version fail to open, and the schema test says so.
   */
  migrate: (fromVersion: number, value: unknown) => unknown
}

/**
 * Builds a codec's `migrate` from its steps: `steps[n]` turns content of version n into version
 * n + 1. Content of an older version is walked up one step at a time; a missing step throws.
 */
export function migrations(
  schemaVersion: number,
  steps: Readonly<Record<number, (value: unknown) => unknown>> = {},
): (fromVersion: number, value: unknown) => unknown {
  return (fromVersion, value) => {
    let current = value
    for (let version = fromVersion; version < schemaVersion; version++) {
      const step = steps[version]
      if (!step) throw new VaultError('record-damaged')
      current = step(current)
    }
    return current
  }
}

/**
 * Seals and opens one kind of record. Encryption happens before any write transaction and
 * decryption after any read, because WebCrypto's promises end IndexedDB transactions early.
 */
export class RecordStore<T, Row extends SealedRow> {
  constructor(
    readonly table: Table<Row, string>,
    readonly codec: RecordCodec<T, Row>,
  ) {}

  /** Validates and seals a value into a row (no database access). */
  async seal(key: CryptoKey, id: string, value: T): Promise<Row> {
    const valid = this.codec.schema.parse(value)
    const enc = await seal(key, recordAad(this.codec.table, id, this.codec.schemaVersion), valid)
    return { ...this.codec.index(valid), id, sv: this.codec.schemaVersion, enc } as Row
  }

  /** Opens a row; a wrong key, tampering or an invalid shape becomes 'record-damaged' for that row. */
  async open(key: CryptoKey, row: Row): Promise<Opened<T>> {
    try {
      if (!Number.isInteger(row.sv) || row.sv < 1 || row.sv > this.codec.schemaVersion)
        throw new VaultError('record-damaged')
      let value = await open(key, recordAad(this.codec.table, row.id, row.sv), row.enc)
      if (row.sv < this.codec.schemaVersion) value = this.codec.migrate(row.sv, value)
      const parsed = this.codec.schema.safeParse(value)
      if (!parsed.success) throw new VaultError('record-damaged')
      if (this.codec.bound?.length) {
        const expected = this.codec.index(parsed.data)
        for (const field of this.codec.bound) {
          if (expected[field] !== (row as Record<string, unknown>)[field as string])
            throw new VaultError('record-damaged')
        }
      }
      return { id: row.id, ok: true, value: parsed.data }
    } catch (error) {
      return {
        id: row.id,
        ok: false,
        error: error instanceof VaultError ? error : new VaultError('record-damaged'),
      }
    }
  }

  async openAll(key: CryptoKey, rows: Row[]): Promise<Opened<T>[]> {
    return Promise.all(rows.map((row) => this.open(key, row)))
  }

  async put(key: CryptoKey, id: string, value: T): Promise<Row> {
    const row = await this.seal(key, id, value)
    await this.table.put(row)
    return row
  }

  async get(key: CryptoKey, id: string): Promise<Opened<T> | undefined> {
    const row = await this.table.get(id)
    return row ? this.open(key, row) : undefined
  }

  async list(key: CryptoKey): Promise<Opened<T>[]> {
    const rows = await this.table.toArray()
    return this.openAll(key, rows)
  }
}
