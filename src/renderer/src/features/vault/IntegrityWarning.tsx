import { useState } from 'react'
import { WHAT_TO_DO } from '../../store/integrity'
import { Notice } from '../../ui/Notice'
import { useVault } from './VaultProvider'

/**
 * What the unlock check found: what is wrong, which record, what to do. It stays on every screen
 * until the therapist acknowledges it; acknowledging is recorded in the audit trail.
 */
export function IntegrityWarning() {
  const { integrity } = useVault()
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  if (!integrity) return null
  return (
    <Notice tone="warning" role="alert">
      <h2 className="notice__title">Mend found a problem with your records</h2>
      <ul aria-label="What the check found">
        {integrity.findings.map((finding, index) => (
          <li key={`${finding.kind}-${finding.id ?? index}`}>{finding.message}</li>
        ))}
      </ul>
      <p>{WHAT_TO_DO}</p>
      {failed && <p>The acknowledgement could not be saved. Please try again.</p>}
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true)
            setFailed(false)
            integrity.acknowledge().then(
              () => setBusy(false),
              () => {
                setBusy(false)
                setFailed(true)
              },
            )
          }}
        >
          I understand: keep the records as they are
        </button>
      </div>
    </Notice>
  )
}
