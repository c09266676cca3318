import { promises as fs } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { JsonFile } from '../../src/main/settings'
import { HeadMirror, HeadMirrorDamagedError } from '../../src/main/vault/head-mirror'
import { UnlockGate } from '../../src/main/vault/unlock-gate'
import { MAX_DELAY_MS, NO_THROTTLE } from '../../src/shared/unlock-throttle'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mend-vault-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const gateFile = () => JsonFile.in(fs, dir, 'unlock-gate.json')

describe('UnlockGate', () => {
  it('lets the first attempts through, then makes the delays grow', async () => {
    let now = 1_000_000
    const gate = await UnlockGate.open({ file: gateFile(), now: () => now })
    expect(gate.check()).toEqual({ waitMs: 0 })
    const waits: number[] = []
    for (let i = 0; i < 6; i++) waits.push((await gate.failed()).waitMs)
    expect(waits).toEqual([0, 0, 0, 5000, 10_000, 20_000])
    expect(gate.check()).toEqual({ waitMs: 20_000 })
    now += 15_000
    expect(gate.check()).toEqual({ waitMs: 5000 })
    now += 5000
    expect(gate.check()).toEqual({ waitMs: 0 })
  })

  it('resets on success and says how many failures there were', async () => {
    const gate = await UnlockGate.open({ file: gateFile(), now: () => 0 })
    for (let i = 0; i < 5; i++) await gate.failed()
    await expect(gate.succeeded()).resolves.toEqual({ failedSinceLast: 5 })
    expect(gate.check()).toEqual({ waitMs: 0 })
    await expect(gate.succeeded()).resolves.toEqual({ failedSinceLast: 0 })
    expect(JSON.parse(await readFile(path.join(dir, 'unlock-gate.json'), 'utf8'))).toEqual(
      NO_THROTTLE,
    )
  })

  it('keeps the delay across a restart (a new gate from the same file)', async () => {
    const now = 1_000_000
    const first = await UnlockGate.open({ file: gateFile(), now: () => now })
    for (let i = 0; i < 5; i++) await first.failed()
    const second = await UnlockGate.open({ file: gateFile(), now: () => now + 1000 })
    expect(second.check()).toEqual({ waitMs: 9000 })
    await expect(second.failed()).resolves.toEqual({ waitMs: 20_000 })
    await expect(second.succeeded()).resolves.toEqual({ failedSinceLast: 6 })
  })

  it('does not let a damaged file reset the delay', async () => {
    await writeFile(path.join(dir, 'unlock-gate.json'), '{"failures":0,"notBe')
    const gate = await UnlockGate.open({ file: gateFile(), now: () => 0 })
    expect(gate.check()).toEqual({ waitMs: MAX_DELAY_MS })
    // The next failure keeps it at the longest delay.
    await expect(gate.failed()).resolves.toEqual({ waitMs: MAX_DELAY_MS })
  })

  it('starts clean without a file', async () => {
    const gate = await UnlockGate.open({ file: gateFile(), now: () => 0 })
    expect(gate.check()).toEqual({ waitMs: 0 })
  })

  it('keeps counting in memory when the file cannot be written, and says so in the log', async () => {
    const log = vi.fn()
    const file = {
      readText: async () => null,
      write: vi.fn(async () => Promise.reject(new Error('EACCES /home/x/.config'))),
    }
    const gate = await UnlockGate.open({ file, now: () => 0, log })
    for (let i = 0; i < 4; i++) await gate.failed()
    expect(gate.check()).toEqual({ waitMs: 5000 })
    expect(log).toHaveBeenCalledWith('could not save the unlock gate')
    expect(JSON.stringify(log.mock.calls)).not.toContain('/home')
  })
})

describe('HeadMirror', () => {
  const VAULT_A = '6f1c1f2e-3b7a-4c55-9f3e-2a1b0c9d8e7f'
  const VAULT_B = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
  const H1 = 'a'.repeat(64)
  const H2 = 'b'.repeat(64)
  const mirror = () => new HeadMirror(JsonFile.in(fs, dir, 'audit-heads.json'))

  it('has nothing for a vault it was never told about', async () => {
    await expect(mirror().read(VAULT_A)).resolves.toBeNull()
  })

  it('keeps each vault’s head, across restarts', async () => {
    await mirror().write({ vaultId: VAULT_A, seq: 3, hash: H1 })
    await mirror().write({ vaultId: VAULT_B, seq: 9, hash: H2 })
    await mirror().write({ vaultId: VAULT_A, seq: 4, hash: H2, after: { seq: 3, hash: H1 } })
    await expect(mirror().read(VAULT_A)).resolves.toEqual({ seq: 4, hash: H2 })
    await expect(mirror().read(VAULT_B)).resolves.toEqual({ seq: 9, hash: H2 })
  })

  it('moves only to a head that follows the one kept, or on a reset (a vault put back cannot hide it)', async () => {
    const H3 = 'c'.repeat(64)
    await mirror().write({ vaultId: VAULT_A, seq: 7, hash: H1 })
    // A vault put back to entry 5 writes its own entries 6, 7, 8, 9: the copy stays at 7 (H1),
    // behind or ahead of them alike.
    await mirror().write({ vaultId: VAULT_A, seq: 6, hash: H2, after: { seq: 5, hash: H3 } })
    await mirror().write({ vaultId: VAULT_A, seq: 7, hash: H2, after: { seq: 6, hash: H2 } })
    await mirror().write({ vaultId: VAULT_A, seq: 8, hash: H3, after: { seq: 7, hash: H2 } })
    await mirror().write({ vaultId: VAULT_A, seq: 9, hash: H3 })
    await expect(mirror().read(VAULT_A)).resolves.toEqual({ seq: 7, hash: H1 })
    // The entry that follows the one kept: written.
    await mirror().write({ vaultId: VAULT_A, seq: 8, hash: H2, after: { seq: 7, hash: H1 } })
    await expect(mirror().read(VAULT_A)).resolves.toEqual({ seq: 8, hash: H2 })
    // The therapist acknowledged the vault as it is: the copy starts again from there.
    await mirror().write({ vaultId: VAULT_A, seq: 3, hash: H1, reset: true })
    await expect(mirror().read(VAULT_A)).resolves.toEqual({ seq: 3, hash: H1 })
  })

  it('runs concurrent writes one after another (none lost)', async () => {
    const m = mirror()
    await Promise.all([
      m.write({ vaultId: VAULT_A, seq: 1, hash: H1 }),
      m.write({ vaultId: VAULT_B, seq: 2, hash: H2 }),
    ])
    await expect(m.read(VAULT_A)).resolves.toEqual({ seq: 1, hash: H1 })
    await expect(m.read(VAULT_B)).resolves.toEqual({ seq: 2, hash: H2 })
  })

  it.each(['{', '{"heads":{"x":{"seq":1,"hash":"a"}}}', '{"heads":[]}', 'null'])(
    'says so when the file is damaged (%s), rather than pretending there is no head',
    async (text) => {
      await writeFile(path.join(dir, 'audit-heads.json'), text)
      await expect(mirror().read(VAULT_A)).rejects.toBeInstanceOf(HeadMirrorDamagedError)
    },
  )

  it('replaces a damaged file on the next write', async () => {
    await writeFile(path.join(dir, 'audit-heads.json'), '{')
    await mirror().write({ vaultId: VAULT_A, seq: 1, hash: H1 })
    await expect(mirror().read(VAULT_A)).resolves.toEqual({ seq: 1, hash: H1 })
  })
})
