import { describe, expect, it } from 'vitest'
import { FILE_KINDS, FILE_KIND_NAMES } from '../../src/shared/file-kinds'
import {
  APP_FILE_NAME_PATTERN,
  AUTOMATIC_BACKUP_PATTERN,
  automaticBackupName,
  BACKUP_KEY_FILE_NAME,
  DOCUMENT_KINDS,
  fileNameProblem,
  neutralFileName,
  NEUTRAL_FILE_NAME_PATTERN,
} from '../../src/shared/file-names'
import { FILE_FILTERS } from '../../src/main/ipc/schemas'

// Local time: the names carry the main process's local date.
const NOV_27 = new Date(2026, 10, 27, 9, 5, 7)
const JAN_2 = new Date(2027, 0, 2, 23, 59, 59)

describe('file kinds', () => {
  it('lists backup (age), pdf and json', () => {
    expect(FILE_KIND_NAMES).toEqual(['backup', 'pdf', 'json'])
    expect(FILE_KINDS.backup).toEqual({
      extension: 'age',
      mimeType: 'application/octet-stream',
      label: 'Mend encrypted backup (age)',
    })
  })
  it('gives main its dialog filters from the same table', () => {
    for (const kind of FILE_KIND_NAMES)
      expect(FILE_FILTERS[kind]).toEqual([
        { name: FILE_KINDS[kind].label, extensions: [FILE_KINDS[kind].extension] },
      ])
  })
})

describe('neutral names', () => {
  it.each([
    ['backup', 'backup', NOV_27, 'mend-backup-2026-11-27.age'],
    ['prep-sheet', 'pdf', NOV_27, 'mend-prep-sheet-2026-11-27.pdf'],
    ['chart-copy', 'json', JAN_2, 'mend-chart-copy-2027-01-02.json'],
    ['letter', 'pdf', JAN_2, 'mend-letter-2027-01-02.pdf'],
    ['audit-trail', 'pdf', NOV_27, 'mend-audit-trail-2026-11-27.pdf'],
  ] as const)('%s as %s -> %s', (document, kind, date, name) => {
    expect(neutralFileName(document, kind, date)).toBe(name)
    expect(NEUTRAL_FILE_NAME_PATTERN.test(name)).toBe(true)
    expect(fileNameProblem(name)).toBeNull()
  })

  it('names automatic backups to the second, in local time', () => {
    expect(automaticBackupName(NOV_27)).toBe('mend-backup-2026-11-27-090507.age')
    expect(automaticBackupName(JAN_2)).toBe('mend-backup-2027-01-02-235959.age')
    expect(AUTOMATIC_BACKUP_PATTERN.test(automaticBackupName(NOV_27))).toBe(true)
  })

  it('has a closed list of documents', () => {
    expect(DOCUMENT_KINDS).toEqual(['backup', 'prep-sheet', 'chart-copy', 'letter', 'audit-trail'])
  })

  it('keeps the key file and dialog names out of the automatic backup pattern', () => {
    expect(AUTOMATIC_BACKUP_PATTERN.test(BACKUP_KEY_FILE_NAME)).toBe(false)
    expect(AUTOMATIC_BACKUP_PATTERN.test('mend-backup-2026-11-27.age')).toBe(false)
    expect(APP_FILE_NAME_PATTERN.test(BACKUP_KEY_FILE_NAME)).toBe(true)
  })
})

describe('fileNameProblem', () => {
  it.each([
    'mend-backup-2026-11-27-090507.age',
    'mend-prep-sheet-2026-11-27.pdf',
    BACKUP_KEY_FILE_NAME,
  ])('accepts the app’s own name %s', (name) => expect(fileNameProblem(name)).toBeNull())

  // Each refusal is checked with a pattern that would accept anything, so the check itself bites,
  // and again with the app's pattern in use.
  const ANY = /^.*$/su
  it.each([
    ['', 'empty'],
    ['a'.repeat(256), 'too-long'],
    ['../../etc/passwd', 'separator'],
    ['/etc/passwd', 'separator'],
    ['backups/mend-backup-2026-11-27-090507.age', 'separator'],
    ['C:\\x', 'separator'],
    ['..\\..\\boot.ini', 'separator'],
    ['C:x', 'separator'],
    ['mend.age:hidden-stream', 'separator'],
    ['..', 'dot-dot'],
    ['mend-backup..age', 'dot-dot'],
    ['mend\u0000.age', 'control'],
    ['mend\n.age', 'control'],
    ['mend\u007f.age', 'control'],
    ['mend\u0085.age', 'control'],
    ['mend-\u202egpj.age', 'bidi'],
    ['mend-\u202a.age', 'bidi'],
    ['mend-\u2066.age', 'bidi'],
    ['mend-\u2069.age', 'bidi'],
    ['mend-\u200e.age', 'bidi'],
    ['mend-\u200f.age', 'bidi'],
    ['CON', 'reserved'],
    ['con.age', 'reserved'],
    ['PRN.txt', 'reserved'],
    ['aux', 'reserved'],
    ['Nul.tar.gz', 'reserved'],
    ['COM1', 'reserved'],
    ['com9.age', 'reserved'],
    ['LPT1.pdf', 'reserved'],
    ['lpt9', 'reserved'],
    ['COM\u00b9.age', 'reserved'],
    ['NUL .age', 'reserved'],
    ['mend.age.', 'trailing'],
    ['mend.age ', 'trailing'],
    ['.', 'trailing'],
  ] as const)('refuses %j: %s', (name, problem) => {
    expect(fileNameProblem(name, ANY)).toBe(problem)
    expect(fileNameProblem(name)).not.toBeNull()
  })

  it.each(['COM10', 'CONSOLE.age', 'lpt0', 'auxiliary'])(
    'does not mistake %s for a reserved name',
    (name) => expect(fileNameProblem(name, ANY)).toBeNull(),
  )

  it.each([
    'notes.txt',
    'mend-backup-2026-11-27-090507.age.exe',
    'MEND-BACKUP-2026-11-27-090507.AGE',
    'mend-client-jane-doe-2026-11-27.pdf',
    'mend-backup-2026-11-27-9057.age',
    'ｍend-backup-2026-11-27-090507.age',
  ])('refuses %j, which is not a name Mend gives', (name) =>
    expect(fileNameProblem(name)).toBe('pattern'),
  )

  it('refuses names outside the pattern asked for', () => {
    expect(fileNameProblem(BACKUP_KEY_FILE_NAME, AUTOMATIC_BACKUP_PATTERN)).toBe('pattern')
    expect(fileNameProblem('mend-prep-sheet-2026-11-27.pdf', AUTOMATIC_BACKUP_PATTERN)).toBe(
      'pattern',
    )
  })
})
