import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { readBackupConfig, readBackupState } from './backup'
import type { BackupConfig, BackupState } from './codecs'
import { SEALED } from './keys'
import { useSession } from './session-context'

/** What is known about backups, live (re-read when either sealed row changes, in any window). */
export interface BackupInfo {
  /** Automatic backups as set up (null: not set up, or the sealed row does not open). */
  config: BackupConfig | null
  state: BackupState
}

/** The backup settings and state, live; `undefined` while loading. */
export function useBackupInfo(): BackupInfo | undefined {
  const session = useSession()
  const rows = useLiveQuery(async () => {
    const [state, config] = await session.db.sealed.bulkGet([
      SEALED.backupState,
      SEALED.backupConfig,
    ])
    // The IVs change on every write: a cheap key for "something changed".
    return `${state?.enc.iv.join(',') ?? ''}|${config?.enc.iv.join(',') ?? ''}`
  }, [session])
  const [info, setInfo] = useState<BackupInfo | undefined>(undefined)
  useEffect(() => {
    if (rows === undefined) return
    let cancelled = false
    void Promise.all([readBackupConfig(session), readBackupState(session)]).then(
      ([config, state]) => {
        if (!cancelled) setInfo({ config, state })
      },
    )
    return () => {
      cancelled = true
    }
  }, [session, rows])
  return info
}
