import { zodResolver } from '@hookform/resolvers/zod'
import { useRef } from 'react'
import { useForm } from 'react-hook-form'
import { Link, NavLink, useParams } from 'react-router'
import { z } from 'zod'
import {
  addendumSchema,
  INCIDENT_STATUS_WORDS,
  isStepId,
  orderAddenda,
  STEP_IDS,
  STEP_TITLES,
  walkoutMoment,
} from '../../domain/incident'
import { DEFAULT_PRACTICE_SETTINGS } from '../../domain/practice'
import { DRAFTS } from '../../store/keys'
import { addAddendum, isRuleError } from '../../store/operations'
import { useAddenda, useClient, useIncident, usePracticeSettings } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { useFormDraft } from '../../store/use-draft'
import { DraftOfferNotice } from '../../ui/DraftOfferNotice'
import { TextField } from '../../ui/form-fields'
import { formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { Overview } from './Overview'
import { StepView } from './steps'

/** A walkout record: the eight steps as a stepper, the status, signing and addenda. */
export function IncidentPage() {
  const { incidentId = '', step } = useParams()
  const incident = useIncident(incidentId)
  const clientId = incident?.ok ? incident.value.clientId : ''
  const client = useClient(clientId)
  const practice = usePracticeSettings()?.value ?? DEFAULT_PRACTICE_SETTINGS
  const heading = useRef<HTMLHeadingElement>(null)

  if (incident === undefined) return <p role="status">Opening the walkout record…</p>
  if (incident === null) return <Notice tone="error">There is no such walkout record.</Notice>
  if (!incident.ok) return <Notice tone="error">{incident.error.message}</Notice>
  const value = incident.value
  const clientValue = client?.ok ? client.value : null
  const signed = value.signature !== null
  const voided = value.voided !== null
  const current = isStepId(step) ? step : null

  return (
    <section aria-labelledby="incident-title" className="incident">
      <p>
        <Link to={`/clients/${value.clientId}`}>
          {clientValue ? `Back to ${clientValue.displayName}` : 'Back to the client'}
        </Link>
      </p>
      <h1 id="incident-title" ref={heading} tabIndex={-1}>
        Walkout: {clientValue?.displayName ?? 'client'}, {formatMoment(walkoutMoment(value))}
      </h1>
      <p className="muted">
        {voided ? 'Voided' : INCIDENT_STATUS_WORDS[value.status]}
        {signed && `, signed ${formatMoment(value.signature?.signedAt)}`}
      </p>
      <div className="incident__layout">
        <nav aria-label="Steps of the walkout protocol" className="stepper">
          <ol>
            <li>
              <NavLink to={`/incidents/${incidentId}`} end>
                Overview
              </NavLink>
            </li>
            {STEP_IDS.map((id, index) => {
              const done = value.completed.includes(id)
              return (
                <li key={id} className={done ? 'stepper__done' : ''}>
                  <NavLink to={`/incidents/${incidentId}/${id}`}>
                    <span aria-hidden="true">{done ? '✓' : `${index + 1}.`}</span> {STEP_TITLES[id]}
                    <span className="visually-hidden">
                      {done ? ' (complete)' : ' (not complete)'}
                    </span>
                  </NavLink>
                </li>
              )
            })}
          </ol>
        </nav>
        <div className="incident__main">
          {current ? (
            <StepView
              key={`${incidentId}:${current}`}
              step={current}
              incidentId={incidentId}
              incident={value}
              client={clientValue}
              practice={practice}
              readOnly={signed || voided}
            />
          ) : (
            <Overview
              incidentId={incidentId}
              incident={value}
              clinician={
                practice.profile.clinicianName
                  ? {
                      name: practice.profile.clinicianName,
                      credentials: practice.profile.credentials,
                    }
                  : null
              }
            />
          )}
          <Addenda incidentId={incidentId} />
        </div>
      </div>
    </section>
  )
}

/** The form checks the text as the record will (one definition, with its messages). */
const addendumFormSchema = z.object({ text: addendumSchema.shape.text })

function Addenda({ incidentId }: { incidentId: string }) {
  const session = useSession()
  const addenda = useAddenda(incidentId)
  const form = useForm<{ text: string }>({
    resolver: zodResolver(addendumFormSchema),
    defaultValues: { text: '' },
  })
  const { handleSubmit, formState, reset, setError } = form
  const draft = useFormDraft(form, {
    id: DRAFTS.addendum(incidentId),
    label: 'Addendum to a walkout record',
    route: `/incidents/${incidentId}`,
  })
  const opened = (addenda ?? []).flatMap((a) => (a.ok ? [a.value] : []))
  const damaged = (addenda ?? []).filter((a) => !a.ok).length
  const onSubmit = handleSubmit(async ({ text }) => {
    try {
      await addAddendum(session, incidentId, text)
      await draft.clear()
      reset()
    } catch (error) {
      await draft.saveNow()
      setError('text', {
        message: isRuleError(error)
          ? error.message
          : 'The addendum could not be added; please try again.',
      })
    }
  })
  return (
    <section aria-labelledby="addenda-title" className="card addenda">
      <h2 id="addenda-title">Addenda</h2>
      {opened.length === 0 && damaged === 0 ? (
        <p>No addendum yet.</p>
      ) : (
        <ol aria-label="Addenda, oldest first">
          {orderAddenda(opened).map((addendum) => (
            <li key={addendum.createdAt.utc}>
              <p className="muted">Added {formatMoment(addendum.createdAt)}</p>
              <p className="prewrap">{addendum.text}</p>
            </li>
          ))}
        </ol>
      )}
      {damaged > 0 && (
        <Notice tone="error">
          {damaged} addendum could not be opened: damaged or altered outside Mend.
        </Notice>
      )}
      {draft.offer && <DraftOfferNotice offer={draft.offer} />}
      <form autoComplete="off" onSubmit={onSubmit} onBlur={draft.onBlur} noValidate>
        <TextField
          form={form}
          name="text"
          label="New addendum"
          hint="Dated and appended below the record; the record itself stays as it is."
          rows={3}
        />
        <button type="submit" disabled={formState.isSubmitting}>
          Add addendum
        </button>
      </form>
    </section>
  )
}
