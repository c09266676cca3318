import { z } from 'zod'

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_SIZE = { width: 1200, height: 820 } as const
export const MIN_SIZE = { width: 720, height: 520 } as const
/** How much of the window's title bar must be on a screen for saved bounds to be trusted. */
const MIN_VISIBLE = 100

const savedBoundsSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(MIN_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_SIZE.height).max(20_000),
  maximized: z.boolean().optional(),
})
export type SavedWindowState = z.infer<typeof savedBoundsSchema>

function visibleOverlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return { width: Math.max(0, width), height: Math.max(0, height) }
}

/**
 * Restores saved bounds only if they are well-formed and the top of the window lands on one of the
 * current displays' work areas (monitors change between sessions). Otherwise a default size,
 * centred by the OS, clamped to the primary work area.
 */
export function restoreBounds(
  saved: unknown,
  workAreas: Rect[],
): WindowBounds & { maximized: boolean } {
  const primary = workAreas[0]
  const fallback = {
    width: primary
      ? Math.min(DEFAULT_SIZE.width, Math.max(MIN_SIZE.width, primary.width))
      : DEFAULT_SIZE.width,
    height: primary
      ? Math.min(DEFAULT_SIZE.height, Math.max(MIN_SIZE.height, primary.height))
      : DEFAULT_SIZE.height,
    maximized: false,
  }
  const parsed = savedBoundsSchema.safeParse(saved)
  if (!parsed.success) return fallback
  const state = parsed.data
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: 40 }
  const onScreen = workAreas.some((area) => {
    const overlap = visibleOverlap(titleBar, area)
    return overlap.width >= Math.min(MIN_VISIBLE, state.width) && overlap.height > 0
  })
  if (!onScreen) return fallback
  return {
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    maximized: state.maximized ?? false,
  }
}

/** Parses the stored JSON text; unreadable text is treated as no saved state. */
export function parseSavedState(text: string | null): unknown {
  if (!text) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}
