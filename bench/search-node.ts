// Node timing harness for the search index (no browser, no decryption): builds the index over the
// benchmark practice's records and times some queries. Run: node bench/search-node.mjs
import { RecordSearch, searchDocs, type SearchSource } from '../src/renderer/src/domain/search'
import {
  decodeSearchSnapshot,
  encodeSearchSnapshot,
} from '../src/renderer/src/domain/search-snapshot'
import {
  rng,
  sampleAddendum,
  sampleAddendumId,
  sampleClient,
  sampleClientId,
  sampleIncident,
  sampleIncidentId,
} from '../src/renderer/src/domain/sample'

const CLIENTS = Number(process.env.CLIENTS ?? 2000)
const INCIDENTS = Number(process.env.INCIDENTS ?? 20000)
const ROUNDS = Number(process.env.ROUNDS ?? 5)

function practice(): SearchSource[] {
  const random = rng(7)
  const out: SearchSource[] = []
  for (let j = 0; j < CLIENTS; j++)
    out.push({ table: 'clients', id: sampleClientId(j), value: sampleClient(random, j) })
  let addenda = 0
  for (let j = 0; j < INCIDENTS; j++) {
    const incident = sampleIncident(random, j, CLIENTS, new Date(Date.UTC(2026, 10, 27)))
    out.push({ table: 'incidents', id: sampleIncidentId(j), value: incident })
    if (incident.signature && random() < 0.2) {
      const id = sampleAddendumId(addenda++)
      out.push({
        table: 'addenda',
        id,
        value: sampleAddendum(random, sampleIncidentId(j), incident),
      })
    }
  }
  return out
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const records = practice()
const docsMs: number[] = []
const buildMs: number[] = []
let search = new RecordSearch()
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now()
  for (const source of records) searchDocs(source)
  docsMs.push(performance.now() - t)
  t = performance.now()
  search = new RecordSearch()
  for (const source of records) search.put(source)
  buildMs.push(performance.now() - t)
}
console.log(`records ${records.length}, vocabulary ${search.vocabulary}`)
console.log(
  `searchDocs median ${median(docsMs).toFixed(0)} ms  [${docsMs.map((x) => x.toFixed(0))}]`,
)
console.log(
  `build      median ${median(buildMs).toFixed(0)} ms  [${buildMs.map((x) => x.toFixed(0))}]`,
)
const queries = [
  'avery j',
  'brightwater',
  'pacing door',
  'grounding',
  'zzz',
  'harper co',
  'session',
]
for (const reflections of [false, true]) {
  const all: number[] = []
  for (const q of queries) {
    const times: number[] = []
    for (let i = 1; i <= q.length; i++) {
      for (let r = 0; r < 3; r++) {
        const t = performance.now()
        search.search(q.slice(0, i), { includeReflections: reflections })
        times.push(performance.now() - t)
      }
    }
    const res = search.search(q, { includeReflections: reflections })
    all.push(...times)
    console.log(
      `  ${reflections ? 'R' : ' '} ${q.padEnd(12)} median ${median(times).toFixed(1)} max ${Math.max(...times).toFixed(1)} ms  found ${res.counts.clients}/${res.counts.walkouts}`,
    )
  }
  console.log(
    `keystrokes${reflections ? ' (reflections)' : ''}: median ${median(all).toFixed(1)} ms, max ${Math.max(...all).toFixed(1)}`,
  )
}

if (process.env.DUMP) {
  const { writeFileSync } = await import('node:fs')
  const dump: unknown[] = []
  for (const q of [...queries, 'grounding pacing', 'j', 'door', 'sesion', 'correction']) {
    for (let i = 1; i <= q.length; i++)
      for (const reflections of [false, true])
        dump.push(search.search(q.slice(0, i), { includeReflections: reflections, limit: 20 }))
  }
  writeFileSync(process.env.DUMP, JSON.stringify(dump))
}

// The index's snapshot (store/search-snapshot.ts without the sealing): written out, encoded,
// decoded and restored.
{
  const h = '0'.repeat(64)
  const times: Record<string, number[]> = { write: [], encode: [], decode: [], restore: [] }
  let size = 0
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now()
    const data = search.write(() => h)
    times.write!.push(performance.now() - t)
    t = performance.now()
    const bytes = encodeSearchSnapshot(data)
    times.encode!.push(performance.now() - t)
    size = bytes.length
    t = performance.now()
    const decoded = decodeSearchSnapshot(bytes)
    times.decode!.push(performance.now() - t)
    t = performance.now()
    RecordSearch.restore(decoded)
    times.restore!.push(performance.now() - t)
  }
  console.log(`snapshot ${(size / 1e6).toFixed(1)} MB`)
  for (const [step, xs] of Object.entries(times))
    console.log(
      `  ${step.padEnd(8)} median ${median(xs).toFixed(0)} ms  [${xs.map((x) => x.toFixed(0))}]`,
    )
}
