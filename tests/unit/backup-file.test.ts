import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  decryptAgeBytes,
  encryptAgeBytes,
  identityFileText,
  newAgeKeyPair,
  parseIdentityFile,
} from '../../src/renderer/src/crypto/age'
import { BackupError } from '../../src/renderer/src/store/backup-errors'
import { encryptArchive, openBackup } from '../../src/renderer/src/store/backup-file'
import {
  BACKUP_CODECS,
  BACKUP_KINDS,
  recordHasher,
  type BackupKind,
} from '../../src/renderer/src/store/backup-format'
import { auditCodec } from '../../src/renderer/src/store/codecs'
import type { RecordCodec } from '../../src/renderer/src/store/records'
import {
  collect,
  gunzip,
  gzip,
  sampleArchive,
  sampleArchiveBytes,
  sampleCounts,
  sampleRecords,
  SAMPLE_VAULT_ID,
} from '../fixtures/backup/sample'

/**
 * Backup files against the reference implementation: Debian's `age` (installed by .ci/run)
 * opens what Mend writes, and Mend opens what `age` writes. Plus the committed test vectors: a
 * known identity and the archive it must open to, so a change that breaks old backups fails here.
 */
const FIXTURES = path.resolve('tests/fixtures/backup')
const IDENTITY_FILE = path.join(FIXTURES, 'identity.txt')
const work = mkdtempSync(path.join(tmpdir(), 'mend-backup-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const PASSPHRASE = 'orchard lantern pebble 58 meadow'
/** Low scrypt work for tests that write passphrase files (Mend writes 18). */
const FAST_LOG_N = 10

function age(args: string[], input?: Uint8Array | string) {
  const result = spawnSync('age', args, { input, maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw result.error
  return result
}

/** `age` reads passphrases from the terminal: give it one (script) and type into it. */
function ageWithPassphrase(command: string, typed: string) {
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    input: typed,
    timeout: 120_000,
  })
  if (result.error) throw result.error
  return result
}

const file = (name: string) => path.join(work, name)

async function mendBackup(to: Parameters<typeof encryptArchive>[1]): Promise<Uint8Array> {
  const { stream } = await sampleArchive()
  const encryption = await encryptArchive(stream, to)
  try {
    return await collect(encryption.stream)
  } finally {
    encryption.dispose()
  }
}

const identityText = () => readFileSync(IDENTITY_FILE, 'utf8')
const identityOf = async () => (await parseIdentityFile(identityText()))!

describe('Mend reads what Mend writes', () => {
  it('an automatic backup (X25519): every record, the trail and its counts', async () => {
    const pair = await newAgeKeyPair()
    const bytes = await mendBackup({ kind: 'x25519', recipient: pair.recipient })
    const read = await openBackup(bytes, { identities: [pair.identity] }, { keep: 'values' })
    const expected = sampleRecords()
    for (const kind of BACKUP_KINDS) {
      expect([...read.records![kind].entries()]).toEqual(expected[kind])
    }
    expect(read.trailer.counts).toEqual(sampleCounts())
    expect(read.manifest.vaultId).toBe(SAMPLE_VAULT_ID)
    expect(read.audit.verdict).toEqual({ intact: true, count: read.audit.entries })
    expect(read.walkouts).toEqual({
      first: '2026-10-02T15:10:00.000Z',
      last: '2026-11-20T14:05:00.000Z',
    })
  })

  it('a backup exported by hand (passphrase): opens with it, and only with it', async () => {
    const bytes = await mendBackup({ kind: 'passphrase', passphrase: PASSPHRASE, logN: FAST_LOG_N })
    const read = await openBackup(bytes, { passphrase: PASSPHRASE }, { keep: 'hashes' })
    expect(read.trailer.counts).toEqual(sampleCounts())
    await expect(
      openBackup(bytes, { passphrase: `${PASSPHRASE}!` }, { keep: 'hashes' }),
    ).rejects.toMatchObject({ code: 'wrong-passphrase' })
    await expect(openBackup(bytes, {}, { keep: 'hashes' })).rejects.toMatchObject({
      code: 'passphrase-needed',
    })
  })

  it('the file is no larger than 1.1 times the compressed archive', async () => {
    const plain = await sampleArchiveBytes()
    const packed = await gzip(plain)
    const pair = await newAgeKeyPair()
    const bytes = await mendBackup({ kind: 'x25519', recipient: pair.recipient })
    // A tiny archive: age's fixed header (~200 bytes) dominates; the ratio holds at scale (bench).
    expect(bytes.length - packed.length).toBeLessThan(400)
  })
})

describe('interoperability with the reference age tool', () => {
  it('`age -d -i <identity file>` opens a Mend automatic backup; inside: gzip of JSON lines', async () => {
    const pair = await identityOf()
    writeFileSync(file('auto.age'), await mendBackup({ kind: 'x25519', recipient: pair.recipient }))
    const result = age(['-d', '-i', IDENTITY_FILE, file('auto.age')])
    expect(result.status, result.stderr.toString()).toBe(0)
    const lines = new TextDecoder()
      .decode(await gunzip(new Uint8Array(result.stdout)))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; kind?: string })
    expect(lines[0]).toMatchObject({ type: 'manifest', format: 'mend-backup', version: 1 })
    expect(lines.at(-1)).toMatchObject({ type: 'trailer', counts: sampleCounts() })
    expect(lines.filter((l) => l.type === 'record' && l.kind === 'clients')).toHaveLength(2)
  })

  it('`age -d` with the backup passphrase opens backup-key.age, whose key opens the backups', async () => {
    const pair = await newAgeKeyPair()
    const keyFile = await encryptAgeBytes(
      new TextEncoder().encode(identityFileText(pair, '2026-11-27T09:00:00.000Z')),
      { kind: 'passphrase', passphrase: PASSPHRASE, logN: FAST_LOG_N },
    )
    writeFileSync(file('backup-key.age'), keyFile)
    writeFileSync(
      file('auto2.age'),
      await mendBackup({ kind: 'x25519', recipient: pair.recipient }),
    )
    const opened = ageWithPassphrase(
      `age -d -o ${file('key.txt')} ${file('backup-key.age')}`,
      `${PASSPHRASE}\n`,
    )
    expect(opened.status, opened.stdout.toString()).toBe(0)
    expect(readFileSync(file('key.txt'), 'utf8')).toContain(pair.identity)
    const result = age(['-d', '-i', file('key.txt'), file('auto2.age')])
    expect(result.status, result.stderr.toString()).toBe(0)
    expect(new TextDecoder().decode(await gunzip(new Uint8Array(result.stdout)))).toContain(
      '"type":"trailer"',
    )
    // And a wrong passphrase does not open it.
    const refused = ageWithPassphrase(
      `age -d -o ${file('nope.txt')} ${file('backup-key.age')}`,
      'not the passphrase\n',
    )
    expect(refused.status).not.toBe(0)
  })

  it('Mend opens a Mend archive that `age -e -r` encrypted', async () => {
    const pair = await newAgeKeyPair()
    writeFileSync(file('archive.gz'), await gzip(await sampleArchiveBytes()))
    const result = age(['-e', '-r', pair.recipient, '-o', file('by-age.age'), file('archive.gz')])
    expect(result.status, result.stderr.toString()).toBe(0)
    const read = await openBackup(
      new Uint8Array(readFileSync(file('by-age.age'))),
      { identities: [pair.identity] },
      { keep: 'values' },
    )
    expect([...read.records!.clients.keys()]).toEqual(sampleRecords().clients.map(([id]) => id))
    // The same file, ASCII-armored (age -a), opens too.
    const armored = age(['-e', '-a', '-r', pair.recipient, file('archive.gz')])
    const again = await openBackup(
      new Uint8Array(armored.stdout),
      { identities: [pair.identity] },
      { keep: 'hashes' },
    )
    expect(again.trailer.counts).toEqual(sampleCounts())
  })

  it('Mend opens a Mend archive that `age -p` encrypted with a passphrase (age’s default work)', async () => {
    writeFileSync(file('archive-p.gz'), await gzip(await sampleArchiveBytes()))
    const result = ageWithPassphrase(
      `age -p -o ${file('by-age-p.age')} ${file('archive-p.gz')}`,
      `${PASSPHRASE}\n${PASSPHRASE}\n`,
    )
    expect(result.status, result.stdout.toString()).toBe(0)
    const bytes = new Uint8Array(readFileSync(file('by-age-p.age')))
    expect(new TextDecoder().decode(bytes.subarray(0, 60))).toMatch(/-> scrypt \S+ 18\n/)
    const read = await openBackup(bytes, { passphrase: PASSPHRASE }, { keep: 'values' })
    expect(read.trailer.counts).toEqual(sampleCounts())
  }, 120_000)

  it('a small file Mend encrypts to a passphrase, age opens (and the other way round)', async () => {
    const secret = new TextEncoder().encode('just bytes\n')
    writeFileSync(
      file('small.age'),
      await encryptAgeBytes(secret, {
        kind: 'passphrase',
        passphrase: PASSPHRASE,
        logN: FAST_LOG_N,
      }),
    )
    const opened = ageWithPassphrase(
      `age -d -o ${file('small.txt')} ${file('small.age')}`,
      `${PASSPHRASE}\n`,
    )
    expect(opened.status).toBe(0)
    expect(readFileSync(file('small.txt'), 'utf8')).toBe('just bytes\n')
    const back = await decryptAgeBytes(new Uint8Array(readFileSync(file('small.age'))), {
      passphrase: PASSPHRASE,
    })
    expect(new TextDecoder().decode(back)).toBe('just bytes\n')
  })
})

// ------------------------------------------------------------------ test vectors

const VECTOR = {
  x25519: path.join(FIXTURES, 'sample-v1.x25519.age'),
  passphrase: path.join(FIXTURES, 'sample-v1.passphrase.age'),
  plain: path.join(FIXTURES, 'sample-v1.jsonl'),
  expected: path.join(FIXTURES, 'sample-v1.expected.json'),
}
/** The passphrase of the passphrase vector (scrypt work factor 10). */
const VECTOR_PASSPHRASE = 'vector passphrase for mend backups'

if (process.env['MEND_WRITE_BACKUP_VECTORS'] === '1') {
  // Written once; never rewritten (an old vector that stops opening is the point of the test).
  if (!existsSync(VECTOR.plain)) {
    const plain = await sampleArchiveBytes()
    writeFileSync(VECTOR.plain, plain)
    const pair = (await parseIdentityFile(readFileSync(IDENTITY_FILE, 'utf8')))!
    const seal = async (to: Parameters<typeof encryptArchive>[1]) => {
      const encryption = await encryptArchive(new Blob([plain as BlobPart]).stream(), to)
      return collect(encryption.stream)
    }
    writeFileSync(VECTOR.x25519, await seal({ kind: 'x25519', recipient: pair.recipient }))
    writeFileSync(
      VECTOR.passphrase,
      await seal({ kind: 'passphrase', passphrase: VECTOR_PASSPHRASE, logN: 10 }),
    )
    const read = await openBackup(
      new Uint8Array(readFileSync(VECTOR.x25519)),
      { identities: [pair.identity] },
      { keep: 'values' },
    )
    const hashed = await openBackup(
      new Uint8Array(readFileSync(VECTOR.x25519)),
      { identities: [pair.identity] },
      { keep: 'hashes' },
    )
    writeFileSync(
      VECTOR.expected,
      `${JSON.stringify(
        {
          manifest: read.manifest,
          records: Object.fromEntries(
            BACKUP_KINDS.map((kind) => [kind, Object.fromEntries(read.records![kind])]),
          ),
          hashes: Object.fromEntries(
            BACKUP_KINDS.map((kind) => [kind, Object.fromEntries(hashed.hashes[kind])]),
          ),
          audit: { entries: read.audit.entries, head: read.audit.head },
        },
        null,
        2,
      )}\n`,
    )
  }
}

describe('committed test vectors (format 1)', () => {
  const expected = () =>
    JSON.parse(readFileSync(VECTOR.expected, 'utf8')) as {
      manifest: { schemas: Record<BackupKind | 'audit', number> }
      records: Record<BackupKind, Record<string, unknown>>
      hashes: Record<BackupKind, Record<string, string>>
      audit: unknown
    }
  /**
   * The vector was written under the record schemas of its day (its manifest lists them); a
   * reader migrates each record to today's schema. Where a kind's schema has moved on, the
   * expected value is the vector's migrated the same way, and so is its content hash.
   */
  const migratedExpectation = async () => {
    const want = expected()
    const hash = await recordHasher()
    const records = {} as Record<BackupKind, Record<string, unknown>>
    const hashes = {} as Record<BackupKind, Record<string, string>>
    for (const kind of BACKUP_KINDS) {
      const codec = BACKUP_CODECS[kind] as RecordCodec<unknown>
      const from = want.manifest.schemas[kind]
      if (from === codec.schemaVersion) {
        records[kind] = want.records[kind]
        hashes[kind] = want.hashes[kind]
        continue
      }
      records[kind] = Object.fromEntries(
        Object.entries(want.records[kind]).map(([id, value]) => [
          id,
          codec.schema.parse(codec.migrate(from, value)),
        ]),
      )
      hashes[kind] = Object.fromEntries(
        Object.entries(records[kind]).map(([id, value]) => [id, hash(kind, id, value)]),
      )
    }
    return { want, records, hashes }
  }

  it.each([
    ['the automatic backup (X25519 identity)', 'x25519'],
    ['the backup exported by hand (passphrase)', 'passphrase'],
  ] as const)('%s opens to exactly the expected records', async (_label, which) => {
    const bytes = new Uint8Array(readFileSync(VECTOR[which]))
    const keys =
      which === 'x25519'
        ? { identities: [(await identityOf()).identity] }
        : { passphrase: VECTOR_PASSPHRASE }
    const read = await openBackup(bytes, keys, { keep: 'values' })
    const hashed = await openBackup(bytes, keys, { keep: 'hashes' })
    const { want, records, hashes } = await migratedExpectation()
    expect(read.manifest).toEqual(want.manifest)
    for (const kind of BACKUP_KINDS) {
      expect(Object.fromEntries(read.records![kind])).toEqual(records[kind])
      // Content hashes are what drills compare: they must not drift either.
      expect(Object.fromEntries(hashed.hashes[kind])).toEqual(hashes[kind])
    }
    expect({ entries: read.audit.entries, head: read.audit.head }).toEqual(want.audit)
    expect(read.audit.verdict.intact).toBe(true)
  })

  it('the vector records the schemas of its day, some older than today (so migration is tested)', () => {
    const { schemas } = expected().manifest
    expect(BACKUP_KINDS.some((kind) => schemas[kind] < BACKUP_CODECS[kind].schemaVersion)).toBe(
      true,
    )
  })

  it('the reference tool opens the vector to the committed archive, byte for byte', async () => {
    const result = age(['-d', '-i', IDENTITY_FILE, VECTOR.x25519])
    expect(result.status, result.stderr.toString()).toBe(0)
    expect(Buffer.from(await gunzip(new Uint8Array(result.stdout)))).toEqual(
      readFileSync(VECTOR.plain),
    )
  })

  it('today’s writer keeps format 1: the same lines in the same order, records at today’s schemas', async () => {
    // Byte for byte while no record schema has moved on; since then, records are written under
    // today's schema versions (and so the running hash differs), and everything else is unchanged.
    const lines = (text: string) =>
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    const today = lines(new TextDecoder().decode(await sampleArchiveBytes()))
    const vector = lines(readFileSync(VECTOR.plain, 'utf8'))
    const { records } = await migratedExpectation()
    expect(today.map((l) => [l['type'], l['kind'], l['id']])).toEqual(
      vector.map((l) => [l['type'], l['kind'], l['id']]),
    )
    for (const [i, line] of today.entries()) {
      const old = vector[i]!
      if (line['type'] === 'manifest') {
        expect({ ...line, schemas: null }).toEqual({ ...old, schemas: null })
        expect(line['schemas']).toEqual(
          Object.fromEntries([
            ...BACKUP_KINDS.map((kind) => [kind, BACKUP_CODECS[kind].schemaVersion]),
            ['audit', auditCodec.schemaVersion],
          ]),
        )
      } else if (line['type'] === 'record') {
        const kind = line['kind'] as BackupKind
        expect(line['sv']).toBe(BACKUP_CODECS[kind].schemaVersion)
        expect(line['value']).toEqual(records[kind][line['id'] as string])
      } else if (line['type'] === 'trailer') {
        expect({ ...line, sha256: null }).toEqual({ ...old, sha256: null })
        expect(line['sha256']).toMatch(/^[0-9a-f]{64}$/)
      } else {
        expect(line).toEqual(old)
      }
    }
  })

  it('a vector opened with the wrong key is refused in words, not crashed on', async () => {
    const other = await newAgeKeyPair()
    const error = await openBackup(
      new Uint8Array(readFileSync(VECTOR.x25519)),
      { identities: [other.identity] },
      { keep: 'hashes' },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupError)
    expect((error as BackupError).code).toBe('not-for-this-key')
  })
})
