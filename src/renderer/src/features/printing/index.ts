import './print.css'

export { ChartCopyPage } from './ChartCopyScreen'
export { LetterPage, LettersPage } from './LetterScreens'
export { ClientPrepSheetPage, IncidentPrepSheetPage } from './PrepSheetScreens'
export { isPrintShortcut } from './print-shortcut'
