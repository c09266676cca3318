import { isOwnUrl, parseUrl } from './urls'

/** Schemes Chromium handles inside the renderer that never reach the network. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:'])

/**
 * Decides every request the app's session makes: anything that is not the app's own scheme
 * (or the dev server in development, or an in-memory data:/blob: URL) is cancelled.
 */
export function shouldCancelRequest(rawUrl: string, devServerUrl?: string): boolean {
  if (isOwnUrl(rawUrl, devServerUrl)) return false
  const url = parseUrl(rawUrl)
  if (url && LOCAL_SCHEMES.has(url.protocol)) return false
  if (url && devServerUrl && url.protocol === 'devtools:') return false
  return true
}

export interface WebRequestLike {
  onBeforeRequest(
    listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
  ): void
}

/** Installs the request filter on a session's webRequest. `onBlocked` never receives the URL. */
export function installRequestFilter(
  webRequest: WebRequestLike,
  devServerUrl: string | undefined,
  onBlocked: (scheme: string) => void = () => {},
): void {
  webRequest.onBeforeRequest((details, callback) => {
    const cancel = shouldCancelRequest(details.url, devServerUrl)
    if (cancel) onBlocked(parseUrl(details.url)?.protocol ?? 'unparseable')
    callback({ cancel })
  })
}
