import { formatMoment } from './format'
import { Notice } from './Notice'

export interface DraftOfferLike {
  savedAt: string
  restore: () => void
  discard: () => Promise<void> | void
}

/** "You have unsaved changes from …": restore them into the form, or discard them. */
export function DraftOfferNotice({ offer }: { offer: DraftOfferLike }) {
  return (
    <Notice tone="info">
      <p>You have unsaved changes from {formatMoment({ utc: offer.savedAt })}.</p>
      <div className="actions">
        <button type="button" onClick={offer.restore} autoFocus>
          Restore unsaved changes
        </button>
        <button type="button" className="secondary" onClick={() => void offer.discard()}>
          Discard them
        </button>
      </div>
    </Notice>
  )
}
