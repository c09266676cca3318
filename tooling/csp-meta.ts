import type { Plugin } from 'vite'
import { contentSecurityPolicy } from '../src/main/security/csp'

/**
 * Adds the production Content-Security-Policy as a <meta> tag to the built index.html, so the
 * renderer is under the same policy when it is served without the Electron shell (web preview,
 * browser tests). frame-ancestors is ignored in <meta>; the shell's header carries it.
 */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'mend-csp-meta',
    apply: 'build',
    transformIndexHtml() {
      const policy = contentSecurityPolicy()
        .split('; ')
        .filter((directive) => !directive.startsWith('frame-ancestors'))
        .join('; ')
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
          injectTo: 'head-prepend',
        },
      ]
    },
  }
}
