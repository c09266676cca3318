/// <reference lib="webworker" />
import { RecordSearch, type SearchSource } from '../domain/search'
import { MendDatabase } from './db'
import type { IndexedTable } from './codecs'
import { servePacks, type PackState } from './packs'
import type { FromSearchPart, ToSearchPart } from './search-protocol'
import { recordKey } from './search-snapshot'
import { searchStoresOf } from './search-stores'

/**
 * Half of a search index built from scratch (no snapshot), beside the search worker that builds
 * the other half: started by it with the read packs it is to read (see packs.ts), it opens their
 * records (decrypt, migrate, validate), indexes them, and sends its index written out (words and
 * numbers, no texts; see `RecordSearch.write`), which the search worker takes in. Both halves
 * take a core each. It is given the data key and the records' hashes once, and ends (or is ended
 * with the search worker) when its index is sent; it keeps nothing.
 */

const post = (message: FromSearchPart, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer)

async function build({ database, key, tables }: Extract<ToSearchPart, { type: 'build' }>) {
  const db = new MendDatabase(database)
  try {
    const stores = searchStoresOf(db)
    const search = new RecordSearch()
    const hashes = new Map<string, string>()
    let indexed = 0
    let stale = false
    const small: Record<IndexedTable, number> = { clients: 0, incidents: 0, addenda: 0 }
    for (const { table, ids, hashes: h, packs } of tables) {
      const current = new Map(ids.map((id, i) => [id, h[i]!]))
      const served = new Set<string>()
      const take = (opened: { id: string; ok: boolean; value?: unknown }[]) => {
        for (const item of opened) {
          if (!item.ok) continue
          search.put({ table, id: item.id, value: item.value } as SearchSource)
          hashes.set(recordKey(table, item.id), current.get(item.id)!)
        }
        indexed += opened.length
        post({ type: 'progress', indexed })
      }
      const seen = (pack: PackState) => {
        if (pack.state === 'stale') stale = true
        if (pack.state === 'small') small[table] += 1
      }
      await servePacks(db, stores[table], key, current, packs, served, take, seen)
    }
    const data = search.write((table, id) => hashes.get(recordKey(table, id)))
    const buffers = new Set<ArrayBuffer>()
    for (const shelf of [data.recordShelf, data.reflectionShelf]) {
      buffers.add(shelf.kinds.buffer as ArrayBuffer)
      for (const field of shelf.index.fields)
        for (const numbers of [field.offsets, field.pairs, field.lengths])
          buffers.add(numbers.buffer as ArrayBuffer)
    }
    post({ type: 'built', data, stale, small }, [...buffers])
  } finally {
    db.close()
  }
}

self.onmessage = (event: MessageEvent<ToSearchPart>) => {
  if (event.data?.type !== 'build') return
  build(event.data).then(
    () => self.close(),
    () => {
      post({ type: 'failed' })
      self.close()
    },
  )
}
