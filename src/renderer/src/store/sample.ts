import type { Client } from '../domain/client'
import { INCIDENT_STATUS_WORDS } from '../domain/incident'
import {
  rng,
  sampleAddendum,
  sampleAddendumId,
  sampleClient,
  sampleClientId,
  sampleIncident,
  sampleIncidentId,
  showcaseClient,
  showcaseWalkouts,
} from '../domain/sample'
import { put, type Change, type VaultSession } from './session'

/** Where the domain's generator anchors its dates when no day is given. */
const DEFAULT_TODAY = new Date(Date.UTC(2026, 10, 27))

/**
 * Fills a vault with the deterministic fictional practice (domain/sample.ts): clients, walkouts
 * at every stage and status, and addenda to signed ones, written in batches like an import (each
 * batch one transaction with its audit entry). The benchmark and the sample vault both use it.
 *
 * With `showcase` (the sample vault), the first walkouts are the showcase, one for every state
 * the screens know; a reopened one is then reopened in a commit of its own, audited as a
 * reopening. Without it (the benchmark), the records are exactly those of the random generator.
 */
export async function seedSample(
  session: VaultSession,
  options: {
    clients: number
    incidents: number
    seed?: number
    batch?: number
    today?: Date
    showcase?: boolean
  },
): Promise<void> {
  const random = rng(options.seed ?? 7)
  const batch = options.batch ?? 1000
  const write = async (changes: Change[], detail: string) => {
    if (changes.length === 0) return
    await session.commit({
      changes,
      audit: { action: 'import', target: 'vault', targetId: session.vaultId, detail },
    })
  }
  const kept: Client[] = []
  for (let i = 0; i < options.clients; i += batch) {
    const changes: Change[] = []
    for (let j = i; j < Math.min(options.clients, i + batch); j++) {
      let client = sampleClient(random, j)
      if (options.showcase) {
        client = showcaseClient(client, j)
        kept.push(client)
      }
      changes.push(put(session.clients, sampleClientId(j), client))
    }
    await write(changes, 'Sample clients')
  }
  const showcase = options.showcase
    ? showcaseWalkouts(kept, options.today ?? DEFAULT_TODAY).slice(0, options.incidents)
    : []
  let addenda = 0
  for (let i = 0; i < options.incidents; i += batch) {
    const changes: Change[] = []
    for (let j = i; j < Math.min(options.incidents, i + batch); j++) {
      const shown = showcase[j]
      if (shown) {
        changes.push(
          put(session.incidents, sampleIncidentId(j), shown.beforeReopen ?? shown.incident),
        )
        for (const addendum of shown.addenda)
          changes.push(
            put(session.addenda, sampleAddendumId(addenda++), {
              incidentId: sampleIncidentId(j),
              ...addendum,
            }),
          )
        continue
      }
      const incident = sampleIncident(random, j, options.clients, options.today)
      changes.push(put(session.incidents, sampleIncidentId(j), incident))
      if (incident.signature && random() < 0.2) {
        changes.push(
          put(
            session.addenda,
            sampleAddendumId(addenda++),
            sampleAddendum(random, sampleIncidentId(j), incident),
          ),
        )
      }
    }
    await write(changes, 'Sample walkouts')
  }
  // Reopened records: the status change is its own entry in the trail, as in the app.
  for (const [j, shown] of showcase.entries()) {
    if (!shown.beforeReopen) continue
    await session.commit({
      changes: [put(session.incidents, sampleIncidentId(j), shown.incident)],
      audit: {
        action: 'reopen',
        target: 'incident',
        targetId: sampleIncidentId(j),
        detail: INCIDENT_STATUS_WORDS[shown.incident.status],
      },
    })
  }
}
