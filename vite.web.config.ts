import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { cspMetaPlugin } from './tooling/csp-meta'

/**
 * The renderer alone, in a plain browser, for development. NOT FOR REAL CLIENT DATA: a browser
 * profile is not the sealed desktop app (extensions, sync, other sites' devtools).
 */
export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  plugins: [react(), cspMetaPlugin()],
  server: { host: '127.0.0.1', port: 5174, strictPort: true },
  preview: { host: '127.0.0.1', port: 5175, strictPort: true },
  build: { outDir: resolve(__dirname, 'out/web'), emptyOutDir: true },
})
