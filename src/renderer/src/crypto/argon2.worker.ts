/// <reference lib="webworker" />
import { argon2id } from 'hash-wasm'

/**
 * Argon2id in a worker of its own: the passphrase and the derived bytes live in this worker's
 * memory only, and the worker is terminated as soon as it has answered.
 */
self.onmessage = async (
  event: MessageEvent<{
    password: string
    salt: Uint8Array
    parallelism: number
    iterations: number
    memorySize: number
  }>,
) => {
  try {
    const raw = await argon2id({ ...event.data, hashLength: 32, outputType: 'binary' })
    self.postMessage({ ok: true, raw }, [raw.buffer])
  } catch {
    self.postMessage({ ok: false })
  }
}
