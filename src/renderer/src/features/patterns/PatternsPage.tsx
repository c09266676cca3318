import { useEffect, useMemo } from 'react'
import { Link } from 'react-router'
import {
  CLUSTER_RULE,
  describeCluster,
  endingFigures,
  findCluster,
  minuteFigures,
  monthFigures,
  overview,
  partOfDayFigures,
  ruptureFigures,
  walkoutsForPatterns,
  weekdayFigures,
} from '../../domain/patterns'
import { localDate } from '../../domain/time'
import { useAllIncidents, useClientSummaries, useUnopenedCount } from '../../store/queries'
import { BarTable, ColumnChart } from '../../ui/charts'
import { formatDay, formatMoment } from '../../ui/format'
import { Notice } from '../../ui/Notice'

/** The most walkouts of a cluster listed with links; the rest are counted. */
const LINKS_SHOWN = 12

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The practice's walkouts at a glance, from the sealed index alone (no record is opened): per
 * month, rupture types, time into the session, how they ended, day and part of the day. When
 * walkouts cluster (`CLUSTER_RULE`), a prompt to look at one's own part, with links to the
 * reflections of those walkouts; never what the reflections say.
 */
export function PatternsPage() {
  const incidents = useAllIncidents()
  const clients = useClientSummaries()
  const unopened = useUnopenedCount('incidents')
  const today = localDate()

  useEffect(() => {
    document.getElementById('patterns-title')?.focus()
  }, [])

  const walkouts = useMemo(
    () => walkoutsForPatterns(incidents.flatMap((item) => (item.ok ? [item] : []))),
    [incidents],
  )
  const figures = useMemo(
    () => ({
      overview: overview(walkouts),
      months: monthFigures(walkouts, today),
      ruptures: ruptureFigures(walkouts),
      minutes: minuteFigures(walkouts),
      endings: endingFigures(walkouts),
      weekdays: weekdayFigures(walkouts),
      parts: partOfDayFigures(walkouts),
      cluster: findCluster(walkouts, today),
    }),
    [walkouts, today],
  )
  const { overview: o, cluster } = figures

  return (
    <section aria-labelledby="patterns-title" className="patterns">
      <h1 id="patterns-title" tabIndex={-1}>
        Patterns
      </h1>
      <p className="muted">
        Walkouts across your practice, counted on this computer from your encrypted records. Voided
        records are left out. What happened before each walkout is on each client’s page.
      </p>
      {unopened > 0 && (
        <Notice tone="error">
          {unopened === 1
            ? '1 walkout record could not be opened'
            : `${unopened} walkout records could not be opened`}
          : damaged or altered outside Mend. They are not counted here. Open Audit trail and verify
          it, or restore from a backup.
        </Notice>
      )}

      {o.count === 0 ? (
        <p>No walkout recorded yet, so there is nothing to show.</p>
      ) : (
        <>
          <p>
            {plural(o.count, 'walkout', 'walkouts')} of {plural(o.clients, 'client', 'clients')}
            {o.count === 1
              ? `, on ${formatDay(o.first)}.`
              : `, from ${formatDay(o.first)} to ${formatDay(o.last)}.`}{' '}
            {o.medianMinutes === null
              ? 'Time into the session not recorded.'
              : `Typically ${o.medianMinutes} minutes into the session (the middle value of ${o.minutesRecorded} recorded).`}
          </p>

          {cluster ? (
            <section aria-labelledby="cluster-title" className="card cluster-prompt">
              <h2 id="cluster-title">Walkouts have come together lately</h2>
              <p>{describeCluster(cluster)}</p>
              <p>
                When several clients walk out within a few weeks, what they share may be the room
                and the person in it. It may help to look at your own part: what was going on for
                you in those weeks, and what you noticed under “My own contribution” in each
                reflection. Supervision or consultation is a good place for it.
              </p>
              <h3 id="cluster-links-title">Your reflections on these walkouts</h3>
              <ul aria-labelledby="cluster-links-title">
                {cluster.walkouts.slice(0, LINKS_SHOWN).map((w) => (
                  <li key={w.id}>
                    <Link to={`/incidents/${w.id}/reflect`}>
                      {clients.get(w.clientId)?.displayName ?? 'A client'},{' '}
                      {formatMoment(w.walkoutAt)}
                    </Link>{' '}
                    <span className="muted">
                      {w.contributionNoted
                        ? '(your own part noted)'
                        : '(your own part not written yet)'}
                    </span>
                  </li>
                ))}
              </ul>
              {cluster.walkouts.length > LINKS_SHOWN && (
                <p className="muted">
                  And {cluster.walkouts.length - LINKS_SHOWN} more in those 8 weeks: each client’s
                  page lists their walkouts.
                </p>
              )}
            </section>
          ) : (
            <p>
              Walkouts are not clustering: Mend invites you to look at your own part when{' '}
              {CLUSTER_RULE.minWalkouts} or more walkouts of at least {CLUSTER_RULE.minClients}{' '}
              clients fall within the last 8 weeks, and that is at least twice as many as usual
              (over the year before).
            </p>
          )}

          <section aria-labelledby="months-title">
            <h2 id="months-title">Walkouts per month</h2>
            <ColumnChart
              caption="Walkouts per month, the last 12 months"
              category="Month"
              figures={figures.months}
            />
          </section>

          <section aria-labelledby="figures-title">
            <h2 id="figures-title">What the walkouts have in common</h2>
            <div className="patterns__grid">
              <BarTable
                caption="Rupture types"
                category="Rupture type"
                figures={figures.ruptures}
              />
              <BarTable
                caption="Time into the session"
                category="Minutes into the session"
                figures={figures.minutes}
              />
              <BarTable caption="How they ended" category="Ending" figures={figures.endings} />
              <BarTable caption="Day of the week" category="Day" figures={figures.weekdays} />
              <BarTable
                caption="Part of the day"
                category="Part of the day"
                figures={figures.parts}
              />
            </div>
          </section>
        </>
      )}
    </section>
  )
}
