import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useState } from 'react'
import type { Client } from '../domain/client'
import { STEP_IDS, type Addendum, type Incident, type StepId } from '../domain/incident'
import type { PracticeSettings } from '../domain/practice'
import type { Draft } from './codecs'
import type { AddendumRow, IncidentRow } from './db'
import { DRAFTS, SEALED } from './keys'
import { useRecord, useRecords } from './live'
import type { Opened, RecordStore } from './records'
import { useSession } from './session-context'
import type { VaultSession } from './session'
import { readPracticeSettings, type SettingsRead } from './settings'

/**
 * The named queries screens use. Features never see Dexie, the database or its rows: they ask
 * for "the open walkouts" or "this client's walkouts", and get decrypted records (or, for a
 * record that cannot be opened, its id and a message in words).
 */

export type { Opened }
export { useClientNames } from './live'

/** How many walkouts a Today list shows at most. */
export const TODAY_LIMIT = 25

/** Every client. */
export function useClients(): Opened<Client>[] | undefined {
  return useRecords(useSession().clients)
}

/** One client; `null` when there is no such client, `undefined` while loading. */
export function useClient(id: string): Opened<Client> | null | undefined {
  return useRecord(useSession().clients, id)
}

/** One walkout record; `null` when there is none, `undefined` while loading. */
export function useIncident(id: string): Opened<Incident> | null | undefined {
  return useRecord(useSession().incidents, id)
}

/** A client's walkouts, in no particular order. */
export function useIncidentsOfClient(clientId: string): Opened<Incident>[] | undefined {
  const query = useCallback(
    (store: RecordStore<Incident, IncidentRow>) =>
      store.table.where('clientId').equals(clientId).toArray(),
    [clientId],
  )
  return useRecords(useSession().incidents, query)
}

/** Walkouts not yet resolved whose next follow-up is due on or before `today` (YYYY-MM-DD). */
export function useIncidentsDue(today: string): Opened<Incident>[] | undefined {
  const query = useCallback(
    (store: RecordStore<Incident, IncidentRow>) =>
      store.table
        .where('nextDue')
        .between('0000-01-01', today, true, true)
        .filter((row) => row.status !== 'resolved')
        .limit(TODAY_LIMIT)
        .toArray(),
    [today],
  )
  return useRecords(useSession().incidents, query)
}

/** Open walkouts, newest first. */
export function useOpenIncidents(): Opened<Incident>[] | undefined {
  const query = useCallback(
    (store: RecordStore<Incident, IncidentRow>) =>
      store.table
        .where('status')
        .equals('open')
        .reverse()
        .sortBy('occurredAt')
        .then((rows) => rows.slice(0, TODAY_LIMIT)),
    [],
  )
  return useRecords(useSession().incidents, query)
}

/** The addenda of one walkout record (order them with `orderAddenda`). */
export function useAddenda(incidentId: string): Opened<Addendum>[] | undefined {
  const query = useCallback(
    (store: RecordStore<Addendum, AddendumRow>) =>
      store.table.where('incidentId').equals(incidentId).toArray(),
    [incidentId],
  )
  return useRecords(useSession().addenda, query)
}

/** Every unsaved form kept as an encrypted draft. */
export function useDrafts(): Opened<Draft>[] | undefined {
  return useRecords(useSession().drafts)
}

/** The steps of a walkout record that have an unsaved draft, in protocol order. */
export async function pendingStepDrafts(
  session: VaultSession,
  incidentId: string,
): Promise<StepId[]> {
  const ids = await session.db.drafts
    .where('id')
    .startsWith(DRAFTS.stepsOf(incidentId))
    .primaryKeys()
  return STEP_IDS.filter((step) => ids.includes(DRAFTS.step(incidentId, step)))
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
