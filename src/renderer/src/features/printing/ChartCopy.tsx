import { useId } from 'react'
import {
  INCIDENT_STATUS_WORDS,
  orderAddenda,
  STEPS,
  walkoutMoment,
  type Addendum,
  type Incident,
  type StepId,
} from '../../domain/incident'
import type { PaperSize, PracticeProfile } from '../../domain/practice'
import { formatMoment } from '../../ui/format'
import { PSYCHOTHERAPY_NOTE, signatureLine } from './chart-copy-content'
import { documentOf } from './prep-sheet-content'

/**
 * The chart copy: the whole walkout record as a document, every step from its own document
 * lines, the signature and the addenda in the order they were written. The private reflection
 * is printed only when asked, with its "Psychotherapy note" label.
 */
export function ChartCopy({
  incident,
  addenda,
  damagedAddenda,
  profile,
  who,
  includeReflection,
  pageSize,
}: {
  incident: Incident
  addenda: Addendum[]
  damagedAddenda: number
  profile: PracticeProfile
  /** Initials, or the full name when asked for this print. */
  who: string
  includeReflection: boolean
  pageSize: PaperSize
}) {
  const titleId = useId()
  const practice = [profile.practiceName, profile.clinicianName].filter(Boolean).join(' · ')
  return (
    <article
      className="print-document chart-copy"
      data-page-size={pageSize}
      aria-labelledby={titleId}
    >
      <header className="chart-copy__head">
        {practice && <p className="chart-copy__practice">{practice}</p>}
        <h2 id={titleId}>Walkout record: chart copy</h2>
        <dl className="chart-copy__facts">
          <div>
            <dt>Client</dt>
            <dd>{who}</dd>
          </div>
          <div>
            <dt>Walkout</dt>
            <dd>{formatMoment(walkoutMoment(incident))}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{INCIDENT_STATUS_WORDS[incident.status]}</dd>
          </div>
          <div>
            <dt>Steps complete</dt>
            <dd>
              {incident.completed.length} of {STEPS.length}
            </dd>
          </div>
        </dl>
      </header>
      {STEPS.map((step, index) => (
        <StepPart
          key={step.id}
          id={step.id}
          number={index + 1}
          title={step.title}
          incident={incident}
          includeReflection={includeReflection}
        />
      ))}
      <section className="chart-section" aria-labelledby={`${titleId}-signature`}>
        <h3 id={`${titleId}-signature`}>Signature</h3>
        <p>{signatureLine(incident.signature, profile)}</p>
      </section>
      <section className="chart-section" aria-labelledby={`${titleId}-addenda`}>
        <h3 id={`${titleId}-addenda`}>Addenda</h3>
        {addenda.length === 0 && damagedAddenda === 0 ? (
          <p>No addendum.</p>
        ) : (
          <ol className="chart-addenda">
            {orderAddenda(addenda).map((addendum, index) => (
              <li key={`${addendum.createdAt.utc}-${index}`} className="chart-addendum">
                <p className="chart-addendum__when">
                  Addendum {index + 1}, added {formatMoment(addendum.createdAt)}
                </p>
                <p className="chart-text">{addendum.text}</p>
              </li>
            ))}
          </ol>
        )}
        {damagedAddenda > 0 && (
          <p className="chart-warning">
            {damagedAddenda === 1
              ? 'One addendum could not be opened (damaged or altered outside Mend) and is missing from this copy.'
              : `${damagedAddenda} addenda could not be opened (damaged or altered outside Mend) and are missing from this copy.`}
          </p>
        )}
      </section>
    </article>
  )
}

function StepPart({
  id,
  number,
  title,
  incident,
  includeReflection,
}: {
  id: StepId
  number: number
  title: string
  incident: Incident
  includeReflection: boolean
}) {
  const headingId = useId()
  const private_ = id === 'reflect'
  const started = incident.steps[id] !== undefined
  const state = incident.completed.includes(id)
    ? 'Complete'
    : started
      ? 'Not complete'
      : 'Not started'
  const heading = (
    <h3 id={headingId}>
      Step {number} of {STEPS.length}: {title}
      {private_ && includeReflection && <span className="chart-note">{PSYCHOTHERAPY_NOTE}</span>}
    </h3>
  )
  if (private_ && !includeReflection) {
    return (
      <section className="chart-section" aria-labelledby={headingId}>
        {heading}
        <p className="chart-section__state">
          A psychotherapy note, kept apart from the record: left out of this copy.
        </p>
      </section>
    )
  }
  const lines = documentOf(incident, id)
  return (
    <section className="chart-section" aria-labelledby={headingId}>
      {heading}
      <p className="chart-section__state">{state}</p>
      {lines.length > 0 && (
        <table className="chart-fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Entry</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                <td>
                  {line.text.trim() ? (
                    <span className="chart-text">{line.text}</span>
                  ) : (
                    !line.items?.length && <span className="chart-empty">Not recorded</span>
                  )}
                  {line.items && line.items.length > 0 && (
                    <ul className="chart-items">
                      {line.items.map((item, index) => (
                        <li key={index} className="chart-text">
                          {item}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
