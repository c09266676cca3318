export { ShellSettings } from './ShellSettings'
