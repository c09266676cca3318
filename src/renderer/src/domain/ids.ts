/** Random, non-identifying record ids (UUID v4). Safe to keep in clear and in URLs. */
export function newId(): string {
  return crypto.randomUUID()
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
