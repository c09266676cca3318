import { describe, expect, it } from 'vitest'
import { open, recordAad, seal, type Sealed } from '../../src/renderer/src/crypto/envelope'
import { VaultError } from '../../src/renderer/src/crypto/errors'
import { parseVaultHeader } from '../../src/renderer/src/crypto/header'
import {
  DEFAULT_KDF,
  deriveKeyFromPassphrase,
  newKdfParams,
} from '../../src/renderer/src/crypto/kdf'
import { generateDataKey } from '../../src/renderer/src/crypto/keys'
import { generateRecoveryKey, parseRecoveryKey } from '../../src/renderer/src/crypto/recovery-key'
import {
  createVaultKeys,
  openWithPassphrase,
  openWithRecoveryKey,
  rewrapPassphrase,
} from '../../src/renderer/src/crypto/vault-keys'

/** The weakest parameters the vault accepts: fast enough for many tests, same code path. */
const FAST = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 }
const aad = recordAad('clients', 'c1', 1)

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(VaultError)
  expect((error as VaultError).code).toBe(code)
}

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = new Uint8Array(bytes)
  copy[index] = (copy[index] ?? 0) ^ 0x01
  return copy
}

describe('record envelope', () => {
  it('round-trips a value', async () => {
    const key = await generateDataKey()
    const sealed = await seal(key, aad, { name: 'Ada', notes: 'ünïcødé ✓' })
    expect(await open(key, aad, sealed)).toEqual({ name: 'Ada', notes: 'ünïcødé ✓' })
  })

  it('uses a fresh IV on every write', async () => {
    const key = await generateDataKey()
    const a = await seal(key, aad, 'same')
    const b = await seal(key, aad, 'same')
    expect(a.iv).not.toEqual(b.iv)
    expect(a.ct).not.toEqual(b.ct)
  })

  it('does not contain the plaintext', async () => {
    const key = await generateDataKey()
    const sealed = await seal(key, aad, 'MARKER-PLAINTEXT-123')
    expect(new TextDecoder().decode(sealed.ct)).not.toContain('MARKER')
  })

  it('refuses the wrong key', async () => {
    const sealed = await seal(await generateDataKey(), aad, 'x')
    await expectCode(open(await generateDataKey(), aad, sealed), 'record-damaged')
  })

  describe('one flipped bit anywhere is refused', () => {
    let key: CryptoKey
    let sealed: Sealed
    it.each([
      ['IV', 0],
      ['IV', 11],
      ['ciphertext', 0],
      ['ciphertext', 3],
      ['tag', -1],
      ['tag', -16],
    ] as const)('%s byte %i', async (part, index) => {
      key ??= await generateDataKey()
      sealed ??= await seal(key, aad, { text: 'abcd' })
      const tampered =
        part === 'IV'
          ? { ...sealed, iv: flip(sealed.iv, index) }
          : { ...sealed, ct: flip(sealed.ct, index < 0 ? sealed.ct.length + index : index) }
      await expectCode(open(key, aad, tampered), 'record-damaged')
      expect(await open(key, aad, sealed)).toEqual({ text: 'abcd' })
    })

    it('associated data', async () => {
      key ??= await generateDataKey()
      sealed ??= await seal(key, aad, { text: 'abcd' })
      await expectCode(open(key, flip(aad, 0), sealed), 'record-damaged')
    })
  })

  it.each([
    ['another record id', recordAad('clients', 'c2', 1)],
    ['another table', recordAad('incidents', 'c1', 1)],
    ['another schema version', recordAad('clients', 'c1', 2)],
  ])('a ciphertext copied onto %s is refused', async (_name, otherAad) => {
    const key = await generateDataKey()
    const sealed = await seal(key, aad, 'x')
    await expectCode(open(key, otherAad, sealed), 'record-damaged')
  })

  it('refuses a truncated or malformed envelope', async () => {
    const key = await generateDataKey()
    const sealed = await seal(key, aad, 'x')
    await expectCode(open(key, aad, { ...sealed, ct: sealed.ct.subarray(0, 10) }), 'record-damaged')
    await expectCode(open(key, aad, { iv: new Uint8Array(5), ct: sealed.ct }), 'record-damaged')
    await expectCode(open(key, aad, null as unknown as Sealed), 'record-damaged')
  })
})

describe('vault keys', () => {
  it('stores the KDF parameters (defaults: Argon2id, 64 MiB, t=3, p=4) and reads them back from the header', async () => {
    const vault = await createVaultKeys('correct horse battery staple', { withRecoveryKey: false })
    const header = parseVaultHeader(structuredClone(vault.header))
    expect(header?.kdf).toMatchObject(DEFAULT_KDF)
    expect(header?.kdf.salt).toHaveLength(16)
    expect(await openWithPassphrase(header!, 'correct horse battery staple')).toBeTruthy()
  })

  it('unlocks with the passphrase and the data key opens records sealed at creation', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: false, kdf: FAST })
    const sealed = await seal(vault.dataKey, aad, 'note')
    const reopened = await openWithPassphrase(vault.header, 'pass phrase one')
    expect(await open(reopened, aad, sealed)).toBe('note')
  })

  it('keeps the session key non-extractable', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: false, kdf: FAST })
    expect(vault.dataKey.extractable).toBe(false)
    await expect(crypto.subtle.exportKey('raw', vault.dataKey)).rejects.toThrow()
    const reopened = await openWithPassphrase(vault.header, 'pass phrase one')
    expect(reopened.extractable).toBe(false)
  })

  it('refuses the wrong passphrase', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: false, kdf: FAST })
    await expectCode(openWithPassphrase(vault.header, 'pass phrase two'), 'wrong-passphrase')
  })

  it('refuses KDF parameters outside safe limits before deriving anything', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: false, kdf: FAST })
    for (const kdf of [
      { ...vault.header.kdf, memoryKiB: 1024 },
      { ...vault.header.kdf, memoryKiB: 64 * 1024 * 1024 },
      { ...vault.header.kdf, iterations: 1 },
      { ...vault.header.kdf, iterations: 1e9 },
      { ...vault.header.kdf, parallelism: 0 },
    ]) {
      await expectCode(
        openWithPassphrase({ ...vault.header, kdf }, 'pass phrase one'),
        'kdf-params-unsafe',
      )
    }
  })

  it('refuses a wrapped key moved to another vault id', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: false, kdf: FAST })
    await expectCode(
      openWithPassphrase({ ...vault.header, vaultId: crypto.randomUUID() }, 'pass phrase one'),
      'wrong-passphrase',
    )
  })

  it('unlocks with the recovery key, typed loosely', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: true, kdf: FAST })
    expect(vault.recoveryKeyText).toMatch(/^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$/)
    const sealed = await seal(vault.dataKey, aad, 'note')
    const typed = ` ${vault.recoveryKeyText!.toLowerCase().replace(/-/g, ' ')} `
    const key = await openWithRecoveryKey(vault.header, typed)
    expect(await open(key, aad, sealed)).toBe('note')
  })

  it('catches a mistyped recovery key by its checksum, and refuses another vault’s key', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: true, kdf: FAST })
    const text = vault.recoveryKeyText!
    const typo = text.slice(0, 5) + (text[5] === 'A' ? 'B' : 'A') + text.slice(6)
    await expectCode(openWithRecoveryKey(vault.header, typo), 'recovery-key-malformed')
    await expectCode(openWithRecoveryKey(vault.header, text.slice(0, -5)), 'recovery-key-malformed')
    const other = await generateRecoveryKey()
    await expectCode(openWithRecoveryKey(vault.header, other.text), 'wrong-recovery-key')
  })

  it('says so when the vault has no recovery key', async () => {
    const vault = await createVaultKeys('pass phrase one', { withRecoveryKey: false, kdf: FAST })
    const other = await generateRecoveryKey()
    await expectCode(openWithRecoveryKey(vault.header, other.text), 'no-recovery-key')
  })

  it('recovery keys carry at least 128 random bits and parse back', async () => {
    const key = await generateRecoveryKey()
    expect(key.bytes.length * 8).toBeGreaterThanOrEqual(128)
    expect([...(await parseRecoveryKey(key.text))]).toEqual([...key.bytes])
  })

  it('changing the passphrase rewraps only the data key: every record stays readable', async () => {
    const vault = await createVaultKeys('old pass phrase', { withRecoveryKey: true, kdf: FAST })
    const records = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        seal(vault.dataKey, recordAad('clients', `c${i}`, 1), { i }),
      ),
    )
    const changed = await rewrapPassphrase(
      vault.header,
      { passphrase: 'old pass phrase' },
      'new pass phrase',
    )
    expect(changed.kdf.salt).not.toEqual(vault.header.kdf.salt)
    await expectCode(openWithPassphrase(changed, 'old pass phrase'), 'wrong-passphrase')
    const key = await openWithPassphrase(changed, 'new pass phrase')
    for (const [i, sealed] of records.entries())
      expect(await open(key, recordAad('clients', `c${i}`, 1), sealed)).toEqual({ i })
    // The recovery key still opens the same vault.
    expect(await openWithRecoveryKey(changed, vault.recoveryKeyText!)).toBeTruthy()
  })

  it('refuses to change the passphrase without the current one', async () => {
    const vault = await createVaultKeys('old pass phrase', { withRecoveryKey: false, kdf: FAST })
    await expectCode(
      rewrapPassphrase(vault.header, { passphrase: 'guess' }, 'new pass phrase'),
      'wrong-passphrase',
    )
  })

  it('sets a new passphrase with the recovery key (forgotten passphrase)', async () => {
    const vault = await createVaultKeys('forgotten', { withRecoveryKey: true, kdf: FAST })
    const changed = await rewrapPassphrase(
      vault.header,
      { recoveryKey: vault.recoveryKeyText! },
      'fresh pass phrase',
    )
    expect(await openWithPassphrase(changed, 'fresh pass phrase')).toBeTruthy()
  })

  it('derives different keys for different salts, same key for the same input', async () => {
    const params = newKdfParams(FAST)
    const a = await deriveKeyFromPassphrase('x', params)
    const b = await deriveKeyFromPassphrase('x', params)
    const c = await deriveKeyFromPassphrase('x', newKdfParams(FAST))
    const wrapped = await crypto.subtle.wrapKey('raw', await generateDataKey(), a, {
      name: 'AES-GCM',
      iv: new Uint8Array(12),
    })
    const unwrap = (k: CryptoKey) =>
      crypto.subtle.unwrapKey(
        'raw',
        wrapped,
        k,
        { name: 'AES-GCM', iv: new Uint8Array(12) },
        'AES-GCM',
        false,
        ['encrypt'],
      )
    await expect(unwrap(b)).resolves.toBeTruthy()
    await expect(unwrap(c)).rejects.toThrow()
  })
})

describe('vault header parsing', () => {
  it.each([
    ['nothing', null],
    ['a string', 'header'],
    ['a missing passphrase wrap', 'drop-passphrase'],
    ['a short salt', 'short-salt'],
    ['a wrong format tag', 'format'],
  ])('rejects %s', async (_name, kind) => {
    const vault = await createVaultKeys('p', { withRecoveryKey: false, kdf: FAST })
    const header = structuredClone(vault.header) as unknown as Record<string, unknown>
    let value: unknown = header
    if (kind === null || kind === 'header') value = kind
    if (kind === 'drop-passphrase') delete header['passphrase']
    if (kind === 'short-salt')
      (header['kdf'] as Record<string, unknown>)['salt'] = new Uint8Array(4)
    if (kind === 'format') header['format'] = 'other'
    expect(parseVaultHeader(value)).toBeNull()
  })
})
