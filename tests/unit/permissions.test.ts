import { describe, expect, it, vi } from 'vitest'
import {
  installPermissionPolicy,
  isPermissionGranted,
  type SessionPermissionsLike,
} from '../../src/main/security/permissions'

const DENIED = [
  'media',
  'camera',
  'microphone',
  'notifications',
  'geolocation',
  'clipboard-read',
  'display-capture',
  'fullscreen',
  'midi',
  'midiSysex',
  'hid',
  'serial',
  'usb',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'idle-detection',
  'window-management',
  'storage-access',
  'top-level-storage-access',
  'speaker-selection',
  'fileSystem',
  'unknown',
]

describe('isPermissionGranted', () => {
  it.each([
    'app://mend/index.html',
    'https://example.org/',
    'app://mend.evil/',
    'file:///x',
    undefined,
  ])(
    'refuses clipboard writes from %s: copying goes through the main process, which clears it',
    (origin) => {
      expect(isPermissionGranted('clipboard-sanitized-write', origin)).toBe(false)
    },
  )
  it.each(DENIED)('denies %s, even to the app itself', (permission) => {
    expect(isPermissionGranted(permission, 'app://mend/index.html')).toBe(false)
  })
})

describe('installPermissionPolicy', () => {
  function install() {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const fake: SessionPermissionsLike = {
      setPermissionRequestHandler: (h) => void (handlers.request = h as never),
      setPermissionCheckHandler: (h) => void (handlers.check = h as never),
      setDevicePermissionHandler: (h) => void (handlers.device = h as never),
      setDisplayMediaRequestHandler: (h) => void (handlers.display = h as never),
    }
    installPermissionPolicy(fake)
    return handlers as Record<string, (...args: unknown[]) => unknown>
  }

  it('answers requests: camera and clipboard writes refused, even for the app', () => {
    const h = install()
    const cb = vi.fn()
    h.request?.(null, 'media', cb, { requestingUrl: 'app://mend/' })
    expect(cb).toHaveBeenLastCalledWith(false)
    h.request?.(null, 'clipboard-sanitized-write', cb, { requestingUrl: 'app://mend/' })
    expect(cb).toHaveBeenLastCalledWith(false)
  })

  it('answers checks by origin when the URL is missing: nothing is granted', () => {
    const h = install()
    expect(h.check?.(null, 'clipboard-sanitized-write', 'app://mend', {})).toBe(false)
    expect(h.check?.(null, 'notifications', 'app://mend', {})).toBe(false)
    expect(h.check?.(null, 'clipboard-sanitized-write', 'https://evil.org', {})).toBe(false)
  })

  it('refuses every device and every screen-capture request', () => {
    const h = install()
    expect(h.device?.({ deviceType: 'usb' })).toBe(false)
    const cb = vi.fn()
    h.display?.({}, cb)
    expect(cb).toHaveBeenCalledWith({})
  })
})
