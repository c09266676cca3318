/**
 * Screen-capture protection (`BrowserWindow.setContentProtection`) works on Windows and macOS.
 * On Linux Electron has no effect, so the app says it is unsupported there rather than pretend.
 */
export function contentProtectionSupported(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin'
}

export interface ProtectableWindow {
  setContentProtection(enabled: boolean): void
}

/** Applies the setting where supported; returns the effective state. Default is on. */
export function applyContentProtection(
  window: ProtectableWindow,
  enabled: boolean,
  platform: NodeJS.Platform,
): boolean {
  if (!contentProtectionSupported(platform)) return false
  window.setContentProtection(enabled)
  return enabled
}
