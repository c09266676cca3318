import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import { READ_BACK_WINDOW_MS } from '../../shared/ipc'
import { PublicError } from '../errors'
import {
  FileTooLargeError,
  pathExists,
  readFileLimited,
  syncDirectory,
  tempPathFor,
  type FsLike,
} from './files'

export class UnknownWriteError extends PublicError {
  constructor() {
    super('Mend does not know that write.')
    this.name = 'UnknownWriteError'
  }
}

export class WriteFinishedError extends PublicError {
  constructor() {
    super('That write is already finished.')
    this.name = 'WriteFinishedError'
  }
}

export class WriteNotCommittedError extends PublicError {
  constructor() {
    super('That write has not been saved yet.')
    this.name = 'WriteNotCommittedError'
  }
}

export class TooManyWritesError extends PublicError {
  constructor() {
    super('Too many files are being written at once.')
    this.name = 'TooManyWritesError'
  }
}

/**
 * Where a write lands. `target`: a path the user chose in a dialog. `nameAtCommit`: a folder main
 * names files in (the backup folder); the name is chosen at commit, never replacing a file.
 */
export type WritePlace =
  | { kind: 'target'; target: string }
  | { kind: 'folder'; dir: string; nameAtCommit: (attempt: number) => string }

type Session =
  | {
      state: 'open'
      owner: number
      place: WritePlace
      dir: string
      temp: string
      file: FileHandle
      bytes: number
      queue: Promise<void>
    }
  | {
      state: 'committed'
      owner: number
      target: string
      name: string
      /** Its size, to know it is still the file written when it is withdrawn. */
      bytes: number
      finishedAt: number
    }
  | { state: 'aborted'; owner: number; finishedAt: number }

export interface WriteSessionsDeps {
  fs: FsLike
  platform?: NodeJS.Platform
  /** Epoch milliseconds. */
  now?: () => number
  maxBytes: number
  /** How many writes one window may have open at once. */
  maxOpenPerOwner?: number
  randomHandle?: () => string
}

/**
 * Streamed writes (backups): begin opens an exclusive 0600 temp file next to the destination,
 * write appends, commit flushes, renames into place and flushes the folder, abort removes the
 * temp. Handles are random ids main issues, bound to the window (WebContents id) that began them;
 * a committed write can be read back for READ_BACK_WINDOW_MS. The renderer never sees a path.
 */
export class WriteSessions {
  private readonly sessions = new Map<string, Session>()
  private readonly now: () => number
  private readonly maxOpenPerOwner: number
  private readonly randomHandle: () => string

  constructor(private readonly deps: WriteSessionsDeps) {
    this.now = deps.now ?? Date.now
    this.maxOpenPerOwner = deps.maxOpenPerOwner ?? 4
    this.randomHandle = deps.randomHandle ?? (() => randomBytes(16).toString('hex'))
  }

  /** Opens a write; returns its handle. */
  async begin(owner: number, place: WritePlace): Promise<string> {
    this.sweep()
    const open = [...this.sessions.values()].filter(
      (session) => session.state === 'open' && session.owner === owner,
    ).length
    if (open >= this.maxOpenPerOwner) throw new TooManyWritesError()
    const dir = place.kind === 'target' ? path.dirname(place.target) : place.dir
    const temp = tempPathFor(dir)
    const file = await this.deps.fs.open(temp, 'wx', 0o600)
    const handle = this.randomHandle()
    this.sessions.set(handle, {
      state: 'open',
      owner,
      place,
      dir,
      temp,
      file,
      bytes: 0,
      queue: Promise.resolve(),
    })
    return handle
  }

  /** Appends `data`. Over the size limit the write is aborted (temp removed) and refused. */
  write(owner: number, handle: string, data: Uint8Array): Promise<void> {
    return this.serially(owner, handle, async (session) => {
      if (session.bytes + data.byteLength > this.deps.maxBytes) {
        await this.discard(handle, session)
        throw new FileTooLargeError()
      }
      try {
        // On a FileHandle, writeFile writes at the current position: each chunk is appended.
        await session.file.writeFile(data)
      } catch (error) {
        await this.discard(handle, session)
        throw error
      }
      session.bytes += data.byteLength
    })
  }

  /**
   * Flushes, renames into place, flushes the folder. Returns the file's name. A failure rejects
   * and leaves no new file behind, except a folder that does not flush after the new file
   * replaced one (the save dialog asked): it is kept, as the only copy left.
   */
  commit(owner: number, handle: string): Promise<{ name: string }> {
    return this.serially(owner, handle, async (session) => {
      let target: string
      let replaced: boolean
      try {
        await session.file.sync()
        await session.file.close()
        target = await this.destination(session.place)
        // A file chosen in the save dialog may replace one (the dialog asked): see below.
        replaced = await this.deps.fs.lstat(target).then(
          () => true,
          () => false,
        )
        await this.deps.fs.rename(session.temp, target)
      } catch (error) {
        await this.discard(handle, session)
        throw error
      }
      const name = path.basename(target)
      try {
        await syncDirectory(this.deps.fs, session.dir, this.deps.platform)
      } catch (error) {
        if (!replaced) {
          // In place, but the folder did not flush: the file is not known to be on the disk.
          // It is taken away again, so that "not saved" is what the renderer reports and
          // nothing unchecked is left looking like a backup (or a file that no one noted).
          this.sessions.set(handle, { state: 'aborted', owner, finishedAt: this.now() })
          const info = await this.deps.fs.lstat(target).catch(() => null)
          if (info?.isFile() && info.size === session.bytes)
            await this.deps.fs.rm(target, { force: true }).catch(() => {})
          throw error
        }
        // It replaced a file (the save dialog asked): taking it away would leave neither. It
        // stays, committed, and is read back and checked like any other.
      }
      this.sessions.set(handle, {
        state: 'committed',
        owner,
        target,
        name,
        bytes: session.bytes,
        finishedAt: this.now(),
      })
      return { name }
    })
  }

  /** Removes the temp file. A write that already finished (committed or aborted) is left as it is. */
  async abort(owner: number, handle: string): Promise<void> {
    const session = this.lookup(owner, handle)
    if (session.state !== 'open') return
    await this.run(session, () => this.discardIfOpen(handle))
  }

  /** The committed file, read back from disk. */
  async readBack(owner: number, handle: string): Promise<Uint8Array> {
    const session = this.lookup(owner, handle)
    if (session.state === 'open') throw new WriteNotCommittedError()
    if (session.state === 'aborted') throw new WriteFinishedError()
    return readFileLimited(this.deps.fs, session.target, this.deps.maxBytes, { noSymlinks: true })
  }

  /**
   * Removes a committed file that did not check out when read back, so that nothing untrusted is
   * left looking like a backup. Only within the read-back window, and only while the file there
   * is still a regular file of the size written (one replaced since is left alone).
   */
  async withdraw(owner: number, handle: string): Promise<void> {
    const session = this.lookup(owner, handle)
    if (session.state !== 'committed') return
    this.sessions.set(handle, { state: 'aborted', owner, finishedAt: this.now() })
    const info = await this.deps.fs.lstat(session.target).catch(() => null)
    if (!info?.isFile() || info.size !== session.bytes) return
    await this.deps.fs.rm(session.target, { force: true })
  }

  /** Aborts every open write of one window (it closed). */
  async abortOwnedBy(owner: number): Promise<void> {
    const handles = [...this.sessions.entries()]
      .filter(([, session]) => session.owner === owner && session.state === 'open')
      .map(([handle]) => handle)
    await Promise.all(handles.map((handle) => this.abort(owner, handle).catch(() => {})))
  }

  /** Aborts every open write (the app is quitting). */
  async abortAll(): Promise<void> {
    const owners = new Set([...this.sessions.values()].map((session) => session.owner))
    await Promise.all([...owners].map((owner) => this.abortOwnedBy(owner)))
  }

  /** How many writes are open (for tests and diagnostics). */
  openCount(): number {
    return [...this.sessions.values()].filter((session) => session.state === 'open').length
  }

  private async destination(place: WritePlace): Promise<string> {
    if (place.kind === 'target') return place.target
    for (let attempt = 0; attempt < 100; attempt++) {
      const candidate = path.join(place.dir, place.nameAtCommit(attempt))
      if (!(await pathExists(this.deps.fs, candidate))) return candidate
    }
    throw new PublicError('The backup folder has no free name for this backup.')
  }

  private lookup(owner: number, handle: string): Session {
    this.sweep()
    const session = this.sessions.get(handle)
    // Another window's handle is as unknown as one never issued.
    if (!session || session.owner !== owner) throw new UnknownWriteError()
    return session
  }

  private async serially<T>(
    owner: number,
    handle: string,
    op: (session: Extract<Session, { state: 'open' }>) => Promise<T>,
  ): Promise<T> {
    const session = this.lookup(owner, handle)
    if (session.state !== 'open') throw new WriteFinishedError()
    return this.run(session, () => {
      // The state may have changed while earlier operations on this handle ran.
      const current = this.sessions.get(handle)
      if (!current || current.state !== 'open') throw new WriteFinishedError()
      return op(current)
    })
  }

  private run<T>(session: Extract<Session, { state: 'open' }>, op: () => Promise<T>): Promise<T> {
    const result = session.queue.then(op)
    session.queue = result.then(
      () => {},
      () => {},
    )
    return result
  }

  private async discardIfOpen(handle: string): Promise<void> {
    const session = this.sessions.get(handle)
    if (session?.state === 'open') await this.discard(handle, session)
  }

  private async discard(handle: string, session: Extract<Session, { state: 'open' }>) {
    this.sessions.set(handle, { state: 'aborted', owner: session.owner, finishedAt: this.now() })
    await session.file.close().catch(() => {})
    await this.deps.fs.rm(session.temp, { force: true }).catch(() => {})
  }

  /** Forgets finished writes older than the read-back window. */
  private sweep(): void {
    const cutoff = this.now() - READ_BACK_WINDOW_MS
    for (const [handle, session] of this.sessions) {
      if (session.state !== 'open' && session.finishedAt < cutoff) this.sessions.delete(handle)
    }
  }
}
