import { toHex } from '../crypto/bytes'

/**
 * Every row's IV of a table, read as keys of its `enc.iv` index, never the rows themselves (for
 * the check at unlock, see integrity.ts). Plain IndexedDB, no Dexie: used on the page and in
 * row-ivs.worker.ts, which lists them off the page's thread while the vault opens.
 */

/** A table's rows: their ids, and their IVs as one string of hex, 24 characters each. */
export interface ListedTable {
  ids: string[]
  ivs: string
}

export const IV_HEX = 24

export function listIvs(database: IDBDatabase, table: string): Promise<ListedTable> {
  const ids: string[] = []
  const ivs: string[] = []
  return new Promise((resolve, reject) => {
    const request = database
      .transaction(table, 'readonly')
      .objectStore(table)
      .index('enc.iv')
      .openKeyCursor()
    request.onerror = () => reject(request.error ?? new Error('The rows could not be listed.'))
    request.onsuccess = () => {
      const cursor = request.result
      if (!cursor) return resolve({ ids, ivs: ivs.join('') })
      ids.push(cursor.primaryKey as string)
      ivs.push(toHex(new Uint8Array(cursor.key as ArrayBuffer)))
      cursor.continue()
    }
  })
}

/** The listed tables as maps from id to IV (null if a table's list does not fit). */
export function ivMaps(tables: readonly ListedTable[]): Map<string, string>[] | null {
  const maps: Map<string, string>[] = []
  for (const { ids, ivs } of tables) {
    if (ivs.length !== ids.length * IV_HEX) return null
    const map = new Map<string, string>()
    for (let i = 0; i < ids.length; i++) map.set(ids[i]!, ivs.slice(i * IV_HEX, (i + 1) * IV_HEX))
    maps.push(map)
  }
  return maps
}
