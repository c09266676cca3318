import { usePlatform } from '../platform/context'

/**
 * The web preview (the renderer in a plain browser) says on every screen, setup and unlock
 * included, that it is not for real client data. The desktop app never shows it.
 */
export function PreviewWarning() {
  const platform = usePlatform()
  if (platform.kind !== 'browser') return null
  return (
    <aside className="preview-warning no-print" aria-label="Web preview warning">
      <p>
        <strong>Web preview: never enter real client data here.</strong> A browser is not the sealed
        desktop app: extensions, sync and other tabs share it.
      </p>
    </aside>
  )
}
