import { VaultError } from '../crypto/errors'
import { parseVaultHeader, type VaultHeader } from '../crypto/header'
import { belowFloor, DEFAULT_FLOOR, type KdfFloor } from '../crypto/kdf'
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
import { INDEXED_TABLES } from './codecs'
import type { MendDatabase } from './db'
import { regroupIndex, repairIndex } from './index-build'
import { listRowVersionsAhead } from './integrity'
import { startSearchAhead } from './search'
import { META } from './keys'
import {
  CURRENT_LAYOUT,
  dropResavedLegacySettings,
  LAYOUT_UPGRADED_NOTICE,
  layoutOf,
  upgradeLayout,
} from './layout'
import { NO_MIRROR, VaultSession, withRetry, type HeadMirror } from './session'

/** The vault's database (screens open and pass it; only the store queries it). */
export { MendDatabase } from './db'
export type { HeadMirror } from './session'

export type Credentials = { passphrase: string } | { recoveryKey: string }

export interface UnlockResult {
  session: VaultSession
  /** Things the therapist should know, in words (e.g. the header was repaired). */
  notices: string[]
}

/**
 * Where failed unlock attempts are counted. In the desktop app the main process keeps the count
 * (outside the profile the renderer can write); in the web preview and tests it is a row of the
 * database (`databaseGate`).
 */
export interface UnlockGate {
  /** Milliseconds before an attempt is accepted (0: go ahead). */
  check(now: number): Promise<number>
  failed(now: number): Promise<void>
  /** Resets the count; returns how many attempts failed since the last success. */
  succeeded(): Promise<number>
}

/** What the host provides to a vault: the gate, the copy of the audit head, the KDF floor. */
export interface VaultHost {
  gate?: UnlockGate
  mirror?: HeadMirror
  /** The weakest KDF settings accepted when (re-)wrapping; the defaults unless a test lowers it. */
  kdfFloor?: KdfOverrides
}

function floorOf(host: VaultHost): KdfFloor {
  return { ...DEFAULT_FLOOR, ...host.kdfFloor }
}

/** The unlock delay kept in the database (web preview, tests). */
export function databaseGate(db: MendDatabase): UnlockGate {
  return {
    check: async (now) => waitBeforeAttempt(await readThrottle(db), now),
    failed: async (now) => {
      await db.meta.put({
        id: META.unlockThrottle,
        value: recordFailure(await readThrottle(db), now),
      })
    },
    succeeded: async () => {
      const { failures } = await readThrottle(db)
      await db.meta.put({ id: META.unlockThrottle, value: NO_THROTTLE })
      return failures
    },
  }
}

export const INDEX_REPAIRED_NOTICE =
  'Part of the encrypted list index was damaged or missing. It has been rebuilt from your records; nothing was lost.'

export const INDEX_UPDATED_NOTICE =
  'Mend has brought its encrypted list index up to date from your records, so that Patterns can count rupture types, times into the session and how walkouts ended. Nothing was lost.'

/**
 * After the key is known: brings an older vault to the current layout, opens the sealed index
 * (rebuilding from the records whatever of it is damaged, missing or outdated, and saying so), and keeps
 * it current while other windows write.
 */
export async function openVaultData(session: VaultSession): Promise<string[]> {
  const notices: string[] = []
  if ((await layoutOf(session.db)) < CURRENT_LAYOUT) {
    const kept = await withRetry(() => upgradeLayout(session))
    notices.push(LAYOUT_UPGRADED_NOTICE, ...kept)
  } else await dropResavedLegacySettings(session.db).catch(() => {})
  const { damaged, outdated, outdatedRecords, older } = await session.index.load(session.dataKey)
  // The index covers every record unless a segment is damaged, outdated or missing (counts
  // differ); the check after unlock compares it with every row in any case.
  const counts = await Promise.all(
    INDEXED_TABLES.map(
      async (table) => (await session.db.table(table).count()) === session.index.size(table),
    ),
  )
  if (damaged.length > 0 || outdated.length > 0 || counts.includes(false)) {
    const repaired = await withRetry(() => repairIndex(session, [...damaged, ...outdated]))
    // The records of outdated segments are rebuilt too: only more than those is a repair.
    if (damaged.length > 0 || repaired.added > outdatedRecords) notices.push(INDEX_REPAIRED_NOTICE)
    if (outdated.length > 0) notices.push(INDEX_UPDATED_NOTICE)
  }
  // Segments sealed by an older version are sealed again, in full segments (no notice: nothing
  // the therapist sees changes). Another window writing meanwhile: the next unlock does it.
  if (older.length > 0 || outdated.length > 0) await regroupIndex(session)
  session.onClose(session.index.watch(session.dataKey))
  return notices
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
  options: { withRecoveryKey: boolean; kdf?: KdfOverrides } & VaultHost,
): Promise<{ session: VaultSession; recoveryKeyText?: string }> {
  if (await vaultExists(db)) throw new VaultError('vault-exists')
  const created = await createVaultKeys(passphrase, {
    withRecoveryKey: options.withRecoveryKey,
    kdf: options.kdf,
  })
  await db.transaction('rw', db.meta, async () => {
    if ((await db.meta.where('id').anyOf(META.header, META.headerCopy).count()) > 0)
      throw new VaultError('vault-exists')
    await db.meta.put({ id: META.header, value: created.header })
    await db.meta.put({ id: META.headerCopy, value: created.header })
    await db.meta.put({ id: META.unlockThrottle, value: NO_THROTTLE })
    await db.meta.put({ id: META.layout, value: CURRENT_LAYOUT })
  })
  const session = new VaultSession(
    db,
    created.dataKey,
    created.header.vaultId,
    options.mirror ?? NO_MIRROR,
  )
  await session.record({
    action: 'create',
    target: 'vault',
    targetId: created.header.vaultId,
    detail: '',
  })
  await openVaultData(session)
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
export async function unlockWait(
  db: MendDatabase,
  host: VaultHost = {},
  now = Date.now(),
): Promise<number> {
  return (host.gate ?? databaseGate(db)).check(now)
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
export const KDF_RAISED_NOTICE =
  'Mend has strengthened the protection of your passphrase (its key-derivation settings were below today’s standard). Nothing else changed.'

/**
 * Unlocks with the passphrase or the recovery key. Tries the header, then its copy if they
 * differ; repairs a damaged one from the one that worked. Failures grow a delay kept by the
 * gate. A vault whose KDF settings are below the floor, or whose header does not yet bind them,
 * is re-wrapped with the passphrase just typed. The session returned has its index open.
 */
export async function unlockVault(
  db: MendDatabase,
  credentials: Credentials,
  host: VaultHost = {},
  now = Date.now(),
): Promise<UnlockResult> {
  const gate = host.gate ?? databaseGate(db)
  const wait = await gate.check(now)
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
    // The check after unlock needs every row's IV: listed (in a worker) while the index opens.
    // Not while Argon2id runs: on two cores the listing slowed it by a quarter (measured in the
    // app, 2,000 clients and 20,000 walkouts), and a wrong passphrase lists nothing.
    listRowVersionsAhead(db)
    const notices: string[] = []
    const interrupted = await changeWasInterrupted(db)
    const floor = floorOf(host)
    if ('passphrase' in credentials && (header.version < 2 || belowFloor(header.kdf, floor))) {
      // Raise (or bind) the settings now, while the passphrase is at hand.
      const raised = await rewrapPassphrase(
        header,
        credentials,
        credentials.passphrase,
        undefined,
        floor,
      )
      await writeHeaders(db, raised, raised)
      if (belowFloor(header.kdf, floor)) notices.push(KDF_RAISED_NOTICE)
    } else if (await needsRepair(stored, header, credentials)) {
      await writeHeaders(db, header, header)
      notices.push(HEADER_REPAIRED_NOTICE)
    } else if (interrupted) {
      await db.meta.delete(META.passphraseChange)
    }
    if (interrupted) notices.push(CHANGE_DID_NOT_FINISH_NOTICE)
    const failedBefore = await gate.succeeded()
    const session = new VaultSession(db, key, header.vaultId, host.mirror ?? NO_MIRROR)
    // The search's worker loads while the sealed index is opened (see `startSearchAhead`).
    startSearchAhead(session)
    try {
      notices.push(...(await openVaultData(session)))
    } catch (error) {
      session.close()
      throw error
    }
    try {
      if (failedBefore > 0) {
        await session.record({
          action: 'unlock-failed',
          target: 'vault',
          targetId: header.vaultId,
          detail: `${failedBefore} failed ${failedBefore === 1 ? 'attempt' : 'attempts'} since the last unlock`,
        })
      }
      const detail = 'passphrase' in credentials ? 'passphrase' : 'recovery key'
      await session.record({ action: 'unlock', target: 'vault', targetId: header.vaultId, detail })
    } catch {
      notices.push(AUDIT_NOT_RECORDED_NOTICE)
    }
    return { session, notices }
  }
  // A malformed recovery key is a typo, not a guess: it does not count against the throttle.
  if (!(lastError instanceof VaultError && lastError.code === 'recovery-key-malformed')) {
    await gate.failed(now)
  }
  const error = lastError instanceof VaultError ? lastError : new VaultError('wrong-passphrase')
  if (error.code === 'wrong-passphrase' && (await changeWasInterrupted(db))) {
    error.message = `${error.message} ${CHANGE_DID_NOT_FINISH_HINT}`
  }
  throw error
}

/**
 * Checks a recovery key without opening the vault (the first step of a reset: the key alone, in a
 * form of its own, so no browser takes it for a username). Failures count like any unlock.
 */
export async function verifyRecoveryKey(
  db: MendDatabase,
  recoveryKey: string,
  host: VaultHost = {},
  now = Date.now(),
): Promise<void> {
  const gate = host.gate ?? databaseGate(db)
  const wait = await gate.check(now)
  if (wait > 0) throw new ThrottledError(wait)
  const stored = await readHeaders(db)
  let lastError: unknown = null
  for (const header of stored.candidates) {
    try {
      await openWithRecoveryKey(header, recoveryKey)
      return
    } catch (error) {
      lastError = error
    }
  }
  if (!(lastError instanceof VaultError && lastError.code === 'recovery-key-malformed'))
    await gate.failed(now)
  throw lastError instanceof VaultError ? lastError : new VaultError('wrong-recovery-key')
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
  host: VaultHost = {},
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
  const primary = await rewrapPassphrase(first, proof, newPassphrase, kdf, floorOf(host))
  const second = working[1]
  const copy = second
    ? { ...second, version: primary.version, kdf: primary.kdf, passphrase: primary.passphrase }
    : primary
  await writeHeaders(db, primary, copy)
}
