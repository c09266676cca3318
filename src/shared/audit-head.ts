import type { AuditHead, AuditHeadRecord } from './ipc'

/**
 * Whether the copy of a vault's audit head, now `kept`, is replaced by `record` (see
 * AuditHeadRecord): when nothing is kept yet, on a reset, or when the record follows the head
 * kept. A vault put back to an older copy can thus neither move the copy back nor carry it onto
 * its own new entries. Every host's copy (main, the web preview) decides by this.
 * No Electron, Node or DOM imports: every process uses it.
 */
export function replacesHead(
  kept: AuditHead | null | undefined,
  record: Pick<AuditHeadRecord, 'after' | 'reset'>,
): boolean {
  if (!kept || record.reset) return true
  return (
    record.after !== undefined && record.after.seq === kept.seq && record.after.hash === kept.hash
  )
}
