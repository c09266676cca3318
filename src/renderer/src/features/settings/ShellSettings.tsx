import { useEffect, useState } from 'react'
import type { AppInfo } from '../../platform'
import { usePlatform } from '../../platform/context'

/** Settings of the desktop shell: screen-capture protection. */
export function ShellSettings() {
  const platform = usePlatform()
  const [info, setInfo] = useState<AppInfo | null>(null)
  useEffect(() => {
    let cancelled = false
    void platform.info().then((result) => !cancelled && setInfo(result))
    return () => {
      cancelled = true
    }
  }, [platform])

  if (!info) return null
  return (
    <section aria-labelledby="shell-settings-title" className="card">
      <h2 id="shell-settings-title">Screen capture</h2>
      {info.contentProtectionSupported ? (
        <div className="checkbox">
          <input
            id="content-protection"
            type="checkbox"
            checked={info.contentProtection}
            onChange={(event) => {
              const enabled = event.target.checked
              void platform
                .setContentProtection(enabled)
                .then((effective) => setInfo({ ...info, contentProtection: effective }))
            }}
          />
          <label htmlFor="content-protection">
            Keep Mend’s window out of screenshots and screen sharing (recommended).
          </label>
        </div>
      ) : (
        <p>
          {info.platform === 'browser'
            ? 'This is the web preview. It has no screen-capture protection: never use it with real client data.'
            : 'This operating system does not let Mend keep its window out of screenshots.'}
        </p>
      )}
    </section>
  )
}
