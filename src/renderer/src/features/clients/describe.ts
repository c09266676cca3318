import { distinguishing, type ClientSummary } from '../../domain/client'
import type { Timestamp } from '../../domain/time'
import { formatDay, formatMoment } from '../../ui/format'

/**
 * A client as lists and pickers show them: the name, and what tells two of the same name apart
 * (date of birth, client number, the last walkout).
 */
export function describeClient(
  client: Pick<ClientSummary, 'displayName' | 'initials' | 'dateOfBirth' | 'clientNumber'>,
  lastWalkout?: Timestamp,
): string {
  const details = [
    distinguishing(client, formatDay),
    lastWalkout ? `last walkout ${formatMoment(lastWalkout)}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return details ? `${client.displayName} (${details})` : client.displayName
}

/** What tells a client apart, for a list's second line ('' when nothing does). */
export function clientDetails(
  client: Pick<ClientSummary, 'initials' | 'dateOfBirth' | 'clientNumber'>,
  lastWalkout?: Timestamp,
): string {
  return [
    client.initials,
    distinguishing(client, formatDay),
    lastWalkout ? `last walkout ${formatMoment(lastWalkout)}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
}
