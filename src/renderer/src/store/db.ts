import Dexie, { type Table } from 'dexie'
import type { Sealed } from '../crypto/envelope'
import type { ClientStatus } from '../domain/client'

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

/** Vault header, its copy, settings, the unlock throttle, a pending passphrase change: no client data. */
export interface MetaRow {
  id: 'header' | 'header-copy' | 'settings' | 'unlock-throttle' | 'passphrase-change'
  value: unknown
}

export const DATABASE_NAME = 'mend'

export class MendDatabase extends Dexie {
  meta!: Table<MetaRow, MetaRow['id']>
  clients!: Table<ClientRow, string>
  drafts!: Table<DraftRow, string>

  constructor(name: string = DATABASE_NAME) {
    super(name)
    // Schema versions and migrations: add a new version() below, never edit an old one.
    this.version(1).stores({
      meta: 'id',
      clients: 'id, status, updatedAt',
      drafts: 'id, updatedAt',
    })
  }
}
