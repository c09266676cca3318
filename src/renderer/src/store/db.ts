import Dexie, { type Table } from 'dexie'
import type { Sealed } from '../crypto/envelope'
import type { MetaId } from './keys'

/**
 * Every row of client data: a random id, the schema version of its encrypted content, and the
 * sealed content. Nothing else is in clear: what lists need (client, status, dates) lives in the
 * sealed index segments.
 */
export interface SealedRow {
  id: string
  /** Schema version of the sealed content (bound into the AEAD's associated data). */
  sv: number
  enc: Sealed
}

export type ClientRow = SealedRow
export type DraftRow = SealedRow
export type IncidentRow = SealedRow
export type AddendumRow = SealedRow

export interface AuditRow extends SealedRow {
  /** Position in the hash chain (1, 2, 3…). */
  seq: number
}

/** Sealed singletons (the audit log's head, settings). */
export type SealedSingletonRow = SealedRow

/** A sealed index segment: the list fields of up to SEGMENT_SIZE records of one table. */
export type SegmentRow = SealedRow

/**
 * Derived data kept sealed to save work (the search index's snapshot, the read packs): never
 * backed up, not bound into the audit trail, and checked against the records it was derived from
 * each time it is read (see store/search-snapshot.ts, store/packs.ts). Deleting a row only makes
 * the next unlock or full read slower. (A table's drop mark, see packs.ts, is a row of random
 * bytes here, with nothing sealed.)
 */
export type DerivedRow = SealedRow

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
  segments!: Table<SegmentRow, string>
  derived!: Table<DerivedRow, string>

  constructor(name: string = DATABASE_NAME) {
    // No global query cache: it would keep rows (and what they index) in memory after lock.
    // Every query reads IndexedDB.
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
    // Version 3: nothing identifying in clear. The clear index columns are no longer indexed;
    // the values themselves are removed at the first unlock (store/layout.ts), once the sealed
    // segments that replace them have been written and checked.
    this.version(3).stores({
      clients: 'id',
      drafts: 'id',
      incidents: 'id',
      addenda: 'id',
      segments: 'id',
    })
    // Version 4: each bound row's IV (random, no client data) is indexed, so the check at unlock
    // can read every row's version as keys only, without reading and hashing every row.
    this.version(4).stores({
      clients: 'id, enc.iv',
      incidents: 'id, enc.iv',
      addenda: 'id, enc.iv',
      sealed: 'id, enc.iv',
    })
    // Version 5: sealed derived data (the search index's snapshot), see DerivedRow.
    this.version(5).stores({
      derived: 'id',
    })
  }
}
