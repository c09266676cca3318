import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { PublicError } from '../../src/main/errors'
import {
  handleGuarded,
  isTrustedSender,
  publicError,
  type IpcEventLike,
} from '../../src/main/security/ipc-guard'

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown

function fakeIpc() {
  const handlers = new Map<string, Listener>()
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    },
  }
}

const top = (url: string) => ({ senderFrame: { url, parent: null } })

describe('isTrustedSender', () => {
  it('trusts the top frame of an app page', () => {
    expect(isTrustedSender({ url: 'app://mend/index.html#/x', parent: null })).toBe(true)
  })
  it.each([
    ['a remote page', { url: 'https://evil.org/', parent: null }],
    ['a look-alike host', { url: 'app://mend.evil/', parent: null }],
    ['credentials trick', { url: 'app://mend@evil/', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', parent: null }],
    ['a subframe of the app', { url: 'app://mend/index.html', parent: {} }],
    ['a destroyed frame', null],
    ['the dev server in production', { url: 'http://localhost:5173/', parent: null }],
  ])('refuses %s', (_name, frame) => expect(isTrustedSender(frame)).toBe(false))
  it('trusts the dev server in development only', () => {
    expect(
      isTrustedSender({ url: 'http://localhost:5173/', parent: null }, 'http://localhost:5173'),
    ).toBe(true)
  })
})

describe('handleGuarded', () => {
  const schema = z.tuple([z.object({ name: z.string().max(10) }).strict()])

  it('runs the handler for a trusted sender with valid arguments', async () => {
    const { ipcMain, handlers } = fakeIpc()
    const handler = vi.fn((_e: unknown, arg: { name: string }) => `hello ${arg.name}`)
    handleGuarded(ipcMain, 'mend:test', schema, handler)
    await expect(handlers.get('mend:test')?.(top('app://mend/'), { name: 'ok' })).resolves.toBe(
      'hello ok',
    )
  })

  it('refuses an untrusted sender before looking at arguments', async () => {
    const { ipcMain, handlers } = fakeIpc()
    const handler = vi.fn()
    const onRefused = vi.fn()
    handleGuarded(ipcMain, 'mend:test', schema, handler, { onRefused })
    await expect(
      handlers.get('mend:test')?.(top('https://evil.org/'), { name: 'ok' }),
    ).rejects.toThrow(/did not come from Mend/)
    expect(handler).not.toHaveBeenCalled()
    expect(onRefused).toHaveBeenCalledWith('mend:test', 'untrusted-sender')
  })

  it.each([
    ['no arguments', []],
    ['a wrong type', [{ name: 5 }]],
    ['an extra key', [{ name: 'ok', path: '/etc/passwd' }]],
    ['too many arguments', [{ name: 'ok' }, 'extra']],
    ['too long a value', [{ name: 'Jane Doe the client' }]],
  ])('refuses %s without echoing the arguments', async (_name, args) => {
    const { ipcMain, handlers } = fakeIpc()
    const handler = vi.fn()
    handleGuarded(ipcMain, 'mend:test', schema, handler)
    const result = handlers.get('mend:test')?.(top('app://mend/'), ...args) as Promise<unknown>
    const error = await result.then(
      () => null,
      (e: unknown) => e as Error,
    )
    expect(error?.message).toMatch(/arguments were not valid/)
    expect(error?.message).not.toContain('Jane')
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses to register a channel outside the mend: prefix', () => {
    const { ipcMain } = fakeIpc()
    expect(() => handleGuarded(ipcMain, 'other:thing', schema, vi.fn())).toThrow()
  })

  it('passes an error written for the renderer through as it is', async () => {
    const { ipcMain, handlers } = fakeIpc()
    const onFailed = vi.fn()
    handleGuarded(
      ipcMain,
      'mend:test',
      schema,
      () => {
        throw new PublicError('That backup is not in the backup folder.')
      },
      { onFailed },
    )
    await expect(handlers.get('mend:test')?.(top('app://mend/'), { name: 'ok' })).rejects.toThrow(
      'That backup is not in the backup folder.',
    )
    expect(onFailed).toHaveBeenCalledWith('mend:test', 'PublicError')
  })

  it('replaces any other error, whose message may name a path, and logs only its code', async () => {
    const { ipcMain, handlers } = fakeIpc()
    const onFailed = vi.fn()
    handleGuarded(
      ipcMain,
      'mend:test',
      schema,
      async () => {
        throw Object.assign(
          new Error("ENOSPC: no space left on device, write '/home/therapist/Jane Doe.age'"),
          { code: 'ENOSPC' },
        )
      },
      { onFailed },
    )
    const error = (await (
      handlers.get('mend:test')?.(top('app://mend/'), { name: 'ok' }) as Promise<unknown>
    ).catch((e: unknown) => e)) as Error
    expect(error.message).toBe('There is not enough space on the disk.')
    expect(onFailed).toHaveBeenCalledWith('mend:test', 'ENOSPC')
    expect(JSON.stringify(onFailed.mock.calls)).not.toContain('Jane')
  })
})

describe('publicError', () => {
  it.each([
    [{ code: 'EACCES' }, 'Mend is not allowed to use that file or folder.', 'EACCES'],
    [{ code: 'ENOENT' }, 'That file or folder is no longer there.', 'ENOENT'],
    [{ code: 'EROFS' }, 'That disk is read-only.', 'EROFS'],
    [new Error('/home/x secret'), 'Mend could not complete that request.', 'unknown'],
    [{ code: 'a code with /home/x in it' }, 'Mend could not complete that request.', 'unknown'],
    ['a string', 'Mend could not complete that request.', 'unknown'],
  ])('%j -> %s', (thrown, message, code) => {
    const result = publicError(thrown)
    expect(result.error.message).toBe(message)
    expect(result.code).toBe(code)
  })
})
