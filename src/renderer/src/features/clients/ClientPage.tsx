import { useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import { CHANNEL_CONDITION_WORDS, CHANNEL_WORDS, CLIENT_STATUS_WORDS } from '../../domain/client'
import { INCIDENT_STATUS_WORDS, STEP_IDS } from '../../domain/incident'
import { useClient, useIncidentsOfClient } from '../../store/queries'
import { formatDay, formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { ClientPatterns } from './ClientPatterns'

export function ClientPage() {
  const { clientId = '' } = useParams()
  const client = useClient(clientId)
  const incidents = useIncidentsOfClient(clientId)
  const [showVoided, setShowVoided] = useState(false)
  const all = useMemo(() => incidents.flatMap((item) => (item.ok ? [item] : [])), [incidents])
  const voidedCount = all.filter((item) => item.summary.voided).length
  const timeline = showVoided ? all : all.filter((item) => !item.summary.voided)

  if (client === undefined) return <p role="status">Opening the client record…</p>
  if (client === null) return <Notice tone="error">There is no such client.</Notice>
  if (!client.ok) return <Notice tone="error">{client.error.message}</Notice>
  const c = client.value

  return (
    <section aria-labelledby="client-title">
      <p>
        <Link to="/clients">All clients</Link>
      </p>
      <div className="page-head">
        <h1 id="client-title">
          {c.displayName} {c.initials && <span className="muted">({c.initials})</span>}
        </h1>
        <div className="actions">
          <Link className="button" to={`/walkout/new?client=${clientId}`}>
            Record a walkout
          </Link>
          <Link className="button secondary-link" to={`/clients/${clientId}/edit`}>
            Edit details
          </Link>
          <Link className="button secondary-link" to={`/clients/${clientId}/print/prep-sheet`}>
            Prep sheet (all open walkouts)
          </Link>
          <Link className="button secondary-link" to={`/clients/${clientId}/letters`}>
            Letters
          </Link>
        </div>
      </div>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{CLIENT_STATUS_WORDS[c.status]}</dd>
        {c.pronouns && (
          <>
            <dt>Pronouns</dt>
            <dd>{c.pronouns}</dd>
          </>
        )}
        <dt>Minor</dt>
        <dd>{c.isMinor ? 'Yes' : 'No'}</dd>
      </dl>

      <section aria-labelledby="channels-title" className="card">
        <h2 id="channels-title">Agreed contact channels</h2>
        {c.channels.length === 0 ? (
          <p>No channel recorded. Ask the client how they agree to be contacted.</p>
        ) : (
          <ul>
            {c.channels.map((channel) => (
              <li key={channel.id}>
                <strong>{CHANNEL_WORDS[channel.kind]}</strong>
                {channel.detail && `: ${channel.detail}`} (consent {formatDay(channel.consentDate)})
                {channel.conditions.length > 0 &&
                  `. ${channel.conditions.map((c) => CHANNEL_CONDITION_WORDS[c]).join('; ')}`}
                {channel.notes && `. ${channel.notes}`}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="contacts-title" className="card">
        <h2 id="contacts-title">Emergency contacts</h2>
        {c.emergencyContacts.length === 0 ? (
          <p>No emergency contact recorded.</p>
        ) : (
          <ul>
            {c.emergencyContacts.map((contact) => (
              <li key={contact.id}>
                <strong>{contact.name}</strong>
                {contact.relation && ` (${contact.relation})`}: {contact.phone}
              </li>
            ))}
          </ul>
        )}
      </section>

      {c.notes && (
        <section aria-labelledby="client-notes-title" className="card">
          <h2 id="client-notes-title">Notes</h2>
          <p className="prewrap">{c.notes}</p>
        </section>
      )}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Walkouts</h2>
        {voidedCount > 0 && (
          <div className="checkbox">
            <input
              id="show-voided"
              type="checkbox"
              checked={showVoided}
              onChange={(event) => setShowVoided(event.target.checked)}
            />
            <label htmlFor="show-voided">
              Show {voidedCount === 1 ? 'the voided record' : `the ${voidedCount} voided records`}{' '}
              (started in error)
            </label>
          </div>
        )}
        {timeline.length === 0 ? (
          <p>No walkout recorded for this client.</p>
        ) : (
          <ol className="timeline" aria-label="Walkouts, newest first">
            {timeline.map(({ id, summary }) => (
              <li key={id}>
                <Link to={`/incidents/${id}`}>Walkout on {formatMoment(summary.walkoutAt)}</Link>{' '}
                <span className="muted">
                  {summary.voided
                    ? 'Voided'
                    : `${INCIDENT_STATUS_WORDS[summary.status]}, ${summary.completed.length} of ${STEP_IDS.length} steps complete${summary.signedAt ? ', signed' : ''}`}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <ClientPatterns clientId={clientId} items={all} />
    </section>
  )
}
