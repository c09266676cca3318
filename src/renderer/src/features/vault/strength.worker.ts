/// <reference lib="webworker" />
import { checkStrength } from './strength'

/**
 * The passphrase-strength check runs here, in a worker the form terminates when it closes: the
 * passphrases it rated (zxcvbn keeps the last one) go with it.
 */
self.onmessage = async (event: MessageEvent<{ id: number; passphrase: string }>) => {
  const strength = await checkStrength(event.data.passphrase)
  self.postMessage({ id: event.data.id, strength })
}
