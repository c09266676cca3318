import { Notice } from '../../ui/Notice'

export interface SampleOfferProps {
  /** Opens the sample vault (made on first use). */
  open: () => void
  /** Why the last try failed, in words; null when it did not. */
  error: string | null
}

/** "Try Mend with sample data", on the setup and unlock screens. */
export function SampleOffer({ open, error, intro }: SampleOfferProps & { intro: string }) {
  return (
    <section className="gate__sample" aria-labelledby="sample-offer-title">
      <h2 id="sample-offer-title">Just looking?</h2>
      <p>{intro}</p>
      {error && <Notice tone="error">{error}</Notice>}
      <button type="button" className="secondary" onClick={open}>
        Try Mend with sample data
      </button>
    </section>
  )
}
