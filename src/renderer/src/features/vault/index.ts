export { VaultProvider, useVault, isLockShortcut, type LockReason } from './VaultProvider'
export { VaultSettings } from './VaultSettings'
export { IntegrityWarning } from './IntegrityWarning'
export { SampleBanner } from './SampleBanner'
