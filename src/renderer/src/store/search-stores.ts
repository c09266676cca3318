import { addendumCodec, clientCodec, incidentCodec, type IndexedTable } from './codecs'
import type { MendDatabase } from './db'
import { RecordStore } from './records'

/** The stores of the records search indexes, on a worker's own connection to the vault. */
export type SearchStores = { [T in IndexedTable]: RecordStore<unknown> }

export function searchStoresOf(db: MendDatabase): SearchStores {
  return {
    clients: new RecordStore(db.clients, clientCodec) as RecordStore<unknown>,
    incidents: new RecordStore(db.incidents, incidentCodec) as RecordStore<unknown>,
    addenda: new RecordStore(db.addenda, addendumCodec) as RecordStore<unknown>,
  }
}
