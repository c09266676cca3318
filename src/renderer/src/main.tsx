import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { reportError } from './app/ErrorBoundary'
import './app/styles.css'
import { detectPlatform } from './platform'

const container = document.getElementById('root')
if (!container) throw new Error('Mend: #root is missing from index.html')

createRoot(container, {
  // React would otherwise log the full error, whose message may carry client data.
  onCaughtError: reportError,
  onUncaughtError: reportError,
  onRecoverableError: reportError,
}).render(<App platform={detectPlatform()} />)
