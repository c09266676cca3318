import { useEffect, useRef, useState } from 'react'
import { usePlatform } from '../../platform/context'
import { isSampleVault } from '../../store/sample-vault'
import { useSession } from '../../store/session-context'
import {
  automaticBackupInProgress,
  CHECK_EVERY_MS,
  FIRST_CHECK_AFTER_MS,
  runAutomaticBackup,
} from './automatic'

/** How long closing may wait on the checks before it says what it is waiting for. */
const SAY_AFTER_MS = 400

/**
 * Mounted while the vault is unlocked: shortly after unlocking, and then every few minutes, makes
 * an automatic backup if one is due. When the desktop window is about to close (or the app to
 * quit), makes a due backup first, or lets one already being made finish, and says so while it
 * works, with a way to close without it. The sample vault is never backed up.
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
  const [closing, setClosing] = useState(false)
  const closeNow = useRef<(() => void) | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (isSampleVault(session)) return
    const run = () => {
      if (session.isOpen) void runAutomaticBackup(session, platform)
    }
    const first = setTimeout(run, firstAfterMs)
    const timer = setInterval(run, everyMs)
    const stopClosing = platform.onClosing(() => {
      if (!session.isOpen) return
      return new Promise<void>((resolve) => {
        closeNow.current = resolve
        const inProgress = automaticBackupInProgress()
        // Said at once when a backup is being made; otherwise as soon as the checks take longer
        // than a moment (a backup folder on a drive that does not answer), so that the window
        // never waits without saying why, or without the way to close it now.
        const slow = setTimeout(() => setClosing(true), inProgress ? 0 : SAY_AFTER_MS)
        void (
          inProgress ?? runAutomaticBackup(session, platform, { onStart: () => setClosing(true) })
        )
          .catch(() => {})
          .finally(() => {
            clearTimeout(slow)
            setClosing(false)
            resolve()
          })
      })
    })
    return () => {
      clearTimeout(first)
      clearInterval(timer)
      stopClosing()
    }
  }, [session, platform, firstAfterMs, everyMs])

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (closing && !element.open) {
      element.showModal()
      button.current?.focus()
    } else if (!closing && element.open) {
      element.close()
    }
  }, [closing])

  return (
    <dialog
      ref={dialog}
      className="modal-notice"
      aria-labelledby="closing-backup-title"
      aria-describedby="closing-backup-text"
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="closing-backup-title">Making a backup before Mend closes</h2>
      <p id="closing-backup-text">
        An automatic backup is due. Mend closes as soon as it is saved in the backup folder and
        checked, usually in a few seconds.
      </p>
      <button type="button" ref={button} onClick={() => closeNow.current?.()}>
        Close without the backup
      </button>
    </dialog>
  )
}
