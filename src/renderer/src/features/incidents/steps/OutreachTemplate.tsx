import { useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import {
  CHANNEL_CONDITION_WORDS,
  CHANNEL_WORDS,
  type AgreedChannel,
  type Client,
} from '../../../domain/client'
import { newId } from '../../../domain/ids'
import type { Incident, OutreachAttempt } from '../../../domain/incident'
import {
  fillTemplate,
  isPlaceholderName,
  LETTER_TEMPLATES_WHERE,
  PLACEHOLDERS,
  placeholdersIn,
} from '../../../domain/letters'
import {
  CHANNEL_TEMPLATE,
  isTemplateChoice,
  OUTREACH_TEMPLATES_WHERE,
  outreachConflicts,
  TEMPLATE_CHOICES,
  TEMPLATE_WORDS,
  templateAttemptSummary,
  templateText,
  type TemplateChoice,
} from '../../../domain/outreach-templates'
import { placeholderValues } from '../../../domain/placeholder-values'
import type { PracticeSettings } from '../../../domain/practice'
import { stamp } from '../../../domain/time'
import { usePlatform } from '../../../platform/context'
import { Notice } from '../../../ui/Notice'

/** How long the copied text stays on the clipboard before Mend clears it. */
export const TEMPLATE_CLIPBOARD_SECONDS = 120

/** An attempt as the template logs it: the outcome is left for the therapist to choose. */
export type TemplateAttempt = Omit<OutreachAttempt, 'outcome'> & { outcome: '' }

/**
 * "Use a template" in step 3: the therapist chooses an agreed channel, sees the template filled in
 * (first name, clinician, practice phone, the next available time typed here), what is missing and
 * which of the client's conditions it would break; then "Copy and log an attempt" copies the text
 * (cleared from the clipboard after 2 minutes) and adds a filled attempt to the form, unsaved.
 * Mend sends nothing. A template that breaks a condition is copied only after the therapist says
 * they have read the warning: they know the client, and they adapt the text before sending it.
 */
export function OutreachTemplate({
  client,
  incident,
  practice,
  onLog,
}: {
  client: Client | null
  incident: Incident
  practice: PracticeSettings
  /** Adds the attempt to the form (focused there); nothing is saved until the step is. */
  onLog: (attempt: TemplateAttempt) => void
}) {
  const platform = usePlatform()
  const id = useId()
  const agreed = client?.channels ?? []
  const [open, setOpen] = useState(false)
  const [channelId, setChannelId] = useState<string>(agreed[0]?.id ?? '')
  const [chosen, setChosen] = useState<TemplateChoice | null>(null)
  const [nextAvailable, setNextAvailable] = useState('')
  const [acknowledged, setAcknowledged] = useState(false)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const [copying, setCopying] = useState(false)
  const channelRef = useRef<HTMLSelectElement>(null)
  const acknowledgeRef = useRef<HTMLInputElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const titleRef = useRef<HTMLHeadingElement>(null)

  const channel: AgreedChannel | undefined = agreed.find((c) => c.id === channelId) ?? agreed[0]
  const choice: TemplateChoice = chosen ?? (channel ? CHANNEL_TEMPLATE[channel.kind] : 'text')
  const template = templateText(choice, practice)
  const values = placeholderValues({
    client: client ?? { displayName: '' },
    incident,
    practice,
    today: new Date(),
    nextAvailable,
  })
  const filled = fillTemplate(
    template,
    values,
    choice === 'letter' ? LETTER_TEMPLATES_WHERE : OUTREACH_TEMPLATES_WHERE,
  )
  const conditions = channel?.conditions ?? []
  const conflicts = outreachConflicts(filled, choice, conditions, practice.profile.practiceName)
  const broken = [...new Set(conflicts.map((c) => c.condition))]
  const asksNextAvailable = placeholdersIn(template).includes('next.available')
  const missingFromSettings = filled.missing.some(
    (m) =>
      m.reason === 'unknown' ||
      (isPlaceholderName(m.name) && PLACEHOLDERS[m.name].where.startsWith('Settings')),
  )

  /** A change of channel, template or text: what was acknowledged no longer holds. */
  const changed = () => {
    setAcknowledged(false)
    setMessage(null)
  }

  const copyAndLog = async () => {
    if (!channel) return
    if (filled.missing.length > 0) {
      setMessage({
        tone: 'error',
        text: 'Nothing was copied: fill in every placeholder first (listed above).',
      })
      return
    }
    if (conflicts.length > 0 && !acknowledged) {
      setMessage({
        tone: 'error',
        text: 'Nothing was copied: this text breaks a condition the client set. Read the warning above and tick that you will adapt it, or choose another template or channel.',
      })
      acknowledgeRef.current?.focus()
      return
    }
    setCopying(true)
    let clearsAfter: number | null
    try {
      clearsAfter = (await platform.clipboard.copy(filled.text, TEMPLATE_CLIPBOARD_SECONDS))
        .clearsAfterSeconds
    } catch {
      setMessage({
        tone: 'error',
        text: 'The text could not be copied, and no attempt was logged. Please try again, or select the text above and copy it yourself.',
      })
      return
    } finally {
      setCopying(false)
    }
    setMessage({
      tone: 'success',
      text: `Copied. ${
        clearsAfter
          ? `Mend clears the clipboard in ${clearsAfter % 60 === 0 ? `${clearsAfter / 60} minutes` : `${clearsAfter} seconds`}.`
          : 'Clear your clipboard once you have pasted it.'
      } Mend has sent nothing: ${
        choice === 'phone-script'
          ? 'read it on the call yourself.'
          : 'paste it where you write to the client and send it yourself.'
      } The attempt is added below: choose its outcome, then save the step.`,
    })
    onLog({
      id: newId(),
      at: stamp(),
      channel: channel.kind,
      unconsentedReason: '',
      summary: templateAttemptSummary(choice, broken),
      outcome: '',
      nextDue: '',
    })
  }

  if (!open)
    return (
      <p>
        <button
          type="button"
          className="secondary"
          ref={openRef}
          onClick={() => {
            setOpen(true)
            // The first choice once the panel is there (the title when there is none).
            setTimeout(() => (channelRef.current ?? titleRef.current)?.focus(), 0)
          }}
        >
          Use a template
        </button>
      </p>
    )

  const close = (
    <button
      type="button"
      className="secondary"
      onClick={() => {
        setOpen(false)
        changed()
        setTimeout(() => openRef.current?.focus(), 0)
      }}
    >
      Close the template
    </button>
  )

  return (
    <section aria-labelledby={`${id}-title`} className="card template-use">
      <h3 id={`${id}-title`} ref={titleRef} tabIndex={-1}>
        Use a template
      </h3>
      <p className="field__hint">
        Mend fills the template in and copies it for you. It never sends anything itself. Edit the
        templates in <Link to="/settings">Settings</Link>, under Outreach templates (the letter is
        under Printing).
      </p>
      {agreed.length === 0 ? (
        <>
          <Notice tone="warning">
            Templates are for the channels the client agreed to, and this client has none on record.
            Add one in the client’s details first.
          </Notice>
          <div className="actions">{close}</div>
        </>
      ) : (
        <>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-channel`}>Agreed channel</label>
              <select
                id={`${id}-channel`}
                ref={channelRef}
                value={channel?.id ?? ''}
                onChange={(event) => {
                  setChannelId(event.target.value)
                  setChosen(null)
                  changed()
                }}
              >
                {agreed.map((c) => (
                  <option key={c.id} value={c.id}>
                    {CHANNEL_WORDS[c.kind]}
                    {c.detail ? ` (${c.detail})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-template`}>Template</label>
              <select
                id={`${id}-template`}
                value={choice}
                onChange={(event) => {
                  if (isTemplateChoice(event.target.value)) setChosen(event.target.value)
                  changed()
                }}
              >
                {TEMPLATE_CHOICES.map((c) => (
                  <option key={c} value={c}>
                    {TEMPLATE_WORDS[c]}
                  </option>
                ))}
              </select>
            </div>
            {asksNextAvailable && (
              <div className="field">
                <label htmlFor={`${id}-next`}>Next available time</label>
                <p className="field__hint" id={`${id}-next-hint`}>
                  For example “Tuesday 10 March at 3 pm”.
                </p>
                <input
                  id={`${id}-next`}
                  aria-describedby={`${id}-next-hint`}
                  value={nextAvailable}
                  maxLength={200}
                  onChange={(event) => {
                    setNextAvailable(event.target.value)
                    changed()
                  }}
                  // Enter here must not save the step the panel sits in.
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') event.preventDefault()
                  }}
                />
              </div>
            )}
          </div>
          <p>
            Conditions the client set for this channel:{' '}
            {conditions.length > 0
              ? conditions.map((c) => CHANNEL_CONDITION_WORDS[c]).join('; ')
              : 'none'}
            {channel?.notes ? `. Notes: ${channel.notes}` : ''}.
          </p>
          <h4 id={`${id}-preview-title`}>The text, filled in</h4>
          <div
            className="template-preview prewrap"
            role="region"
            aria-labelledby={`${id}-preview-title`}
            tabIndex={0}
          >
            {filled.text}
          </div>
          {choice === 'letter' && (
            <p>
              <Link to={`/clients/${incident.clientId}/letters/outreach`}>
                Print the outreach letter instead
              </Link>
            </p>
          )}
          {filled.missing.length > 0 && (
            <Notice tone="warning">
              <p>Not filled in yet, so it cannot be copied:</p>
              <ul>
                {filled.missing.map((m) => (
                  <li key={m.name}>{m.message}</li>
                ))}
              </ul>
              {missingFromSettings && (
                <p>
                  <Link to="/settings">Open Settings</Link>
                </p>
              )}
            </Notice>
          )}
          {conflicts.length > 0 && (
            <Notice tone="warning">
              <p>This text breaks a condition the client set for this channel:</p>
              <ul aria-label="Conditions this text breaks">
                {conflicts.map((c) => (
                  <li key={c.message}>{c.message}</li>
                ))}
              </ul>
              <div className="checkbox">
                <input
                  id={`${id}-ack`}
                  ref={acknowledgeRef}
                  type="checkbox"
                  checked={acknowledged}
                  onChange={(event) => {
                    setAcknowledged(event.target.checked)
                    setMessage(null)
                  }}
                />
                <label htmlFor={`${id}-ack`}>
                  I have read this warning and will adapt the text before I send it
                </label>
              </div>
            </Notice>
          )}
          <div className="actions">
            <button type="button" onClick={() => void copyAndLog()} disabled={copying}>
              {copying ? 'Copying…' : 'Copy and log an attempt'}
            </button>
            {close}
          </div>
          {message && <Notice tone={message.tone}>{message.text}</Notice>}
        </>
      )}
    </section>
  )
}
