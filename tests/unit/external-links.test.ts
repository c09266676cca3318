import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, Dialog } from 'electron'
import {
  createExternalLinkOpener,
  externalLinkPrompt,
} from '../../src/main/security/external-links'
import { isLocalHost } from '../../src/main/security/urls'

function setup(response: number | (() => Promise<{ response: number }>)) {
  const showMessageBox = vi.fn(
    typeof response === 'number' ? async () => ({ response, checkboxChecked: false }) : response,
  )
  const open = vi.fn(async () => {})
  const opener = createExternalLinkOpener({
    dialog: { showMessageBox } as unknown as Pick<Dialog, 'showMessageBox'>,
    open,
  })
  return { opener, showMessageBox, open }
}

const URL_ = 'https://988lifeline.org/chat?from=mend'

describe('external links', () => {
  it('asks with the full address, Open or Cancel, Cancel the default', () => {
    expect(externalLinkPrompt(URL_)).toMatchObject({
      message: 'Open this address in your web browser?',
      detail: URL_,
      buttons: ['Open', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    })
  })

  it('opens the address once the practitioner confirms', async () => {
    const { opener, showMessageBox, open } = setup(0)
    await expect(opener(URL_, null)).resolves.toBe(true)
    expect(showMessageBox).toHaveBeenCalledWith(externalLinkPrompt(URL_))
    expect(open).toHaveBeenCalledWith(URL_)
  })

  it('asks as a sheet of the window when there is one', async () => {
    const { opener, showMessageBox } = setup(0)
    const win = {} as BrowserWindow
    await opener(URL_, win)
    expect(showMessageBox).toHaveBeenCalledWith(win, externalLinkPrompt(URL_))
  })

  it('does not open it when the practitioner cancels', async () => {
    const { opener, open } = setup(1)
    await expect(opener(URL_, null)).resolves.toBe(false)
    expect(open).not.toHaveBeenCalled()
  })

  it.each([
    'http://localhost:5173/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'https://127.255.255.254/',
    'http://[::1]:8080/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0/',
    'http://0/',
    'http://[::]/',
    'http://app.localhost/',
    'http://LOCALHOST./',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ])('never asks about and never opens %s', async (url) => {
    const { opener, showMessageBox, open } = setup(0)
    await expect(opener(url, null)).resolves.toBe(false)
    expect(showMessageBox).not.toHaveBeenCalled()
    expect(open).not.toHaveBeenCalled()
  })

  it('asks one question at a time: a page cannot stack dialogs', async () => {
    let answer: (value: { response: number }) => void = () => {}
    const { opener, showMessageBox, open } = setup(
      () => new Promise((resolve) => (answer = resolve)),
    )
    const first = opener(URL_, null)
    await expect(opener('https://example.org/', null)).resolves.toBe(false)
    expect(showMessageBox).toHaveBeenCalledTimes(1)
    answer({ response: 0 })
    await expect(first).resolves.toBe(true)
    expect(open).toHaveBeenCalledTimes(1)
    // Once answered, the next link is asked about again.
    const second = opener('https://example.org/', null)
    answer({ response: 1 })
    await expect(second).resolves.toBe(false)
    expect(showMessageBox).toHaveBeenCalledTimes(2)
  })

  it('reports false (and logs no address) when the OS cannot open it', async () => {
    const log = vi.fn()
    const opener = createExternalLinkOpener({
      dialog: {
        showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
      } as unknown as Pick<Dialog, 'showMessageBox'>,
      open: () => Promise.reject(new Error('no handler')),
      log,
    })
    await expect(opener(URL_, null)).resolves.toBe(false)
    expect(JSON.stringify(log.mock.calls)).not.toContain('988')
  })
})

describe('isLocalHost', () => {
  it.each([
    'localhost',
    'localhost.',
    'a.b.localhost',
    '127.0.0.1',
    '127.8.9.10',
    '0.0.0.0',
    '[::1]',
    '[::]',
    '[::ffff:7f00:1]',
    '[::ffff:0:0]',
    '[::7f00:1]',
  ])('%s is this machine', (host) => expect(isLocalHost(host)).toBe(true))
  it.each([
    'example.org',
    'localhost.example.org',
    'mylocalhost',
    '128.0.0.1',
    '10.0.0.1',
    '[2001:db8::1]',
    '[::ffff:808:808]',
  ])('%s is not', (host) => expect(isLocalHost(host)).toBe(false))
})
