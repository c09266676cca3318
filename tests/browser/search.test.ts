import { afterEach, describe, expect, it, vi } from 'vitest'
import { emptyClient, type Client } from '../../src/renderer/src/domain/client'
import { emptyStep } from '../../src/renderer/src/domain/incident'
import { stamp } from '../../src/renderer/src/domain/time'
import {
  addAddendum,
  createClient,
  createIncident,
  saveStep,
  updateClient,
} from '../../src/renderer/src/store/operations'
import {
  searchOf,
  searchStartedAhead,
  VaultSearch,
  type SearchAnswer,
} from '../../src/renderer/src/store/search'
import { SNAPSHOT_ROW_IDS } from '../../src/renderer/src/store/search-snapshot'
import { seedSample } from '../../src/renderer/src/store/sample'
import { remove, type VaultSession } from '../../src/renderer/src/store/session'
import { DERIVED } from '../../src/renderer/src/store/keys'
import { MendDatabase, unlockVault } from '../../src/renderer/src/store/vault'
import { freshSession, PASS, TEST_HOST, testDatabase } from './fixtures'

const t = testDatabase('mend-search')

const client = (displayName: string, initials: string, notes = ''): Client => ({
  ...emptyClient(),
  displayName,
  initials,
  notes,
})

const open: VaultSearch[] = []
afterEach(() => {
  for (const search of open.splice(0)) search.close()
})

/** A search over the session with its worker kept at hand, ready once the index is built. */
async function started(session: VaultSession): Promise<{ search: VaultSearch; worker: Worker }> {
  let worker: Worker | null = null
  const search = new VaultSearch(session, () => {
    worker = new Worker(new URL('../../src/renderer/src/store/search.worker.ts', import.meta.url), {
      type: 'module',
    })
    return worker
  })
  open.push(search)
  await ready(search)
  return { search, worker: worker! }
}

async function ready(search: VaultSearch): Promise<void> {
  await expect.poll(() => search.getStatus().state, { timeout: 20_000 }).toBe('ready')
}

const ids = (answer: SearchAnswer) => ({
  clients: answer.results.clients.map((hit) => hit.id),
  walkouts: answer.results.walkouts.map((hit) => hit.id),
})

/** A client with one walkout: a narrative word in the safety step, another in the reflection. */
async function practice(session: VaultSession) {
  const jordan = await createClient(session, client('Jordan Avery', 'JA'))
  const other = await createClient(session, client('Casey Brightwater', 'CB', 'Prefers mornings.'))
  const walkout = await createIncident(session, jordan)
  await saveStep(
    session,
    walkout,
    'safety',
    {
      ...emptyStep('safety', stamp()),
      beforeNarrative: 'Jordan stood up when the kettle whistled and left without a word.',
    },
    false,
  )
  await saveStep(
    session,
    walkout,
    'reflect',
    { ...emptyStep('reflect', stamp()), myContribution: 'I pressed about the marmalade too soon.' },
    false,
  )
  return { jordan, other, walkout }
}

describe('search across records, in its worker', () => {
  it('finds a client by a word from a walkout narrative, and "avery j" finds Jordan Avery', async () => {
    const session = await freshSession(t.db)
    const { jordan, walkout } = await practice(session)
    const { search } = await started(session)

    const byNarrative = await search.search('kettle', false)
    expect(ids(byNarrative)).toEqual({ clients: [], walkouts: [walkout] })
    expect(byNarrative.complete).toBe(true)
    const hit = byNarrative.results.walkouts[0]!
    expect(hit.reflection).toBe(false)
    expect(hit.excerpts[0]!.label).toBe('Assess safety: What happened just before')
    expect(hit.excerpts[0]!.parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['kettle'])

    const byName = await search.search('avery j', false)
    expect(ids(byName).clients).toEqual([jordan])
    expect(byName.results.clients[0]!.terms.sort()).toEqual(['avery', 'ja', 'jordan'])
    expect(ids(await search.search('JA', false)).clients).toEqual([jordan])
    expect(ids(await search.search('mornings', false)).clients).toHaveLength(1)
    expect(ids(await search.search('nothing like it', false))).toEqual({
      clients: [],
      walkouts: [],
    })
    session.close()
  })

  it('does not find words of the private reflection unless they are switched on', async () => {
    const session = await freshSession(t.db)
    const { walkout } = await practice(session)
    const { search } = await started(session)

    expect(ids(await search.search('marmalade', false))).toEqual({ clients: [], walkouts: [] })
    const included = await search.search('marmalade', true)
    expect(ids(included)).toEqual({ clients: [], walkouts: [walkout] })
    expect(included.results.walkouts[0]!.reflection).toBe(true)
    expect(included.results.walkouts[0]!.excerpts.map((e) => e.reflection)).toEqual([true])
    // With the switch on, a word of the record itself is not marked as a psychotherapy note.
    expect((await search.search('kettle', true)).results.walkouts[0]!.reflection).toBe(false)
    session.close()
  })

  it('keeps up with writes: new records, changed names, addenda', async () => {
    const session = await freshSession(t.db)
    const { jordan, walkout } = await practice(session)
    const { search } = await started(session)

    const riley = await createClient(session, client('Riley Quillfeather', 'RQ'))
    expect(ids(await search.search('quill', false)).clients).toEqual([riley])

    await updateClient(session, jordan, client('Jordan Westbrook', 'JW'))
    expect(ids(await search.search('avery', false)).clients).toEqual([])
    expect(ids(await search.search('westbrook', false)).clients).toEqual([jordan])

    await addAddendum(session, walkout, 'Correction: the teapot, not the kettle.')
    const addendum = await search.search('teapot', false)
    expect(ids(addendum).walkouts).toEqual([walkout])
    expect(addendum.results.walkouts[0]!.excerpts[0]!.label).toBe('Addendum')

    session.close()
  })

  it('finds what another window of the app wrote', async () => {
    const session = await freshSession(t.db)
    await practice(session)
    const { search } = await started(session)

    const elsewhere = new MendDatabase(t.db.name)
    const { session: other } = await unlockVault(elsewhere, { passphrase: PASS }, TEST_HOST)
    const sage = await createClient(other, client('Sage Thistlewood', 'ST'))
    await expect
      .poll(async () => ids(await search.search('thistle', false)).clients, { timeout: 10_000 })
      .toEqual([sage])
    other.close()
    elsewhere.close()
    session.close()
  })

  it('finds nothing once the session is closed, and its worker is gone', async () => {
    const session = await freshSession(t.db)
    await practice(session)
    const { search, worker } = await started(session)
    expect(ids(await search.search('kettle', false)).walkouts).toHaveLength(1)

    session.close()
    search.close()
    expect(search.running).toBe(false)
    expect(search.getStatus().state).toBe('closed')
    expect(ids(await search.search('kettle', false))).toEqual({ clients: [], walkouts: [] })
    expect(ids(await search.search('jordan', true))).toEqual({ clients: [], walkouts: [] })

    // The terminated worker no longer answers anything.
    const answers: unknown[] = []
    worker.onmessage = (event) => answers.push(event.data)
    worker.postMessage({
      type: 'search',
      seq: 99,
      query: 'kettle',
      includeReflections: true,
      limit: 5,
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(answers).toEqual([])
  })

  it('with no read packs, the index is built once the check of this unlock has ended, not alongside it', async () => {
    const session = await freshSession(t.db)
    await practice(session)
    let endCheck = () => {}
    session.checking(new Promise<void>((resolve) => (endCheck = resolve)))
    const search = searchOf(session)!
    open.push(search)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(search.getStatus()).toMatchObject({ state: 'building', indexed: 0 })
    endCheck()
    await ready(search)
    expect(ids(await search.search('kettle', false)).walkouts).toHaveLength(1)
  })

  it('the session starts one search after unlock and closes it when it closes', async () => {
    const created = await freshSession(t.db)
    await practice(created)
    created.close()
    expect(searchOf(created)).toBeNull()

    const { session } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    const search = searchOf(session)!
    expect(searchOf(session)).toBe(search)
    await ready(search)
    expect(search.getStatus().indexed).toBeGreaterThanOrEqual(3)
    expect(ids(await search.search('kettle', false)).walkouts).toHaveLength(1)

    session.close()
    expect(search.running).toBe(false)
    expect(ids(await search.search('kettle', false)).walkouts).toEqual([])
    expect(searchOf(session)).toBeNull()
  })
})

describe('the sealed snapshot of the index', () => {
  /** Unlocks the vault again (a new session, as after a lock) and starts its search. */
  async function unlockAgain() {
    const { session } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    const { search } = await started(session)
    return { session, search }
  }

  /** Waits until the worker has written a snapshot of its index. */
  async function saved(search: VaultSearch, count = 1): Promise<void> {
    await expect
      .poll(() => search.getStatus().saved, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(count)
  }

  const snapshotRow = () => t.db.derived.get(DERIVED.searchSnapshot)

  /** The practice, its index built and its snapshot written, and the session closed. */
  async function snapshotted() {
    const first = await freshSession(t.db)
    const ids = await practice(first)
    const { search: built } = await started(first)
    await saved(built)
    first.close()
    return ids
  }

  /** An unlock whose check has not ended yet (until `endCheck`). */
  async function unlockedWhileChecking() {
    const { session } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    let end = () => {}
    session.checking(new Promise<void>((resolve) => (end = resolve)))
    return { session, endCheck: () => end() }
  }

  it('is written after the index is built, sealed, and restores the same index at the next unlock', async () => {
    const first = await freshSession(t.db)
    const { jordan, walkout } = await practice(first)
    await createClient(first, client('Quentin Marlowe', 'QM', 'Loves "cinnamon" tea.'))
    const { search: built } = await started(first)
    expect(built.getStatus()).toMatchObject({ reused: 0, read: 4 })
    await saved(built)
    const queries = [
      'kettle',
      'avery j',
      'cinnamon',
      'marmalade',
      'CB',
      'nothing like it',
      'avery kettle',
    ]
    const before = await Promise.all(queries.map((q) => built.search(q, true)))
    // A walkout by its client's name and a word of its own.
    expect(ids(before.at(-1)!)).toEqual({ clients: [], walkouts: [walkout] })
    first.close()

    // Nothing in clear: an id, a format number and sealed bytes, which hold none of the words.
    const row = (await snapshotRow())!
    expect(Object.keys(row).sort()).toEqual(['enc', 'id', 'sv'])
    const text = new TextDecoder().decode(row.enc.ct)
    for (const word of ['kettle', 'Jordan', 'cinnamon', 'marmalade', jordan, walkout])
      expect(text).not.toContain(word)

    const { session, search } = await unlockAgain()
    expect(search.getStatus()).toMatchObject({ reused: 4, read: 0, indexed: 4 })
    const after = await Promise.all(queries.map((q) => search.search(q, true)))
    expect(after).toEqual(before)
    // The private reflection is still searched only when switched on.
    expect(ids(await search.search('marmalade', false))).toEqual({ clients: [], walkouts: [] })
    expect(ids(await search.search('marmalade', true)).walkouts).toEqual([walkout])
    session.close()
  })

  it('restored from its snapshot, the index is ready while the check of the unlock still runs', async () => {
    await snapshotted()

    const { session, endCheck } = await unlockedWhileChecking()
    // The unlock started the search's worker once it had the key: the session's search takes it.
    expect(searchStartedAhead(session)).toBe(true)
    const search = searchOf(session)!
    open.push(search)
    expect(searchStartedAhead(session)).toBe(false)
    await ready(search)
    expect(search.getStatus()).toMatchObject({ reused: 3, read: 0 })
    expect(ids(await search.search('kettle', false)).walkouts).toHaveLength(1)
    endCheck()
    session.close()
  })

  it('without its snapshot but with read packs, the index is built while the check of the unlock still runs', async () => {
    // The first build read the rows and sealed the read packs; the snapshot is then lost.
    await snapshotted()
    expect(await t.db.derived.where('id').startsWith(DERIVED.packsOf('incidents')).count()).toBe(1)
    await t.db.derived.bulkDelete(SNAPSHOT_ROW_IDS)

    const { session, endCheck } = await unlockedWhileChecking()
    const search = searchOf(session)!
    open.push(search)
    await ready(search)
    expect(search.getStatus()).toMatchObject({ reused: 0, read: 3 })
    expect(ids(await search.search('kettle', false)).walkouts).toHaveLength(1)
    endCheck()
    session.close()
  })

  it('a table without read packs is read once the check of the unlock has ended, the others beside it', async () => {
    await snapshotted()
    // The snapshot lost, and the walkouts' packs dropped (as a delete drops them).
    const walkoutPacks = await t.db.derived
      .where('id')
      .startsWith(DERIVED.packsOf('incidents'))
      .primaryKeys()
    expect(walkoutPacks).toHaveLength(1)
    await t.db.derived.bulkDelete([...SNAPSHOT_ROW_IDS, ...walkoutPacks])

    const { session, endCheck } = await unlockedWhileChecking()
    const search = searchOf(session)!
    open.push(search)
    // The two clients, from their pack; the walkout waits for the check.
    await expect.poll(() => search.getStatus().indexed, { timeout: 20_000 }).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(search.getStatus()).toMatchObject({ state: 'building', indexed: 2 })
    endCheck()
    await ready(search)
    expect(search.getStatus()).toMatchObject({ reused: 0, read: 3 })
    expect(ids(await search.search('kettle', false)).walkouts).toHaveLength(1)
    session.close()
  })

  it('reads again only what changed between sessions: new, changed and deleted records', async () => {
    const { jordan, other, walkout } = await snapshotted()

    // Between the sessions (as if written by another window after this one locked).
    const between = (await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)).session
    await updateClient(between, jordan, client('Jordan Westbrook', 'JW'))
    const riley = await createClient(between, client('Riley Quillfeather', 'RQ'))
    await between.commit({
      changes: [remove(between.clients, other)],
      audit: { action: 'edit', target: 'client', targetId: other, detail: '' },
    })
    await addAddendum(between, walkout, 'Correction: the teapot, not the kettle.')
    between.close()

    const { session, search } = await unlockAgain()
    // The walkout is as it was; the changed client, the new client and the addendum are read.
    expect(search.getStatus()).toMatchObject({ reused: 1, read: 3 })
    expect(ids(await search.search('avery', false)).clients).toEqual([])
    expect(ids(await search.search('westbrook', false)).clients).toEqual([jordan])
    expect(ids(await search.search('quill', false)).clients).toEqual([riley])
    expect(ids(await search.search('brightwater', false)).clients).toEqual([])
    expect(ids(await search.search('mornings', false)).clients).toEqual([])
    expect(ids(await search.search('teapot', false)).walkouts).toEqual([walkout])
    expect(ids(await search.search('kettle', false)).walkouts).toEqual([walkout])
    // The snapshot follows, a few seconds later.
    await saved(search)
    session.close()
    const { session: third, search: again } = await unlockAgain()
    expect(again.getStatus()).toMatchObject({ reused: 4, read: 0 })
    expect(ids(await again.search('westbrook', false)).clients).toEqual([jordan])
    third.close()
  })

  it('an older snapshot put back still gives the records as they are now', async () => {
    const first = await freshSession(t.db)
    const { jordan, walkout } = await practice(first)
    const { search: built } = await started(first)
    await saved(built)
    const older = (await snapshotRow())!
    await updateClient(first, jordan, client('Jordan Westbrook', 'JW'))
    await saveStep(
      first,
      walkout,
      'safety',
      { ...emptyStep('safety', stamp()), beforeNarrative: 'She left when the clock chimed.' },
      false,
    )
    await saved(built, 2)
    first.close()
    await t.db.derived.put(older)

    const { session, search } = await unlockAgain()
    expect(search.getStatus()).toMatchObject({ reused: 1, read: 2 })
    expect(ids(await search.search('westbrook', false)).clients).toEqual([jordan])
    expect(ids(await search.search('avery', false)).clients).toEqual([])
    expect(ids(await search.search('chimed', false)).walkouts).toEqual([walkout])
    expect(ids(await search.search('kettle', false)).walkouts).toEqual([])
    // The reflection was not changed: it comes from the snapshot, still on its own shelf.
    expect(ids(await search.search('marmalade', false)).walkouts).toEqual([])
    expect(ids(await search.search('marmalade', true)).walkouts).toEqual([walkout])
    session.close()
  })

  it('a snapshot that does not open, of another format, or gone: the index is built from the records', async () => {
    const { walkout } = await snapshotted()
    const good = (await snapshotRow())!

    const damaged = { ...good, enc: { ...good.enc, ct: good.enc.ct.slice() } }
    damaged.enc.ct[damaged.enc.ct.length >> 1]! ^= 1
    const truncated = { ...good, enc: { ...good.enc, ct: good.enc.ct.slice(0, 40) } }
    const otherFormat = { ...good, sv: good.sv + 1 }
    const moved = { ...good, id: 'elsewhere' }
    for (const bad of [damaged, truncated, otherFormat, null, moved]) {
      await t.db.derived.bulkDelete([...SNAPSHOT_ROW_IDS, 'elsewhere'])
      if (bad) await t.db.derived.put(bad)
      const { session, search } = await unlockAgain()
      expect(search.getStatus()).toMatchObject({ state: 'ready', reused: 0, read: 3 })
      expect(ids(await search.search('kettle', false)).walkouts).toEqual([walkout])
      expect(ids(await search.search('marmalade', false)).walkouts).toEqual([])
      // A fresh snapshot replaces it.
      await saved(search)
      session.close()
    }
    const { session, search } = await unlockAgain()
    expect(search.getStatus()).toMatchObject({ reused: 3, read: 0 })
    session.close()
  })

  it('an unlock without a snapshot has the worker start the second worker of its build at once (with cores to spare); with one, not', async () => {
    await snapshotted()
    const cores = vi.spyOn(Navigator.prototype, 'hardwareConcurrency', 'get').mockReturnValue(4)
    const posted = vi.spyOn(Worker.prototype, 'postMessage')
    const prepared = () =>
      posted.mock.calls.some(([message]) => (message as { type?: string })?.type === 'prepare')

    const withSnapshot = (await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)).session
    expect(searchStartedAhead(withSnapshot)).toBe(true)
    // The look at the snapshot's key has ended when a count of the same table has.
    await t.db.derived.count()
    await t.db.derived.count()
    expect(prepared()).toBe(false)
    withSnapshot.close()

    await t.db.derived.bulkDelete(SNAPSHOT_ROW_IDS)
    const without = (await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)).session
    await expect.poll(prepared, { timeout: 10_000 }).toBe(true)
    without.close()

    // With two cores the build will not be shared: no second worker is started.
    posted.mockClear()
    cores.mockReturnValue(2)
    const twoCores = (await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)).session
    await t.db.derived.count()
    await t.db.derived.count()
    expect(prepared()).toBe(false)
    twoCores.close()
    posted.mockRestore()
    cores.mockRestore()
  })

  it('a lock is not taken for every record deleted: the snapshot keeps them', async () => {
    const first = await freshSession(t.db)
    await practice(first)
    const { search: built } = await started(first)
    await saved(built)
    // The session closes while its search runs on (the app closes both; here the search lags).
    first.close()
    await new Promise((resolve) => setTimeout(resolve, 3500))
    built.close()
    const { session, search } = await unlockAgain()
    expect(search.getStatus()).toMatchObject({ reused: 3, read: 0 })
    session.close()
  })

  it('no worker for a wrong passphrase; one nobody took ends with its session, or with a search of its own', async () => {
    ;(await freshSession(t.db)).close()
    // Every worker the page starts, by script.
    const scripts: string[] = []
    const RealWorker = globalThis.Worker
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        scripts.push(String(url))
        super(url, options)
      }
    }
    const searchWorkers = () => scripts.filter((url) => url.includes('search.worker')).length
    try {
      await expect(
        unlockVault(t.db, { passphrase: 'not the passphrase at all' }, TEST_HOST),
      ).rejects.toThrow()
      expect(scripts.length).toBeGreaterThan(0)
      expect(searchWorkers()).toBe(0)

      const { session } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
      expect(searchWorkers()).toBe(1)
      expect(searchStartedAhead(session)).toBe(true)
      session.close()
      expect(searchStartedAhead(session)).toBe(false)
    } finally {
      globalThis.Worker = RealWorker
    }

    const { session: again } = await unlockVault(t.db, { passphrase: PASS }, TEST_HOST)
    expect(searchStartedAhead(again)).toBe(true)
    await started(again)
    expect(searchStartedAhead(again)).toBe(false)
    again.close()
  })

  it('thousands of records reach the worker in slices: every one is indexed, then restored', async () => {
    const first = await freshSession(t.db)
    await seedSample(first, { clients: 2600, incidents: 0, seed: 11 })
    const names = [...first.index.all('clients')].map(([, entry]) => entry.s!.displayName)
    expect(names).toHaveLength(2600)
    const { search: built } = await started(first)
    expect(built.getStatus()).toMatchObject({ indexed: 2600, reused: 0, read: 2600 })
    await saved(built)
    first.close()

    const { session, search } = await unlockAgain()
    // Every record as the page knew it came through: all from the snapshot, none read again.
    expect(search.getStatus()).toMatchObject({ indexed: 2600, reused: 2600, read: 0 })
    const last = names[names.length - 1]!
    const found = await search.search(last, false)
    expect(found.results.clients.length).toBeGreaterThan(0)
    session.close()
  })

  it('restored from a snapshot, the search still finds nothing once the session is closed', async () => {
    await snapshotted()
    const { session, search } = await unlockAgain()
    expect(search.getStatus().reused).toBe(3)
    expect(ids(await search.search('kettle', true)).walkouts).toHaveLength(1)
    session.close()
    search.close()
    expect(search.running).toBe(false)
    expect(ids(await search.search('kettle', true))).toEqual({ clients: [], walkouts: [] })
  })
})

describe('a build from scratch on two workers', () => {
  const QUERIES = ['grounding', 'door', 'avery', 'pacing door', 'safety plan', 'zzz']
  /** Every query's results (reflections too), ids and counts. */
  const answersOf = (search: VaultSearch) =>
    Promise.all(
      QUERIES.map(async (query) => {
        const answer = await search.search(query, true)
        return { ...ids(answer), counts: answer.results.counts }
      }),
    )

  it('reads half of the read packs in a second worker and finds what one worker finds, records changed since included', async () => {
    const session = await freshSession(t.db)
    await seedSample(session, { clients: 30, incidents: 900, seed: 5 })
    // The first build reads every row (no read packs yet) on one worker, and seals the packs.
    const first = await started(session)
    expect(first.search.getStatus().phases.split ?? 0).toBe(0)
    const alone = await answersOf(first.search)
    expect(alone.some((a) => a.walkouts.length > 0)).toBe(true)
    first.search.close()
    await t.db.derived.bulkDelete(SNAPSHOT_ROW_IDS)

    // With two cores the build stays on one worker (the other core is the screens').
    const cores = vi.spyOn(Navigator.prototype, 'hardwareConcurrency', 'get').mockReturnValue(2)
    const onOne = await started(session)
    expect(onOne.search.getStatus().phases.split).toBeUndefined()
    expect(await answersOf(onOne.search)).toEqual(alone)
    onOne.search.close()
    await t.db.derived.bulkDelete(SNAPSHOT_ROW_IDS)

    cores.mockReturnValue(4)
    const second = await started(session)
    expect(second.search.getStatus()).toMatchObject({ reused: 0, phases: { split: 1 } })
    expect(await answersOf(second.search)).toEqual(alone)
    // A walkout indexed by the second worker shows its excerpts too (read when first shown).
    const hits = (await second.search.search('door', false)).results.walkouts
    expect(hits.length).toBeGreaterThan(5)
    for (const hit of hits) expect(hit.excerpts.length).toBeGreaterThan(0)
    second.search.close()

    // A walkout changed after the packs were sealed: found by its new words, from its row.
    const [walkout] = [...session.index.all('incidents')].find(
      ([, entry]) => entry.s?.status === 'open' && !entry.s.voided,
    )!
    await saveStep(
      session,
      walkout,
      'safety',
      { ...emptyStep('safety', stamp()), beforeNarrative: 'A quokka crossed the car park.' },
      false,
    )
    await t.db.derived.bulkDelete(SNAPSHOT_ROW_IDS)
    const third = await started(session)
    expect(third.search.getStatus().phases.split).toBe(1)
    expect(ids(await third.search.search('quokka', false)).walkouts).toEqual([walkout])
    expect(third.search.getStatus().indexed).toBe(
      session.index.all('incidents').size + 30 + session.index.all('addenda').size,
    )
    session.close()
    cores.mockRestore()
  }, 60_000)
})
