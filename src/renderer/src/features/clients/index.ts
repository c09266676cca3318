export { ClientsPage } from './ClientsPage'
export { NewClientPage } from './NewClientPage'
