import { VaultError } from '../crypto/errors'
import type { Client } from '../domain/client'
import { clientCodec } from './clients'
import type { ClientRow, DraftRow, MendDatabase, SealedRow } from './db'
import { draftCodec, type Draft } from './drafts'
import { RecordStore } from './records'

/** One change in a multi-record write. */
export type Change =
  | { kind: 'put'; store: RecordStore<unknown, SealedRow>; id: string; value: unknown }
  | { kind: 'delete'; store: RecordStore<unknown, SealedRow>; id: string }

/** Helpers that keep each change typed to its store. */
export const put = <T, R extends SealedRow>(
  store: RecordStore<T, R>,
  id: string,
  value: T,
): Change => ({
  kind: 'put',
  store: store as unknown as RecordStore<unknown, SealedRow>,
  id,
  value,
})
export const remove = <T, R extends SealedRow>(store: RecordStore<T, R>, id: string): Change => ({
  kind: 'delete',
  store: store as unknown as RecordStore<unknown, SealedRow>,
  id,
})

/**
 * An unlocked vault: the database and the data key, held in memory only. `close()` drops the
 * key; anything that still holds the session can no longer read or write.
 */
export class VaultSession {
  readonly clients: RecordStore<Client, ClientRow>
  readonly drafts: RecordStore<Draft, DraftRow>
  private key: CryptoKey | null
  private readonly flushers = new Set<() => Promise<void>>()

  constructor(
    readonly db: MendDatabase,
    key: CryptoKey,
    readonly vaultId: string,
  ) {
    this.key = key
    this.clients = new RecordStore(db.clients, clientCodec)
    this.drafts = new RecordStore(db.drafts, draftCodec)
  }

  get isOpen(): boolean {
    return this.key !== null
  }

  /** The data key; throws once the session is closed. */
  get dataKey(): CryptoKey {
    if (!this.key) throw new VaultError('no-vault')
    return this.key
  }

  /** Forms register a function that saves their draft; locking runs them all first. */
  registerFlusher(flush: () => Promise<void>): () => void {
    this.flushers.add(flush)
    return () => this.flushers.delete(flush)
  }

  /** Saves every pending draft, waiting at most `timeoutMs`. */
  async flushAll(timeoutMs = 2000): Promise<void> {
    const all = Promise.allSettled([...this.flushers].map((flush) => flush()))
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))])
  }

  /**
   * Applies several changes as one: every value is validated and sealed first (a bad value
   * throws before anything is written), then all rows land in a single transaction.
   */
  async writeAll(changes: Change[]): Promise<void> {
    const key = this.dataKey
    const sealed = await Promise.all(
      changes.map(async (change) =>
        change.kind === 'put'
          ? { change, row: await change.store.seal(key, change.id, change.value) }
          : { change, row: null },
      ),
    )
    const tables = [...new Set(changes.map((change) => change.store.table))]
    await this.db.transaction('rw', tables, async () => {
      for (const { change, row } of sealed) {
        if (row) await change.store.table.put(row)
        else await change.store.table.delete(change.id)
      }
    })
  }

  close(): void {
    this.key = null
    this.flushers.clear()
  }
}
