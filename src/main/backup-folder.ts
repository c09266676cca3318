import path from 'node:path'
import { z } from 'zod'
import {
  AUTOMATIC_BACKUP_PATTERN,
  BACKUP_KEY_FILE_NAME,
  fileNameProblem,
} from '../shared/file-names'
import type {
  BackupFileInfo,
  BackupFolderStatus,
  PruneRequest,
  PruneResult,
  WriteKeyResult,
} from '../shared/ipc'
import { PublicError } from './errors'
import { pathExists, readFileLimited, writeFileAtomic, type FsLike } from './ipc/files'
import { MAX_FILE_BYTES, MAX_KEY_FILE_BYTES } from './ipc/schemas'
import type { JsonFile } from './settings'

export class NoBackupFolderError extends PublicError {
  constructor() {
    super('No backup folder is set, or it cannot be reached.')
    this.name = 'NoBackupFolderError'
  }
}

export class BackupNotFoundError extends PublicError {
  constructor() {
    super('That backup is not in the backup folder.')
    this.name = 'BackupNotFoundError'
  }
}

const configSchema = z.object({
  path: z
    .string()
    .min(1)
    .max(4096)
    .refine((dir) => path.isAbsolute(dir), 'not absolute'),
})

export interface BackupFolderDeps {
  fs: FsLike
  /** userData/backup-folder.json: the only place the folder's path is kept. */
  configFile: Pick<JsonFile, 'readText' | 'write'>
  /** The user's home folder, shown as ~ in the label. */
  homeDir: string
  platform?: NodeJS.Platform
  log?: (message: string) => void
}

/** Whether a name is one of the backups Mend writes to the folder (never backup-key.age). */
export function isBackupName(name: string): boolean {
  return fileNameProblem(name, AUTOMATIC_BACKUP_PATTERN) === null
}

/**
 * The folder automatic backups go to. Its path is chosen in a main-process dialog and kept in
 * main; the renderer only ever sees a label and the names of Mend's own backups, and every name
 * it sends back is checked against the backup pattern and against the folder's current listing.
 */
export class BackupFolder {
  private cached: string | null | undefined

  constructor(private readonly deps: BackupFolderDeps) {}

  /** The configured folder's path, or null. */
  async configured(): Promise<string | null> {
    if (this.cached !== undefined) return this.cached
    const text = await this.deps.configFile.readText()
    let dir: string | null = null
    if (text) {
      try {
        const parsed = configSchema.safeParse(JSON.parse(text))
        dir = parsed.success ? parsed.data.path : null
      } catch {
        dir = null
      }
    }
    this.cached = dir
    return dir
  }

  /** Remembers a folder the practitioner chose in the dialog. */
  async set(dir: string): Promise<string> {
    const resolved = path.resolve(dir)
    await this.deps.configFile.write({ path: resolved })
    this.cached = resolved
    return this.label(resolved)
  }

  /** What the settings screen shows: the path, with the home folder as ~. */
  label(dir: string): string {
    const relative = path.relative(this.deps.homeDir, dir)
    if (relative === '') return '~'
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return `~${path.sep}${relative}`
    return dir
  }

  async status(): Promise<BackupFolderStatus> {
    const dir = await this.configured()
    return dir ? { configured: true, label: this.label(dir) } : { configured: false }
  }

  /** The configured folder if it exists and is a folder right now (a drive may be unplugged). */
  async available(): Promise<string | null> {
    const dir = await this.configured()
    if (!dir) return null
    try {
      return (await this.deps.fs.stat(dir)).isDirectory() ? dir : null
    } catch {
      return null
    }
  }

  private async require(): Promise<string> {
    const dir = await this.available()
    if (!dir) throw new NoBackupFolderError()
    return dir
  }

  /** Mend's own backups in the folder (real files only), newest first. Empty without a folder. */
  async list(): Promise<BackupFileInfo[]> {
    const dir = await this.available()
    if (!dir) return []
    const names = (await this.deps.fs.readdir(dir)).filter(isBackupName)
    const files: BackupFileInfo[] = []
    for (const name of names) {
      try {
        const info = await this.deps.fs.lstat(path.join(dir, name))
        if (!info.isFile()) continue
        files.push({ name, size: info.size, modifiedAt: info.mtime.toISOString() })
      } catch {
        // Gone between readdir and lstat.
      }
    }
    // The name carries the time it was written (local time, to the second).
    return files.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
  }

  /** A backup by a name list() returns: anything else is refused before the disk is touched for it. */
  async read(name: string): Promise<Uint8Array> {
    const dir = await this.require()
    if (!isBackupName(name)) throw new BackupNotFoundError()
    const listed = await this.list()
    if (!listed.some((file) => file.name === name)) throw new BackupNotFoundError()
    return readFileLimited(this.deps.fs, this.inside(dir, name), MAX_FILE_BYTES, {
      noSymlinks: true,
    })
  }

  /** Writes backup-key.age atomically; an existing key is replaced only when `replace` is true. */
  async writeKey(data: Uint8Array, replace: boolean): Promise<WriteKeyResult> {
    const dir = await this.require()
    const target = this.inside(dir, BACKUP_KEY_FILE_NAME)
    if (!replace && (await pathExists(this.deps.fs, target))) return { status: 'exists' }
    await writeFileAtomic(this.deps.fs, target, data, { platform: this.deps.platform })
    return { status: 'written' }
  }

  /** backup-key.age, or null when the folder has none. */
  async readKey(): Promise<Uint8Array | null> {
    const dir = await this.require()
    const target = this.inside(dir, BACKUP_KEY_FILE_NAME)
    if (!(await pathExists(this.deps.fs, target))) return null
    return readFileLimited(this.deps.fs, target, MAX_KEY_FILE_BYTES, { noSymlinks: true })
  }

  /**
   * Removes the backups named in `request.remove`, never one of the newest `keep` in the folder,
   * and nothing that is not named: a file that arrived since the renderer listed the folder stays.
   * Only names matching the backup pattern are ever considered, so backup-key.age and anything
   * else in the folder are never touched. Returns the names removed.
   */
  async prune(request: PruneRequest): Promise<PruneResult> {
    if (!Number.isInteger(request.keep) || request.keep < 1) return { removed: [] }
    const dir = await this.available()
    if (!dir) return { removed: [] }
    const named = new Set(request.remove)
    const removed: string[] = []
    const candidates = (await this.list()).slice(request.keep)
    for (const { name } of candidates) {
      if (!named.has(name) || !isBackupName(name)) continue
      try {
        await this.deps.fs.rm(this.inside(dir, name))
        removed.push(name)
      } catch {
        this.deps.log?.('could not remove an old backup')
      }
    }
    return { removed }
  }

  /** Joins a checked name to the folder and makes sure the result is directly inside it. */
  private inside(dir: string, name: string): string {
    const full = path.join(dir, name)
    if (path.dirname(full) !== path.resolve(dir) || path.basename(full) !== name)
      throw new BackupNotFoundError()
    return full
  }
}
