import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { promises as FsPromises } from 'node:fs'

export type FsLike = Pick<
  typeof FsPromises,
  'writeFile' | 'rename' | 'rm' | 'readFile' | 'stat' | 'open'
>

/**
 * Writes a file whole or not at all: the bytes go to a temporary sibling, are flushed to disk,
 * then renamed over the target. A failure leaves any previous file untouched and no temp behind.
 */
export async function writeFileAtomic(fs: FsLike, target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(target)
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
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
}

export class FileTooLargeError extends Error {
  constructor() {
    super('That file is too large to be a Mend file.')
    this.name = 'FileTooLargeError'
  }
}

/** Reads a file the user picked, refusing anything larger than `maxBytes` before reading it. */
export async function readFileLimited(
  fs: FsLike,
  filePath: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const info = await fs.stat(filePath)
  if (!info.isFile() || info.size > maxBytes) throw new FileTooLargeError()
  const data = await fs.readFile(filePath)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** Makes sure a chosen save path carries the expected extension. */
export function withExtension(filePath: string, extension: string): string {
  return path.extname(filePath).toLowerCase() === `.${extension}`
    ? filePath
    : `${filePath}.${extension}`
}
