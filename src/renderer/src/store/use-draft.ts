import { useCallback, useEffect, useRef, useState } from 'react'
import type { FieldValues, UseFormReturn } from 'react-hook-form'
import { useSession } from './session-context'

export interface DraftOffer {
  savedAt: string
  restore: () => void
  discard: () => Promise<void>
}

export interface FormDraft {
  /** A draft from an earlier visit, offered back; null when there is none. */
  offer: DraftOffer | null
  /** Saves now (encrypted). Also runs on blur, after typing pauses, on lock and on closing. */
  saveNow: () => Promise<void>
  /** Deletes the draft (after the form was saved or the draft discarded). */
  clear: () => Promise<void>
  /** Attach to the form's onBlur. */
  onBlur: () => void
}

const DEBOUNCE_MS = 600

/**
 * Keeps an encrypted draft of a react-hook-form form as the therapist types: debounced, on
 * blur, before the vault locks and when the window closes. A draft found on mount is offered back.
 */
export function useFormDraft<T extends FieldValues>(
  form: UseFormReturn<T>,
  draft: { id: string; label: string; route: string },
): FormDraft {
  const session = useSession()
  const [offer, setOffer] = useState<DraftOffer | null>(null)
  const dirty = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const { id, label, route } = draft

  const saveNow = useCallback(async () => {
    clearTimeout(timer.current)
    if (!dirty.current || !session.isOpen) return
    dirty.current = false
    await session.drafts.put(session.dataKey, id, {
      label,
      route,
      values: form.getValues(),
      savedAt: new Date().toISOString(),
    })
  }, [session, form, id, label, route])

  const clear = useCallback(async () => {
    clearTimeout(timer.current)
    dirty.current = false
    setOffer(null)
    if (session.isOpen) await session.drafts.table.delete(id)
  }, [session, id])

  // Offer back a draft left from before (a lock, a crash, a closed window).
  useEffect(() => {
    let cancelled = false
    void session.drafts.get(session.dataKey, id).then((found) => {
      if (cancelled || !found?.ok) return
      setOffer({
        savedAt: found.value.savedAt,
        restore: () => {
          form.reset(found.value.values as T, { keepDefaultValues: true })
          dirty.current = true
          setOffer(null)
        },
        discard: async () => {
          setOffer(null)
          await session.drafts.table.delete(id)
        },
      })
    })
    return () => {
      cancelled = true
    }
  }, [session, id, form])

  // Debounced save as the therapist types.
  useEffect(() => {
    const subscription = form.watch((_values, { name, type }) => {
      // Typing reports type 'change'; adding or removing list items reports only the list's
      // name; a reset (restoring a draft, after saving) reports neither.
      if (!name && !type) return
      dirty.current = true
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void saveNow(), DEBOUNCE_MS)
    })
    return () => subscription.unsubscribe()
  }, [form, saveNow])

  // Before the vault locks, and when the window is closing or reloading: beforeunload comes first
  // and gives the (encrypted) save the most time to land; pagehide and hiding follow.
  useEffect(() => {
    const unregister = session.registerFlusher(saveNow)
    const onLeave = () => void saveNow()
    window.addEventListener('beforeunload', onLeave)
    window.addEventListener('pagehide', onLeave)
    document.addEventListener('visibilitychange', onLeave)
    return () => {
      void saveNow()
      unregister()
      window.removeEventListener('beforeunload', onLeave)
      window.removeEventListener('pagehide', onLeave)
      document.removeEventListener('visibilitychange', onLeave)
      clearTimeout(timer.current)
    }
  }, [session, saveNow])

  return { offer, saveNow, clear, onBlur: () => void saveNow() }
}
