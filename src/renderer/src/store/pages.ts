import type { Table } from 'dexie'
import type { SealedRow } from './db'
import type { Opened, RecordStore } from './records'

/** Rows per page for bulk reads: large enough to amortise IndexedDB, small enough to stay flat. */
export const PAGE_SIZE = 1000

/**
 * Reads a whole table in pages by primary key. The next page is requested before the current
 * one is handed out, so reading and decrypting overlap, and only two pages are alive at a time.
 */
export async function* pagesOf<Row extends { id: string }>(
  table: Table<Row, string>,
  size = PAGE_SIZE,
): AsyncGenerator<Row[]> {
  let next: Promise<Row[]> = table.orderBy(':id').limit(size).toArray()
  for (;;) {
    const page = await next
    if (page.length === 0) return
    const last = page[page.length - 1]!.id
    next =
      page.length < size
        ? Promise.resolve([])
        : table.where(':id').above(last).limit(size).toArray()
    yield page
  }
}

/**
 * Opens every record of a store, page by page (see `pagesOf`), handing each page's results to
 * `onPage` with their rows. Every record is validated (and migrated) as it is opened; a record
 * that does not open is reported, never dropped.
 */
export async function openEveryRecord<T, Row extends SealedRow>(
  store: RecordStore<T, Row>,
  key: CryptoKey,
  onPage: (page: { row: Row; opened: Opened<T> }[]) => void | Promise<void>,
): Promise<void> {
  for await (const rows of pagesOf(store.table)) {
    const opened = await Promise.all(rows.map((row) => store.open(key, row)))
    await onPage(rows.map((row, i) => ({ row, opened: opened[i]! })))
  }
}
