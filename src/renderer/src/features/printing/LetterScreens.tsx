import { useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import {
  fillTemplate,
  isLetterKind,
  isPlaceholderName,
  LETTER_KINDS,
  LETTER_PURPOSES,
  LETTER_WORDS,
  PLACEHOLDERS,
  placeholdersIn,
  templateFor,
  type LetterKind,
} from '../../domain/letters'
import { CHANNEL_CONDITION_WORDS } from '../../domain/client'
import { walkoutMoment } from '../../domain/incident'
import { checkLetterToClient } from '../../domain/outreach-templates'
import type { PaperSize } from '../../domain/practice'
import { compareIso } from '../../domain/time'
import { recordPrint, type PrintedDocument } from '../../store/printing'
import { useClient, useWalkoutRecordsOf, usePracticeSettings } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { Letter } from './Letter'
import { letterValues } from './letter-content'
import { PrintFrame } from './PrintFrame'
import { usePrintActions } from './usePrintActions'

const LETTER_DOCUMENT: Record<LetterKind, PrintedDocument> = {
  outreach: 'Outreach letter',
  closing: 'Closing letter',
  referral: 'Referral letter',
}

/** `/clients/:clientId/letters`: the three letters, to choose from. */
export function LettersPage() {
  const { clientId = '' } = useParams()
  const client = useClient(clientId)
  if (client === undefined) return <p role="status">Opening the client…</p>
  if (client === null) return <Notice tone="error">There is no such client.</Notice>
  return (
    <section aria-labelledby="letters-title">
      <p>
        <Link to={`/clients/${clientId}`}>Back to the client</Link>
      </p>
      <h1 id="letters-title">Letters</h1>
      <p>
        Each letter is filled in from the client’s details, the walkout record and your practice
        profile. Edit the templates in <Link to="/settings">Settings</Link>, under Printing.
      </p>
      <ul className="letter-choices">
        {LETTER_KINDS.map((kind) => (
          <li key={kind}>
            <Link to={`/clients/${clientId}/letters/${kind}`}>{LETTER_WORDS[kind]}</Link>
            <span className="muted"> {LETTER_PURPOSES[kind]}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** `/clients/:clientId/letters/:kind`: one letter, filled, previewed, printed. */
export function LetterPage() {
  const { clientId = '', kind } = useParams()
  const session = useSession()
  const client = useClient(clientId)
  const incidents = useWalkoutRecordsOf(clientId)
  const settings = usePracticeSettings()
  const [chosen, setChosen] = useState<string | null>(null)
  const [paper, setPaper] = useState<PaperSize | null>(null)
  const [nextAvailable, setNextAvailable] = useState('')
  /** What the "print it anyway" box was ticked for (the text it was ticked against). */
  const [acknowledged, setAcknowledged] = useState<string | null>(null)
  const letterKind: LetterKind = isLetterKind(kind) ? kind : 'outreach'
  const pageSize = paper ?? settings?.value.paperSize ?? 'A4'
  const actions = usePrintActions('letter', pageSize, (output, override) =>
    recordPrint(session, {
      document: LETTER_DOCUMENT[letterKind],
      output,
      target: 'client',
      targetId: clientId,
      ...(override ? { override } : {}),
    }),
  )
  const walkouts = useMemo(
    () =>
      (incidents ?? [])
        .flatMap((i) => (i.ok ? [{ id: i.id, incident: i.value }] : []))
        .sort((a, b) => compareIso(walkoutMoment(b.incident).utc, walkoutMoment(a.incident).utc)),
    [incidents],
  )

  if (!isLetterKind(kind)) return <Notice tone="error">There is no such letter.</Notice>
  if (client === undefined || incidents === undefined || settings === undefined)
    return <p role="status">Opening the letter…</p>
  if (client === null) return <Notice tone="error">There is no such client.</Notice>
  if (!client.ok) return <Notice tone="error">{client.error.message}</Notice>

  const walkout = walkouts.find((w) => w.id === chosen) ?? walkouts[0] ?? null
  const practice = settings.value
  const values = letterValues({
    client: client.value,
    incident: walkout?.incident ?? null,
    practice,
    today: new Date(),
    nextAvailable,
  })
  const template = templateFor(letterKind, practice.letterTemplates[letterKind])
  const filled = fillTemplate(template, values)
  const asksNextAvailable = placeholdersIn(template).includes('next.available')
  const check = checkLetterToClient(
    filled,
    letterKind !== 'referral',
    client.value.channels,
    practice.profile.practiceName,
  )
  // A tick holds for the text it was given for: another walkout or time asks again.
  const goneAhead = check.conflicts.length > 0 && acknowledged === filled.text
  // Noted in the audit trail with the print: which conditions the letter was printed against.
  const override = goneAhead
    ? `Printed despite the warning about the client’s conditions (${[
        ...new Set(check.conflicts.map((c) => CHANNEL_CONDITION_WORDS[c.condition])),
      ].join(', ')}).`
    : undefined
  const missing = filled.missing.length > 0
  const unacknowledged = check.conflicts.length > 0 && !goneAhead
  const blocked = missing || unacknowledged
  const channelNotes =
    check.notAgreed || check.withoutLetterhead || check.conflicts.length > 0 ? (
      <Notice tone="warning">
        {check.notAgreed && (
          <p>
            The client has not agreed to be contacted by letter: no letter channel is recorded in
            their details. Check with them, or use a channel they agreed to.
          </p>
        )}
        {check.withoutLetterhead && (
          <p>
            Printed without the letterhead: the client asked that the practice not be named in
            letters (“Do not name the practice”).
          </p>
        )}
        {check.conflicts.length > 0 && (
          <>
            <ul>
              {check.conflicts.map((conflict) => (
                <li key={conflict.message}>{conflict.message}</li>
              ))}
            </ul>
            <p>
              Edit the letter template in <Link to="/settings">Settings</Link>, under Printing, or
              print it anyway if you will adapt it by hand.
            </p>
            <div className="checkbox">
              <input
                id="letter-acknowledge"
                type="checkbox"
                checked={goneAhead}
                onChange={(event) => setAcknowledged(event.target.checked ? filled.text : null)}
              />
              <label htmlFor="letter-acknowledge">
                I have read this warning: print the letter anyway
              </label>
            </div>
          </>
        )}
      </Notice>
    ) : null

  return (
    <PrintFrame
      title={LETTER_WORDS[letterKind]}
      back={{ to: `/clients/${clientId}/letters`, label: 'All letters' }}
      intro={
        <>
          <p>{LETTER_PURPOSES[letterKind]}</p>
          {channelNotes}
        </>
      }
      options={
        walkouts.length > 0 || asksNextAvailable ? (
          <>
            {walkouts.length > 0 && (
              <div className="field">
                <label htmlFor="letter-walkout">Walkout record</label>
                <p className="field__hint" id="letter-walkout-hint">
                  The walkout date and the referral come from this record.
                </p>
                <select
                  id="letter-walkout"
                  aria-describedby="letter-walkout-hint"
                  value={walkout?.id ?? ''}
                  onChange={(event) => setChosen(event.target.value)}
                >
                  {walkouts.map((w) => (
                    <option key={w.id} value={w.id}>
                      Walkout on {formatMoment(walkoutMoment(w.incident))}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {asksNextAvailable && (
              <div className="field">
                <label htmlFor="letter-next-available">Next available time</label>
                <p className="field__hint" id="letter-next-available-hint">
                  For {'{{next.available}}'}; for example “Tuesday 10 March at 3 pm”.
                </p>
                <input
                  id="letter-next-available"
                  aria-describedby="letter-next-available-hint"
                  value={nextAvailable}
                  maxLength={200}
                  onChange={(event) => setNextAvailable(event.target.value)}
                />
              </div>
            )}
          </>
        ) : undefined
      }
      pageSize={pageSize}
      onPageSize={setPaper}
      actions={{
        ...actions,
        print: () => actions.printNoting('print', override),
        saveAsPdf: () => actions.printNoting('pdf', override),
      }}
      blocked={
        unacknowledged && !missing ? (
          <p>
            This letter breaks a condition the client set on letters. Read the warning above, and
            tick that you will print it anyway, or change the template.
          </p>
        ) : missing ? (
          <>
            <p>This letter cannot be printed yet:</p>
            <ul>
              {filled.missing.map((missing) => (
                <li key={missing.name}>{missing.message}</li>
              ))}
            </ul>
            <p className="actions">
              {filled.missing.some((m) => m.reason === 'unknown' || settingsFill(m.name)) && (
                <Link to="/settings">Open Settings</Link>
              )}
              {walkout && filled.missing.some((m) => m.name === 'referral.to') && (
                <Link to={`/incidents/${walkout.id}/fit`}>Open step 8 of the walkout record</Link>
              )}
            </p>
          </>
        ) : undefined
      }
    >
      <Letter
        parts={filled.parts}
        profile={practice.profile}
        letterhead={!check.withoutLetterhead}
        pageSize={pageSize}
        label={`${LETTER_WORDS[letterKind]}, preview`}
        blocked={blocked}
      />
    </PrintFrame>
  )
}

/** Is this placeholder's value filled in under Settings? */
function settingsFill(name: string): boolean {
  return isPlaceholderName(name) && PLACEHOLDERS[name].where.startsWith('Settings')
}
