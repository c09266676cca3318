import Dexie, { type Table } from 'dexie'
import type { Sealed } from '../crypto/envelope'
import type { ClientStatus } from '../domain/client'
import type { IncidentStatus } from '../domain/incident'
import type { MetaId } from './keys'

/**
 * Every row of client data: a random id, the schema version of its encrypted content, the few
 * non-identifying fields the indexes need, and the sealed content. Nothing else is in clear.
 */
export interface SealedRow {
  id: string
  /** Schema version of the sealed content (bound into the AEAD's associated data). */
  sv: number
  enc: Sealed
}

export interface ClientRow extends SealedRow {
  status: ClientStatus
  updatedAt: string
}

export interface DraftRow extends SealedRow {
  updatedAt: string
}

export interface IncidentRow extends SealedRow {
  clientId: string
  status: IncidentStatus
  /** Local calendar date of the walkout (YYYY-MM-DD), for timelines. */
  occurredAt: string
  /** Earliest follow-up due (YYYY-MM-DD) or '' : what the dashboard's due list reads. */
  nextDue: string
  signed: 0 | 1
  updatedAt: string
}

export interface AddendumRow extends SealedRow {
  incidentId: string
  createdAt: string
}

export interface AuditRow extends SealedRow {
  /** Position in the hash chain (1, 2, 3…). */
  seq: number
}

/** Sealed singletons (the audit log's head). */
export type SealedSingletonRow = SealedRow

/** Vault header, its copy, the unlock throttle, a pending passphrase change: no client data. */
export interface MetaRow {
  id: MetaId
  value: unknown
}

export const DATABASE_NAME = 'mend'

export class MendDatabase extends Dexie {
  meta!: Table<MetaRow, MetaId>
  clients!: Table<ClientRow, string>
  drafts!: Table<DraftRow, string>
  incidents!: Table<IncidentRow, string>
  addenda!: Table<AddendumRow, string>
  audit!: Table<AuditRow, string>
  sealed!: Table<SealedSingletonRow, string>

  constructor(name: string = DATABASE_NAME) {
    // No global query cache: it would keep decrypted-adjacent rows (and what they index) in memory
    // after lock. Every query reads IndexedDB.
    super(name, { cache: 'disabled' })
    // Schema versions and migrations: add a new version() below, never edit an old one.
    this.version(1).stores({
      meta: 'id',
      clients: 'id, status, updatedAt',
      drafts: 'id, updatedAt',
    })
    this.version(2).stores({
      incidents: 'id, clientId, status, nextDue, occurredAt, updatedAt',
      addenda: 'id, incidentId',
      audit: 'id, &seq',
      sealed: 'id',
    })
  }
}
