export { AutomaticBackups } from './AutomaticBackups'
export { BackupSettings } from './BackupSettings'
export { BackupStatusLine, useBackupStatus, type BackupStatus } from './status'
