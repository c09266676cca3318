import { BackupSettings } from '../features/backup'
import {
  OutreachTemplatesForm,
  PracticeProfileForm,
  PracticeSettingsForm,
  PrintingSettingsForm,
  ShellSettings,
  ThemeSettings,
} from '../features/settings'
import { VaultSettings } from '../features/vault'

export function SettingsPage() {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <VaultSettings />
      <ThemeSettings />
      <PracticeProfileForm />
      <PracticeSettingsForm />
      <PrintingSettingsForm />
      <OutreachTemplatesForm />
      <ShellSettings />
      {/* Backups (issue #11): automatic backups, export, restore, restore drill. */}
      <BackupSettings />
    </section>
  )
}
