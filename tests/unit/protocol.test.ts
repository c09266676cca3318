import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppProtocolHandler, resolveAppPath } from '../../src/main/security/protocol'

const root = '/srv/mend/renderer'

describe('resolveAppPath', () => {
  it.each([
    ['app://mend/', 'index.html'],
    ['app://mend/index.html', 'index.html'],
    ['app://mend/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://mend/assets/a%20b.css', 'assets/a b.css'],
    ['app://mend/index.html?x=1#/clients', 'index.html'],
  ])('serves %s from the renderer folder', (url, relative) => {
    expect(resolveAppPath(url, root)).toBe(path.join(root, relative))
  })

  it('clamps encoded dot segments at the root, as the URL parser does (never above it)', () => {
    // WHATWG URL turns %2e%2e into .. and removes it at the root: the path stays inside.
    expect(resolveAppPath('app://mend/%2e%2e/%2e%2e/etc/passwd', root)).toBe(
      path.join(root, 'etc/passwd'),
    )
  })

  it.each([
    'app://mend.evil/index.html',
    'app://mend@evil/index.html',
    'app://evil/index.html',
    'app://user:pw@mend/index.html',
    'app://mend:99/index.html',
    'https://mend/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://mend/..%2f..%2fetc/passwd',
    'app://mend/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://mend/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://mend/assets/..%5c..%5csecret',
    'app://mend/assets/%5c%5cserver%5cshare',
    'app://mend/index.html%00.png',
    'app://mend/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull()
  })
})

describe('createAppProtocolHandler (real files)', () => {
  let dir: string
  let rendererDir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mend-protocol-'))
    rendererDir = path.join(dir, 'renderer')
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true })
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mend</title>')
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    await writeFile(path.join(dir, 'secret.txt'), 'outside the renderer folder')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const handler = () =>
    createAppProtocolHandler({ rootDir: rendererDir, readFile: (file) => readFile(file) })

  it('serves index.html with the CSP and a content type', async () => {
    const response = await handler()(new Request('app://mend/'))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>Mend</title>')
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves a script as JavaScript', async () => {
    const response = await handler()(new Request('app://mend/assets/app.js'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/)
  })

  it.each([
    'app://mend/..%2fsecret.txt',
    'app://mend/assets/..%2f..%2fsecret.txt',
    'app://mend.evil/index.html',
  ])('refuses %s with 404 and never reads the secret', async (url) => {
    const response = await handler()(new Request(url))
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('outside the renderer folder')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
  })

  it('answers 404 for a missing file', async () => {
    expect((await handler()(new Request('app://mend/nope.js'))).status).toBe(404)
  })

  it('refuses methods other than GET and HEAD', async () => {
    expect(
      (await handler()(new Request('app://mend/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405)
  })
})
