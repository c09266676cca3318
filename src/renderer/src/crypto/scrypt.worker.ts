/// <reference lib="webworker" />
import { scrypt } from 'hash-wasm'

/**
 * scrypt for age passphrase stanzas (N = 2^logN, r = 8, p = 1), in a worker of its own: at age's
 * default work factor it takes seconds and 256 MiB, which must not freeze the screen. The worker
 * is terminated as soon as it has answered, and its memory with it.
 */
self.onmessage = async (
  event: MessageEvent<{ password: Uint8Array; salt: Uint8Array; logN: number }>,
) => {
  try {
    const { password, salt, logN } = event.data
    const raw = await scrypt({
      password,
      salt,
      costFactor: 2 ** logN,
      blockSize: 8,
      parallelism: 1,
      hashLength: 32,
      outputType: 'binary',
    })
    self.postMessage({ ok: true, raw }, [raw.buffer])
  } catch {
    self.postMessage({ ok: false })
  }
}
