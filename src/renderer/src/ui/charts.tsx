import type { Figure, TimelinePoint } from '../domain/patterns'

/**
 * Small charts drawn inline in SVG. Every chart is also a real table with a caption, so a screen
 * reader reads the same figures; the drawings are hidden from it. Colours come from the theme's
 * custom properties (styles.css, `.chart…`) and `currentColor`, never from here, so a dark theme
 * recolours them; no chart tells anything by colour alone (lengths, shapes and written numbers).
 */

/** A count as a bar: its length relative to the largest count of the chart. */
function Bar({ count, max }: { count: number; max: number }) {
  const width = max === 0 ? 0 : (count / max) * 100
  return (
    <svg
      className="chart-bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect className="chart-bar__track" x="0" y="0" width="100" height="10" />
      {count > 0 && (
        <rect className="chart-bar__fill" x="0" y="0" width={Math.max(width, 1)} height="10" />
      )}
    </svg>
  )
}

/**
 * A bar chart that is a table: one row per category, its count written out and drawn as a bar.
 * The caption names the chart.
 */
export function BarTable({
  caption,
  category,
  figures,
}: {
  caption: string
  /** The heading of the first column ("Rupture type"). */
  category: string
  figures: readonly Figure[]
}) {
  const max = Math.max(0, ...figures.map((f) => f.count))
  return (
    <table className="chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{category}</th>
          <th scope="col">Walkouts</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.key}>
            <th scope="row">{f.label}</th>
            <td>
              <div className="chart-table__value">
                <span className="chart-table__count">{f.count}</span>
                <Bar count={f.count} max={max} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const COLUMN_WIDTH = 40
const COLUMN_GAP = 10
const COLUMN_HEIGHT = 100
const LABEL_SPACE = 34

/**
 * Counts over time (walkouts per month) as columns, with the same figures in a table a screen
 * reader reads (visually hidden: the columns carry their numbers and labels).
 */
export function ColumnChart({
  caption,
  category,
  figures,
}: {
  caption: string
  category: string
  figures: readonly Figure[]
}) {
  const max = Math.max(0, ...figures.map((f) => f.count))
  const step = COLUMN_WIDTH + COLUMN_GAP
  const width = figures.length * step
  const height = COLUMN_HEIGHT + LABEL_SPACE + 16
  return (
    <div className="chart">
      <svg
        className="chart-columns"
        viewBox={`0 0 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
      >
        <line
          className="chart-axis"
          x1="0"
          x2={width}
          y1={COLUMN_HEIGHT + 16}
          y2={COLUMN_HEIGHT + 16}
        />
        {figures.map((f, i) => {
          const h = max === 0 ? 0 : (f.count / max) * COLUMN_HEIGHT
          const x = i * step + COLUMN_GAP / 2
          const top = COLUMN_HEIGHT + 16 - h
          return (
            <g key={f.key}>
              {f.count > 0 && (
                <rect
                  className="chart-bar__fill"
                  x={x}
                  y={top}
                  width={COLUMN_WIDTH}
                  height={Math.max(h, 1)}
                />
              )}
              <text className="chart-text" x={x + COLUMN_WIDTH / 2} y={top - 4}>
                {f.count}
              </text>
              <text
                className="chart-text chart-text--muted"
                x={x + COLUMN_WIDTH / 2}
                y={COLUMN_HEIGHT + 16 + 16}
              >
                {f.label.split(' ')[0]}
              </text>
              <text
                className="chart-text chart-text--muted"
                x={x + COLUMN_WIDTH / 2}
                y={COLUMN_HEIGHT + 16 + 30}
              >
                {f.label.split(' ').slice(1).join(' ')}
              </text>
            </g>
          )
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{category}</th>
            <th scope="col">Walkouts</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              <td>{f.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export type MarkKind = 'withdrawal' | 'confrontation' | 'mixed' | 'not-recorded'

/** A mark whose shape says the rupture type (circle, square, triangle; hollow: not recorded). */
export function Mark({
  kind,
  x,
  y,
  size = 7,
}: {
  kind: MarkKind
  x: number
  y: number
  size?: number
}) {
  switch (kind) {
    case 'withdrawal':
      return <circle className="chart-mark" cx={x} cy={y} r={size} />
    case 'confrontation':
      return (
        <rect
          className="chart-mark"
          x={x - size * 0.9}
          y={y - size * 0.9}
          width={size * 1.8}
          height={size * 1.8}
        />
      )
    case 'mixed':
      return (
        <polygon
          className="chart-mark"
          points={`${x},${y - size * 1.1} ${x + size * 1.1},${y + size * 0.9} ${x - size * 1.1},${y + size * 0.9}`}
        />
      )
    case 'not-recorded':
      return <circle className="chart-mark chart-mark--hollow" cx={x} cy={y} r={size - 1} />
  }
}

/** The legend of the marks, in words (the shapes beside them are decoration). */
export function MarkLegend({ words }: { words: Record<MarkKind, string> }) {
  return (
    <ul className="chart-legend">
      {(Object.keys(words) as MarkKind[]).map((kind) => (
        <li key={kind}>
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
            <Mark kind={kind} x={10} y={10} size={6} />
          </svg>{' '}
          {words[kind]}
        </li>
      ))}
    </ul>
  )
}

const TIMELINE_WIDTH = 600
const TIMELINE_PAD = 12
const TIMELINE_ROW = 18

/**
 * Walkouts as marks on a line from `fromLabel` to `toLabel`; a second walkout on the same day is
 * drawn above the first. Hidden from screen readers: the page lists the same walkouts in a table.
 */
export function Timeline({
  points,
  fromLabel,
  toLabel,
}: {
  points: readonly TimelinePoint[]
  fromLabel: string
  toLabel: string
}) {
  const rows = Math.max(1, ...points.map((p) => p.stack + 1))
  const axis = TIMELINE_PAD + rows * TIMELINE_ROW
  const height = axis + TIMELINE_PAD
  const span = TIMELINE_WIDTH - 2 * TIMELINE_PAD
  return (
    <div className="chart chart-timeline">
      <svg
        viewBox={`0 0 ${TIMELINE_WIDTH} ${height}`}
        aria-hidden="true"
        focusable="false"
        className="chart-timeline__svg"
      >
        <line
          className="chart-axis"
          x1={TIMELINE_PAD}
          x2={TIMELINE_WIDTH - TIMELINE_PAD}
          y1={axis}
          y2={axis}
        />
        <line
          className="chart-axis"
          x1={TIMELINE_PAD}
          x2={TIMELINE_PAD}
          y1={axis - 5}
          y2={axis + 5}
        />
        <line
          className="chart-axis"
          x1={TIMELINE_WIDTH - TIMELINE_PAD}
          x2={TIMELINE_WIDTH - TIMELINE_PAD}
          y1={axis - 5}
          y2={axis + 5}
        />
        {points.map((p) => (
          <Mark
            key={p.id}
            kind={p.ruptureType ?? 'not-recorded'}
            x={TIMELINE_PAD + p.position * span}
            y={axis - TIMELINE_ROW / 2 - p.stack * TIMELINE_ROW}
          />
        ))}
      </svg>
      <div className="chart-timeline__ends" aria-hidden="true">
        <span>{fromLabel}</span>
        <span>{toLabel}</span>
      </div>
    </div>
  )
}
