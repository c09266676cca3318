export { IncidentPage } from './IncidentPage'
export { WalkoutStartPage } from './WalkoutStartPage'
