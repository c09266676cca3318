/// <reference lib="webworker" />
import { listIvs, type ListedTable } from './row-ivs'

/**
 * Lists the IVs of the given tables' rows (see row-ivs.ts) off the page's thread, once, and
 * ends. It gets a database name and table names; it answers with ids and IVs (random bytes, no
 * client data) as JSON text, or `null` when they could not be listed.
 */

export interface ListRequest {
  database: string
  tables: readonly string[]
}

/**
 * `ListedTable[]` as JSON text (one string crosses to the page at once, where tens of thousands
 * of ids would each be cloned while the page opens the vault), or null.
 */
export type ListAnswer = string | null

self.onmessage = (event: MessageEvent<ListRequest>) => {
  const { database, tables } = event.data
  const opening = indexedDB.open(database)
  // Only an existing database is listed: the page has opened it at its current version.
  opening.onupgradeneeded = () => opening.transaction?.abort()
  opening.onerror = () => self.postMessage(null satisfies ListAnswer)
  opening.onsuccess = () => {
    const db = opening.result
    Promise.all(tables.map((table) => listIvs(db, table)))
      .then((listed: ListedTable[]) =>
        self.postMessage(JSON.stringify(listed) satisfies ListAnswer),
      )
      .catch(() => self.postMessage(null satisfies ListAnswer))
      .finally(() => db.close())
  }
}
