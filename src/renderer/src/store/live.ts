import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef, useState } from 'react'
import type { SealedRow } from './db'
import type { Opened, RecordStore } from './records'
import { useSession } from './session-context'

/**
 * Live list of decrypted records. The live query reads rows only (inside Dexie); decryption
 * happens afterwards, outside any transaction. Rows whose ciphertext did not change are not
 * decrypted again.
 */
export function useRecords<T, Row extends SealedRow>(
  store: RecordStore<T, Row>,
  query?: (store: RecordStore<T, Row>) => Promise<Row[]>,
): Opened<T>[] | undefined {
  const session = useSession()
  const rows = useLiveQuery(() => (query ? query(store) : store.table.toArray()), [store, query])
  const cache = useRef(new Map<string, { ct: Uint8Array; opened: Opened<T> }>())
  const [opened, setOpened] = useState<Opened<T>[] | undefined>(undefined)

  useEffect(() => {
    if (!rows) return
    let cancelled = false
    const previous = cache.current
    const next = new Map<string, { ct: Uint8Array; opened: Opened<T> }>()
    void Promise.all(
      rows.map(async (row: Row) => {
        const hit = previous.get(row.id)
        const opened =
          hit && hit.ct === row.enc.ct ? hit.opened : await store.open(session.dataKey, row)
        next.set(row.id, { ct: row.enc.ct, opened })
        return opened
      }),
    ).then((result) => {
      if (cancelled) return
      cache.current = next
      setOpened(result)
    })
    return () => {
      cancelled = true
    }
  }, [rows, store, session])

  return opened
}

/** One decrypted record, live. `undefined` while loading, `null` if there is no such record. */
export function useRecord<T, Row extends SealedRow>(
  store: RecordStore<T, Row>,
  id: string,
): Opened<T> | null | undefined {
  const session = useSession()
  const row = useLiveQuery(async () => (await store.table.get(id)) ?? null, [store, id])
  const [state, setState] = useState<{ row: Row; opened: Opened<T> } | null>(null)
  useEffect(() => {
    if (!row) return
    let cancelled = false
    void store.open(session.dataKey, row).then((opened) => {
      if (!cancelled) setState({ row, opened })
    })
    return () => {
      cancelled = true
    }
  }, [row, store, session])
  if (row === null) return null
  // While a changed row is being decrypted, keep showing the previous version of the same record
  // (screens must not unmount and lose their state on every save).
  return state && state.row.id === id ? state.opened : undefined
}
