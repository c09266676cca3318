import {
  SIGNED_MESSAGE,
  STEP_IDS,
  stepOf,
  type StepId,
  type StepValues,
} from '../../domain/incident'
import { Notice } from '../../ui/Notice'

/** A step written out as a document: each field's label and answer in words, full contrast. */
export function StepFields<K extends StepId>({
  step,
  values,
}: {
  step: K
  values: StepValues[K] | undefined
}) {
  if (!values) return <p>Nothing was recorded in this step.</p>
  const fields = stepOf(step).document(values)
  return (
    <dl className="document-fields">
      {fields.map((field) => (
        <div key={field.label} className="document-fields__row">
          <dt>{field.label}</dt>
          <dd>
            {field.items && field.items.length > 0 ? (
              <ul>
                {field.items.map((item, index) => (
                  <li key={index} className="prewrap">
                    {item}
                  </li>
                ))}
              </ul>
            ) : field.text ? (
              <span className="prewrap">{field.text}</span>
            ) : (
              <span className="muted">Not recorded</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * A step of a signed record: readable, never editable (corrections are addenda). It shows what
 * was recorded, not the calls to action the form had (no "act now" banners on history).
 */
export function SignedStep<K extends StepId>({
  step,
  values,
  voided = false,
}: {
  step: K
  values: StepValues[K] | undefined
  voided?: boolean
}) {
  const index = STEP_IDS.indexOf(step)
  return (
    <section aria-labelledby="step-title" className="step">
      <h2 id="step-title">
        Step {index + 1} of {STEP_IDS.length}: {stepOf(step).title}
      </h2>
      <Notice tone="info">
        {voided ? 'This record was voided: it is kept as it was, and not edited.' : SIGNED_MESSAGE}
      </Notice>
      <StepFields step={step} values={values} />
    </section>
  )
}
