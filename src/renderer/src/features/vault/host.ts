import type { Platform } from '../../platform'
import type { VaultHost } from '../../store/vault'
import type { KdfOverrides } from '../../crypto/vault-keys'

/**
 * What this host gives the vault: where failed unlocks are counted and where the copy of the
 * audit head is kept. The desktop app keeps both in the main process (outside the profile the
 * renderer writes); the web preview keeps both in local storage.
 */
export function vaultHost(platform: Platform, kdfFloor?: KdfOverrides): VaultHost {
  const { gate, headMirror } = platform.vault
  const host: VaultHost = {
    mirror: {
      read: (vaultId) => headMirror.read(vaultId),
      write: (vaultId, head, how) =>
        headMirror.write({
          vaultId,
          seq: head.seq,
          hash: head.hash,
          ...('reset' in how
            ? { reset: true as const }
            : { after: { seq: how.after.seq, hash: how.after.hash } }),
        }),
    },
    gate: {
      check: async () => (await gate.check()).waitMs,
      failed: async () => {
        await gate.failed()
      },
      succeeded: async () => (await gate.succeeded()).failedSinceLast,
    },
  }
  if (kdfFloor) host.kdfFloor = kdfFloor
  return host
}
