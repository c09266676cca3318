import { VaultError } from '../crypto/errors'
import { parseVaultHeader, type VaultHeader } from '../crypto/header'
import {
  createVaultKeys,
  openWithPassphrase,
  openWithRecoveryKey,
  rewrapPassphrase,
  type KdfOverrides,
} from '../crypto/vault-keys'
import {
  NO_THROTTLE,
  recordFailure,
  waitBeforeAttempt,
  type UnlockThrottle,
} from '../domain/unlock-throttle'
import type { MendDatabase } from './db'

/** The vault's database (screens open and pass it; only the store queries it). */
export { MendDatabase } from './db'
import { META } from './keys'
import { VaultSession } from './session'

export type Credentials = { passphrase: string } | { recoveryKey: string }

export interface UnlockResult {
  session: VaultSession
  /** Things the therapist should know, in words (e.g. the header was repaired). */
  notices: string[]
}

export class ThrottledError extends VaultError {
  constructor(readonly waitMs: number) {
    super('throttled')
  }
}

export const CHANGE_DID_NOT_FINISH_NOTICE =
  'Your last passphrase change did not finish, so your previous passphrase is still the one that opens Mend.'
export const CHANGE_DID_NOT_FINISH_HINT =
  'A passphrase change was interrupted before it finished: your previous passphrase is still the one to use.'

export const AUDIT_NOT_RECORDED_NOTICE =
  'This unlock could not be written to the audit trail because the trail is damaged. Open Audit trail to see where.'

export const HEADER_REPAIRED_NOTICE =
  'Part of the vault’s key information was damaged. It has been repaired from its copy; nothing was lost.'

export async function vaultExists(db: MendDatabase): Promise<boolean> {
  return (await db.meta.where('id').anyOf(META.header, META.headerCopy).count()) > 0
}

/** Writes the header and its copy in one transaction: both or neither. */
async function writeHeaders(
  db: MendDatabase,
  primary: VaultHeader,
  copy: VaultHeader,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ id: META.header, value: primary })
    await db.meta.put({ id: META.headerCopy, value: copy })
    await db.meta.delete(META.passphraseChange)
  })
}

/** Set before a passphrase change starts, cleared in the same transaction that lands it. */
async function changeWasInterrupted(db: MendDatabase): Promise<boolean> {
  return (await db.meta.get(META.passphraseChange)) !== undefined
}

export async function createVault(
  db: MendDatabase,
  passphrase: string,
  options: { withRecoveryKey: boolean; kdf?: KdfOverrides },
): Promise<{ session: VaultSession; recoveryKeyText?: string }> {
  if (await vaultExists(db)) throw new VaultError('vault-exists')
  const created = await createVaultKeys(passphrase, options)
  await db.transaction('rw', db.meta, async () => {
    if ((await db.meta.where('id').anyOf(META.header, META.headerCopy).count()) > 0)
      throw new VaultError('vault-exists')
    await db.meta.put({ id: META.header, value: created.header })
    await db.meta.put({ id: META.headerCopy, value: created.header })
    await db.meta.put({ id: META.unlockThrottle, value: NO_THROTTLE })
  })
  const session = new VaultSession(db, created.dataKey, created.header.vaultId)
  await session.record({
    action: 'create',
    target: 'vault',
    targetId: created.header.vaultId,
    detail: '',
  })
  return created.recoveryKeyText
    ? { session, recoveryKeyText: created.recoveryKeyText }
    : { session }
}

async function readThrottle(db: MendDatabase): Promise<UnlockThrottle> {
  const value = (await db.meta.get(META.unlockThrottle))?.value as
    Partial<UnlockThrottle> | undefined
  const failures = Number.isInteger(value?.failures) ? Number(value?.failures) : 0
  const notBefore = Number.isFinite(value?.notBefore) ? Number(value?.notBefore) : 0
  return { failures, notBefore }
}

/** Milliseconds until the next unlock attempt is accepted. */
export async function unlockWait(db: MendDatabase, now = Date.now()): Promise<number> {
  return waitBeforeAttempt(await readThrottle(db), now)
}

interface StoredHeaders {
  /** The parsed primary and copy (null when missing or damaged). */
  primary: VaultHeader | null
  copy: VaultHeader | null
  /** The distinct valid headers, primary first. */
  candidates: VaultHeader[]
}

async function readHeaders(db: MendDatabase): Promise<StoredHeaders> {
  const [primaryRow, copyRow] = await Promise.all([
    db.meta.get(META.header),
    db.meta.get(META.headerCopy),
  ])
  if (!primaryRow && !copyRow) throw new VaultError('no-vault')
  const primary = parseVaultHeader(primaryRow?.value)
  const copy = parseVaultHeader(copyRow?.value)
  const candidates: VaultHeader[] = []
  if (primary) candidates.push(primary)
  if (copy && !(primary && sameHeader(primary, copy))) candidates.push(copy)
  if (candidates.length === 0) throw new VaultError('header-damaged')
  return { primary, copy, candidates }
}

/** Every field of a header (or of one of its slots), bytes included, as one comparable string. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Uint8Array ? Array.from(item) : item,
  )
}

function sameHeader(a: VaultHeader, b: VaultHeader): boolean {
  return fingerprint(a) === fingerprint(b)
}

/** The part of a header that the given credentials depend on. */
function slotOf(header: VaultHeader, credentials: Credentials): string {
  return 'passphrase' in credentials
    ? fingerprint([header.vaultId, header.kdf, header.passphrase])
    : fingerprint([header.vaultId, header.recovery ?? null])
}

async function openHeader(header: VaultHeader, credentials: Credentials): Promise<CryptoKey> {
  return 'passphrase' in credentials
    ? openWithPassphrase(header, credentials.passphrase)
    : openWithRecoveryKey(header, credentials.recoveryKey)
}

async function opens(header: VaultHeader, credentials: Credentials): Promise<boolean> {
  return openHeader(header, credentials).then(
    () => true,
    () => false,
  )
}

/**
 * Whether the stored headers need repair after `working` opened with `credentials`: one of them
 * is missing or unreadable, or the other one differs in this very slot and does not open. When
 * the other one differs only in a slot these credentials cannot check, it is left alone (it may
 * be the good copy of that slot).
 */
async function needsRepair(
  stored: StoredHeaders,
  working: VaultHeader,
  credentials: Credentials,
): Promise<boolean> {
  if (!stored.primary || !stored.copy) return true
  const other = sameHeader(stored.primary, working) ? stored.copy : stored.primary
  if (sameHeader(other, working)) return false
  if (slotOf(other, credentials) === slotOf(working, credentials)) return false
  return !(await opens(other, credentials))
}

/**
 * Unlocks with the passphrase or the recovery key. Tries the header, then its copy if they
 * differ; repairs a damaged one from the one that worked. Failures grow a delay that survives
 * reloads.
 */
export async function unlockVault(
  db: MendDatabase,
  credentials: Credentials,
  now = Date.now(),
): Promise<UnlockResult> {
  const throttle = await readThrottle(db)
  const wait = waitBeforeAttempt(throttle, now)
  if (wait > 0) throw new ThrottledError(wait)

  const stored = await readHeaders(db)
  let lastError: unknown = null
  for (const header of stored.candidates) {
    let key: CryptoKey
    try {
      key = await openHeader(header, credentials)
    } catch (error) {
      lastError = error
      continue
    }
    const notices: string[] = []
    const interrupted = await changeWasInterrupted(db)
    if (await needsRepair(stored, header, credentials)) {
      await writeHeaders(db, header, header)
      notices.push(HEADER_REPAIRED_NOTICE)
    } else if (interrupted) {
      await db.meta.delete(META.passphraseChange)
    }
    if (interrupted) notices.push(CHANGE_DID_NOT_FINISH_NOTICE)
    await db.meta.put({ id: META.unlockThrottle, value: NO_THROTTLE })
    const session = new VaultSession(db, key, header.vaultId)
    try {
      const detail = 'passphrase' in credentials ? 'passphrase' : 'recovery key'
      await session.record({ action: 'unlock', target: 'vault', targetId: header.vaultId, detail })
    } catch {
      notices.push(AUDIT_NOT_RECORDED_NOTICE)
    }
    return { session, notices }
  }
  // A malformed recovery key is a typo, not a guess: it does not count against the throttle.
  if (!(lastError instanceof VaultError && lastError.code === 'recovery-key-malformed')) {
    await db.meta.put({ id: META.unlockThrottle, value: recordFailure(throttle, now) })
  }
  const error = lastError instanceof VaultError ? lastError : new VaultError('wrong-passphrase')
  if (error.code === 'wrong-passphrase' && (await changeWasInterrupted(db))) {
    error.message = `${error.message} ${CHANGE_DID_NOT_FINISH_HINT}`
  }
  throw error
}

/**
 * Sets a new passphrase, proven by the current passphrase or the recovery key. Only the data
 * key's wrapping changes; records are untouched. The new header and its copy land in one
 * transaction, so an interruption leaves the old passphrase working. When the two stored headers
 * differ in a slot the proof cannot check, each keeps its own copy of that slot.
 */
export async function changePassphrase(
  db: MendDatabase,
  proof: Credentials,
  newPassphrase: string,
  kdf?: KdfOverrides,
): Promise<void> {
  const stored = await readHeaders(db)
  const working: VaultHeader[] = []
  let lastError: unknown = null
  for (const header of stored.candidates) {
    try {
      await openHeader(header, proof)
      working.push(header)
    } catch (error) {
      lastError = error
    }
  }
  const first = working[0]
  if (!first) throw lastError instanceof VaultError ? lastError : new VaultError('wrong-passphrase')
  await db.meta.put({ id: META.passphraseChange, value: { startedAt: new Date().toISOString() } })
  const primary = await rewrapPassphrase(first, proof, newPassphrase, kdf)
  const second = working[1]
  const copy = second ? { ...second, kdf: primary.kdf, passphrase: primary.passphrase } : primary
  await writeHeaders(db, primary, copy)
}
