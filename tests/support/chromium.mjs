import { existsSync } from 'node:fs'

/**
 * The Chromium the tests drive: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present,
 * else Playwright's own browser (undefined). Tests never download browsers.
 * @returns {string | undefined}
 */
export function chromiumExecutable() {
  const fromEnv = process.env['CHROMIUM_PATH']
  if (fromEnv) return fromEnv
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return undefined
}

/** Flags that keep Chromium quiet on a machine without internet (no background connections). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

export function chromiumLaunchOptions() {
  const executablePath = chromiumExecutable()
  return executablePath ? { executablePath, args: CHROMIUM_ARGS } : { args: CHROMIUM_ARGS }
}
