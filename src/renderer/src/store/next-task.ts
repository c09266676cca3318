/**
 * Resolves in a task of its own, so that the page can draw and answer input between two pieces
 * of long work (a message: not throttled in a hidden window, unlike timers).
 */
export function nextTask(): Promise<void> {
  const { port1, port2 } = new MessageChannel()
  return new Promise((resolve) => {
    port1.onmessage = () => {
      port1.close()
      resolve()
    }
    port2.postMessage(null)
  })
}
