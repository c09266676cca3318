import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** Builds the benchmark page: the real crypto and store modules, driven from bench/run.mjs. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'page'),
  // Served under /bench/ beside the real app, so both share one origin (and one IndexedDB).
  base: './',
  logLevel: 'warn',
  build: { outDir: resolve(import.meta.dirname, '../out/bench'), emptyOutDir: true, minify: true },
})
