/**
 * Formats only some roles may send (DESIGN §5): a terminal's availability list (`csv-availability`) states what the
 * terminal will bill demurrage from and whether a box may be picked up, so only a terminal (or the port authority,
 * or the local system operator) may state it. A message of such a format from another role is refused before it is
 * stored (403 `PCS_INGEST_SENDER_ROLE`): a port expects a statement it does not accept to be refused to its sender,
 * not kept as dead letters that only the port's operator sees. Pure: a role and a format in, a verdict out.
 *
 * The terminal feeds truckers read (docs/truckers.md) follow the same rule: appointment slots (`csv-appointment-slots`)
 * are a terminal's own; empty-return receivables (`csv-empty-returns`) are stated by the location (a terminal; a
 * depot through the port authority, as no depot role exists) and by the carrier, for its own empties only: the
 * port authority links a carrier to its SCACs and a carrier's row for another SCAC is rejected row by row
 * (access/carrier-scacs.ts); notices (`csv-terminal-notices`) come from terminals and the port authority. Capacity is community data: these formats default to `community` visibility (a sender may
 * still say otherwise per message or in its format setting).
 */
import type { Visibility } from '../domain/canonical-event.js';
import type { Role } from './roles.js';

/** Format → the roles that may send it; a format not listed may be sent by any role with the `ingest` scope. */
export const FORMAT_SENDER_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'csv-availability': ['terminal', 'port_authority', 'system'],
  // A terminal's own equipment and chargers report through the terminal (or the operator's MQTT transport).
  'equipment-telemetry': ['terminal', 'port_authority', 'system'],
  'csv-appointment-slots': ['terminal', 'port_authority', 'system'],
  'csv-empty-returns': ['terminal', 'carrier', 'port_authority', 'system'],
  'csv-terminal-notices': ['terminal', 'port_authority', 'system'],
  // The port drayage truck registry: a trucking company registers its own trucks, the port authority any
  // (docs/drayage.md); private by default, so a trucker never sees another's fleet.
  'csv-drayage-trucks': ['trucker', 'port_authority', 'system'],
  // Shore power sessions are metered by the terminal whose berth served them (docs/emissions.md).
  'csv-shore-power': ['terminal', 'port_authority', 'system'],
  // Vessel particulars come from the carrier operating the vessel or the port authority (a ship register); each
  // statement is kept per sender with its provenance, never merged across senders (docs/emissions.md).
  'csv-vessel-particulars': ['carrier', 'port_authority', 'system'],
};

/** Formats whose facts are community data unless the sender says otherwise (else `private`). */
const FORMAT_DEFAULT_VISIBILITY: Readonly<Record<string, Visibility>> = {
  'csv-appointment-slots': 'community',
  'csv-empty-returns': 'community',
  'csv-terminal-notices': 'community',
  'csv-shore-power': 'community',
  'csv-vessel-particulars': 'community',
};

/** The visibility of a message of `format` when neither the request nor the sender's setting names one. */
export function defaultVisibilityOf(format: string): Visibility {
  return FORMAT_DEFAULT_VISIBILITY[format] ?? 'private';
}

/** The roles that may send `format`, or null when any may. */
export function sendersOf(format: string): readonly Role[] | null {
  return FORMAT_SENDER_ROLES[format] ?? null;
}

/** Whether an organisation of `role` may send messages of `format`. */
export function maySend(format: string, role: Role): boolean {
  const roles = sendersOf(format);
  return roles === null || roles.includes(role);
}
