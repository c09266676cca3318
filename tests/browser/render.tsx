import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'

/** Renders into a fresh container attached to the real document; returns a cleanup function. */
export async function render(
  node: ReactNode,
): Promise<{ container: HTMLElement; unmount: () => Promise<void> }> {
  const container = document.createElement('div')
  document.body.append(container)
  let root: Root | undefined
  await act(async () => {
    root = createRoot(container, { onCaughtError: () => {}, onUncaughtError: () => {} })
    root.render(node)
  })
  return {
    container,
    unmount: async () => {
      await act(async () => root?.unmount())
      container.remove()
    },
  }
}
