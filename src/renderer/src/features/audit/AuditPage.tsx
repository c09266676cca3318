import { useEffect, useRef, useState } from 'react'
import { AUDIT_ACTION_WORDS, type AuditEntry, type ChainVerdict } from '../../domain/audit'
import { readAudit, verifyAudit } from '../../store/integrity'
import type { Opened } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { useClientNames } from '../../store/queries'
import { formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'

const SHOWN = 500

/** The audit trail: every create, edit, sign, addendum, … with time, and a check of its chain. */
export function AuditPage() {
  const session = useSession()
  const [entries, setEntries] = useState<{ seq: number; opened: Opened<AuditEntry> }[] | null>(null)
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null)
  const [checking, setChecking] = useState(false)
  const verdictRef = useRef<HTMLDivElement>(null)

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

  const brokenSeq = verdict && !verdict.intact ? verdict.seq : null
  const shown = (entries ?? []).slice(-SHOWN).reverse()
  const names = useClientNames(
    shown.flatMap(({ opened }) =>
      opened.ok && opened.value.target === 'client' ? [opened.value.targetId] : [],
    ),
  )

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <p>
        Every record created, edited, signed or added to, and every unlock, print, export and
        restore, in order. Each entry is sealed and linked to the one before it, so a removed or
        altered entry shows.
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
      {!entries ? (
        <p role="status">Opening the audit trail…</p>
      ) : (
        <table className="audit">
          <caption>
            {entries.length > SHOWN
              ? `The latest ${SHOWN} of ${entries.length} entries`
              : `${entries.length} entries`}
            , newest first
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
            {shown.map(({ seq, opened }) => (
              <tr
                key={`${seq}-${opened.id}`}
                className={seq === brokenSeq ? 'audit__broken' : undefined}
                aria-current={seq === brokenSeq ? 'true' : undefined}
              >
                <th scope="row">{seq}</th>
                {opened.ok ? (
                  <>
                    <td>{formatMoment(opened.value.at)}</td>
                    <td>
                      {AUDIT_ACTION_WORDS[opened.value.action]}
                      {opened.value.detail && `: ${opened.value.detail}`}
                    </td>
                    <td>{describeTarget(opened.value, names)}</td>
                  </>
                ) : (
                  <td colSpan={3}>This entry cannot be opened: it was altered or damaged.</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function describeTarget(entry: AuditEntry, names: ReadonlyMap<string, string>): string {
  if (entry.target === 'vault') return 'Vault'
  if (entry.target === 'client')
    return `Client: ${names.get(entry.targetId) ?? 'removed or unreadable'}`
  return 'Walkout record'
}
