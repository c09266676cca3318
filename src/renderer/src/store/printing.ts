import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import type { Timestamp } from '../domain/time'
import { stamp } from '../domain/time'
import { printLogCodec, type PrintLog } from './codecs'
import type { SealedSingletonRow } from './db'
import { SEALED } from './keys'
import { RecordStore } from './records'
import { useSession } from './session-context'
import { put, unchanged, withRetry, type VaultSession } from './session'

/**
 * Printing, as the store sees it: every print or PDF is an audit entry (which document, which
 * record, when; never its content), and printing a session-prep sheet also notes, in the same
 * commit, when each walkout's sheet was last printed (for Today).
 */

export const PRINTED_DOCUMENTS = [
  'Session-prep sheet',
  'Chart copy',
  'Outreach letter',
  'Closing letter',
  'Referral letter',
] as const
export type PrintedDocument = (typeof PRINTED_DOCUMENTS)[number]

export interface PrintEvent {
  document: PrintedDocument
  /** Printed on paper, or saved as a PDF file. */
  output: 'print' | 'pdf'
  target: 'incident' | 'client'
  targetId: string
  /** For a session-prep sheet: the walkouts it covers. */
  walkouts?: readonly string[]
  /** A warning gone past, in words (which conditions; never content). */
  override?: string
}

/** The audit entry's detail: the kind of document and how it left, in words. No content. */
export function printDetail(event: Pick<PrintEvent, 'document' | 'output' | 'override'>): string {
  const how = event.output === 'pdf' ? `${event.document}, saved as PDF` : event.document
  return (event.override ? `${how}. ${event.override}` : how).slice(0, 200)
}

const stores = new WeakMap<VaultSession, RecordStore<PrintLog, SealedSingletonRow>>()

/** The print log's store: the session's own sealed table with the print-log codec. */
function printLogStore(session: VaultSession): RecordStore<PrintLog, SealedSingletonRow> {
  let store = stores.get(session)
  if (!store) {
    store = new RecordStore(session.sealed.table, printLogCodec)
    stores.set(session, store)
  }
  return store
}

const EMPTY_LOG: PrintLog = { prepSheets: {} }

async function openLog(
  session: VaultSession,
  row: SealedSingletonRow | undefined,
): Promise<PrintLog> {
  if (!row) return EMPTY_LOG
  const opened = await printLogStore(session).open(session.dataKey, row)
  // A damaged log only loses "printed" marks: start it again rather than block printing.
  return opened.ok ? opened.value : EMPTY_LOG
}

/**
 * Records one print or PDF in the audit trail. For a session-prep sheet, the print log is
 * updated in the same commit; walkouts that are resolved or gone are dropped from it, so it stays
 * as small as the list of open walkouts.
 */
export async function recordPrint(session: VaultSession, event: PrintEvent): Promise<void> {
  const audit = {
    action: 'print' as const,
    target: event.target,
    targetId: event.targetId,
    detail: printDetail(event),
  }
  const walkouts = event.document === 'Session-prep sheet' ? (event.walkouts ?? []) : []
  if (walkouts.length === 0) {
    await session.record(audit)
    return
  }
  const store = printLogStore(session)
  await withRetry(async () => {
    const row = await store.table.get(SEALED.printLog)
    const log = await openLog(session, row)
    const at = stamp()
    const entries = { ...log.prepSheets, ...Object.fromEntries(walkouts.map((id) => [id, at])) }
    const ids = Object.keys(entries)
    // Entries of walkouts that are resolved or gone are dropped (the index knows, sealed).
    const kept = Object.fromEntries(
      ids.flatMap((id) => {
        const summary = session.index.entry('incidents', id)?.s
        return summary && summary.status !== 'resolved' ? [[id, entries[id]!] as const] : []
      }),
    )
    await session.commit({
      changes: [put(store, SEALED.printLog, { prepSheets: kept })],
      audit,
      preconditions: [unchanged(store, SEALED.printLog, row)],
    })
  })
}

/** When each walkout's session-prep sheet was last printed, for every walkout that has been. */
export async function readPrepSheetsPrinted(
  session: VaultSession,
): Promise<ReadonlyMap<string, Timestamp>> {
  const log = await openLog(session, await session.sealed.table.get(SEALED.printLog))
  return new Map(Object.entries(log.prepSheets))
}

/**
 * When the prep sheet of each of these walkouts was last printed (absent: not printed), live.
 * `undefined` while loading.
 */
export function usePrepSheetPrinted(
  incidentIds: readonly string[],
): ReadonlyMap<string, Timestamp> | undefined {
  const session = useSession()
  const row = useLiveQuery(
    async () => (await session.sealed.table.get(SEALED.printLog)) ?? null,
    [session],
  )
  const key = [...new Set(incidentIds)].sort().join(',')
  const [printed, setPrinted] = useState<ReadonlyMap<string, Timestamp> | undefined>(undefined)
  useEffect(() => {
    if (row === undefined) return
    let cancelled = false
    const wanted = new Set(key ? key.split(',') : [])
    void openLog(session, row ?? undefined).then((log) => {
      if (cancelled) return
      setPrinted(new Map(Object.entries(log.prepSheets).filter(([id]) => wanted.has(id))))
    })
    return () => {
      cancelled = true
    }
  }, [row, key, session])
  return printed
}
