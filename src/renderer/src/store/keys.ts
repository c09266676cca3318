import type { StepId } from '../domain/incident'

/**
 * Every storage key of the store, in one place: the ids of the clear meta rows, of the sealed
 * singletons, and of drafts. Nothing else spells a key.
 */

/** Rows of the `meta` table: vault header, its copy and bookkeeping (no client data). */
export const META = {
  header: 'header',
  headerCopy: 'header-copy',
  /** Legacy clear settings (before the settings were sealed); read once to migrate. */
  settings: 'settings',
  /** Legacy clear practice settings; read once to migrate. */
  practice: 'practice',
  unlockThrottle: 'unlock-throttle',
  /** Storage layout of the vault (3: nothing identifying in clear, sealed index segments). */
  layout: 'layout',
  passphraseChange: 'passphrase-change',
  /** Only in the sample vault's database: the invented records are all written. */
  sampleReady: 'sample-ready',
} as const
export type MetaId = (typeof META)[keyof typeof META]

/** Rows of the `sealed` table: singletons sealed like records. */
export const SEALED = {
  auditHead: 'audit-head',
  practice: 'practice-settings',
  vaultSettings: 'vault-settings',
  /** The last integrity warning the therapist acknowledged (so it is not repeated). */
  integrityAck: 'integrity-ack',
  /** Where the last clean integrity check left off (derived, not bound into the trail). */
  integrityCheckpoint: 'integrity-checkpoint',
  /** When each walkout's session-prep sheet was last printed. */
  printLog: 'print-log',
  /** Automatic backups: the backup key (an age identity), schedule and how many to keep. */
  backupConfig: 'backup-config',
  /** When the last backups, attempts and restore drills happened. */
  backupState: 'backup-state',
} as const
export type SealedId = (typeof SEALED)[keyof typeof SEALED]

/** Draft ids: which form a draft belongs to (random record ids only, never names). */
export const DRAFTS = {
  newClient: 'client:new',
  client: (clientId: string) => `client:${clientId}`,
  step: (incidentId: string, step: StepId) => `incident:${incidentId}:${step}`,
  /** The prefix shared by every step draft of one incident. */
  stepsOf: (incidentId: string) => `incident:${incidentId}:`,
  addendum: (incidentId: string) => `addendum:${incidentId}`,
} as const

/** Rows of the `derived` table: sealed data derived from the records, rebuilt when it is off. */
export const DERIVED = {
  /** The search index as last written by the search worker (see store/search-snapshot.ts). */
  searchSnapshot: 'search-snapshot',
  /** The prefix of a table's read packs' ids, each followed by a random id (see store/packs.ts). */
  packsOf: (table: string) => `pack:${table}:`,
  /** When a table's read packs were last dropped: random bytes, no client data (see packs.ts). */
  packsDropped: (table: string) => `packs-dropped:${table}`,
} as const
