import { useId, useState } from 'react'
import { Link } from 'react-router'
import {
  INCIDENT_STATUS_WORDS,
  STEP_IDS,
  STEP_TITLES,
  unfinishedSteps,
  type Incident,
  type Signature,
} from '../../domain/incident'
import { changeStatus, isRuleError, signIncident, voidRecord } from '../../store/operations'
import { pendingStepDrafts } from '../../store/queries'
import { updatePracticeSettings } from '../../store/settings'
import { useSession } from '../../store/session-context'
import { formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'

type Message = { tone: 'error' | 'success'; text: string } | null

/** Runs an operation and says how it went, in words. */
function useRun(): [
  Message,
  (action: () => Promise<unknown>, done: string) => Promise<boolean>,
  (message: Message) => void,
] {
  const [message, setMessage] = useState<Message>(null)
  const run = async (action: () => Promise<unknown>, done: string) => {
    setMessage(null)
    try {
      await action()
      setMessage({ tone: 'success', text: done })
      return true
    } catch (error) {
      setMessage({
        tone: 'error',
        text: isRuleError(error)
          ? error.message
          : 'That did not work. Nothing was changed; please try again.',
      })
      return false
    }
  }
  return [message, run, setMessage]
}

/** The record at a glance: progress, status, signature, voiding. */
export function Overview({
  incidentId,
  incident,
  clinician,
}: {
  incidentId: string
  incident: Incident
  /** Who signs, from the practice profile (null when it is not filled in yet: asked at signing). */
  clinician: Signature['clinician']
}) {
  const signed = incident.signature !== null
  const firstOpen = STEP_IDS.find((id) => !incident.completed.includes(id))
  return (
    <section aria-labelledby="overview-title" className="step">
      <h2 id="overview-title">Overview</h2>
      {incident.voided && (
        <Notice tone="warning">
          <p>
            <strong>Voided {formatMoment(incident.voided.at)}.</strong> This record was started in
            error and is kept for the record, out of every list. Reason: {incident.voided.reason}
          </p>
        </Notice>
      )}
      <p>
        {incident.completed.length} of {STEP_IDS.length} steps complete.
        {firstOpen && !signed && !incident.voided && (
          <>
            {' '}
            <Link to={`/incidents/${incidentId}/${firstOpen}`}>
              Continue with: {STEP_TITLES[firstOpen]}
            </Link>
          </>
        )}
      </p>
      {!incident.voided && <StatusCard incidentId={incidentId} incident={incident} />}
      {!incident.voided && (
        <section aria-labelledby="print-links-title" className="card">
          <h3 id="print-links-title">Print</h3>
          <div className="actions">
            <Link
              className="button secondary-link"
              to={`/incidents/${incidentId}/print/prep-sheet`}
            >
              Prep sheet
            </Link>
            <Link className="button secondary-link" to={`/incidents/${incidentId}/print/chart`}>
              Chart copy
            </Link>
          </div>
        </section>
      )}
      {!incident.voided && (
        <SignatureCard incidentId={incidentId} incident={incident} clinician={clinician} />
      )}
      {!signed && !incident.voided && <VoidCard incidentId={incidentId} />}
    </section>
  )
}

function StatusCard({ incidentId, incident }: { incidentId: string; incident: Incident }) {
  const session = useSession()
  const [message, run] = useRun()
  const [confirmResolve, setConfirmResolve] = useState(false)
  const move = (to: Incident['status'], done: string) =>
    void run(() => changeStatus(session, incidentId, to), done).then(() => setConfirmResolve(false))
  return (
    <section aria-labelledby="status-title" className="card status-actions">
      <h3 id="status-title">Status: {INCIDENT_STATUS_WORDS[incident.status]}</h3>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <div className="actions">
        {incident.status === 'open' && (
          <button
            type="button"
            className="secondary"
            onClick={() => move('in-follow-up', 'Status is now: In follow-up.')}
          >
            Move to follow-up
          </button>
        )}
        {incident.status === 'in-follow-up' && !confirmResolve && (
          <button type="button" className="secondary" onClick={() => setConfirmResolve(true)}>
            Mark resolved…
          </button>
        )}
        {incident.status === 'resolved' && (
          <button
            type="button"
            className="secondary"
            onClick={() => move('in-follow-up', 'Reopened: the walkout is in follow-up again.')}
          >
            Reopen
          </button>
        )}
      </div>
      {confirmResolve && (
        <div role="group" aria-labelledby="resolve-question">
          <p id="resolve-question">
            Mark this walkout resolved? It leaves Today. You can reopen it later; both are in the
            audit trail.
          </p>
          <div className="actions">
            <button
              type="button"
              autoFocus
              onClick={() => move('resolved', 'Status is now: Resolved.')}
            >
              Mark resolved
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmResolve(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  )
}

function SignatureCard({
  incidentId,
  incident,
  clinician,
}: {
  incidentId: string
  incident: Incident
  clinician: Signature['clinician']
}) {
  const session = useSession()
  const [message, run, setMessage] = useRun()
  const [confirming, setConfirming] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  // Asked before the first signature, then kept in the practice profile.
  const [name, setName] = useState('')
  const [credentials, setCredentials] = useState('')
  const [nameError, setNameError] = useState<string | null>(null)
  const reasonId = useId()
  const nameId = useId()
  const credentialsId = useId()
  const signature = incident.signature
  const unfinished = unfinishedSteps(incident)

  const trySign = async () => {
    // Unsaved step drafts of this record: signing would strand them, so they are settled first.
    const pending = (await pendingStepDrafts(session, incidentId)).map((id) => STEP_TITLES[id])
    if (pending.length > 0) {
      setConfirming(false)
      setMessage({
        tone: 'error',
        text: `There are unsaved changes in: ${pending.join(', ')}. Save or discard them before signing; after signing they could no longer be applied.`,
      })
      return
    }
    const signer = clinician ?? { name: name.trim(), credentials: credentials.trim() }
    if (!signer.name) {
      setNameError('Enter your name as it should appear on signatures.')
      return
    }
    if (unfinished.length > 0 && !reason.trim()) {
      setReasonError('Say why the record is signed with these steps unfinished.')
      return
    }
    const ok = await run(async () => {
      if (!clinician) {
        await updatePracticeSettings(
          session,
          (current) => ({
            ...current,
            profile: {
              ...current.profile,
              clinicianName: signer.name,
              credentials: signer.credentials,
            },
          }),
          'Practice profile',
        )
      }
      await signIncident(session, incidentId, { clinician: signer, reason })
    }, 'The record is signed.')
    if (ok) setConfirming(false)
  }

  return (
    <section aria-labelledby="sign-title" className="card">
      <h3 id="sign-title">Signature</h3>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {signature ? (
        <>
          <p>
            Signed {formatMoment(signature.signedAt)}
            {signature.clinician
              ? ` by ${signature.clinician.name}${signature.clinician.credentials ? `, ${signature.clinician.credentials}` : ''}`
              : ''}
            . The record can no longer be edited; add an addendum below to correct or add to it.
          </p>
          {signature.unfinished.length > 0 && (
            <p>
              Signed with these steps unfinished:{' '}
              {signature.unfinished.map((id) => STEP_TITLES[id]).join(', ')}. Reason:{' '}
              {signature.reason}
            </p>
          )}
        </>
      ) : confirming ? (
        <div role="group" aria-labelledby="sign-question">
          <p id="sign-question">
            Signing makes this record final: it can no longer be edited, only added to with dated
            addenda. Signing cannot be undone.
            {clinician
              ? ` You sign as ${clinician.name}${clinician.credentials ? `, ${clinician.credentials}` : ''}.`
              : ''}
          </p>
          {!clinician && (
            <div role="group" aria-labelledby={`${nameId}-legend`} className="group">
              <p id={`${nameId}-legend`}>
                Signatures name the clinician. Your name and credentials are kept in Settings,
                Practice profile, for every signature after this one.
              </p>
              <div className="field-row">
                <div className={`field ${nameError ? 'field--invalid' : ''}`}>
                  <label htmlFor={nameId}>Your name</label>
                  <input
                    id={nameId}
                    value={name}
                    aria-invalid={nameError ? true : undefined}
                    aria-describedby={nameError ? `${nameId}-error` : undefined}
                    onChange={(event) => {
                      setName(event.target.value)
                      setNameError(null)
                    }}
                  />
                  {nameError && (
                    <p className="field__error" id={`${nameId}-error`}>
                      {nameError}
                    </p>
                  )}
                </div>
                <div className="field">
                  <label htmlFor={credentialsId}>Credentials (optional)</label>
                  <input
                    id={credentialsId}
                    value={credentials}
                    onChange={(event) => setCredentials(event.target.value)}
                  />
                </div>
              </div>
            </div>
          )}
          {unfinished.length > 0 && (
            <>
              <Notice tone="warning">
                <p>These steps are not complete, and could never be completed after signing:</p>
                <ul aria-label="Steps not complete">
                  {unfinished.map((id) => (
                    <li key={id}>
                      <Link to={`/incidents/${incidentId}/${id}`}>{STEP_TITLES[id]}</Link>
                    </li>
                  ))}
                </ul>
              </Notice>
              <div className={`field ${reasonError ? 'field--invalid' : ''}`}>
                <label htmlFor={reasonId}>Why sign it now, with these steps unfinished</label>
                <textarea
                  id={reasonId}
                  rows={2}
                  value={reason}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                  onChange={(event) => {
                    setReason(event.target.value)
                    setReasonError(null)
                  }}
                />
                {reasonError && (
                  <p className="field__error" id={`${reasonId}-error`}>
                    {reasonError}
                  </p>
                )}
              </div>
            </>
          )}
          <div className="actions">
            <button type="button" autoFocus onClick={() => void trySign()}>
              {unfinished.length > 0 ? 'Sign with steps unfinished' : 'Sign the record'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Sign…
        </button>
      )}
    </section>
  )
}

function VoidCard({ incidentId }: { incidentId: string }) {
  const session = useSession()
  const [message, run] = useRun()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const reasonId = useId()
  return (
    <section aria-labelledby="void-title" className="card">
      <h3 id="void-title">Started in error?</h3>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {open ? (
        <div role="group" aria-labelledby="void-question">
          <p id="void-question">
            Voiding keeps the record, with your reason, and takes it out of every list (it stays in
            the client’s timeline when you ask to see voided records). It is in the audit trail.
          </p>
          <div className="field">
            <label htmlFor={reasonId}>Why it is voided</label>
            <input
              id={reasonId}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="actions">
            <button
              type="button"
              onClick={() =>
                void run(
                  () => voidRecord(session, incidentId, reason),
                  'The record is voided.',
                ).then((ok) => ok && setOpen(false))
              }
            >
              Void the record
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Void this record…
        </button>
      )}
    </section>
  )
}
