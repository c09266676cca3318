import { useEffect, useRef } from 'react'
import { Link } from 'react-router'
import { CLIENT_STATUS_WORDS, distinguishing } from '../../domain/client'
import { INCIDENT_STATUS_WORDS } from '../../domain/incident'
import { highlight, type Excerpt, type Part } from '../../domain/search'
import { useSearch, useSearchStatus, type Found } from '../../store/search-queries'
import { formatDay, formatMoment } from '../../ui/format'
import { SEARCH_SHORTCUT, useSearchBox } from './SearchBox'

/** Text with the matching words marked. */
function Marked({ parts }: { parts: readonly Part[] }) {
  return <>{parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</>
}

function Excerpts({ excerpts }: { excerpts: readonly Excerpt[] }) {
  if (excerpts.length === 0) return null
  return (
    <ul className="search-result__excerpts">
      {excerpts.map((excerpt, i) => (
        <li key={i} className={excerpt.reflection ? 'search-result__private' : undefined}>
          {excerpt.reflection && <span className="badge badge--private">Psychotherapy note</span>}{' '}
          <span className="search-result__label">{excerpt.label}:</span>{' '}
          <Marked parts={excerpt.parts} />
        </li>
      ))}
    </ul>
  )
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`

/** What the results say, in words, for the polite live region (counts only, never content). */
function summary(found: Found): string {
  const { clients, walkouts } = found.counts
  if (clients === 0 && walkouts === 0) return 'No client or walkout record matches your search.'
  return `${plural(clients, 'client', 'clients')} and ${plural(walkouts, 'walkout record', 'walkout records')} match.`
}

function More({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null
  return (
    <p className="muted">
      The {shown} best of {total.toLocaleString()} {what} are shown. Add a word to narrow the
      search.
    </p>
  )
}

/**
 * The results of the search box: clients, then walkout records, best first, each with the words
 * that matched marked in a short excerpt. The private reflections are searched only while the
 * switch is on, and what is found in them is marked as a psychotherapy note.
 */
export function SearchPage() {
  const {
    query,
    includeReflections,
    setIncludeReflections,
    resultsTargetRef,
    focusResultsOnShowRef,
  } = useSearchBox()
  const status = useSearchStatus()
  const found = useSearch(query, includeReflections)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const listsRef = useRef<HTMLDivElement>(null)

  // Enter or ↓ in the search box: to the first result, or to this heading when there is none.
  useEffect(() => {
    const focus = () => {
      const first = listsRef.current?.querySelector<HTMLAnchorElement>('a[href]')
      if (first) first.focus()
      else headingRef.current?.focus()
    }
    resultsTargetRef.current = focus
    if (focusResultsOnShowRef.current) {
      focusResultsOnShowRef.current = false
      focus()
    }
    return () => {
      resultsTargetRef.current = null
    }
  }, [resultsTargetRef, focusResultsOnShowRef])

  const typed = query.trim() !== ''
  const preparing = status.state === 'building'
  const current = found !== null && found.query === query
  let said: string
  if (status.state === 'failed')
    said = 'Search could not be prepared. Lock Mend and unlock it again to try once more.'
  else if (!typed)
    said = `Type in the search box at the top of the screen (${SEARCH_SHORTCUT}) to search clients and walkout records.`
  else if (!found) said = preparing ? 'Preparing search…' : 'Searching…'
  else if (!found.complete) said = `Preparing search… So far: ${summary(found)}`
  else said = summary(found)

  return (
    <section aria-labelledby="search-title" className="search-page">
      <h1 id="search-title" ref={headingRef} tabIndex={-1}>
        Search
      </h1>
      <div className="checkbox search-page__private">
        <input
          id="search-reflections"
          type="checkbox"
          role="switch"
          checked={includeReflections}
          onChange={(event) => setIncludeReflections(event.target.checked)}
          aria-describedby="search-reflections-hint"
        />
        <div>
          <label htmlFor="search-reflections">Include my private reflections</label>
          <p id="search-reflections-hint" className="field__hint">
            Reflections are psychotherapy notes. They are searched only while this is on, and what
            is found in them is marked.
          </p>
        </div>
      </div>
      <p
        role="status"
        className="search-page__status"
        data-search-state={status.state}
        data-results-for={found && typed ? found.query : undefined}
      >
        {said}
      </p>
      {preparing && (
        <p className="muted search-page__progress">
          <progress
            max={Math.max(status.total, 1)}
            value={status.indexed}
            aria-label="Preparing search"
          />{' '}
          {status.indexed.toLocaleString()} of {status.total.toLocaleString()} records read
        </p>
      )}
      {found && typed && (
        <div ref={listsRef} aria-busy={!current} className={current ? undefined : 'is-stale'}>
          {found.clients.length > 0 && (
            <section aria-labelledby="search-clients">
              <h2 id="search-clients">Clients ({found.counts.clients.toLocaleString()})</h2>
              <ul className="search-results" aria-label="Clients found">
                {found.clients.map(({ hit, summary: client }) => {
                  const details = [
                    client.initials,
                    distinguishing(client, formatDay),
                    CLIENT_STATUS_WORDS[client.status],
                  ]
                    .filter(Boolean)
                    .join(' · ')
                  return (
                    <li key={hit.id} className="search-result">
                      <Link to={`/clients/${hit.id}`} className="search-result__title">
                        <Marked parts={highlight(client.displayName, hit.terms)} />
                      </Link>
                      <span className="record-list__meta">
                        <Marked parts={highlight(details, hit.terms)} />
                      </span>
                      <Excerpts excerpts={hit.excerpts} />
                    </li>
                  )
                })}
              </ul>
              <More shown={found.clients.length} total={found.counts.clients} what="clients" />
            </section>
          )}
          {found.walkouts.length > 0 && (
            <section aria-labelledby="search-walkouts">
              <h2 id="search-walkouts">
                Walkout records ({found.counts.walkouts.toLocaleString()})
              </h2>
              <ul className="search-results" aria-label="Walkout records found">
                {found.walkouts.map(({ hit, summary: walkout, client }) => (
                  <li key={hit.id} className="search-result">
                    <Link to={`/incidents/${hit.id}`} className="search-result__title">
                      Walkout of{' '}
                      {client ? (
                        <Marked parts={highlight(client.displayName, hit.terms)} />
                      ) : (
                        'a client whose record did not open'
                      )}
                      , {formatMoment(walkout.walkoutAt)}
                    </Link>
                    <span className="record-list__meta">
                      {[
                        INCIDENT_STATUS_WORDS[walkout.status],
                        walkout.signedAt ? 'Signed' : '',
                        hit.reflection ? 'Found in your private reflection' : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    <Excerpts excerpts={hit.excerpts} />
                  </li>
                ))}
              </ul>
              <More
                shown={found.walkouts.length}
                total={found.counts.walkouts}
                what="walkout records"
              />
            </section>
          )}
        </div>
      )}
    </section>
  )
}
