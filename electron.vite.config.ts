import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { cspMetaPlugin } from './tooling/csp-meta'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload is one CommonJS script that may require only 'electron'.
      externalizeDeps: false,
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), cspMetaPlugin()],
    build: {
      outDir: 'out/renderer',
      minify: process.env['MEND_NO_MINIFY'] !== '1',
      // The passphrase-strength dictionaries are one large lazy chunk, loaded at setup only.
      chunkSizeWarningLimit: 1600,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
