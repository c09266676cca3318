/** Every way opening the vault or a record can fail, each with a message in plain words. */
export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'wrong-recovery-key'
  | 'recovery-key-malformed'
  | 'no-recovery-key'
  | 'header-damaged'
  | 'kdf-params-unsafe'
  | 'record-damaged'
  | 'no-vault'
  | 'vault-exists'
  | 'throttled'

const MESSAGES: Record<VaultErrorCode, string> = {
  'wrong-passphrase':
    'That passphrase did not open the vault. Check the keyboard layout and Caps Lock, then try again.',
  'wrong-recovery-key': 'That recovery key did not open the vault.',
  'recovery-key-malformed':
    'That does not look like a Mend recovery key. It has 36 letters and digits in groups of four; check for a missing or mistyped group.',
  'no-recovery-key': 'This vault was set up without a recovery key. Unlock it with the passphrase.',
  'header-damaged':
    'The vault’s key information is damaged and could not be repaired. Your records cannot be opened from this copy; restore from a backup.',
  'kdf-params-unsafe':
    'The vault’s key settings are outside safe limits, which suggests the vault was tampered with. It was not opened.',
  'record-damaged': 'This record could not be opened: it is damaged or was altered outside Mend.',
  'no-vault': 'There is no vault on this computer yet.',
  'vault-exists': 'A vault already exists on this computer.',
  throttled: 'Too many attempts. Wait a moment before trying again.',
}

export class VaultError extends Error {
  constructor(readonly code: VaultErrorCode) {
    super(MESSAGES[code])
    this.name = 'VaultError'
  }
}

export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
  return error instanceof VaultError && (code === undefined || error.code === code)
}
