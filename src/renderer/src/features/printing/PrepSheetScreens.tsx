import { useMemo, useState, type ReactNode } from 'react'
import { Link, useParams } from 'react-router'
import type { Client } from '../../domain/client'
import { deriveInitials } from '../../domain/client'
import { formatDay } from '../../domain/format'
import type { PaperSize, PracticeSettings } from '../../domain/practice'
import { compareIso, localDate } from '../../domain/time'
import { recordPrint, usePrepSheetPrinted } from '../../store/printing'
import {
  useClient,
  useIncident,
  useWalkoutRecordsOf,
  usePracticeSettings,
} from '../../store/queries'
import { useSession } from '../../store/session-context'
import { formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'
import { usePageFooter } from './page-footer'
import { PrepSheet } from './PrepSheet'
import { buildPrepSheet, type SheetWalkout } from './prep-sheet-content'
import { PrintFrame, PrivacyOptions } from './PrintFrame'
import { usePrintActions } from './usePrintActions'

/** The client's initials for running footers (never the full name). */
export function initialsOf(client: Pick<Client, 'displayName' | 'initials'> | null): string {
  if (!client) return 'Client'
  return client.initials.trim() || deriveInitials(client.displayName) || 'Client'
}

export function footerText(client: Pick<Client, 'displayName' | 'initials'> | null): string {
  return `Printed ${formatDay(localDate())} · ${initialsOf(client)} · Confidential`
}

/**
 * The client of a walkout record, once it is open. Mounted per client id, so it never shows a
 * client that was looked up for another id. A client that cannot be opened is passed as null
 * (the documents then say "Client"), never as someone else.
 */
export function ClientOf({
  clientId,
  children,
}: {
  clientId: string
  children: (client: Client | null) => ReactNode
}) {
  const client = useClient(clientId)
  if (client === undefined) return <p role="status">Opening the client…</p>
  return <>{children(client?.ok ? client.value : null)}</>
}

/** `/incidents/:incidentId/print/prep-sheet`: the prep sheet of one walkout. */
export function IncidentPrepSheetPage() {
  const { incidentId = '' } = useParams()
  const incident = useIncident(incidentId)
  const settings = usePracticeSettings()
  const walkouts = useMemo(
    () => (incident?.ok ? [{ id: incident.id, incident: incident.value }] : []),
    [incident],
  )

  if (incident === undefined || settings === undefined)
    return <p role="status">Opening the walkout record…</p>
  if (incident === null) return <Notice tone="error">There is no such walkout record.</Notice>
  if (!incident.ok) return <Notice tone="error">{incident.error.message}</Notice>
  const clientId = incident.value.clientId
  return (
    <ClientOf key={clientId} clientId={clientId}>
      {(client) => (
        <PrepSheetScreen
          client={client}
          walkouts={walkouts}
          practice={settings.value}
          target={{ target: 'incident', targetId: incidentId }}
          back={{ to: `/incidents/${incidentId}`, label: 'Back to the walkout record' }}
        />
      )}
    </ClientOf>
  )
}

/** `/clients/:clientId/print/prep-sheet`: one sheet over all the client's open walkouts. */
export function ClientPrepSheetPage() {
  const { clientId = '' } = useParams()
  const client = useClient(clientId)
  const incidents = useWalkoutRecordsOf(clientId)
  const settings = usePracticeSettings()
  const walkouts = useMemo<SheetWalkout[]>(
    () =>
      (incidents ?? []).flatMap((i) =>
        i.ok && i.value.status !== 'resolved' ? [{ id: i.id, incident: i.value }] : [],
      ),
    [incidents],
  )
  const damaged = (incidents ?? []).filter((i) => !i.ok).length
  const back = { to: `/clients/${clientId}`, label: 'Back to the client' }

  if (client === undefined || incidents === undefined || settings === undefined)
    return <p role="status">Opening the client’s walkouts…</p>
  if (client === null) return <Notice tone="error">There is no such client.</Notice>
  if (!client.ok) return <Notice tone="error">{client.error.message}</Notice>
  if (walkouts.length === 0) {
    return (
      <section aria-labelledby="print-title" className="print-screen">
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
        <h1 id="print-title">Session-prep sheet</h1>
        <p>This client has no open walkout: there is nothing to prepare.</p>
      </section>
    )
  }
  return (
    <PrepSheetScreen
      client={client.value}
      walkouts={walkouts}
      practice={settings.value}
      target={{ target: 'client', targetId: clientId }}
      back={back}
      notice={
        damaged > 0 ? (
          <Notice tone="warning">
            {damaged === 1
              ? 'One walkout record could not be opened (damaged or altered outside Mend) and is not on this sheet.'
              : `${damaged} walkout records could not be opened (damaged or altered outside Mend) and are not on this sheet.`}
          </Notice>
        ) : null
      }
    />
  )
}

function PrepSheetScreen({
  client,
  walkouts,
  practice,
  target,
  back,
  notice,
}: {
  client: Client | null
  walkouts: SheetWalkout[]
  practice: PracticeSettings
  target: { target: 'incident' | 'client'; targetId: string }
  back: { to: string; label: string }
  notice?: ReactNode
}) {
  const session = useSession()
  const [showFullName, setShowFullName] = useState(false)
  const [includeReflection, setIncludeReflection] = useState(false)
  const [paper, setPaper] = useState<PaperSize | null>(null)
  const pageSize = paper ?? practice.paperSize
  const today = localDate()
  const content = useMemo(
    () => buildPrepSheet({ client, walkouts, showFullName, includeReflection, today }),
    [client, walkouts, showFullName, includeReflection, today],
  )
  const ids = useMemo(() => walkouts.map((w) => w.id), [walkouts])
  const printed = usePrepSheetPrinted(ids)
  const footer = footerText(client)
  usePageFooter(footer)
  const actions = usePrintActions('prep-sheet', pageSize, (output) =>
    recordPrint(session, {
      document: 'Session-prep sheet',
      output,
      ...target,
      walkouts: ids,
    }),
  )
  const several = walkouts.length > 1

  return (
    <PrintFrame
      title={several ? 'Session-prep sheet: all open walkouts' : 'Session-prep sheet'}
      back={back}
      intro={
        <>
          <p>
            One page to read before and during the session. Long entries are shortened; the chart
            copy has them in full.
          </p>
          {notice}
        </>
      }
      options={
        <PrivacyOptions
          showFullName={showFullName}
          onShowFullName={setShowFullName}
          includeReflection={includeReflection}
          onIncludeReflection={setIncludeReflection}
        />
      }
      pageSize={pageSize}
      onPageSize={setPaper}
      actions={actions}
      status={<PrintedStatus printed={printed} ids={ids} />}
      footer={{ left: footer, right: 'Page 1 of 1' }}
    >
      <PrepSheet content={content} pageSize={pageSize} />
    </PrintFrame>
  )
}

function PrintedStatus({
  printed,
  ids,
}: {
  printed: ReadonlyMap<string, { utc: string; offsetMinutes: number }> | undefined
  ids: string[]
}) {
  if (!printed) return null
  const moments = ids.flatMap((id) => {
    const at = printed.get(id)
    return at ? [at] : []
  })
  if (moments.length === 0) return <>This prep sheet has not been printed yet.</>
  const last = moments.sort((a, b) => compareIso(b.utc, a.utc))[0]
  if (ids.length > 1 && moments.length < ids.length)
    return (
      <>
        Printed before for {moments.length} of these {ids.length} walkouts, last on{' '}
        {formatMoment(last)}.
      </>
    )
  return <>Last printed {formatMoment(last)}.</>
}
