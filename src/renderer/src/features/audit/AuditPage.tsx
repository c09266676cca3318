import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { Link } from 'react-router'
import {
  AUDIT_ACTION_WORDS,
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type ChainVerdict,
} from '../../domain/audit'
import { readAudit, verifyAudit } from '../../store/integrity'
import { useAllIncidents, useClientSummaries, type Opened } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'

const SHOWN = 500

/** What an entry is about, in words, with where to go (the record), and its client. */
interface Target {
  label: string
  to: string | null
  clientId: string | null
}

/** The audit trail: every create, edit, sign, addendum, … with time, and a check of its chain. */
export function AuditPage() {
  const session = useSession()
  const [entries, setEntries] = useState<{ seq: number; opened: Opened<AuditEntry> }[] | null>(null)
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null)
  const [checking, setChecking] = useState(false)
  const [clientFilter, setClientFilter] = useState('')
  const [actionFilter, setActionFilter] = useState<AuditAction | ''>('')
  const verdictRef = useRef<HTMLDivElement>(null)
  const clients = useClientSummaries()
  const incidents = useAllIncidents()
  const clientFilterId = useId()
  const actionFilterId = useId()

  useEffect(() => {
    let cancelled = false
    void readAudit(session).then((all) => !cancelled && setEntries(all))
    return () => {
      cancelled = true
    }
  }, [session])

  const verify = async () => {
    setChecking(true)
    setVerdict(null)
    const all = await readAudit(session)
    setEntries(all)
    setVerdict(await verifyAudit(session, all))
    setChecking(false)
    requestAnimationFrame(() => verdictRef.current?.focus())
  }

  const clientOfIncident = useMemo(
    () => new Map(incidents.flatMap((i) => (i.ok ? [[i.id, i.summary.clientId] as const] : []))),
    [incidents],
  )

  const targetOf = (entry: AuditEntry): Target => {
    if (entry.target === 'vault') return { label: 'The vault', to: null, clientId: null }
    const clientId =
      entry.target === 'client' ? entry.targetId : clientOfIncident.get(entry.targetId)
    const client = clientId ? clients.get(clientId) : undefined
    const who = client ? `${client.displayName} (${client.initials})` : 'a client no longer listed'
    return entry.target === 'client'
      ? {
          label: `Client: ${who}`,
          to: client ? `/clients/${entry.targetId}` : null,
          clientId: clientId ?? null,
        }
      : {
          label: `Walkout record of ${who}`,
          to: clientId ? `/incidents/${entry.targetId}` : null,
          clientId: clientId ?? null,
        }
  }

  const brokenSeq = verdict && !verdict.intact ? verdict.seq : null
  const filtered = (entries ?? []).filter(({ opened }) => {
    if (!clientFilter && !actionFilter) return true
    if (!opened.ok) return false
    if (actionFilter && opened.value.action !== actionFilter) return false
    if (clientFilter && targetOf(opened.value).clientId !== clientFilter) return false
    return true
  })
  const shown = filtered.slice(-SHOWN).reverse()
  const clientOptions = [...clients].sort((a, b) =>
    a[1].displayName.localeCompare(b[1].displayName),
  )

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <p>
        Every record created, edited, signed or added to, and every unlock, lock, print, export and
        restore, in order. Each entry is sealed and linked to the one before it, and names the
        records it wrote, so a removed, altered or replaced entry or record shows.
      </p>
      <button type="button" onClick={() => void verify()} disabled={checking}>
        {checking ? 'Verifying…' : 'Verify the audit trail'}
      </button>
      <div ref={verdictRef} tabIndex={-1} className="verdict">
        {verdict &&
          (verdict.intact ? (
            <Notice tone="success">
              The audit trail is intact: {verdict.count} entries, none removed or altered.
            </Notice>
          ) : (
            <Notice tone="error">
              The audit trail is broken at entry {verdict.seq}. {verdict.message}
            </Notice>
          ))}
      </div>
      <form
        autoComplete="off"
        className="field-row audit__filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor={clientFilterId}>Client</label>
          <select
            id={clientFilterId}
            value={clientFilter}
            onChange={(event) => setClientFilter(event.target.value)}
          >
            <option value="">All clients and the vault</option>
            {clientOptions.map(([id, client]) => (
              <option key={id} value={id}>
                {client.displayName} ({client.initials})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={actionFilterId}>What happened</label>
          <select
            id={actionFilterId}
            value={actionFilter}
            onChange={(event) => setActionFilter(event.target.value as AuditAction | '')}
          >
            <option value="">Everything</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_WORDS[action]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {!entries ? (
        <p role="status">Opening the audit trail…</p>
      ) : (
        <table className="audit">
          <caption>
            {filtered.length > SHOWN
              ? `The latest ${SHOWN} of ${filtered.length} entries`
              : `${filtered.length} ${filtered.length === 1 ? 'entry' : 'entries'}`}
            {clientFilter || actionFilter ? ' matching the filters' : ''}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ seq, opened }) => {
              const target = opened.ok ? targetOf(opened.value) : null
              return (
                <tr
                  key={`${seq}-${opened.id}`}
                  className={seq === brokenSeq ? 'audit__broken' : undefined}
                  aria-current={seq === brokenSeq ? 'true' : undefined}
                >
                  <th scope="row">{seq}</th>
                  {opened.ok && target ? (
                    <>
                      <td>{formatMoment(opened.value.at)}</td>
                      <td>
                        {AUDIT_ACTION_WORDS[opened.value.action]}
                        {opened.value.detail && `: ${opened.value.detail}`}
                      </td>
                      <td>
                        {target.to ? <Link to={target.to}>{target.label}</Link> : target.label}
                      </td>
                    </>
                  ) : (
                    <td colSpan={3}>This entry cannot be opened: it was altered or damaged.</td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
