import type { Table } from 'dexie'
import type { z } from 'zod'
import { buf, fromSealedUtf8 } from '../crypto/bytes'
import { expand } from '../crypto/compact'
import { AadWriter, freshIv, sealInto, sealedText, type Sealed } from '../crypto/envelope'
import { VaultError } from '../crypto/errors'
import type { SealedRow } from './db'
import { compileAcceptor, type Acceptor } from './fast-accept'

/** One record read back: its value, or a clear error for that record alone. */
export type Opened<T> =
  { id: string; ok: true; value: T } | { id: string; ok: false; error: VaultError }

export interface RecordCodec<T> {
  /** The table name bound into each record's associated data. */
  table: string
  schemaVersion: number
  schema: z.ZodType<T>
  /**
   * Upgrades content sealed under an older schema version (after decryption) to the current one.
   * Every codec has one (see `migrations`); bumping `schemaVersion` without a step for the old
   * version makes records of that version fail to open, and the schema test says so.
   */
  migrate: (fromVersion: number, value: unknown) => unknown
  /**
   * Opened values are first checked by a check compiled from the schema (store/fast-accept.ts),
   * and only what it does not accept goes through the schema itself. For kinds opened by the
   * tens of thousands: the index segments at every unlock; records and audit entries in a
   * backup, a restore, the search index's build and Verify.
   */
  compiledCheck?: boolean
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

const damaged = () => new VaultError('record-damaged')

/** Compiled once per schema, shared by every store of a kind (each session makes its own). */
const acceptors = new WeakMap<z.ZodType, Acceptor | null>()
function acceptorOf(schema: z.ZodType): Acceptor | null {
  const known = acceptors.get(schema)
  if (known !== undefined) return known
  const compiled = compileAcceptor(schema)
  acceptors.set(schema, compiled)
  return compiled
}

/**
 * An opened value (decrypted and migrated, or read from a backup) checked as every store checks
 * it: the codec's compiled check, if it has one, accepts it as it is; anything else the schema
 * decides, and its output is what is kept.
 */
export function checkOpened<T>(
  codec: RecordCodec<T>,
  value: unknown,
): { success: true; data: T } | { success: false } {
  if (codec.compiledCheck && acceptorOf(codec.schema)?.(value))
    return { success: true, data: value as T }
  const parsed = codec.schema.safeParse(value)
  return parsed.success ? { success: true, data: parsed.data } : { success: false }
}

/**
 * Seals and opens one kind of record. Encryption happens before any write transaction and
 * decryption after any read, because WebCrypto's promises end IndexedDB transactions early.
 */
export class RecordStore<T, Row extends SealedRow = SealedRow> {
  private readonly aad = new AadWriter()
  constructor(
    readonly table: Table<Row, string>,
    readonly codec: RecordCodec<T>,
  ) {}

  /** Validates and seals a value into a row (no database access). */
  async seal(key: CryptoKey, id: string, value: T): Promise<Row> {
    return this.sealValid(key, id, this.check(value))
  }

  /** The value as the codec's schema returns it; throws if it is not valid. */
  check(value: T): T {
    return this.codec.schema.parse(value)
  }

  /**
   * Seals a value that `check` returned. Everything up to the encryption call happens at once,
   * in reused buffers, so that sealing thousands of rows side by side allocates little.
   */
  sealValid(key: CryptoKey, id: string, valid: T): Promise<Row> {
    const sv = this.codec.schemaVersion
    return sealInto(key, this.aad.write(this.codec.table, id, sv), freshIv(), valid).then(
      (enc) => ({ id, sv, enc }) as Row,
    )
  }

  /** Decrypted content to a valid current value: migrate if older, then validate. */
  private validate(row: SealedRow, value: unknown): T {
    const migrated = row.sv < this.codec.schemaVersion ? this.codec.migrate(row.sv, value) : value
    const checked = checkOpened(this.codec, migrated)
    if (!checked.success) throw damaged()
    return checked.data
  }

  private checkShape(row: SealedRow): Sealed {
    const enc = row?.enc
    if (
      !Number.isInteger(row?.sv) ||
      row.sv < 1 ||
      row.sv > this.codec.schemaVersion ||
      !(enc?.iv instanceof Uint8Array) ||
      !(enc.ct instanceof Uint8Array) ||
      enc.iv.length !== 12
    ) {
      throw damaged()
    }
    return enc
  }

  /**
   * A row's plaintext as sealed. Not async, and no handler of its own: one promise per record
   * in bulk reads. A wrong key, tampering or an invalid shape throws or rejects with something
   * other than a VaultError, which the callers turn into 'record-damaged'.
   */
  private decrypt(key: CryptoKey, row: Row): Promise<ArrayBuffer> {
    const enc = this.checkShape(row)
    // The AAD is copied by WebCrypto when decrypt is called: the shared buffer is safe to reuse.
    return crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: buf(enc.iv),
        additionalData: this.aad.write(this.codec.table, row.id, row.sv),
        tagLength: 128,
      },
      key,
      buf(enc.ct),
    )
  }

  /** Opens a row; a wrong key, tampering or an invalid shape becomes 'record-damaged' for that row. */
  async open(key: CryptoKey, row: Row): Promise<Opened<T>> {
    try {
      const plain = new Uint8Array(await this.decrypt(key, row))
      let value: unknown
      try {
        value = JSON.parse(sealedText(plain))
      } catch {
        throw damaged()
      } finally {
        // The decrypted bytes go back to the allocator wiped (the parsed value is what is kept).
        plain.fill(0)
      }
      return { id: row.id, ok: true, value: this.validate(row, value) }
    } catch (error) {
      return {
        id: row.id,
        ok: false,
        error: error instanceof VaultError ? error : damaged(),
      }
    }
  }

  /**
   * A row opened for copying out as it is (a backup): its JSON text (UTF-8) as sealed, when it
   * is of the codec's current schema version and passes today's checks as it stands (so the
   * text is the validated value and need not be written out again); otherwise what `open`
   * gives (migrated and validated, or damaged).
   */
  async openJson(
    key: CryptoKey,
    row: Row,
  ): Promise<{ id: string; ok: true; json: Uint8Array } | Opened<T>> {
    if (row?.sv !== this.codec.schemaVersion) return this.open(key, row)
    try {
      const plain = new Uint8Array(await this.decrypt(key, row))
      let json: Uint8Array
      let value: unknown
      try {
        json = expand(plain)
        value = JSON.parse(fromSealedUtf8(json))
      } catch {
        throw damaged()
      }
      const checked = checkOpened(this.codec, value)
      if (!checked.success) throw damaged()
      // The schema returned another value (it trimmed or filled something): that one is kept.
      if (checked.data !== value) return { id: row.id, ok: true, value: checked.data }
      return { id: row.id, ok: true, json }
    } catch (error) {
      return {
        id: row?.id,
        ok: false,
        error: error instanceof VaultError ? error : damaged(),
      }
    }
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
}
