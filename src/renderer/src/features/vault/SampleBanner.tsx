import { useState } from 'react'
import { useVault } from './VaultProvider'

/**
 * On every screen of the sample vault: what it is, and the two ways out. Leaving keeps the sample
 * for next time; removing deletes its database at once (one click: nothing in it is real).
 */
export function SampleBanner() {
  const { sample, leaveSample, removeSample } = useVault()
  const [busy, setBusy] = useState(false)
  if (!sample) return null
  const run = (action: () => Promise<void>) => {
    setBusy(true)
    void action().finally(() => setBusy(false))
  }
  return (
    <section className="sample-banner no-print" aria-label="Sample vault" data-sample-banner>
      <p>
        <strong>Sample data — fictional clients, not a real vault.</strong> Everything here is
        invented and kept apart from your own vault. Do not type real client data here.
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => run(leaveSample)}
        >
          Leave the sample
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => run(removeSample)}
        >
          Remove the sample
        </button>
      </div>
    </section>
  )
}
