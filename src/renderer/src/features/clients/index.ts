export { ClientsPage } from './ClientsPage'
export { NewClientPage } from './NewClientPage'
export { EditClientPage } from './EditClientPage'
export { ClientPage } from './ClientPage'
