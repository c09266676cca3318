import { randomBytes } from './bytes'
import { VaultError } from './errors'
import type { VaultHeader } from './header'
import { deriveKeyFromPassphrase, kdfParamsAreSafe, newKdfParams, type KdfParams } from './kdf'
import { generateDataKey, unwrapDataKey, wrapAad, wrapDataKey } from './keys'
import { deriveKeyFromRecoveryKey, generateRecoveryKey, parseRecoveryKey } from './recovery-key'

export type KdfOverrides = Partial<Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>>

export interface CreatedVault {
  header: VaultHeader
  /** Non-extractable: usable for records, never readable as bytes. */
  dataKey: CryptoKey
  /** Shown once, then forgotten by the app. */
  recoveryKeyText?: string
}

async function nonExtractableCopy(
  header: VaultHeader,
  kek: CryptoKey,
  slot: 'passphrase' | 'recovery',
): Promise<CryptoKey> {
  const wrapped = slot === 'passphrase' ? header.passphrase : header.recovery
  if (!wrapped) throw new VaultError('no-recovery-key')
  return unwrapDataKey(wrapped, kek, wrapAad(header.vaultId, slot), false)
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
    version: 1,
    vaultId,
    createdAt: (options.now ?? new Date()).toISOString(),
    kdf,
    passphrase: await wrapDataKey(extractable, kek, wrapAad(vaultId, 'passphrase')),
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
 * optionally stronger KDF). No record is re-encrypted. `unlock` proves the right to do it: the
 * current passphrase, or the recovery key.
 */
export async function rewrapPassphrase(
  header: VaultHeader,
  unlock: { passphrase: string } | { recoveryKey: string },
  newPassphrase: string,
  kdf?: KdfOverrides,
): Promise<VaultHeader> {
  let extractable: CryptoKey
  if ('passphrase' in unlock) {
    if (!kdfParamsAreSafe(header.kdf)) throw new VaultError('kdf-params-unsafe')
    const kek = await deriveKeyFromPassphrase(unlock.passphrase, header.kdf)
    extractable = await unwrapDataKey(
      header.passphrase,
      kek,
      wrapAad(header.vaultId, 'passphrase'),
      true,
    ).catch(() => {
      throw new VaultError('wrong-passphrase')
    })
  } else {
    if (!header.recovery) throw new VaultError('no-recovery-key')
    const bytes = await parseRecoveryKey(unlock.recoveryKey)
    const kek = await deriveKeyFromRecoveryKey(bytes, header.recovery.salt)
    bytes.fill(0)
    extractable = await unwrapDataKey(
      header.recovery,
      kek,
      wrapAad(header.vaultId, 'recovery'),
      true,
    ).catch(() => {
      throw new VaultError('wrong-recovery-key')
    })
  }
  const params = newKdfParams({
    memoryKiB: kdf?.memoryKiB ?? header.kdf.memoryKiB,
    iterations: kdf?.iterations ?? header.kdf.iterations,
    parallelism: kdf?.parallelism ?? header.kdf.parallelism,
  })
  const newKek = await deriveKeyFromPassphrase(newPassphrase, params)
  return {
    ...header,
    kdf: params,
    passphrase: await wrapDataKey(extractable, newKek, wrapAad(header.vaultId, 'passphrase')),
  }
}
