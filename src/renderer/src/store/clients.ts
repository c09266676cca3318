import { CLIENT_SCHEMA_VERSION, clientSchema, migrateClient, type Client } from '../domain/client'
import type { ClientRow } from './db'
import type { RecordCodec } from './records'

export const clientCodec: RecordCodec<Client, ClientRow> = {
  table: 'clients',
  schemaVersion: CLIENT_SCHEMA_VERSION,
  schema: clientSchema,
  index: (client) => ({ status: client.status, updatedAt: new Date().toISOString() }),
  bound: ['status'],
  migrate: migrateClient,
}
