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
import { CLIENT_SCHEMA_VERSION, clientSchema, migrateClientV1, type Client } from '../domain/client'
import {
  migratePracticeSettingsV1,
  PRACTICE_SETTINGS_SCHEMA_VERSION,
  practiceSettingsSchema,
  type PracticeSettings,
} from '../domain/practice'
import { vaultSettingsSchema, type VaultSettings } from '../domain/settings'
import { localDate, timestampSchema } from '../domain/time'
import { z } from 'zod'
import type {
  AddendumRow,
  AuditRow,
  ClientRow,
  DraftRow,
  IncidentRow,
  SealedSingletonRow,
} from './db'
import { migrations, type RecordCodec } from './records'

/**
 * Every kind of sealed record, in one place: its table, schema, schema version, clear index
 * fields and migrations. A schema change without a version bump fails a unit test.
 */

export const clientCodec: RecordCodec<Client, ClientRow> = {
  table: 'clients',
  schemaVersion: CLIENT_SCHEMA_VERSION,
  schema: clientSchema,
  index: (client) => ({ status: client.status, updatedAt: new Date().toISOString() }),
  bound: ['status'],
  migrate: migrations(CLIENT_SCHEMA_VERSION, { 1: migrateClientV1 }),
}

/** An unsaved form: which form, what was typed, when. All of it sealed like any record. */
export const draftSchema = z.object({
  /** What the form is, in words for the "continue where you left off" offer (no client data). */
  label: z.string().max(200),
  /** The route the form lives at (random ids only). */
  route: z.string().max(500),
  values: z.unknown(),
  savedAt: z.string(),
})
export type Draft = z.infer<typeof draftSchema>

export const draftCodec: RecordCodec<Draft, DraftRow> = {
  table: 'drafts',
  schemaVersion: 1,
  schema: draftSchema,
  index: (draft) => ({ updatedAt: draft.savedAt }),
  migrate: migrations(1),
}

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
  migrate: migrations(INCIDENT_SCHEMA_VERSION),
}

export const addendumCodec: RecordCodec<Addendum, AddendumRow> = {
  table: 'addenda',
  schemaVersion: ADDENDUM_SCHEMA_VERSION,
  schema: addendumSchema,
  index: (addendum) => ({ incidentId: addendum.incidentId, createdAt: addendum.createdAt.utc }),
  bound: ['incidentId', 'createdAt'],
  migrate: migrations(ADDENDUM_SCHEMA_VERSION),
}

export const auditCodec: RecordCodec<AuditEntry, AuditRow> = {
  table: 'audit',
  schemaVersion: AUDIT_SCHEMA_VERSION,
  schema: auditEntrySchema,
  index: (entry) => ({ seq: entry.seq }),
  bound: ['seq'],
  migrate: migrations(AUDIT_SCHEMA_VERSION),
}

export const auditHeadCodec: RecordCodec<AuditHead, SealedSingletonRow> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: auditHeadSchema,
  index: () => ({}),
  migrate: migrations(1),
}

/** The host's locale (the default paper size follows it); Node without `navigator` reads en-US. */
export function hostLocale(): string {
  return typeof navigator === 'undefined' ? 'en-US' : navigator.language
}

/**
 * The practice's settings (emergency resources, practice profile, paper size, letter templates),
 * sealed: what the screen trusts is sealed. Version 2 added the profile, paper size and templates.
 */
export const practiceSettingsCodec: RecordCodec<PracticeSettings, SealedSingletonRow> = {
  table: 'sealed',
  schemaVersion: PRACTICE_SETTINGS_SCHEMA_VERSION,
  schema: practiceSettingsSchema,
  index: () => ({}),
  migrate: migrations(PRACTICE_SETTINGS_SCHEMA_VERSION, {
    1: (value) => migratePracticeSettingsV1(value, hostLocale()),
  }),
}

/** The vault's own settings (auto-lock time), sealed. */
export const vaultSettingsCodec: RecordCodec<VaultSettings, SealedSingletonRow> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: vaultSettingsSchema,
  index: () => ({}),
  migrate: migrations(1),
}

/**
 * When each walkout's session-prep sheet was last printed (walkout id -> moment), so Today can
 * say which sheets are still to print. Ids and times only: no content, no names.
 */
export const printLogSchema = z.object({
  prepSheets: z.record(z.string().min(1).max(100), timestampSchema),
})
export type PrintLog = z.infer<typeof printLogSchema>

export const printLogCodec: RecordCodec<PrintLog, SealedSingletonRow> = {
  table: 'sealed',
  schemaVersion: 1,
  schema: printLogSchema,
  index: () => ({}),
  migrate: migrations(1),
}

/** Every codec, for the schema-evolution test and for whole-vault readers. */
export const CODECS = {
  clients: clientCodec,
  drafts: draftCodec,
  incidents: incidentCodec,
  addenda: addendumCodec,
  audit: auditCodec,
  auditHead: auditHeadCodec,
  practiceSettings: practiceSettingsCodec,
  vaultSettings: vaultSettingsCodec,
  printLog: printLogCodec,
} as const
