import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { Client, ClientSummary } from '../domain/client'
import {
  STEP_IDS,
  type Addendum,
  type Incident,
  type IncidentSummary,
  type StepId,
} from '../domain/incident'
import type { PracticeSettings } from '../domain/practice'
import { compareIso, type Timestamp } from '../domain/time'
import type { VaultSettings } from '../domain/settings'
import type { IndexedTable } from './codecs'
import type { Draft } from './codecs'
import { DRAFTS, SEALED } from './keys'
import { useRecord, useRecords } from './live'
import type { Opened } from './records'
import { useSession } from './session-context'
import type { VaultSession } from './session'
import { readPracticeSettings, readVaultSettings, type SettingsRead } from './settings'
import type { IndexView, Summaries } from './vault-index'

/**
 * The named queries screens use. Lists, Today and timelines read the sealed index held in memory
 * (no record is decrypted to draw a list); opening one record reads its own row. Features never
 * see Dexie, the database or its rows.
 */

export type { Opened }

/** One row of a list: what the index knows of a record, or that the record could not be opened. */
export type Listed<S> = { id: string; ok: true; summary: S } | { id: string; ok: false }
export type ListedClient = Listed<ClientSummary>
export type ListedIncident = Listed<IncidentSummary>

/** The index as it is now; re-renders when it changes (a new view each time). */
function useIndexView(): IndexView {
  const { index } = useSession()
  return useSyncExternalStore(index.subscribe, index.getView)
}

function listed<T extends IndexedTable>(
  view: IndexView,
  table: T,
  keep: (summary: Summaries[T], id: string) => boolean = () => true,
): Listed<Summaries[T]>[] {
  const out: Listed<Summaries[T]>[] = []
  for (const [id, entry] of view.all(table)) {
    if (entry.s === null) out.push({ id, ok: false })
    else if (keep(entry.s, id)) out.push({ id, ok: true, summary: entry.s })
  }
  return out
}

/** Every client, as the lists show them (name, initials, status). */
export function useClientList(): ListedClient[] {
  const view = useIndexView()
  return useMemo(() => listed(view, 'clients'), [view])
}

/** Display names and initials by client id, from the index (no record is opened). */
export function useClientSummaries(): ReadonlyMap<string, ClientSummary> {
  const view = useIndexView()
  return useMemo(() => {
    const map = new Map<string, ClientSummary>()
    for (const [id, entry] of view.all('clients')) if (entry.s) map.set(id, entry.s)
    return map
  }, [view])
}

/** Display names of the given clients. */
export function useClientNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const summaries = useClientSummaries()
  const key = [...new Set(ids)].sort().join(',')
  return useMemo(() => {
    const names = new Map<string, string>()
    for (const id of key ? key.split(',') : []) {
      const summary = summaries.get(id)
      if (summary) names.set(id, summary.displayName)
    }
    return names
  }, [summaries, key])
}

/** How many records of a kind are in the index but could not be opened. */
export function useUnopenedCount(table: IndexedTable): number {
  const view = useIndexView()
  return useMemo(() => {
    let count = 0
    for (const entry of view.all(table).values()) if (entry.s === null) count += 1
    return count
  }, [view, table])
}

/** One client; `null` when there is no such client, `undefined` while loading. */
export function useClient(id: string): Opened<Client> | null | undefined {
  return useRecord(useSession().clients, id)
}

/** One walkout record; `null` when there is none, `undefined` while loading. */
export function useIncident(id: string): Opened<Incident> | null | undefined {
  return useRecord(useSession().incidents, id)
}

const newestFirst = (a: ListedIncident, b: ListedIncident) =>
  compareIso(b.ok ? b.summary.walkoutAt.utc : '', a.ok ? a.summary.walkoutAt.utc : '')

/** Every walkout, from the index (for Today's rules and the practice's figures). */
export function useAllIncidents(): ListedIncident[] {
  const view = useIndexView()
  return useMemo(() => listed(view, 'incidents'), [view])
}

/** The latest walkout of each client (voided ones left out), to tell clients apart in lists. */
export function useLastWalkouts(): ReadonlyMap<string, Timestamp> {
  const view = useIndexView()
  return useMemo(() => {
    const last = new Map<string, Timestamp>()
    for (const entry of view.all('incidents').values()) {
      const s = entry.s
      if (!s || s.voided) continue
      const known = last.get(s.clientId)
      if (!known || known.utc < s.walkoutAt.utc) last.set(s.clientId, s.walkoutAt)
    }
    return last
  }, [view])
}

/** A client's walkouts that are not resolved (nor voided), newest first. */
export function useOpenWalkoutsOf(clientId: string | null): ListedIncident[] {
  const view = useIndexView()
  return useMemo(
    () =>
      clientId
        ? listed(
            view,
            'incidents',
            (s) => s.clientId === clientId && s.status !== 'resolved' && !s.voided,
          )
            .filter((item) => item.ok)
            .sort(newestFirst)
        : [],
    [view, clientId],
  )
}

/** A client's walkouts, newest first. */
export function useIncidentsOfClient(clientId: string): ListedIncident[] {
  const view = useIndexView()
  return useMemo(
    () =>
      listed(view, 'incidents', (s) => s.clientId === clientId)
        .filter((item) => item.ok)
        .sort(newestFirst),
    [view, clientId],
  )
}

/** A client's walkouts (voided ones left out), opened in full: for documents that need every step. */
export function useWalkoutRecordsOf(clientId: string): Opened<Incident>[] | undefined {
  const session = useSession()
  const view = useIndexView()
  const ids = useMemo(() => {
    const found: string[] = []
    for (const [id, entry] of view.all('incidents'))
      if (entry.s?.clientId === clientId && !entry.s.voided) found.push(id)
    return found.sort().join(',')
  }, [view, clientId])
  const rows = useLiveQuery(
    () => session.db.incidents.bulkGet(ids ? ids.split(',') : []),
    [session, ids],
  )
  const [opened, setOpened] = useState<Opened<Incident>[] | undefined>(undefined)
  useEffect(() => {
    if (!rows) return
    let cancelled = false
    const present = rows.filter((row) => row !== undefined)
    void Promise.all(present.map((row) => session.incidents.open(session.dataKey, row))).then(
      (result) => !cancelled && setOpened(result),
    )
    return () => {
      cancelled = true
    }
  }, [rows, session])
  return opened
}

/** The addenda of one walkout record (order them with `orderAddenda`); the index says which. */
export function useAddenda(incidentId: string): Opened<Addendum>[] | undefined {
  const session = useSession()
  const view = useIndexView()
  const ids = useMemo(() => {
    const found: string[] = []
    for (const [id, entry] of view.all('addenda'))
      if (entry.s?.incidentId === incidentId) found.push(id)
    return found.sort().join(',')
  }, [view, incidentId])
  const rows = useLiveQuery(
    () => session.db.addenda.bulkGet(ids ? ids.split(',') : []),
    [session, ids],
  )
  const [opened, setOpened] = useState<Opened<Addendum>[] | undefined>(undefined)
  useEffect(() => {
    if (!rows) return
    let cancelled = false
    const present = rows.filter((row) => row !== undefined)
    void Promise.all(present.map((row) => session.addenda.open(session.dataKey, row))).then(
      (result) => !cancelled && setOpened(result),
    )
    return () => {
      cancelled = true
    }
  }, [rows, session])
  return opened
}

/** Every unsaved form kept as an encrypted draft (there are few). */
export function useDrafts(): Opened<Draft>[] | undefined {
  return useRecords(useSession().drafts)
}

/** The steps of a walkout record that have an unsaved draft, in protocol order. */
export async function pendingStepDrafts(
  session: VaultSession,
  incidentId: string,
): Promise<StepId[]> {
  const ids = await session.db.drafts
    .where(':id')
    .startsWith(DRAFTS.stepsOf(incidentId))
    .primaryKeys()
  return STEP_IDS.filter((step) => ids.includes(DRAFTS.step(incidentId, step)))
}

/** The vault's settings (sealed), live; `undefined` while loading. */
export function useVaultSettings(): SettingsRead<VaultSettings> | undefined {
  const session = useSession()
  const row = useLiveQuery(() => session.db.sealed.get(SEALED.vaultSettings), [session])
  const [value, setValue] = useState<SettingsRead<VaultSettings> | undefined>(undefined)
  useEffect(() => {
    let cancelled = false
    void readVaultSettings(session).then((read) => !cancelled && setValue(read))
    return () => {
      cancelled = true
    }
  }, [session, row])
  return value
}

/** The practice settings (sealed), live; `undefined` while loading. */
export function usePracticeSettings(): SettingsRead<PracticeSettings> | undefined {
  const session = useSession()
  // Re-read whenever the sealed row changes (saved here or in another window).
  const row = useLiveQuery(() => session.db.sealed.get(SEALED.practice), [session])
  const [value, setValue] = useState<SettingsRead<PracticeSettings> | undefined>(undefined)
  useEffect(() => {
    let cancelled = false
    void readPracticeSettings(session).then((read) => !cancelled && setValue(read))
    return () => {
      cancelled = true
    }
  }, [session, row])
  return value
}
