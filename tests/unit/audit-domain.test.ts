import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  auditEntrySchema,
  EMPTY_HEAD,
  GENESIS_HASH,
  hashEntry,
  nextEntry,
  verifyChain,
  type AuditEntry,
  type AuditEvent,
  type AuditHead,
  type StoredEntry,
} from '../../src/renderer/src/domain/audit'
import {
  clientMatches,
  clientSchema,
  deriveInitials,
  emptyClient,
  migrateClient,
  type Client,
} from '../../src/renderer/src/domain/client'
import {
  calendarDateSchema,
  fromLocalInput,
  localDate,
  stamp,
  timestampSchema,
  toLocalInput,
  type Timestamp,
} from '../../src/renderer/src/domain/time'

const at = (utc: string, offsetMinutes = 0): Timestamp => ({ utc, offsetMinutes })

// ---------------------------------------------------------------- audit chain

const EVENTS: AuditEvent[] = [
  { action: 'create', target: 'client', targetId: 'c1', detail: '' },
  { action: 'create', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'edit', target: 'incident', targetId: 'i1', detail: 'safety' },
  { action: 'status', target: 'incident', targetId: 'i1', detail: 'in-follow-up' },
  { action: 'sign', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'addendum', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'print', target: 'incident', targetId: 'i1', detail: '' },
  { action: 'export', target: 'vault', targetId: '', detail: '' },
]

async function chain(length: number): Promise<{ entries: AuditEntry[]; head: AuditHead }> {
  const entries: AuditEntry[] = []
  let head = EMPTY_HEAD
  for (let i = 0; i < length; i++) {
    const event = EVENTS[i % EVENTS.length]!
    const time = at(new Date(Date.UTC(2026, 10, 27, 9, i)).toISOString(), 60)
    const entry = await nextEntry(head, event, time)
    entries.push(entry)
    head = { seq: entry.seq, hash: entry.hash }
  }
  return { entries, head }
}

const stored = (entries: AuditEntry[]): StoredEntry[] =>
  entries.map((entry) => ({ seq: entry.seq, entry }))

/** An independent reading of the documented canonical form, so a format change is noticed. */
const sha256 = (entry: Omit<AuditEntry, 'hash'>) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        entry.seq,
        entry.at.utc,
        entry.at.offsetMinutes,
        entry.action,
        entry.target,
        entry.targetId,
        entry.detail,
        entry.prevHash,
      ]),
    )
    .digest('hex')

const broken = (seq: number, reason: string) =>
  expect.objectContaining({ intact: false, seq, reason, message: expect.any(String) })

describe('audit entries', () => {
  it('the first entry follows the genesis hash', async () => {
    const time = at('2026-11-27T09:00:00.000Z', 60)
    const entry = await nextEntry(EMPTY_HEAD, EVENTS[0]!, time)
    expect(entry).toEqual({
      ...EVENTS[0],
      seq: 1,
      at: time,
      prevHash: GENESIS_HASH,
      hash: entry.hash,
    })
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(entry.hash).not.toBe(GENESIS_HASH)
    expect(auditEntrySchema.safeParse(entry).success).toBe(true)
  })

  it('the next entry is numbered after the head and points at its hash', async () => {
    const head = { seq: 41, hash: 'ab'.repeat(32) }
    const entry = await nextEntry(head, EVENTS[2]!, at('2026-11-27T09:00:00.000Z'))
    expect(entry.seq).toBe(42)
    expect(entry.prevHash).toBe(head.hash)
  })

  it('hashes the canonical form: SHA-256 of the fields in a fixed order', async () => {
    const { entries } = await chain(3)
    for (const entry of entries) expect(entry.hash).toBe(sha256(entry))
  })

  it('gives the same hash for the same content', async () => {
    const time = at('2026-11-27T09:00:00.000Z')
    const a = await nextEntry(EMPTY_HEAD, EVENTS[1]!, time)
    const b = await nextEntry(EMPTY_HEAD, { ...EVENTS[1]! }, { ...time })
    expect(a.hash).toBe(b.hash)
  })

  it.each<[string, (entry: AuditEntry) => AuditEntry]>([
    ['seq', (e) => ({ ...e, seq: e.seq + 1 })],
    ['time', (e) => ({ ...e, at: { ...e.at, utc: '2030-01-01T00:00:00.000Z' } })],
    ['offset', (e) => ({ ...e, at: { ...e.at, offsetMinutes: e.at.offsetMinutes + 1 } })],
    ['action', (e) => ({ ...e, action: 'restore' })],
    ['target', (e) => ({ ...e, target: 'vault' })],
    ['target id', (e) => ({ ...e, targetId: 'i2' })],
    ['detail', (e) => ({ ...e, detail: 'fit' })],
    ['previous hash', (e) => ({ ...e, prevHash: 'f'.repeat(64) })],
  ])('the hash covers the %s', async (_field, change) => {
    const { entries } = await chain(3)
    const original = entries[2]!
    expect(await hashEntry(original)).toBe(original.hash)
    expect(await hashEntry(change(original))).not.toBe(original.hash)
  })
})

describe('verifying the audit chain', () => {
  it.each([1, 3, 10])('an intact chain of %i entries passes with its count', async (length) => {
    const { entries, head } = await chain(length)
    expect(await verifyChain(stored(entries), head)).toEqual({ intact: true, count: length })
    expect(await verifyChain(stored(entries), null)).toEqual({ intact: true, count: length })
  })

  it('an empty log with the empty head is intact with count 0', async () => {
    expect(await verifyChain([], EMPTY_HEAD)).toEqual({ intact: true, count: 0 })
    expect(await verifyChain([], null)).toEqual({ intact: true, count: 0 })
  })

  it('reads entries in number order whatever order they arrive in, without reordering them', async () => {
    const { entries, head } = await chain(5)
    const shuffled = stored([entries[3]!, entries[0]!, entries[4]!, entries[2]!, entries[1]!])
    const order = shuffled.map((s) => s.seq)
    expect(await verifyChain(shuffled, head)).toEqual({ intact: true, count: 5 })
    expect(shuffled.map((s) => s.seq)).toEqual(order)
  })

  it.each([1, 3, 5])('notices entry %i of 6 removed', async (removed) => {
    const { entries, head } = await chain(6)
    const kept = stored(entries).filter((s) => s.seq !== removed)
    const verdict = await verifyChain(kept, head)
    expect(verdict).toEqual(broken(removed, 'missing'))
    expect(verdict.intact || verdict.message).toBe(
      `Entry ${removed} is missing: it was removed from the log.`,
    )
  })

  it.each<[string, (entry: AuditEntry) => AuditEntry]>([
    ['detail', (e) => ({ ...e, detail: 'fit' })],
    ['action', (e) => ({ ...e, action: 'import' })],
    ['target', (e) => ({ ...e, target: 'client' })],
    ['target id', (e) => ({ ...e, targetId: 'someone-else' })],
    ['time', (e) => ({ ...e, at: { ...e.at, utc: '2026-11-27T08:00:00.000Z' } })],
    ['offset', (e) => ({ ...e, at: { ...e.at, offsetMinutes: 0 } })],
    ['hash', (e) => ({ ...e, hash: 'e'.repeat(64) })],
    ['previous hash', (e) => ({ ...e, prevHash: GENESIS_HASH })],
    ['number inside', (e) => ({ ...e, seq: 7 })],
  ])('notices an entry whose %s was altered (hash kept)', async (_field, change) => {
    const { entries, head } = await chain(5)
    const log = stored(entries)
    log[2] = { seq: 3, entry: change(entries[2]!) }
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(3, 'altered'))
  })

  it('notices an altered entry whose own hash was recomputed, at the entry after it', async () => {
    const { entries, head } = await chain(5)
    const forged = { ...entries[1]!, detail: 'forged' }
    forged.hash = await hashEntry(forged)
    const log = stored(entries)
    log[1] = { seq: 2, entry: forged }
    expect(await verifyChain(log, head)).toEqual(broken(3, 'altered'))
  })

  it('notices a rewritten tail through the head even when every hash was recomputed', async () => {
    const { entries, head } = await chain(4)
    const rewritten = entries.slice(0, 2)
    let forgedHead: AuditHead = { seq: 2, hash: entries[1]!.hash }
    for (const event of [EVENTS[6]!, EVENTS[7]!]) {
      const entry = await nextEntry(forgedHead, event, at('2026-11-27T12:00:00.000Z'))
      rewritten.push(entry)
      forgedHead = { seq: entry.seq, hash: entry.hash }
    }
    expect(await verifyChain(stored(rewritten), null)).toEqual({ intact: true, count: 4 })
    expect(await verifyChain(stored(rewritten), head)).toEqual(broken(4, 'altered'))
  })

  it('notices two entries swapped under their numbers', async () => {
    const { entries, head } = await chain(4)
    const log: StoredEntry[] = [
      { seq: 1, entry: entries[0]! },
      { seq: 2, entry: entries[2]! },
      { seq: 3, entry: entries[1]! },
      { seq: 4, entry: entries[3]! },
    ]
    expect(await verifyChain(log, head)).toEqual(broken(2, 'altered'))
  })

  it.each([1, 2, 4])('notices entry %i of 4 that cannot be opened', async (seq) => {
    const { entries, head } = await chain(4)
    const log = stored(entries).map((s) => (s.seq === seq ? { seq, entry: null } : s))
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(seq, 'unreadable'))
    expect(verdict.intact || verdict.message).toBe(
      `Entry ${seq} cannot be opened: it was altered or damaged.`,
    )
  })

  it.each([
    [5, 3, 4],
    [5, 4, 5],
    [3, 0, 1],
  ])('notices a log of %i cut to %i entries against the head', async (length, keep, from) => {
    const { entries, head } = await chain(length)
    const log = stored(entries.slice(0, keep))
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(from, 'truncated'))
    expect(verdict.intact || verdict.message).toBe(
      `Entries from ${from} on are missing: the end of the log was removed.`,
    )
    // Without the head, a clean cut cannot be seen: that is what the head is for.
    expect(await verifyChain(log, null)).toEqual({ intact: true, count: keep })
  })

  it('notices a head whose hash does not match the last entry', async () => {
    const { entries, head } = await chain(4)
    const verdict = await verifyChain(stored(entries), { seq: head.seq, hash: 'c'.repeat(64) })
    expect(verdict).toEqual(broken(4, 'altered'))
    expect(verdict.intact || verdict.message).toBe(
      'Entry 4 is not the last entry recorded: the log was altered.',
    )
  })

  it('notices a head that is behind the log', async () => {
    const { entries } = await chain(4)
    const staleHead = { seq: 2, hash: entries[1]!.hash }
    expect(await verifyChain(stored(entries), staleHead)).toEqual(broken(4, 'altered'))
  })

  it('notices an empty log whose head is not the empty head', async () => {
    expect(await verifyChain([], { seq: 0, hash: 'c'.repeat(64) })).toMatchObject({
      intact: false,
      reason: 'altered',
    })
  })

  it('notices a duplicated entry number', async () => {
    const { entries, head } = await chain(4)
    const log = [...stored(entries), { seq: 2, entry: entries[1]! }]
    const verdict = await verifyChain(log, head)
    expect(verdict).toEqual(broken(2, 'out-of-order'))
    expect(verdict.intact || verdict.message).toBe('Entry 2 appears twice or out of order.')
  })

  it('notices a number below 1', async () => {
    const { entries, head } = await chain(2)
    const log = [{ seq: 0, entry: entries[0]! }, ...stored(entries)]
    expect(await verifyChain(log, head)).toEqual(broken(0, 'out-of-order'))
  })

  it('points at the first break when there are several', async () => {
    const { entries, head } = await chain(6)
    const log = stored(entries)
      .filter((s) => s.seq !== 4)
      .map((s) => (s.seq === 2 ? { seq: 2, entry: { ...s.entry!, detail: 'x' } } : s))
    expect(await verifyChain(log, head)).toEqual(broken(2, 'altered'))
  })
})

// ---------------------------------------------------------------- clients

describe('initials', () => {
  it.each([
    ['Robin van der Berg', 'RVDB'],
    ['Ana', 'A'],
    ['ana maría', 'AM'],
    ['  Ana   María  ', 'AM'],
    ['Mary-Jane Smith', 'MJS'],
    ['Jean-Luc de la Tour', 'JLDL'],
    ['émile zola', 'ÉZ'],
    ['Łukasz Nowak', 'ŁN'],
    ["'Ana O'Neil", 'AO'],
    ['(Sam) Lee', 'SL'],
    ['Room 12 Client', 'RC'],
    ['李 小龍', '李小'],
    ['A B C D E F', 'ABCD'],
    ['', ''],
    ['   ', ''],
    ['123 456', ''],
  ])('%j -> %j', (name, initials) => {
    expect(deriveInitials(name)).toBe(initials)
  })

  it('never cuts a character outside the BMP in half', () => {
    expect(deriveInitials('a b c 𠮷')).toBe('ABC𠮷')
    expect(deriveInitials('𠮷 𠮷 𠮷')).toBe('𠮷𠮷𠮷')
    expect(deriveInitials('a b c d e')).toBe('ABCD')
  })
})

describe('finding a client', () => {
  const robin = { displayName: 'Robin van der Berg', initials: 'RVDB' }
  const zoe = { displayName: 'Zoë Núñez', initials: 'ZN' }

  it.each<[string, { displayName: string; initials: string }, string]>([
    ['part of the name', robin, 'van der'],
    ['the name in another case', robin, 'ROBIN'],
    ['the name without its accents', zoe, 'zoe nunez'],
    ['the name with accents the record lacks', robin, 'Röbin'],
    ['the name with accents, as typed', zoe, 'Núñez'],
    ['the initials', robin, 'RVDB'],
    ['the initials in lower case', robin, 'rvdb'],
    ['the start of the initials', robin, 'rv'],
    ['padded text', robin, '  robin  '],
    ['nothing', robin, ''],
    ['only spaces', robin, '   '],
  ])('matches by %s', (_what, client, query) => {
    expect(clientMatches(client, query)).toBe(true)
  })

  it.each([
    ['Søren Kierkegaard', 'soren'],
    ['Łukasz Nowak', 'lukasz'],
    ['Ægir Strand', 'aegir'],
  ])('finds %s by its plain spelling %s', (displayName, query) => {
    expect(clientMatches({ displayName, initials: '' }, query)).toBe(true)
  })

  it.each<[string, { displayName: string; initials: string }, string]>([
    ['another name', robin, 'Sam'],
    ['a longer name', robin, 'Robin van der Bergen'],
    ['other initials', zoe, 'ZX'],
    ['initials longer than the client’s', zoe, 'ZNA'],
  ])('does not match %s', (_what, client, query) => {
    expect(clientMatches(client, query)).toBe(false)
  })
})

describe('client records', () => {
  const client = (overrides: Partial<Client> = {}): Client => ({
    ...emptyClient(),
    displayName: 'Robin van der Berg',
    initials: 'RVDB',
    ...overrides,
  })
  const channel = {
    id: 'ch1',
    kind: 'phone-call' as const,
    detail: '+1 555 0100',
    consentDate: '2026-01-15',
    notes: 'Voicemail OK',
  }
  const contact = { id: 'ec1', name: 'Sam Berg', relation: 'Partner', phone: '+1 555 0101' }

  it('accepts a complete client and trims its text', () => {
    const result = clientSchema.safeParse(
      client({
        displayName: '  Robin  ',
        pronouns: 'they/them',
        isMinor: true,
        channels: [{ ...channel, detail: ' +1 555 0100 ' }],
        emergencyContacts: [contact],
        status: 'referred',
      }),
    )
    expect(result.error?.issues).toBeUndefined()
    expect(result.data?.displayName).toBe('Robin')
    expect(result.data?.channels[0]?.detail).toBe('+1 555 0100')
  })

  it.each<[string, Partial<Client>]>([
    ['a 200-character name', { displayName: 'x'.repeat(200) }],
    ['a 200-character name with spaces around it', { displayName: ` ${'x'.repeat(200)} ` }],
    ['6 initials', { initials: 'ABCDEF' }],
    ['no initials', { initials: '' }],
    ['50 characters of pronouns', { pronouns: 'p'.repeat(50) }],
    ['20,000 characters of notes', { notes: 'n'.repeat(20_000) }],
  ])('accepts %s', (_what, overrides) => {
    expect(clientSchema.safeParse(client(overrides)).success).toBe(true)
  })

  it.each<[string, Partial<Client>, string]>([
    ['no name', { displayName: '' }, 'Enter a name for the client.'],
    ['a name of spaces', { displayName: '   ' }, 'Enter a name for the client.'],
    ['a 201-character name', { displayName: 'x'.repeat(201) }, 'A name is at most 200 characters.'],
    ['7 initials', { initials: 'ABCDEFG' }, 'Initials are at most 6 characters.'],
    [
      '51 characters of pronouns',
      { pronouns: 'p'.repeat(51) },
      'The pronouns field is limited to 50 characters.',
    ],
    ['over-long notes', { notes: 'n'.repeat(20_001) }, 'Notes are limited to 20,000 characters.'],
    [
      'an unknown channel',
      { channels: [{ ...channel, kind: 'pigeon' as 'letter' }] },
      'Choose how the client agreed to be contacted.',
    ],
    [
      'an impossible consent date',
      { channels: [{ ...channel, consentDate: '2026-02-30' }] },
      'Enter a valid date.',
    ],
    [
      'an over-long contact detail',
      { channels: [{ ...channel, detail: 'd'.repeat(301) }] },
      'The contact detail is limited to 300 characters.',
    ],
    [
      'an emergency contact with no name',
      { emergencyContacts: [{ ...contact, name: ' ' }] },
      'Enter the emergency contact’s name.',
    ],
    [
      'an emergency contact with no phone',
      { emergencyContacts: [{ ...contact, phone: '' }] },
      'Enter a phone number for the emergency contact.',
    ],
  ])('refuses %s, in words', (_what, overrides, message) => {
    const result = clientSchema.safeParse(client(overrides))
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message])
  })

  describe('migration from version 1', () => {
    const v1 = { displayName: 'Robin van der Berg', status: 'referred', notes: 'Prefers mornings.' }

    it('a version 1 record is not a valid version 2 client as it stands', () => {
      expect(clientSchema.safeParse(v1).success).toBe(false)
    })

    it('becomes a valid version 2 client with derived initials, keeping what it had', () => {
      const migrated = migrateClient(1, v1)
      const result = clientSchema.safeParse(migrated)
      expect(result.error?.issues).toBeUndefined()
      expect(result.data).toEqual({
        displayName: 'Robin van der Berg',
        initials: 'RVDB',
        pronouns: '',
        isMinor: false,
        channels: [],
        emergencyContacts: [],
        status: 'referred',
        notes: 'Prefers mornings.',
      })
    })

    it('derives accented initials', () => {
      const migrated = migrateClient(1, { displayName: 'Émile Zola', status: 'active', notes: '' })
      expect(clientSchema.parse(migrated).initials).toBe('ÉZ')
    })

    it('does not change the version 1 value it was given', () => {
      const given = { ...v1 }
      migrateClient(1, given)
      expect(given).toEqual(v1)
    })

    it('a version 1 record without a name still fails validation in words', () => {
      const result = clientSchema.safeParse(migrateClient(1, { status: 'active', notes: '' }))
      expect(result.success).toBe(false)
      expect(result.error?.issues[0]?.message).toBe('Enter a name for the client.')
    })

    it.each([null, undefined, 'text', 42])('leaves %j as it is', (value) => {
      expect(migrateClient(1, value)).toBe(value)
    })

    it('leaves a current record as it is', () => {
      const current = client({ initials: 'RB' })
      expect(migrateClient(2, current)).toBe(current)
    })
  })
})

// ---------------------------------------------------------------- time

describe('time', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('stamps the UTC instant and the local offset', () => {
    vi.stubEnv('TZ', 'America/New_York')
    const date = new Date(Date.UTC(2026, 10, 27, 14, 5, 30, 250))
    expect(stamp(date)).toEqual({ utc: '2026-11-27T14:05:30.250Z', offsetMinutes: -300 })
    vi.stubEnv('TZ', 'Asia/Kolkata')
    expect(stamp(date)).toEqual({ utc: '2026-11-27T14:05:30.250Z', offsetMinutes: 330 })
    expect(timestampSchema.safeParse(stamp(date)).success).toBe(true)
  })

  it('stamps now by default', () => {
    const before = Date.now()
    const now = stamp()
    const after = Date.now()
    expect(Date.parse(now.utc)).toBeGreaterThanOrEqual(before)
    expect(Date.parse(now.utc)).toBeLessThanOrEqual(after)
    expect(timestampSchema.safeParse(now).success).toBe(true)
  })

  it.each([
    ['America/New_York', '2026-11-27T14:05', '2026-11-27T19:05:00.000Z', -300],
    ['America/New_York', '2026-07-01T09:30', '2026-07-01T13:30:00.000Z', -240],
    ['America/New_York', '2026-11-27T14:05:30', '2026-11-27T19:05:30.000Z', -300],
    ['Asia/Kolkata', '2026-11-27T14:05', '2026-11-27T08:35:00.000Z', 330],
    ['Pacific/Kiritimati', '2026-07-01T09:30', '2026-06-30T19:30:00.000Z', 840],
    ['Europe/Berlin', '2028-02-29T23:59', '2028-02-29T22:59:00.000Z', 60],
  ])('in %s, %s local is %s', (zone, input, utc, offsetMinutes) => {
    vi.stubEnv('TZ', zone)
    expect(fromLocalInput(input)).toEqual({ utc, offsetMinutes })
  })

  it.each([
    ['America/New_York', '2026-11-27T14:05'],
    ['America/New_York', '2026-07-01T00:00'],
    ['Asia/Kolkata', '2026-01-01T00:00'],
    ['Pacific/Kiritimati', '2026-12-31T23:59'],
    ['Europe/Berlin', '2028-02-29T12:00'],
  ])('in %s, %s survives a round trip', (zone, input) => {
    vi.stubEnv('TZ', zone)
    expect(toLocalInput(fromLocalInput(input))).toBe(input)
  })

  it('drops seconds on the way back, as the input shows none', () => {
    vi.stubEnv('TZ', 'Europe/Berlin')
    expect(toLocalInput(fromLocalInput('2026-11-27T14:05:59'))).toBe('2026-11-27T14:05')
  })

  it('shows a stored time in the current zone, not the zone it was written in', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata')
    expect(toLocalInput(at('2026-11-27T19:05:00.000Z', -300))).toBe('2026-11-28T00:35')
    vi.stubEnv('TZ', 'America/New_York')
    expect(toLocalInput(at('2026-11-27T19:05:00.000Z', 330))).toBe('2026-11-27T14:05')
  })

  it.each([
    '',
    'not a date',
    '2026-11-27',
    '14:05',
    '2026-11-27 14:05',
    ' 2026-11-27T14:05',
    '2026-11-27T14:05 ',
    '2026-11-27T14:05Z',
    '2026-11-27T14:05+01:00',
    '2026-11-27T14:05:30.500',
    '27/11/2026T14:05',
    '2026-11-27T14:5',
    '26-11-27T14:05',
    '2026-13-01T10:00',
    '2026-00-10T10:00',
    '2026-11-32T10:00',
    '2026-11-27T25:00',
    '2026-11-27T14:60',
    // Dates the calendar does not have are refused, not rolled over into the next month.
    '2026-02-30T10:00',
    '2026-11-31T10:00',
    '2026-11-27T24:00',
    '2025-02-29T10:00',
  ])('refuses %j', (input) => {
    expect(fromLocalInput(input)).toBeNull()
  })

  it.each<[string, Timestamp | null | undefined]>([
    ['null', null],
    ['undefined', undefined],
    ['an unreadable time', at('sometime')],
  ])('shows %s as empty', (_what, value) => {
    expect(toLocalInput(value)).toBe('')
  })

  it.each([
    ['America/New_York', '2026-01-05T03:00:00Z', '2026-01-04'],
    ['America/New_York', '2026-07-01T12:00:00Z', '2026-07-01'],
    ['Pacific/Kiritimati', '2026-07-01T12:00:00Z', '2026-07-02'],
    ['Asia/Kolkata', '2026-12-31T18:29:00Z', '2026-12-31'],
    ['Asia/Kolkata', '2026-12-31T18:30:00Z', '2027-01-01'],
  ])('in %s, %s falls on %s locally', (zone, instant, date) => {
    vi.stubEnv('TZ', zone)
    expect(localDate(new Date(instant))).toBe(date)
  })

  it('gives today as a valid calendar date by default', () => {
    const today = localDate()
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(calendarDateSchema.safeParse(today).success).toBe(true)
  })
})
