import { describe, expect, it } from 'vitest'
import {
  clientMatches,
  clientSchema,
  conditionsFromNotes,
  deriveInitials,
  emptyClient,
  type ChannelCondition,
  type Client,
} from '../../src/renderer/src/domain/client'
import { clientCodec } from '../../src/renderer/src/store/codecs'

const migrateClient = (fromVersion: number, value: unknown) =>
  clientCodec.migrate(fromVersion, value)

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
    ['its words in another order', robin, 'berg robin'],
    ['the start of each of two words, in any order', robin, 'van r'],
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
    ['one of two words that is not in the name', robin, 'robin sam'],
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
    conditions: [] as ChannelCondition[],
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

    it('becomes a valid current client with derived initials, keeping what it had', () => {
      const migrated = migrateClient(1, v1)
      const result = clientSchema.safeParse(migrated)
      expect(result.error?.issues).toBeUndefined()
      expect(result.data).toEqual({
        displayName: 'Robin van der Berg',
        initials: 'RVDB',
        dateOfBirth: '',
        clientNumber: '',
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

    it('a version 2 record gains an empty date of birth and client number', () => {
      const v2 = { ...client({ initials: 'RB' }) } as Record<string, unknown>
      delete v2['dateOfBirth']
      delete v2['clientNumber']
      expect(clientSchema.parse(migrateClient(2, v2))).toMatchObject({
        dateOfBirth: '',
        clientNumber: '',
        initials: 'RB',
      })
    })

    it('leaves a current record as it is', () => {
      const current = client({ initials: 'RB' })
      expect(migrateClient(4, current)).toBe(current)
    })
  })

  describe('channel conditions (version 4)', () => {
    it('accepts each condition once, and refuses one that Mend does not know or a repeat', () => {
      const ok = client({
        channels: [{ ...channel, conditions: ['no-clinical-details', 'no-voicemail', 'discreet'] }],
      })
      expect(clientSchema.safeParse(ok).success).toBe(true)
      const repeated = client({
        channels: [{ ...channel, conditions: ['no-voicemail', 'no-voicemail'] }],
      })
      expect(clientSchema.safeParse(repeated).error?.issues[0]?.message).toBe(
        'Each condition can be chosen once.',
      )
      const unknown = { ...client(), channels: [{ ...channel, conditions: ['no-calls'] }] }
      expect(clientSchema.safeParse(unknown).success).toBe(false)
      const missing = { ...client(), channels: [{ ...channel, conditions: undefined }] }
      expect(clientSchema.safeParse(missing).success).toBe(false)
    })

    it.each<[string, ChannelCondition[]]>([
      ['voicemail OK', []],
      ['no messages at work', []],
      ['', []],
      ['No clinical details', ['no-clinical-details']],
      ['nothing clinical please', ['no-clinical-details']],
      ['do not mention therapy (partner reads texts)', ['no-clinical-details']],
      ['Don’t mention sessions', ['no-clinical-details']],
      ['no voicemail', ['no-voicemail']],
      ['NO VOICE MAIL', ['no-voicemail']],
      ["don't leave a message", ['no-voicemail']],
      ['be discreet', ['discreet']],
      ['do not name the practice', ['discreet']],
      [
        'Discreet: no clinical details, no voicemail',
        ['no-clinical-details', 'no-voicemail', 'discreet'],
      ],
    ])('the notes “%s” say %j', (notes, conditions) => {
      expect(conditionsFromNotes(notes)).toEqual(conditions)
    })

    it('a version 3 record gains the conditions its notes state, and keeps the notes', () => {
      const v3 = {
        ...client(),
        channels: [
          { id: 'a', kind: 'text', detail: '1', consentDate: '2026-01-15', notes: 'no voicemail' },
          {
            id: 'b',
            kind: 'email',
            detail: 'x@example.org',
            consentDate: '2026-01-15',
            notes: 'Work email: no clinical details, be discreet',
          },
          { id: 'c', kind: 'letter', detail: 'home', consentDate: '2026-01-15', notes: '' },
        ],
      }
      const before = structuredClone(v3)
      const v4 = clientSchema.parse(migrateClient(3, v3))
      expect(v4.channels.map((c) => [c.conditions, c.notes])).toEqual([
        [['no-voicemail'], 'no voicemail'],
        [['no-clinical-details', 'discreet'], 'Work email: no clinical details, be discreet'],
        [[], ''],
      ])
      expect(v3).toEqual(before)
    })

    it('a version 1 record with channels reaches version 4 with their conditions', () => {
      const v1 = {
        displayName: 'Robin',
        status: 'active',
        notes: '',
        channels: [
          { id: 'a', kind: 'text', detail: '1', consentDate: '2026-01-15', notes: 'no voicemail' },
        ],
      }
      expect(clientSchema.parse(migrateClient(1, v1)).channels[0]?.conditions).toEqual([
        'no-voicemail',
      ])
    })
  })
})
