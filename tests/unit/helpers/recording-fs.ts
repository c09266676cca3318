import { promises as realFs } from 'node:fs'
import path from 'node:path'
import type { FileHandle } from 'node:fs/promises'
import type { FsLike } from '../../../src/main/ipc/files'

export type FsCall = [operation: string, ...args: string[]]

/**
 * A real file system (inside a test's temp folder) that records every call that changes or
 * flushes something, including those on file handles, with paths relative to `root` (the random
 * temp name shown as TEMP), and that can be told to fail an operation, optionally on one path.
 */
export function recordingFs(root: string) {
  const calls: FsCall[] = []
  const failures: { operation: string; at?: string; code: string }[] = []
  const rel = (p: string) =>
    (path.relative(root, p) || '.').replace(/\.mend-[0-9a-f]{16}\.tmp$/, 'TEMP')

  async function record<T>(operation: string, at: string, rest: string[], run: () => Promise<T>) {
    calls.push([operation, at, ...rest])
    const failure = failures.find(
      (f) => f.operation === operation && (f.at === undefined || f.at === at),
    )
    if (failure) throw Object.assign(new Error(`${failure.code}: fake`), { code: failure.code })
    return run()
  }

  const wrapHandle = (handle: FileHandle, at: string): FileHandle =>
    new Proxy(handle, {
      get(target, prop, receiver) {
        if (prop === 'writeFile' || prop === 'sync' || prop === 'close') {
          const method = target[prop] as (...a: unknown[]) => Promise<unknown>
          return (...args: unknown[]) => record(prop, at, [], () => method.apply(target, args))
        }
        const value = Reflect.get(target, prop, receiver) as unknown
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value
      },
    })

  const fs: FsLike = {
    ...realFs,
    open: ((file: string, flags?: string, mode?: number) =>
      record('open', rel(file), [String(flags)], async () =>
        wrapHandle(await realFs.open(file, flags, mode), rel(file)),
      )) as FsLike['open'],
    rename: ((from: string, to: string) =>
      record('rename', rel(from), [rel(to)], () => realFs.rename(from, to))) as FsLike['rename'],
    rm: ((file: string, options?: Parameters<typeof realFs.rm>[1]) =>
      record('rm', rel(file), [], () => realFs.rm(file, options))) as FsLike['rm'],
  }

  return {
    fs,
    calls,
    /** Makes `operation` ('open', 'writeFile', 'sync', 'close', 'rename', 'rm') fail with `code`, on `at` (relative) only if given. */
    fail(operation: string, code: string, at?: string) {
      failures.push({ operation, code, at })
    },
  }
}
