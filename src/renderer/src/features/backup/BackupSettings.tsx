import { useCallback, useEffect, useState } from 'react'
import type { BackupFolderStatus } from '../../platform'
import { usePlatform } from '../../platform/context'
import { useBackupInfo } from '../../store/backup-queries'
import { EMPTY_BACKUP_STATE } from '../../store/codecs'
import { isSampleVault, SAMPLE_NOT_BACKED_UP } from '../../store/sample-vault'
import { useSession } from '../../store/session-context'
import { AutomaticCard } from './AutomaticCard'
import { keyFileHash } from './operations'
import { DrillCard } from './DrillCard'
import { ExportCard } from './ExportCard'
import { RestoreCard } from './RestoreCard'

/** Settings → Backups: automatic backups, export, restore and the restore drill. */
export function BackupSettings() {
  const session = useSession()
  if (isSampleVault(session))
    return (
      <section aria-labelledby="backups-title" id="backups">
        <h2 id="backups-title" className="section-title">
          Backups
        </h2>
        <p className="card">
          {SAMPLE_NOT_BACKED_UP} Backups are made from your own vault, once you have set it up.
        </p>
      </section>
    )
  return <Backups />
}

function Backups() {
  const platform = usePlatform()
  const info = useBackupInfo()
  const [folder, setFolder] = useState<BackupFolderStatus | null>(null)
  /** The hash of the folder's backup-key.age (null: there is none; undefined: not known yet). */
  const [folderKey, setFolderKey] = useState<string | null | undefined>(undefined)
  const [generation, setGeneration] = useState(0)
  const refresh = useCallback(() => setGeneration((g) => g + 1), [])

  useEffect(() => {
    let cancelled = false
    void (async () => {
      const status = await platform.backupFolder
        .status()
        .catch((): BackupFolderStatus => ({ configured: false }))
      if (cancelled) return
      setFolder(status)
      if (!status.configured) return setFolderKey(undefined)
      const key = await platform.backupFolder.readKey().then(
        (bytes) => (bytes ? keyFileHash(bytes) : null),
        () => undefined,
      )
      if (!cancelled) setFolderKey(key)
    })()
    return () => {
      cancelled = true
    }
  }, [platform, generation])

  const config = info?.config ?? null
  const state = info?.state ?? EMPTY_BACKUP_STATE
  const hasFolder = Boolean(folder?.configured)
  return (
    <section aria-labelledby="backups-title" id="backups">
      <h2 id="backups-title" className="section-title">
        Backups
      </h2>
      <AutomaticCard
        folder={folder}
        folderKey={folderKey}
        config={config}
        state={state}
        onFolderChanged={refresh}
      />
      <ExportCard />
      <RestoreCard config={config} folder={hasFolder} />
      <DrillCard config={config} folder={hasFolder} state={state} />
    </section>
  )
}
