import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useSearchStatus } from '../../store/search-queries'
import { isMac } from '../../ui/shortcuts'

/**
 * The search box in the header and the results screen share what was typed. It is client data:
 * it lives here, in memory, for as long as the vault is unlocked, and never goes into the address
 * (the results screen is `/search`, whatever was typed), a title or a log.
 */

export const SEARCH_PATH = '/search'

interface SearchContextValue {
  query: string
  setQuery: (query: string) => void
  includeReflections: boolean
  setIncludeReflections: (include: boolean) => void
  /** The results screen registers where Enter in the box sends focus. */
  resultsTargetRef: RefObject<(() => void) | null>
  /** Enter was pressed before the results screen was shown: it takes focus when it is. */
  focusResultsOnShowRef: RefObject<boolean>
  inputRef: RefObject<HTMLInputElement | null>
}

const SearchContext = createContext<SearchContextValue | null>(null)

export function useSearchBox(): SearchContextValue {
  const value = useContext(SearchContext)
  if (!value) throw new Error('useSearchBox outside SearchProvider')
  return value
}

/** Holds the query while the vault is unlocked, and starts the search index right away. */
export function SearchProvider({ children }: { children: ReactNode }) {
  // Starts building the index in its worker as soon as the unlocked app is shown.
  useSearchStatus()
  const [query, setQuery] = useState('')
  const [includeReflections, setIncludeReflections] = useState(false)
  const resultsTargetRef = useRef<(() => void) | null>(null)
  const focusResultsOnShowRef = useRef(false)
  const inputRef = useRef<HTMLInputElement | null>(null)
  const value = useMemo(
    () => ({
      query,
      setQuery,
      includeReflections,
      setIncludeReflections,
      resultsTargetRef,
      focusResultsOnShowRef,
      inputRef,
    }),
    [query, includeReflections],
  )
  return <SearchContext.Provider value={value}>{children}</SearchContext.Provider>
}

export const SEARCH_SHORTCUT = isMac ? '⌘K' : 'Ctrl+K'

/** Is the event the shortcut to search: Ctrl+K (Cmd+K on macOS)? */
export function isSearchShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'k'
  )
}

/** The search box of the header: typing shows the results screen; Ctrl+K comes back to it. */
export function SearchBox() {
  const { query, setQuery, resultsTargetRef, focusResultsOnShowRef, inputRef } = useSearchBox()
  const navigate = useNavigate()
  const { pathname } = useLocation()

  const showResults = useCallback(() => {
    if (pathname !== SEARCH_PATH) void navigate(SEARCH_PATH)
  }, [pathname, navigate])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return
      event.preventDefault()
      inputRef.current?.focus()
      inputRef.current?.select()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [inputRef])

  return (
    <form
      role="search"
      aria-label="Clients and walkout records"
      className="topbar__search"
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault()
        // Enter: to the results (once the screen is shown, if it was not).
        if (pathname === SEARCH_PATH && resultsTargetRef.current) resultsTargetRef.current()
        else {
          focusResultsOnShowRef.current = true
          showResults()
        }
      }}
    >
      <label htmlFor="record-search" className="visually-hidden">
        Search clients and walkout records
      </label>
      <input
        ref={inputRef}
        id="record-search"
        type="search"
        value={query}
        placeholder={`Search (${SEARCH_SHORTCUT})`}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value)
          if (event.target.value.trim()) showResults()
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && resultsTargetRef.current) {
            event.preventDefault()
            resultsTargetRef.current()
          }
        }}
      />
    </form>
  )
}
