/** macOS names its shortcuts with ⌘ (Meta); everywhere else they use Ctrl (Control). */
export const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform)
