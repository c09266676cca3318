import { useMemo, useState } from 'react'
import { useParams } from 'react-router'
import type { Client } from '../../domain/client'
import type { Addendum, Incident } from '../../domain/incident'
import type { PaperSize, PracticeSettings } from '../../domain/practice'
import { recordPrint } from '../../store/printing'
import { useAddenda, useIncident, usePracticeSettings, type Opened } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { Notice } from '../../ui/Notice'
import { ChartCopy } from './ChartCopy'
import { usePageFooter } from './page-footer'
import { ClientOf, footerText, initialsOf } from './PrepSheetScreens'
import { PrintFrame, PrivacyOptions } from './PrintFrame'
import { usePrintActions } from './usePrintActions'

/** `/incidents/:incidentId/print/chart`: the whole walkout record, for the chart. */
export function ChartCopyPage() {
  const { incidentId = '' } = useParams()
  const incident = useIncident(incidentId)
  const addenda = useAddenda(incidentId)
  const settings = usePracticeSettings()

  if (incident === undefined || settings === undefined || addenda === undefined)
    return <p role="status">Opening the walkout record…</p>
  if (incident === null) return <Notice tone="error">There is no such walkout record.</Notice>
  if (!incident.ok) return <Notice tone="error">{incident.error.message}</Notice>
  const clientId = incident.value.clientId
  return (
    <ClientOf key={clientId} clientId={clientId}>
      {(client) => (
        <ChartCopyScreen
          incidentId={incidentId}
          incident={incident.value}
          client={client}
          addenda={addenda}
          practice={settings.value}
        />
      )}
    </ClientOf>
  )
}

function ChartCopyScreen({
  incidentId,
  incident,
  client,
  addenda,
  practice,
}: {
  incidentId: string
  incident: Incident
  client: Client | null
  addenda: Opened<Addendum>[]
  practice: PracticeSettings
}) {
  const session = useSession()
  const [showFullName, setShowFullName] = useState(false)
  const [includeReflection, setIncludeReflection] = useState(false)
  const [paper, setPaper] = useState<PaperSize | null>(null)
  usePageFooter(footerText(client))
  const pageSize = paper ?? practice.paperSize
  const actions = usePrintActions('chart-copy', pageSize, (output) =>
    recordPrint(session, {
      document: 'Chart copy',
      output,
      target: 'incident',
      targetId: incidentId,
    }),
  )
  const opened = useMemo(() => addenda.flatMap((a) => (a.ok ? [a.value] : [])), [addenda])
  const who = showFullName && client ? client.displayName : initialsOf(client)

  return (
    <PrintFrame
      title="Chart copy"
      back={{ to: `/incidents/${incidentId}`, label: 'Back to the walkout record' }}
      intro={<p>The whole walkout record, its signature and its addenda, with page numbers.</p>}
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
    >
      <ChartCopy
        incident={incident}
        addenda={opened}
        damagedAddenda={addenda.length - opened.length}
        profile={practice.profile}
        who={who}
        includeReflection={includeReflection}
        pageSize={pageSize}
      />
    </PrintFrame>
  )
}
