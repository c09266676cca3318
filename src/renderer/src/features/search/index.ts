export { SearchBox, SearchProvider, SEARCH_PATH } from './SearchBox'
export { SearchPage } from './SearchPage'
