import type { KdfOverrides } from '../crypto/vault-keys'
import { RuleError } from '../domain/incident'
import { SAMPLE_VAULT } from '../domain/sample'
import { DATABASE_NAME, MendDatabase } from './db'
import { META } from './keys'
import { seedSample } from './sample'
import type { VaultSession } from './session'
import { createVault, unlockVault, vaultExists, type VaultHost } from './vault'

/**
 * The sample vault ("Try Mend with sample data"): invented clients and walkouts in a database of
 * its own, never the real vault's. It is sealed like any vault, so every screen runs exactly the
 * code of a real one, with a passphrase that is written here and never asked for: it protects
 * nothing, and needs not, because nothing in it is real. It has no unlock delay or audit-head
 * copy outside its database (a host's gate and mirror belong to the real vault), no recovery key,
 * and no backups (see `refuseInSample`).
 */
export const SAMPLE_DATABASE_NAME = 'mend-sample'
export const SAMPLE_PASSPHRASE = 'mend sample vault: invented clients only'

const sampleDatabases = new WeakSet<MendDatabase>()

/** The sample vault's database (`name` only for tests; never the real vault's name). */
export function sampleDatabase(name: string = SAMPLE_DATABASE_NAME): MendDatabase {
  if (name === DATABASE_NAME)
    throw new Error('The sample vault never uses the real vault’s database.')
  const db = new MendDatabase(name)
  sampleDatabases.add(db)
  // Removed from another window: close for good. Reopening would create it again, empty.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true })
  })
  return db
}

/** Whether this session is the sample vault's. */
export function isSampleVault(session: Pick<VaultSession, 'db'>): boolean {
  return sampleDatabases.has(session.db) || session.db.name === SAMPLE_DATABASE_NAME
}

export const SAMPLE_NOT_BACKED_UP =
  'The sample vault holds only invented records: it is never backed up, and no backup is restored into it.'

/**
 * Backups never touch the sample: a sample backup restored into the real vault would mix the two,
 * and a real backup restored into the sample would put real records under a published passphrase.
 */
export function refuseInSample(session: Pick<VaultSession, 'db'>): void {
  if (isSampleVault(session)) throw new RuleError(SAMPLE_NOT_BACKED_UP)
}

/**
 * Opens the sample vault, making it first if it is not there (or was left half-made): a dozen
 * invented clients and twenty walkouts, dated from `today`. Returns its unlocked session.
 */
export async function openSampleVault(
  db: MendDatabase,
  options: { kdf?: KdfOverrides; today?: Date } = {},
): Promise<VaultSession> {
  if (!sampleDatabases.has(db)) throw new Error('Open the sample vault in its own database.')
  // Its own database keeps its unlock delay; nothing is written outside it.
  const host: VaultHost = options.kdf ? { kdfFloor: options.kdf } : {}
  if ((await vaultExists(db)) && (await db.meta.get(META.sampleReady))) {
    try {
      return (await unlockVault(db, { passphrase: SAMPLE_PASSPHRASE }, host)).session
    } catch {
      // Made by another version, or damaged: it is invented, so it is made again.
    }
  }
  await db.delete({ disableAutoOpen: false })
  const { session } = await createVault(db, SAMPLE_PASSPHRASE, {
    withRecoveryKey: false,
    kdf: options.kdf,
    ...host,
  })
  try {
    await seedSample(session, {
      ...SAMPLE_VAULT,
      showcase: true,
      today: options.today ?? new Date(),
    })
    await db.meta.put({ id: META.sampleReady, value: true })
  } catch (error) {
    session.close()
    throw error
  }
  return session
}

/** Removes the sample vault: its database is deleted, and with it everything in it. */
export async function removeSampleVault(db: MendDatabase): Promise<void> {
  if (!sampleDatabases.has(db)) throw new Error('Only the sample vault is removed this way.')
  await db.delete({ disableAutoOpen: true })
}
