import { isOwnUrl } from './urls'

/**
 * The app grants no permission at all. Camera, microphone, notifications, geolocation, clipboard
 * reading and writing, media, MIDI, HID, serial, USB, fullscreen requests from content, ... are
 * all denied. Copying goes through the main process (src/main/clipboard.ts), which clears the
 * clipboard again afterwards; the page itself never writes to it.
 */
const GRANTED = new Set<string>()

export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  devServerUrl?: string,
): boolean {
  return GRANTED.has(permission) && isOwnUrl(requestingUrl, devServerUrl)
}

export interface SessionPermissionsLike {
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: unknown,
          permission: string,
          callback: (granted: boolean) => void,
          details: { requestingUrl?: string },
        ) => void)
      | null,
  ): void
  setPermissionCheckHandler(
    handler:
      | ((
          webContents: unknown,
          permission: string,
          requestingOrigin: string,
          details: { requestingUrl?: string },
        ) => boolean)
      | null,
  ): void
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void
  setDisplayMediaRequestHandler(
    handler:
      ((request: unknown, callback: (streams: Record<string, never>) => void) => void) | null,
  ): void
}

export function installPermissionPolicy(
  session: SessionPermissionsLike,
  devServerUrl?: string,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, devServerUrl))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, devServerUrl),
  )
  session.setDevicePermissionHandler(() => false)
  // Screen capture by the page: refuse by answering with no streams.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}))
}
