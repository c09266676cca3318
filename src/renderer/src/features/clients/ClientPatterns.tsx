import { useMemo } from 'react'
import { Link } from 'react-router'
import { ENDING_WORDS, type IncidentSummary } from '../../domain/incident'
import {
  endingFigures,
  excerpt,
  minuteFigures,
  NOT_RECORDED,
  overview,
  RUPTURE_SHORT_WORDS,
  ruptureFigures,
  timeline,
  walkoutsForPatterns,
} from '../../domain/patterns'
import { localDate } from '../../domain/time'
import { useWalkoutRecordsOf } from '../../store/queries'
import { BarTable, MarkLegend, Timeline } from '../../ui/charts'
import { formatDay, formatMoment } from '../../ui/format'

const MARK_WORDS = { ...RUPTURE_SHORT_WORDS, 'not-recorded': 'Rupture type not recorded' }

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * One client's walkouts at a glance: how many and when (a small timeline), rupture types, time
 * into the session, how each ended, and what happened just before each (from the records
 * themselves, the only figure that needs them opened). Voided records are not counted.
 */
export function ClientPatterns({
  clientId,
  items,
}: {
  clientId: string
  items: readonly { id: string; summary: IncidentSummary }[]
}) {
  const walkouts = useMemo(() => walkoutsForPatterns(items), [items])
  const today = localDate()
  const records = useWalkoutRecordsOf(clientId)
  const before = useMemo(() => {
    const map = new Map<string, string | null>()
    for (const record of records ?? [])
      map.set(record.id, record.ok ? (record.value.steps.safety?.beforeNarrative ?? '') : null)
    return map
  }, [records])
  const figures = useMemo(
    () => ({
      overview: overview(walkouts),
      timeline: timeline(walkouts, today),
      ruptures: ruptureFigures(walkouts),
      minutes: minuteFigures(walkouts),
      endings: endingFigures(walkouts),
    }),
    [walkouts, today],
  )
  if (walkouts.length === 0) return null
  const { overview: o } = figures
  const byId = new Map(walkouts.map((w) => [w.id, w]))

  return (
    <section aria-labelledby="client-patterns-title" className="card patterns">
      <h2 id="client-patterns-title">Walkouts at a glance</h2>
      <p>
        {plural(o.count, 'walkout', 'walkouts')}
        {o.count === 1
          ? `, on ${formatDay(o.first)}.`
          : `, from ${formatDay(o.first)} to ${formatDay(o.last)}.`}{' '}
        {o.medianMinutes === null
          ? 'Time into the session not recorded.'
          : o.count === 1
            ? `${o.medianMinutes} minutes into the session.`
            : `Typically ${o.medianMinutes} minutes into the session (the middle value of ${o.minutesRecorded} recorded).`}
      </p>

      <h3>On a timeline</h3>
      <Timeline
        points={figures.timeline.points}
        fromLabel={formatDay(figures.timeline.from)}
        toLabel={`Today, ${formatDay(figures.timeline.to)}`}
      />
      <MarkLegend words={MARK_WORDS} />

      <table className="walkout-table">
        <caption>Each walkout, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Minutes into the session</th>
            <th scope="col">Rupture type</th>
            <th scope="col">What happened just before</th>
            <th scope="col">How it ended</th>
          </tr>
        </thead>
        <tbody>
          {figures.timeline.points.map((point) => {
            const w = byId.get(point.id)!
            const narrative = before.get(point.id)
            return (
              <tr key={point.id}>
                <th scope="row">
                  <Link to={`/incidents/${point.id}`}>{formatMoment(w.walkoutAt)}</Link>
                </th>
                <td>{w.minutesIntoSession ?? NOT_RECORDED}</td>
                <td>{w.ruptureType ? RUPTURE_SHORT_WORDS[w.ruptureType] : NOT_RECORDED}</td>
                <td>
                  {records === undefined
                    ? 'Opening…'
                    : narrative === null
                      ? 'This record could not be opened.'
                      : narrative?.trim()
                        ? excerpt(narrative)
                        : NOT_RECORDED}
                </td>
                <td>{ENDING_WORDS[w.ending]}</td>
              </tr>
            )
          })}
        </tbody>
      </table>

      <div className="patterns__grid">
        <BarTable caption="Rupture types" category="Rupture type" figures={figures.ruptures} />
        <BarTable
          caption="Time into the session"
          category="Minutes into the session"
          figures={figures.minutes}
        />
        <BarTable caption="How they ended" category="Ending" figures={figures.endings} />
      </div>
    </section>
  )
}
