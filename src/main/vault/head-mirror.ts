import { z } from 'zod'
import { replacesHead } from '../../shared/audit-head'
import type { AuditHead, AuditHeadRecord } from '../../shared/ipc'
import { PublicError } from '../errors'
import type { JsonFile } from '../settings'
import { auditHash, auditSeq, vaultId } from '../ipc/schemas'

export class HeadMirrorDamagedError extends PublicError {
  constructor() {
    super('The copy of the audit trail’s head kept outside the vault is damaged.')
    this.name = 'HeadMirrorDamagedError'
  }
}

const fileSchema = z.object({
  heads: z.record(vaultId, z.object({ seq: auditSeq, hash: auditHash }).strict()),
})
type HeadsFile = z.infer<typeof fileSchema>

/**
 * A copy of each vault's audit-trail head (sequence number and hash), kept in userData/
 * audit-heads.json outside IndexedDB, so a vault rolled back or truncated as a whole can be noticed.
 * Holds no client data: a counter and a hash.
 */
export class HeadMirror {
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly file: Pick<JsonFile, 'readText' | 'write'>) {}

  private async load(): Promise<HeadsFile | null | 'damaged'> {
    const text = await this.file.readText()
    if (text === null) return null
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : 'damaged'
    } catch {
      return 'damaged'
    }
  }

  /** The head last written for this vault; null if none. Rejects when the file is damaged. */
  async read(id: string): Promise<AuditHead | null> {
    await this.queue
    const heads = await this.load()
    if (heads === 'damaged') throw new HeadMirrorDamagedError()
    const head = heads?.heads[id]
    return head ? { seq: head.seq, hash: head.hash } : null
  }

  /**
   * Records the head (atomically; a damaged file is replaced). Writes run one at a time. A head
   * is kept only when nothing is kept yet, when it follows the one kept (`after`), or on `reset`
   * (see AuditHeadRecord); any other is ignored.
   */
  write(record: AuditHeadRecord): Promise<void> {
    const result = this.queue.then(async () => {
      const current = await this.load()
      const heads = current && current !== 'damaged' ? current.heads : {}
      if (!replacesHead(heads[record.vaultId], record)) return
      await this.file.write({
        heads: { ...heads, [record.vaultId]: { seq: record.seq, hash: record.hash } },
      })
    })
    this.queue = result.catch(() => {})
    return result
  }
}
