/**
 * Runs in the page under test (bundled by `print-helpers.ts`, served on the app's own origin):
 * creates a vault and fills it through the app's own store operations, which validate, seal and
 * audit every write exactly as the screens do. Much faster than typing 20,000-character fields.
 */
import type { Client } from '../../../src/renderer/src/domain/client'
import type { IncidentStatus, StepId, StepValues } from '../../../src/renderer/src/domain/incident'
import type { PracticeProfile } from '../../../src/renderer/src/domain/practice'
import {
  addAddendum,
  changeStatus,
  createClient,
  createIncident,
  saveStep,
  signIncident,
} from '../../../src/renderer/src/store/operations'
import { updatePracticeSettings } from '../../../src/renderer/src/store/settings'
import { createVault, MendDatabase } from '../../../src/renderer/src/store/vault'

export interface SeedWalkout {
  key: string
  steps: Partial<StepValues>
  complete: StepId[]
  sign?: boolean
  addenda?: string[]
  status?: IncidentStatus[]
}

export interface SeedRequest {
  passphrase: string
  clients: { key: string; client: Client; walkouts: SeedWalkout[] }[]
  profile?: PracticeProfile
}

async function seed(request: SeedRequest): Promise<Record<string, string>> {
  const db = new MendDatabase()
  const { session } = await createVault(db, request.passphrase, {
    withRecoveryKey: false,
    // The lowest parameters the vault accepts: unlocking in the test takes a fraction of a second.
    kdf: { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 },
  })
  const ids: Record<string, string> = {}
  try {
    if (request.profile) {
      const profile = request.profile
      await updatePracticeSettings(session, (s) => ({ ...s, profile }), 'Practice profile')
    }
    for (const { key, client, walkouts } of request.clients) {
      const clientId = await createClient(session, client)
      ids[key] = clientId
      for (const walkout of walkouts) {
        const id = await createIncident(session, clientId)
        ids[walkout.key] = id
        for (const step of Object.keys(walkout.steps) as StepId[]) {
          const values = walkout.steps[step] as StepValues[typeof step]
          await saveStep(session, id, step, values, walkout.complete.includes(step))
        }
        for (const status of walkout.status ?? []) await changeStatus(session, id, status)
        if (walkout.sign) {
          const clinician = request.profile?.clinicianName
            ? { name: request.profile.clinicianName, credentials: request.profile.credentials }
            : null
          await signIncident(session, id, { clinician, reason: 'Signed for a printing test.' })
        }
        for (const text of walkout.addenda ?? []) {
          await addAddendum(session, id, text)
          // Distinct times, so "in the order written" is a real order.
          await new Promise((resolve) => setTimeout(resolve, 15))
        }
      }
    }
  } finally {
    session.close()
    db.close()
  }
  return ids
}

declare global {
  interface Window {
    mendSeed?: typeof seed
  }
}
window.mendSeed = seed
