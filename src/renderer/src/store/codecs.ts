import {
  AUDIT_SCHEMA_VERSION,
  auditEntrySchema,
  auditHeadSchema,
  type AuditEntry,
  type AuditHead,
} from '../domain/audit'
import {
  ADDENDUM_SCHEMA_VERSION,
  addendumSchema,
  INCIDENT_SCHEMA_VERSION,
  incidentSchema,
  nextDue,
  type Addendum,
  type Incident,
} from '../domain/incident'
import { localDate } from '../domain/time'
import type { AddendumRow, AuditRow, IncidentRow, SealedSingletonRow } from './db'
import type { RecordCodec } from './records'

export const incidentCodec: RecordCodec<Incident, IncidentRow> = {
  table: 'incidents',
  schemaVersion: INCIDENT_SCHEMA_VERSION,
  schema: incidentSchema,
  index: (incident) => ({
    clientId: incident.clientId,
    status: incident.status,
    occurredAt: localDate(new Date(incident.steps.safety?.leftAt?.utc ?? incident.createdAt.utc)),
    nextDue: nextDue(incident),
    signed: incident.signature ? 1 : 0,
    updatedAt: new Date().toISOString(),
  }),
  // occurredAt is a local date (depends on the time zone) and updatedAt is bookkeeping.
  bound: ['clientId', 'status', 'nextDue', 'signed'],
}

export const addendumCodec: RecordCodec<Addendum, AddendumRow> = {
  table: 'addenda',
  schemaVersion: ADDENDUM_SCHEMA_VERSION,
  schema: addendumSchema,
  index: (addendum) => ({ incidentId: addendum.incidentId, createdAt: addendum.createdAt.utc }),
  bound: ['incidentId', 'createdAt'],
}

export const auditCodec: RecordCodec<AuditEntry, AuditRow> = {
  table: 'audit',
  schemaVersion: AUDIT_SCHEMA_VERSION,
  schema: auditEntrySchema,
  index: (entry) => ({ seq: entry.seq }),
  bound: ['seq'],
}

export const auditHeadCodec: RecordCodec<AuditHead, SealedSingletonRow> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: auditHeadSchema,
  index: () => ({}),
}
