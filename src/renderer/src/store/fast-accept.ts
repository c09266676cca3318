import type { z } from 'zod'

/**
 * A fast way to say "valid" for content that is almost always valid: a check compiled once from a
 * zod schema, for kinds opened by the tens of thousands (the index segments at every unlock;
 * records and audit entries in backups, restores, the search index's build and Verify; the
 * integrity checkpoint, every row's version in one record), where zod's general machinery costs
 * as much as the decryption.
 *
 * It only ever accepts: `true` means the schema accepts the value and returns it unchanged (no
 * key stripped, no default filled, nothing transformed), so the value may be used as it is.
 * `false` means "ask the schema", which decides, names the problem and returns its own output.
 * Only the constructs below are compiled, with zod's semantics (zod 4); a schema using anything
 * else (transforms, defaults, other string formats…) is not compiled at all, and every value of
 * it goes to the schema. Refinements and a string's trim are the schema's own functions, run
 * here as zod runs them: a value they flag, or that trimming would change, goes to the schema.
 * A unit test compares the two on valid and mutated values (tests/unit/fast-accept.test.ts).
 */
export type Acceptor = (value: unknown) => boolean

/** A schema's definition as zod 4 keeps it (only the fields read here). */
interface Def {
  type: string
  /** Set when the schema is itself a check (a format: z.iso.datetime(), z.int()). */
  check?: string
  checks?: Check[]
  format?: string
  pattern?: RegExp
  coerce?: boolean
  entries?: Record<string, unknown>
  values?: unknown[]
  innerType?: Schema
  element?: Schema
  items?: Schema[]
  rest?: Schema | null
  shape?: Record<string, Schema>
  catchall?: Schema
  options?: Schema[]
  discriminator?: string
}
/** A check as zod 4 keeps it: its definition, and the function zod runs for it. */
interface Check {
  _zod: { def: CheckDef; check: (payload: Payload) => unknown }
}
/** What zod hands a check: the value, and the list its problems are added to. */
interface Payload {
  value: unknown
  issues: unknown[]
}
interface CheckDef {
  check: string
  /** An overwrite's function (a string's trim, toLowerCase…). */
  tx?: (value: unknown) => unknown
  value?: unknown
  inclusive?: boolean
  format?: string
  pattern?: RegExp
  minimum?: number
  maximum?: number
  length?: number
}
interface Schema {
  _zod: { def: Def; optin?: string; optout?: string }
}

class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported()
}

/** The acceptor for a schema, or null when it uses something not compiled here. */
export function compileAcceptor(schema: z.ZodType): Acceptor | null {
  try {
    return compile(schema as unknown as Schema)
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
}

/** String formats whose whole check is their pattern (zod's default format check). */
const PATTERN_FORMATS = new Set(['regex', 'datetime', 'date'])

/** Code points in a string (zod measures string lengths in code points). */
function codePoints(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
    count++
  }
  return count
}

const lengthOf = (value: string | unknown[]): number =>
  typeof value === 'string' ? codePoints(value) : value.length

/** A check of a string, number or array: each kind with the comparison zod makes. */
function compileCheck(def: CheckDef, type: string, check?: Check): (value: never) => boolean {
  switch (def.check) {
    case 'overwrite': {
      // A string's trim and the like: accepted only where it leaves the string as it is.
      const tx = def.tx
      if (type !== 'string' || typeof tx !== 'function') return unsupported()
      return (v: string) => tx(v) === v
    }
    case 'custom': {
      // A refinement: zod's own check, run as zod runs it. Accepted only if it reports nothing
      // and leaves the value in place; a refinement that is async or throws goes to zod.
      const run = check?._zod.check
      if (typeof run !== 'function') return unsupported()
      return (v: unknown) => {
        const payload: Payload = { value: v, issues: [] }
        try {
          const result = run(payload)
          if (result instanceof Promise) {
            result.catch(() => {})
            return false
          }
        } catch {
          return false
        }
        return payload.issues.length === 0 && payload.value === v
      }
    }
    case 'min_length': {
      const min = def.minimum!
      return (v: string | unknown[]) =>
        v.length >= min && (v.length >= 2 * min || lengthOf(v) >= min)
    }
    case 'max_length': {
      const max = def.maximum!
      return (v: string | unknown[]) => v.length <= max || lengthOf(v) <= max
    }
    case 'length_equals': {
      const length = def.length!
      return (v: string | unknown[]) => lengthOf(v) === length
    }
    case 'greater_than': {
      const bound = def.value
      if (typeof bound !== 'number') return unsupported()
      return def.inclusive ? (v: number) => v >= bound : (v: number) => v > bound
    }
    case 'less_than': {
      const bound = def.value
      if (typeof bound !== 'number') return unsupported()
      return def.inclusive ? (v: number) => v <= bound : (v: number) => v < bound
    }
    case 'number_format':
      return def.format === 'safeint' ? (v: number) => Number.isSafeInteger(v) : unsupported()
    case 'string_format': {
      const pattern = def.pattern
      if (!pattern || !PATTERN_FORMATS.has(def.format ?? '')) return unsupported()
      return (v: string) => {
        pattern.lastIndex = 0
        return pattern.test(v)
      }
    }
    default:
      return unsupported()
  }
}

function withChecks(def: Def, base: Acceptor): Acceptor {
  const checks = [
    // A format schema (z.iso.datetime(), z.int()) is itself its first check.
    ...(def.check ? [compileCheck(def as CheckDef, def.type)] : []),
    // A check's condition (`when`) is not read: a check zod would skip is applied here, which
    // can only send a value to the schema, never accept one it refuses.
    ...(def.checks ?? []).map((check) => compileCheck(check._zod.def, def.type, check)),
  ] as ((v: unknown) => boolean)[]
  if (checks.length === 0) return base
  return (v) => {
    if (!base(v)) return false
    for (const check of checks) if (!check(v)) return false
    return true
  }
}

function compile(schema: Schema): Acceptor {
  const def = schema._zod.def
  if (def.coerce) unsupported()
  switch (def.type) {
    case 'string':
      return withChecks(def, (v) => typeof v === 'string')
    case 'number':
      return withChecks(def, (v) => typeof v === 'number' && Number.isFinite(v))
    case 'boolean':
      return withChecks(def, (v) => typeof v === 'boolean')
    case 'null':
      return withChecks(def, (v) => v === null)
    case 'enum': {
      const values = Object.values(def.entries ?? {})
      if (!values.every((value) => typeof value === 'string')) unsupported()
      const set = new Set(values)
      return withChecks(def, (v) => set.has(v))
    }
    case 'literal': {
      const set = new Set(def.values)
      return withChecks(def, (v) => set.has(v))
    }
    case 'optional': {
      // Present: its value must be one the inner schema accepts (an undefined goes to zod).
      const inner = compile(def.innerType!)
      return withChecks(def, (v) => v !== undefined && inner(v))
    }
    case 'nullable': {
      const inner = compile(def.innerType!)
      return withChecks(def, (v) => v === null || inner(v))
    }
    case 'array': {
      const element = compile(def.element!)
      return withChecks(def, (v) => Array.isArray(v) && v.every((item) => element(item)))
    }
    case 'tuple': {
      if (def.rest) unsupported()
      const items = def.items!.map((item) => {
        if (item._zod.optin === 'optional' || item._zod.optout === 'optional') unsupported()
        return compile(item)
      })
      return withChecks(
        def,
        (v) =>
          Array.isArray(v) && v.length === items.length && items.every((item, i) => item(v[i])),
      )
    }
    case 'object': {
      // Extra keys would be stripped (or kept, or refused): only values with none are accepted.
      if (def.catchall) unsupported()
      // An optional key (z.optional) may be missing; any other kind of optional (a default, a
      // catch) fills in a value, which is not compiled.
      const entries = Object.entries(def.shape!).map(([key, value]) => {
        const optional = value._zod.def.type === 'optional'
        if (!optional && (value._zod.optin === 'optional' || value._zod.optout === 'optional'))
          unsupported()
        return [key, compile(value), optional] as const
      })
      return withChecks(def, (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
        const record = v as Record<string, unknown>
        let known = 0
        for (const [key, accepts, optional] of entries) {
          if (!Object.hasOwn(record, key)) {
            if (optional) continue
            return false
          }
          if (!accepts(record[key])) return false
          known++
        }
        return Object.keys(record).length === known
      })
    }
    case 'union': {
      const options = def.options!.map(compile)
      // A discriminated union runs the one option its discriminator names; options are told
      // apart by distinct literals, so an option that accepts is that one.
      if (def.discriminator) return withChecks(def, (v) => options.some((accepts) => accepts(v)))
      // A plain union returns its first option that parses: only options that cannot change a
      // value (no objects or arrays inside) keep "some option accepts" equal to "returned as is".
      if (!def.options!.every(leaf)) unsupported()
      return withChecks(def, (v) => options.some((accepts) => accepts(v)))
    }
    default:
      return unsupported()
  }
}

const LEAVES = new Set(['string', 'number', 'boolean', 'null', 'enum', 'literal'])
function leaf(schema: Schema): boolean {
  const def = schema._zod.def
  return LEAVES.has(def.type) || (def.type === 'nullable' && leaf(def.innerType!))
}
