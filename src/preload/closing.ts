import type { CloseReplyState } from '../shared/ipc'

/**
 * The window is about to close: calls the page's listeners and answers main. Main holds the
 * window until the answer is 'done': at once when nothing listens or nothing is pending, else
 * 'working' first and 'done' once every listener's promise has settled (fulfilled or not). A
 * listener that throws does not hold the window.
 */
export function answerClosing(
  listeners: Iterable<() => Promise<void> | void>,
  reply: (state: CloseReplyState) => unknown,
): Promise<void> {
  const pending: Promise<void>[] = []
  for (const listener of listeners) {
    try {
      const result = listener()
      if (result) pending.push(result)
    } catch {
      // Nothing to wait for.
    }
  }
  if (pending.length === 0) {
    reply('done')
    return Promise.resolve()
  }
  reply('working')
  return Promise.allSettled(pending).then(() => void reply('done'))
}
