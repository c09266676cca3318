export { ShellSettings } from './ShellSettings'
export { PracticeSettingsForm } from './PracticeSettingsForm'
