import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { ClientSummary } from '../domain/client'
import type { IncidentSummary } from '../domain/incident'
import type { SearchHit } from '../domain/search'
import { initialStatus, searchOf, type SearchStatus } from './search'
import { useSession } from './session-context'

/**
 * The named queries of search: its status, and the records a query finds, with what lists show
 * of them (from the sealed index in memory). The query is client data: it stays in memory, is
 * sent only to the search worker, and is never put in a URL, a title or a log.
 */

const CLOSED: SearchStatus = initialStatus('closed')
const noop = () => () => {}

/** Starts the session's search (the app calls it right after unlock) and follows its status. */
export function useSearchStatus(): SearchStatus {
  const session = useSession()
  const search = searchOf(session)
  return useSyncExternalStore(search?.subscribe ?? noop, search ? search.getStatus : () => CLOSED)
}

export interface FoundClient {
  hit: SearchHit
  summary: ClientSummary
}

export interface FoundWalkout {
  hit: SearchHit
  summary: IncidentSummary
  /** Its client (null if the client record is missing or does not open). */
  client: ClientSummary | null
}

export interface Found {
  /** The query these results are for (compare with what is typed now). */
  query: string
  includeReflections: boolean
  clients: FoundClient[]
  walkouts: FoundWalkout[]
  counts: { clients: number; walkouts: number }
  /** The index was complete when the query ran. */
  complete: boolean
}

/**
 * What a query finds, best first, grouped into clients and walkout records (`null` until the
 * first answer, and for an empty query). Each keystroke asks again; until its answer arrives the
 * previous one is kept (compare `query`), and an answer to an older query that arrives late is
 * dropped.
 */
export function useSearch(query: string, includeReflections: boolean): Found | null {
  const session = useSession()
  const { index } = session
  const view = useSyncExternalStore(index.subscribe, index.getView)
  const status = useSearchStatus()
  const [answer, setAnswer] = useState<{
    query: string
    includeReflections: boolean
    answer: Awaited<ReturnType<NonNullable<ReturnType<typeof searchOf>>['search']>>
  } | null>(null)

  useEffect(() => {
    const search = searchOf(session)
    if (!search || !query.trim()) return
    let current = true
    void search.search(query, includeReflections).then((result) => {
      if (current) setAnswer({ query, includeReflections, answer: result })
    })
    return () => {
      current = false
    }
    // The status is a dependency so that results from a partial index are replaced once built,
    // and the view so that a record written meanwhile is found.
  }, [session, query, includeReflections, status.state, view])

  const empty = !query.trim()
  // Once the switch is off, what was found in the private reflections goes at once, before the
  // answer without them arrives.
  const withdrawn = answer !== null && answer.includeReflections && !includeReflections
  return useMemo(() => {
    if (!answer || empty || withdrawn) return null
    const { results, complete } = answer.answer
    const clients: FoundClient[] = []
    for (const hit of results.clients) {
      const summary = view.entry('clients', hit.id)?.s
      if (summary) clients.push({ hit, summary })
    }
    const walkouts: FoundWalkout[] = []
    for (const hit of results.walkouts) {
      const summary = view.entry('incidents', hit.id)?.s
      // Voided: out of every list (the index has no words of its own; an addendum's may lead here).
      if (!summary || summary.voided) continue
      walkouts.push({ hit, summary, client: view.entry('clients', summary.clientId)?.s ?? null })
    }
    return {
      query: answer.query,
      includeReflections: answer.includeReflections,
      clients,
      walkouts,
      counts: results.counts,
      complete,
    }
  }, [answer, view, empty, withdrawn])
}
