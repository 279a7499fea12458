/**
 * A carrier speaks for its own SCACs, and only for them (issue 13; DESIGN §5). The port authority links an
 * organisation with the role `carrier` to the Standard Carrier Alpha Codes (NMFTA) it is (`organisation_scac`,
 * migration 0026). A carrier may then send empty-return receivables (`csv-empty-returns`) for its own empties:
 * a row about another carrier's SCAC is rejected row by row (`PCS_INGEST_SCAC_NOT_OWN`, to the dead letter with
 * the line) while the rest of the message is stored — without this, one carrier could close the returns of a
 * competitor's empties. A carrier with no link states nothing: the port authority links it first.
 *
 * Every receivable row also gets whose word it is (`statedBy`): `CARRIER` from a carrier, `LOCATION` from anyone
 * else (a terminal for its own facility, the port authority for a depot). The speaker comes from the sender's
 * role here, never from the message, so no location can pass its word off as the carrier's or the reverse. The
 * read model keeps both words apart and a trucker's answer combines them (docs/truckers.md: both must accept).
 *
 * Only the port authority (and the local operator) sets the links: a carrier that could link itself to another's
 * SCAC would undo the rule. Pure: a sender's standing and events in, a verdict out.
 */
import type { AccessScope } from './access-scope.js';
import type { Role } from './roles.js';
import type { NewCanonicalEvent } from '../domain/canonical-event.js';
import { EMPTY_RECEIVABLE, type EmptyReturnSpeaker } from '../domain/cargo-event-codes.js';
import type { Rejection } from '../domain/rejection.js';

export const SCAC_NOT_OWN = 'PCS_INGEST_SCAC_NOT_OWN';

/** What the rule needs to know of a message's sender: its role and the SCACs it is linked to. */
export interface CarrierStanding {
  readonly orgId: string;
  /** Null when the sender is no registered organisation (the CLI's `local` operator). */
  readonly role: Role | null;
  /** SCACs the organisation speaks for (upper case). */
  readonly scacs: readonly string[];
}

/** May the caller set which SCACs an organisation speaks for? The port authority's admin, the local operator. */
export function mayLinkScacs(scope: AccessScope): boolean {
  return scope.all && scope.scopes.includes('admin');
}

/** Whose word a receivable from a sender of `role` is. */
export function speakerOf(role: Role | null): EmptyReturnSpeaker {
  return role === 'carrier' ? 'CARRIER' : 'LOCATION';
}

/**
 * Splits a message's events into those the sender may state — each empty-return receivable stamped with whose
 * word it is — and one rejection per receivable a carrier sent for a SCAC not its own.
 */
export function receivablesTheSenderMayState(
  standing: CarrierStanding,
  events: readonly NewCanonicalEvent[],
): { readonly events: NewCanonicalEvent[]; readonly rejected: Rejection[] } {
  const statedBy = speakerOf(standing.role);
  const allowed: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  for (const event of events) {
    if (event.eventTypeCode !== EMPTY_RECEIVABLE) {
      allowed.push(event);
      continue;
    }
    const { carrierScac, sourceMessage } = event.payload;
    if (statedBy === 'CARRIER' && !standing.scacs.includes(carrierScac)) {
      const linked =
        standing.scacs.length > 0 ? `speaks for ${standing.scacs.join(', ')} only` : 'is linked to no SCAC';
      rejected.push({
        code: SCAC_NOT_OWN,
        message:
          `empty-return receivable for ${carrierScac} ${event.payload.isoEquipmentCode} at ${event.payload.locationCode} ` +
          `(line ${sourceMessage.line}): organisation ${standing.orgId} ${linked}; a carrier states receivables ` +
          `only for the SCACs the port authority linked it to (PUT /admin/organisations/${standing.orgId}/scacs)`,
        line: sourceMessage.line,
        pointer: 'carrier_scac',
      });
      continue;
    }
    allowed.push({ ...event, payload: { ...event.payload, statedBy } });
  }
  return { events: allowed, rejected };
}
