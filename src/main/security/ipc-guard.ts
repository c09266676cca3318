import type { z } from 'zod'
import { CHANNEL_PREFIX } from '../../shared/ipc'
import { isOwnUrl } from './urls'

/** The parts of an IPC event's sender frame the guard looks at. */
export interface SenderFrameLike {
  url: string
  parent: unknown
}

export interface IpcEventLike {
  senderFrame: SenderFrameLike | null
}

export interface IpcMainLike<E extends IpcEventLike = IpcEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void
}

/** Thrown to the renderer when a request is refused. Carries no data from the request. */
export class IpcRefusedError extends Error {
  constructor(reason: 'untrusted-sender' | 'invalid-arguments') {
    super(
      reason === 'untrusted-sender'
        ? 'Request refused: it did not come from Mend.'
        : 'Request refused: its arguments were not valid.',
    )
    this.name = 'IpcRefusedError'
  }
}

/** A sender is trusted only if it is the top frame of a page served from the app's own origin. */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  devServerUrl?: string,
): boolean {
  if (!frame) return false
  if (frame.parent !== null && frame.parent !== undefined) return false
  return isOwnUrl(frame.url, devServerUrl)
}

export interface GuardedHandlerOptions {
  devServerUrl?: string
  /** Told about refusals, with the channel only: never the arguments. */
  onRefused?: (channel: string, reason: 'untrusted-sender' | 'invalid-arguments') => void
}

/**
 * Registers an `ipcMain.handle` handler that checks the sender's origin and validates the
 * arguments (as a tuple) with zod before the handler runs.
 */
export function handleGuarded<E extends IpcEventLike, S extends z.ZodType<unknown[]>, R>(
  ipcMain: IpcMainLike<E>,
  channel: string,
  argsSchema: S,
  handler: (event: E, ...args: z.infer<S>) => R | Promise<R>,
  options: GuardedHandlerOptions = {},
): void {
  if (!channel.startsWith(CHANNEL_PREFIX))
    throw new Error(`IPC channel outside the ${CHANNEL_PREFIX} prefix`)
  ipcMain.handle(channel, async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame, options.devServerUrl)) {
      options.onRefused?.(channel, 'untrusted-sender')
      throw new IpcRefusedError('untrusted-sender')
    }
    const parsed = argsSchema.safeParse(args)
    if (!parsed.success) {
      options.onRefused?.(channel, 'invalid-arguments')
      throw new IpcRefusedError('invalid-arguments')
    }
    return handler(event, ...(parsed.data as z.infer<S>))
  })
}
