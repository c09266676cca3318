import { useEffect } from 'react'
import { usePlatform } from '../../platform/context'
import { isSampleVault } from '../../store/sample-vault'
import { useSession } from '../../store/session-context'
import { CHECK_EVERY_MS, FIRST_CHECK_AFTER_MS, runAutomaticBackup } from './automatic'

/**
 * Mounted while the vault is unlocked: shortly after unlocking, and then every few minutes, makes
 * an automatic backup if one is due. Renders nothing. The sample vault is never backed up.
 */
export function AutomaticBackups({
  firstAfterMs = FIRST_CHECK_AFTER_MS,
  everyMs = CHECK_EVERY_MS,
}: {
  firstAfterMs?: number
  everyMs?: number
}) {
  const session = useSession()
  const platform = usePlatform()
  useEffect(() => {
    if (isSampleVault(session)) return
    const run = () => {
      if (session.isOpen) void runAutomaticBackup(session, platform)
    }
    const first = setTimeout(run, firstAfterMs)
    const timer = setInterval(run, everyMs)
    return () => {
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [session, platform, firstAfterMs, everyMs])
  return null
}
