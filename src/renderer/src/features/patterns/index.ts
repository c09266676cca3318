export { PatternsPage } from './PatternsPage'
