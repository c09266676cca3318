import { randomBytes } from './bytes'
import { VaultError } from './errors'
import type { VaultHeader } from './header'
import {
  atLeast,
  DEFAULT_FLOOR,
  deriveKeyFromPassphrase,
  kdfParamsAreSafe,
  newKdfParams,
  type KdfFloor,
  type KdfParams,
} from './kdf'
import { generateDataKey, passphraseWrapAad, unwrapDataKey, wrapAad, wrapDataKey } from './keys'
import { deriveKeyFromRecoveryKey, generateRecoveryKey, parseRecoveryKey } from './recovery-key'

export type KdfOverrides = Partial<Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>>

export interface CreatedVault {
  header: VaultHeader
  /** Non-extractable: usable for records, never readable as bytes. */
  dataKey: CryptoKey
  /** Shown once, then forgotten by the app. */
  recoveryKeyText?: string
}

/** The associated data of a header's slot: version 2 binds the KDF settings into the passphrase slot. */
function slotAad(header: VaultHeader, slot: 'passphrase' | 'recovery'): Uint8Array<ArrayBuffer> {
  return slot === 'passphrase' && header.version === 2
    ? passphraseWrapAad(header.vaultId, header.kdf)
    : wrapAad(header.vaultId, slot)
}

async function nonExtractableCopy(
  header: VaultHeader,
  kek: CryptoKey,
  slot: 'passphrase' | 'recovery',
  extractable = false,
): Promise<CryptoKey> {
  const wrapped = slot === 'passphrase' ? header.passphrase : header.recovery
  if (!wrapped) throw new VaultError('no-recovery-key')
  return unwrapDataKey(wrapped, kek, slotAad(header, slot), extractable)
}

/** Creates the keys of a new vault: a random data key wrapped by the passphrase (and a recovery key). */
export async function createVaultKeys(
  passphrase: string,
  options: { withRecoveryKey: boolean; kdf?: KdfOverrides; now?: Date },
): Promise<CreatedVault> {
  const vaultId = crypto.randomUUID()
  const kdf = newKdfParams(options.kdf)
  const kek = await deriveKeyFromPassphrase(passphrase, kdf)
  const extractable = await generateDataKey()
  const header: VaultHeader = {
    format: 'mend-vault',
    version: 2,
    vaultId,
    createdAt: (options.now ?? new Date()).toISOString(),
    kdf,
    passphrase: await wrapDataKey(extractable, kek, passphraseWrapAad(vaultId, kdf)),
  }
  let recoveryKeyText: string | undefined
  if (options.withRecoveryKey) {
    const recovery = await generateRecoveryKey()
    const salt = randomBytes(16)
    const recoveryKek = await deriveKeyFromRecoveryKey(recovery.bytes, salt)
    header.recovery = {
      salt,
      ...(await wrapDataKey(extractable, recoveryKek, wrapAad(vaultId, 'recovery'))),
    }
    recovery.bytes.fill(0)
    recoveryKeyText = recovery.text
  }
  // The session never holds the extractable key: it re-opens its own wrapping as non-extractable.
  const dataKey = await nonExtractableCopy(header, kek, 'passphrase')
  return recoveryKeyText ? { header, dataKey, recoveryKeyText } : { header, dataKey }
}

/** Opens the data key with the passphrase, or throws 'wrong-passphrase' / 'kdf-params-unsafe'. */
export async function openWithPassphrase(
  header: VaultHeader,
  passphrase: string,
): Promise<CryptoKey> {
  if (!kdfParamsAreSafe(header.kdf)) throw new VaultError('kdf-params-unsafe')
  const kek = await deriveKeyFromPassphrase(passphrase, header.kdf)
  try {
    return await nonExtractableCopy(header, kek, 'passphrase')
  } catch {
    throw new VaultError('wrong-passphrase')
  }
}

/** Opens the data key with the recovery key (typed as shown: groups, dashes, any case). */
export async function openWithRecoveryKey(
  header: VaultHeader,
  recoveryKeyText: string,
): Promise<CryptoKey> {
  if (!header.recovery) throw new VaultError('no-recovery-key')
  const bytes = await parseRecoveryKey(recoveryKeyText)
  const kek = await deriveKeyFromRecoveryKey(bytes, header.recovery.salt)
  bytes.fill(0)
  try {
    return await nonExtractableCopy(header, kek, 'recovery')
  } catch {
    throw new VaultError('wrong-recovery-key')
  }
}

/**
 * A new header whose passphrase slot wraps the same data key under a new passphrase (fresh salt,
 * settings bound into the wrapping). No record is re-encrypted. `unlock` proves the right to do
 * it: the current passphrase, or the recovery key. The settings are never weaker than the floor
 * (the defaults) nor than what the vault had, whatever `kdf` asks.
 */
export async function rewrapPassphrase(
  header: VaultHeader,
  unlock: { passphrase: string } | { recoveryKey: string },
  newPassphrase: string,
  kdf?: KdfOverrides,
  floor: KdfFloor = DEFAULT_FLOOR,
): Promise<VaultHeader> {
  let extractable: CryptoKey
  if ('passphrase' in unlock) {
    if (!kdfParamsAreSafe(header.kdf)) throw new VaultError('kdf-params-unsafe')
    const kek = await deriveKeyFromPassphrase(unlock.passphrase, header.kdf)
    extractable = await nonExtractableCopy(header, kek, 'passphrase', true).catch(() => {
      throw new VaultError('wrong-passphrase')
    })
  } else {
    if (!header.recovery) throw new VaultError('no-recovery-key')
    const bytes = await parseRecoveryKey(unlock.recoveryKey)
    const kek = await deriveKeyFromRecoveryKey(bytes, header.recovery.salt)
    bytes.fill(0)
    extractable = await nonExtractableCopy(header, kek, 'recovery', true).catch(() => {
      throw new VaultError('wrong-recovery-key')
    })
  }
  const requested = {
    memoryKiB: kdf?.memoryKiB ?? header.kdf.memoryKiB,
    iterations: kdf?.iterations ?? header.kdf.iterations,
    parallelism: kdf?.parallelism ?? header.kdf.parallelism,
  }
  const params = newKdfParams(atLeast(requested, floor))
  const newKek = await deriveKeyFromPassphrase(newPassphrase, params)
  return {
    ...header,
    version: 2,
    kdf: params,
    passphrase: await wrapDataKey(extractable, newKek, passphraseWrapAad(header.vaultId, params)),
  }
}
