import { isOwnUrl, isSafeExternalUrl } from './urls'

interface PreventableEvent {
  preventDefault(): void
}

/** The slice of Electron's WebContents that the window policy needs. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: PreventableEvent & { url?: string }, url?: string) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(
    handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' },
  ): void
}

export interface WindowPolicyDeps {
  devServerUrl?: string
  /**
   * Hands a link to the OS browser after asking the practitioner (createExternalLinkOpener).
   * Only called with URLs that passed isSafeExternalUrl (so never a loopback or local host).
   */
  openExternal: (url: string) => void
}

/** What to do with a navigation of the app's window to `url`. */
export function decideNavigation(
  url: string,
  devServerUrl?: string,
): 'allow' | 'open-external' | 'deny' {
  if (isOwnUrl(url, devServerUrl)) return 'allow'
  if (isSafeExternalUrl(url)) return 'open-external'
  return 'deny'
}

/**
 * One function applies the navigation, redirect, new-window and webview rules to every
 * WebContents (after Signal desktop): the app never leaves its own origin, `window.open` is
 * always denied, and an http(s) link is offered to the OS browser instead (once confirmed).
 */
export function applyWindowPolicy(contents: WebContentsLike, deps: WindowPolicyDeps): void {
  const guard = (event: PreventableEvent & { url?: string }, maybeUrl?: string) => {
    const url = maybeUrl ?? event.url ?? ''
    const decision = decideNavigation(url, deps.devServerUrl)
    if (decision === 'allow') return
    event.preventDefault()
    if (decision === 'open-external') deps.openExternal(url)
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-frame-navigate', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) deps.openExternal(url)
    return { action: 'deny' }
  })
}
