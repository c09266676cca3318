/** Deterministic fictional data from a seed (mulberry32): the same vault on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST = [
  'Avery',
  'Blake',
  'Casey',
  'Dana',
  'Emery',
  'Finley',
  'Gray',
  'Harper',
  'Indigo',
  'Jordan',
  'Kai',
  'Logan',
  'Morgan',
  'Noel',
  'Oakley',
  'Parker',
  'Quinn',
  'Riley',
  'Sage',
  'Tatum',
  'Umber',
  'Vale',
  'Winter',
  'Xen',
  'Yael',
  'Zephyr',
]
const LAST = [
  'Ashdown',
  'Brightwater',
  'Coldbrook',
  'Dunmore',
  'Evenfield',
  'Fairweather',
  'Greenhollow',
  'Hartwell',
  'Ivesby',
  'Juniper',
  'Kestrel',
  'Larkspur',
  'Merriweather',
  'Northcote',
  'Oakhurst',
  'Pennywhistle',
  'Quillfeather',
  'Rosebay',
  'Silverton',
  'Thistlewood',
  'Underhill',
  'Valewood',
  'Westbrook',
  'Yarrow',
]
const WORDS =
  'session felt tense after the topic of work came up client paused looked at the door said they needed air we agreed to talk about pacing next time grounding helped earlier in the week sleep has been short family visit planned'.split(
    ' ',
  )

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

export function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => pick(random, WORDS)).join(' ')
}

export function fictionalName(random: () => number, index: number): string {
  return `${pick(random, FIRST)} ${pick(random, LAST)} ${index}`
}
