import { afterEach, beforeEach } from 'vitest'
import { MendDatabase } from '../../src/renderer/src/store/db'
import type { Client } from '../../src/renderer/src/domain/client'
import { put, type VaultSession } from '../../src/renderer/src/store/session'
import { createVault } from '../../src/renderer/src/store/vault'

/**
 * The vault setup every browser test shares. Test-only KDF parameters (the lowest the vault
 * accepts) keep Argon2id to a fraction of a second per vault; real vaults use the defaults.
 */
export const FAST = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const
export const PASS = 'a long and happy passphrase'
/** The host of a test vault: the fast settings are its KDF floor, so unlocking does not raise them. */
export const TEST_HOST = { kdfFloor: FAST } as const

/** A fresh, empty database per test (deleted after it); read `.db` inside a test. */
export function testDatabase(prefix = 'mend-test'): { readonly db: MendDatabase } {
  const holder: { db: MendDatabase | null } = { db: null }
  beforeEach(async () => {
    holder.db = new MendDatabase(`${prefix}-${crypto.randomUUID()}`)
    await holder.db.open()
  })
  afterEach(async () => {
    holder.db?.close()
    await holder.db?.delete()
    holder.db = null
  })
  return {
    get db() {
      if (!holder.db) throw new Error('testDatabase().db is only available inside a test')
      return holder.db
    },
  }
}

/** A new vault in `db`, unlocked, with the test passphrase and fast KDF parameters. */
export async function freshSession(
  db: MendDatabase,
  options: { withRecoveryKey?: boolean } = {},
): Promise<VaultSession> {
  return (
    await createVault(db, PASS, { withRecoveryKey: options.withRecoveryKey ?? false, kdf: FAST })
  ).session
}

/** Writes a client the way the app does: sealed, indexed, with its audit entry. */
export async function saveClient(session: VaultSession, id: string, client: Client): Promise<void> {
  await session.commit({
    changes: [put(session.clients, id, client)],
    audit: { action: 'edit', target: 'client', targetId: id, detail: '' },
  })
}

/** Signing a record whose steps are not all complete needs a reason. */
export const SIGN_EARLY = { clinician: null, reason: 'Signed early in a test.' }
