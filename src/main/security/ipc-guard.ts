import type { z } from 'zod'
import { CHANNEL_PREFIX } from '../../shared/ipc'
import { PublicError } from '../errors'
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
export class IpcRefusedError extends PublicError {
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
  /** Told when a handler failed, with the channel and the error's code (e.g. ENOSPC) only. */
  onFailed?: (channel: string, code: string) => void
}

/** Node's error codes that have words the practitioner can act on. */
const PUBLIC_MESSAGES: Record<string, string> = {
  ENOSPC: 'There is not enough space on the disk.',
  EDQUOT: 'There is not enough space on the disk.',
  EACCES: 'Mend is not allowed to use that file or folder.',
  EPERM: 'Mend is not allowed to use that file or folder.',
  EROFS: 'That disk is read-only.',
  ENOENT: 'That file or folder is no longer there.',
}

/**
 * What the renderer may see of an error. Electron sends a rejected handler's message to the
 * renderer, and Node's file errors name their paths, so anything not written for the renderer
 * becomes a fixed message (by error code where one helps).
 */
export function publicError(error: unknown): { error: Error; code: string } {
  if (error instanceof PublicError) return { error, code: error.name }
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : 'unknown'
  const message = PUBLIC_MESSAGES[code] ?? 'Mend could not complete that request.'
  return {
    error: new PublicError(message),
    code: /^[A-Z0-9_]{1,32}$/.test(code) ? code : 'unknown',
  }
}

/**
 * Registers an `ipcMain.handle` handler that checks the sender's origin and validates the
 * arguments (as a tuple) with zod before the handler runs. What the handler throws reaches the
 * renderer only as a PublicError (see publicError).
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
    try {
      return await handler(event, ...(parsed.data as z.infer<S>))
    } catch (error) {
      const { error: safe, code } = publicError(error)
      options.onFailed?.(channel, code)
      throw safe
    }
  })
}
