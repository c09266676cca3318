import {
  rng,
  sampleAddendum,
  sampleAddendumId,
  sampleClient,
  sampleClientId,
  sampleIncident,
  sampleIncidentId,
} from '../domain/sample'
import { put, type Change, type VaultSession } from './session'

/**
 * Fills a vault with the deterministic fictional practice (domain/sample.ts): clients, walkouts
 * at every stage and status, and addenda to signed ones, written in batches like an import (each
 * batch one transaction with its audit entry). The benchmark and the sample vault both use it.
 */
export async function seedSample(
  session: VaultSession,
  options: { clients: number; incidents: number; seed?: number; batch?: number; today?: Date },
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
  for (let i = 0; i < options.clients; i += batch) {
    const changes: Change[] = []
    for (let j = i; j < Math.min(options.clients, i + batch); j++)
      changes.push(put(session.clients, sampleClientId(j), sampleClient(random, j)))
    await write(changes, 'Sample clients')
  }
  let addenda = 0
  for (let i = 0; i < options.incidents; i += batch) {
    const changes: Change[] = []
    for (let j = i; j < Math.min(options.incidents, i + batch); j++) {
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
}
