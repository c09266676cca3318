import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { promises as FsPromises } from 'node:fs'
import { PublicError } from '../errors'

export type FsLike = Pick<
  typeof FsPromises,
  'writeFile' | 'rename' | 'rm' | 'readFile' | 'stat' | 'lstat' | 'open' | 'readdir'
>

export interface AtomicWriteOptions {
  /** The platform whose rules apply (directories cannot be fsynced on Windows). */
  platform?: NodeJS.Platform
}

/** Errors a directory fsync may give where the OS or file system does not support it. */
const IGNORED_DIRECTORY_SYNC_ERRORS = new Set(['EISDIR', 'EPERM', 'EINVAL'])

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined
}

/**
 * Flushes a folder's entries (a rename is durable only once its folder is): opens the folder
 * read-only, syncs, closes. Skipped on Windows, which cannot open a folder this way; EISDIR, EPERM
 * and EINVAL (file systems that cannot sync a folder) are ignored, anything else is not.
 */
export async function syncDirectory(
  fs: FsLike,
  dir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (platform === 'win32') return
  try {
    const handle = await fs.open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (IGNORED_DIRECTORY_SYNC_ERRORS.has(errorCode(error) ?? '')) return
    throw error
  }
}

/** A temporary sibling of `target` (same folder, so the final rename is atomic). Hidden, random. */
export function tempPathFor(dir: string): string {
  return path.join(dir, `.mend-${randomBytes(8).toString('hex')}.tmp`)
}

/**
 * Writes a file whole or not at all: the bytes go to a temporary sibling (created exclusively,
 * mode 0600), are flushed to disk, then renamed over the target, and the folder is flushed so the
 * rename survives a power cut. A failure leaves any previous file untouched and no temp behind.
 */
export async function writeFileAtomic(
  fs: FsLike,
  target: string,
  data: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(target)
  const temp = tempPathFor(dir)
  try {
    const handle = await fs.open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, target)
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {})
    throw error
  }
  await syncDirectory(fs, dir, options.platform)
}

export class FileTooLargeError extends PublicError {
  constructor() {
    super('That file is too large to be a Mend file.')
    this.name = 'FileTooLargeError'
  }
}

export class NotAFileError extends PublicError {
  constructor() {
    super('That is not a file Mend can read.')
    this.name = 'NotAFileError'
  }
}

/**
 * Reads a file, refusing anything larger than `maxBytes` before reading it. With `noSymlinks`,
 * a symbolic link is refused too (inside the backup folder only real files count).
 */
export async function readFileLimited(
  fs: FsLike,
  filePath: string,
  maxBytes: number,
  options: { noSymlinks?: boolean } = {},
): Promise<Uint8Array> {
  const info = options.noSymlinks ? await fs.lstat(filePath) : await fs.stat(filePath)
  if (!info.isFile()) throw new NotAFileError()
  if (info.size > maxBytes) throw new FileTooLargeError()
  const data = await fs.readFile(filePath)
  if (data.byteLength > maxBytes) throw new FileTooLargeError()
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** Makes sure a chosen save path carries the expected extension. */
export function withExtension(filePath: string, extension: string): string {
  return path.extname(filePath).toLowerCase() === `.${extension}`
    ? filePath
    : `${filePath}.${extension}`
}

/** Whether anything exists at the path (without following a final symlink). */
export async function pathExists(fs: FsLike, filePath: string): Promise<boolean> {
  try {
    await fs.lstat(filePath)
    return true
  } catch {
    return false
  }
}
