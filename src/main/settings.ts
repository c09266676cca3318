import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic, type FsLike } from './ipc/files'

/** Shell settings the main process needs before any vault is open. Nothing here is client data. */
const shellSettingsSchema = z.object({
  contentProtection: z.boolean().default(true),
})
export type ShellSettings = z.infer<typeof shellSettingsSchema>

export const DEFAULT_SHELL_SETTINGS: ShellSettings = { contentProtection: true }

export function parseShellSettings(text: string | null): ShellSettings {
  if (!text) return { ...DEFAULT_SHELL_SETTINGS }
  try {
    const parsed = shellSettingsSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : { ...DEFAULT_SHELL_SETTINGS }
  } catch {
    return { ...DEFAULT_SHELL_SETTINGS }
  }
}

/** A small JSON file in the user-data folder, read once and written whole. */
export class JsonFile {
  constructor(
    private readonly fs: FsLike,
    private readonly filePath: string,
  ) {}

  static in(fs: FsLike, dir: string, name: string): JsonFile {
    return new JsonFile(fs, path.join(dir, name))
  }

  async readText(): Promise<string | null> {
    try {
      return (await this.fs.readFile(this.filePath)).toString('utf8')
    } catch {
      return null
    }
  }

  async write(value: unknown): Promise<void> {
    await writeFileAtomic(this.fs, this.filePath, new TextEncoder().encode(JSON.stringify(value)))
  }
}
