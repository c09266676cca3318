import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

/** Every file under a directory (a browser profile), recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/**
 * Files that contain `marker` in UTF-8 or UTF-16LE (how Chromium stores strings in IndexedDB,
 * LevelDB/SQLite and localStorage). Returns the paths relative to `dir`.
 */
export async function filesContaining(dir: string, marker: string): Promise<string[]> {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')]
  const found: string[] = []
  for (const file of await listFiles(dir)) {
    let data: Buffer
    try {
      data = await readFile(file)
    } catch {
      continue
    }
    if (needles.some((needle) => data.includes(needle))) found.push(path.relative(dir, file))
  }
  return found
}
