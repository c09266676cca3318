import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BackupError } from '../../src/renderer/src/store/backup-errors'
import {
  ARCHIVE_LIMITS,
  canonicalJson,
  readArchive,
} from '../../src/renderer/src/store/backup-format'
import { collect, sampleArchive, sampleArchiveBytes } from '../fixtures/backup/sample'

/**
 * The archive inside a backup, in Node (no age, no database): what a reader accepts from older
 * versions of Mend, and what it refuses, with the database never in sight.
 */
type Line = Record<string, unknown>

async function lines(): Promise<Line[]> {
  return new TextDecoder()
    .decode(await sampleArchiveBytes())
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Line)
}

/** An archive from lines, its trailer's hash made to match. */
function archive(all: Line[]): ReadableStream<Uint8Array> {
  const body = all.slice(0, -1).map((line) => `${JSON.stringify(line)}\n`)
  const trailer = {
    ...all.at(-1)!,
    sha256: createHash('sha256').update(body.join('')).digest('hex'),
  }
  const bytes = new TextEncoder().encode(`${body.join('')}${JSON.stringify(trailer)}\n`)
  // Delivered in awkward pieces: lines cross chunk boundaries.
  let at = 0
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(at, at + 97))
      at += 97
    },
  })
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as BackupError,
  )

describe('records copied as their sealed JSON', () => {
  it('make the very archive their values make: the same bytes, the same checksum', async () => {
    const byValue = await sampleArchive()
    const byJson = await sampleArchive({ asJson: true })
    const [a, b] = await Promise.all([collect(byValue.stream), collect(byJson.stream)])
    expect(new TextDecoder().decode(b)).toBe(new TextDecoder().decode(a))
    expect((await byJson.summary).sha256).toBe((await byValue.summary).sha256)
    expect((await byJson.summary).counts).toEqual((await byValue.summary).counts)
    expect((await readArchive(archiveOf(b), { keep: 'values' })).records!.clients.size).toBe(2)
  })
})

/** Bytes as one stream. */
const archiveOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })

describe('an archive from an older Mend', () => {
  it('records and audit entries of older schema versions are migrated, then checked', async () => {
    const all = await lines()
    const manifest = all[0]!
    manifest['schemas'] = { ...(manifest['schemas'] as object), clients: 1 }
    // A client as version 1 wrote it: no initials, no channels yet.
    all[1] = {
      type: 'record',
      kind: 'clients',
      id: all[1]!['id'],
      sv: 1,
      value: { displayName: 'Robin van der Berg', status: 'referred', notes: 'Prefers mornings.' },
    }
    // Audit entries of version 1 bound no rows; the ones without rows keep their hashes.
    for (const line of all) {
      if (line['type'] !== 'audit') continue
      const entry = line['entry'] as { rows: unknown[] }
      if (entry.rows.length === 0) {
        const { rows: _rows, ...v1 } = entry
        line['sv'] = 1
        line['entry'] = v1
      }
    }
    const read = await readArchive(archive(all), { keep: 'values' })
    const client = [...read.records!.clients.values()][0]!
    expect(client).toMatchObject({ displayName: 'Robin van der Berg', initials: 'RVDB' })
    expect(client.channels).toEqual([])
    expect(read.audit.verdict.intact).toBe(true)
  })

  it('a record of a newer schema, or a newer format, is refused with words saying to update', async () => {
    const all = await lines()
    all[0] = { ...all[0], schemas: { ...(all[0]!['schemas'] as object), incidents: 9 } }
    const error = await refusal(readArchive(archive(all), { keep: 'hashes' }))
    expect(error).toBeInstanceOf(BackupError)
    expect(error!.code).toBe('newer-schema')
    expect(error!.message).toMatch(/Update Mend/)
  })
})

describe('what a reader refuses', () => {
  it('a line far longer than any record (before reading it whole)', async () => {
    const huge = new Uint8Array(ARCHIVE_LIMITS.line + 10).fill(0x61)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"type":"manifest","format":"mend-backup"'))
        controller.enqueue(huge)
        controller.close()
      },
    })
    expect((await refusal(readArchive(stream, { keep: 'hashes' })))!.code).toBe('not-mend')
  })

  it('an unknown line type, and anything after the trailer', async () => {
    const all = await lines()
    const odd = [...all.slice(0, 2), { type: 'surprise' }, ...all.slice(2)]
    expect((await refusal(readArchive(archive(odd), { keep: 'hashes' })))!.message).toMatch(
      /line 3 is of an unknown kind/,
    )
    const body = new TextDecoder().decode(await sampleArchiveBytes())
    const after = new TextEncoder().encode(`${body}{"type":"manifest"}\n`)
    const error = await refusal(
      readArchive(new Blob([after as BlobPart]).stream(), { keep: 'hashes' }),
    )
    expect(error!.message).toMatch(/more after the closing summary/)
  })

  it('counts that do not add up between the manifest and the trailer', async () => {
    const all = await lines()
    all[0] = { ...all[0], counts: { ...(all[0]!['counts'] as object), addenda: 5 } }
    expect((await refusal(readArchive(archive(all), { keep: 'hashes' })))!.message).toMatch(
      /counts of addenda do not add up/,
    )
  })
})

describe('content hashes', () => {
  it('content hashes do not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    )
  })
})
