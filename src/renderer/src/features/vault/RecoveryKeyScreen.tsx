import { useEffect, useRef, useState } from 'react'
import { usePlatform } from '../../platform/context'

/** How long the copied key stays on the clipboard before Mend clears it. */
const COPY_SECONDS = 60

/** Shows the recovery key once, in groups, to print or copy, before the vault opens. */
export function RecoveryKeyScreen({
  recoveryKeyText,
  onDone,
}: {
  recoveryKeyText: string
  onDone: () => void
}) {
  const platform = usePlatform()
  const [stored, setStored] = useState(false)
  const [copied, setCopied] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const groups = recoveryKeyText.split('-')

  useEffect(() => heading.current?.focus(), [])

  // Copying goes through the desktop shell, which clears the clipboard after a minute. A browser
  // page can only clear it when it has the focus again (and clipboard history may keep it), so
  // the web preview offers no copy of the key.
  const canCopy = platform.kind === 'electron'
  const copy = async () => {
    try {
      const result = await platform.clipboard.copy(recoveryKeyText, COPY_SECONDS)
      setCopied(
        result.clearsAfterSeconds
          ? `Copied. Paste it somewhere safe away from this computer: Mend clears the clipboard in ${result.clearsAfterSeconds} seconds.`
          : 'Copied. Paste it somewhere safe away from this computer, then clear your clipboard.',
      )
    } catch {
      setCopied('Copying is not available here. Print the key or write it down.')
    }
  }

  return (
    <main className="gate">
      <section className="gate__card recovery-sheet" aria-labelledby="recovery-title">
        <h1 id="recovery-title" tabIndex={-1} ref={heading}>
          Your recovery key
        </h1>
        <p>
          This key can unlock Mend if you forget your passphrase. It is shown only now. Print it or
          write it down, and keep it somewhere safe, away from this computer.
        </p>
        <p className="recovery-key" aria-label={`Recovery key: ${groups.join(', ')}`}>
          {groups.map((group, index) => (
            <span key={index} className="recovery-key__group">
              {group}
            </span>
          ))}
        </p>
        <p className="print-only">Mend recovery key. Keep this page private and safe.</p>
        <div className="actions no-print">
          <button type="button" className="secondary" onClick={() => void platform.print.dialog()}>
            Print
          </button>
          {canCopy && (
            <button type="button" className="secondary" onClick={() => void copy()}>
              Copy
            </button>
          )}
        </div>
        {copied && (
          <p role="status" className="no-print">
            {copied}
          </p>
        )}
        <div className="checkbox no-print">
          <input
            id="recovery-stored"
            type="checkbox"
            checked={stored}
            onChange={(event) => setStored(event.target.checked)}
          />
          <label htmlFor="recovery-stored">I have stored the recovery key somewhere safe.</label>
        </div>
        <button type="button" className="no-print" disabled={!stored} onClick={onDone}>
          Continue to Mend
        </button>
      </section>
    </main>
  )
}
