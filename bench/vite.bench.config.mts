import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** Builds the benchmark page: the real crypto and store modules, driven from bench/run.mjs. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'page'),
  base: './',
  logLevel: 'warn',
  build: { outDir: resolve(import.meta.dirname, '../out/bench'), emptyOutDir: true, minify: true },
})
