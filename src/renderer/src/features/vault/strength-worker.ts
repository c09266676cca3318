import { MIN_LENGTH, MIN_SCORE, type Strength } from './strength'

/**
 * The strength checker a passphrase form uses: zxcvbn in a worker of its own, started when the
 * form opens and terminated when it closes.
 */
export class StrengthChecker {
  private worker: Worker | null = null
  private nextId = 0
  private readonly pending = new Map<number, (strength: Strength) => void>()

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./strength.worker.ts', import.meta.url), {
      type: 'module',
    })
    worker.onmessage = (event: MessageEvent<{ id: number; strength: Strength }>) => {
      this.pending.get(event.data.id)?.(event.data.strength)
      this.pending.delete(event.data.id)
    }
    this.worker = worker
    return worker
  }

  check(passphrase: string): Promise<Strength> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.start().postMessage({ id, passphrase })
    })
  }

  /** Whether a passphrase may be used, with the reason in words when it may not. */
  async problem(passphrase: string): Promise<string | null> {
    if (passphrase.length < MIN_LENGTH)
      return `Use at least ${MIN_LENGTH} characters. A few unrelated words work well.`
    const strength = await this.check(passphrase)
    if (strength.score < MIN_SCORE) {
      return `This passphrase is too easy to guess${strength.warning ? `: ${strength.warning.replace(/\.$/, '')}` : ''}. Add another unrelated word or two.`
    }
    return null
  }

  dispose(): void {
    this.worker?.terminate()
    this.worker = null
    this.pending.clear()
  }
}
