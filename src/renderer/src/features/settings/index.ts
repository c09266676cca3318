export { ShellSettings } from './ShellSettings'
export { PracticeSettingsForm } from './PracticeSettingsForm'
export { PracticeProfileForm } from './PracticeProfileForm'
export { PrintingSettingsForm } from './PrintingSettingsForm'
