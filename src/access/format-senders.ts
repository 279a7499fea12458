/**
 * Formats only some roles may send (DESIGN §5): a terminal's availability list (`csv-availability`) states what the
 * terminal will bill demurrage from and whether a box may be picked up, so only a terminal (or the port authority,
 * or the local system operator) may state it. A message of such a format from another role is refused before it is
 * stored (403 `PCS_INGEST_SENDER_ROLE`): a port expects a statement it does not accept to be refused to its sender,
 * not kept as dead letters that only the port's operator sees. Pure: a role and a format in, a verdict out.
 */
import type { Role } from './roles.js';

/** Format → the roles that may send it; a format not listed may be sent by any role with the `ingest` scope. */
export const FORMAT_SENDER_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'csv-availability': ['terminal', 'port_authority', 'system'],
  // A terminal's own equipment and chargers report through the terminal (or the operator's MQTT transport).
  'equipment-telemetry': ['terminal', 'port_authority', 'system'],
};

/** The roles that may send `format`, or null when any may. */
export function sendersOf(format: string): readonly Role[] | null {
  return FORMAT_SENDER_ROLES[format] ?? null;
}

/** Whether an organisation of `role` may send messages of `format`. */
export function maySend(format: string, role: Role): boolean {
  const roles = sendersOf(format);
  return roles === null || roles.includes(role);
}
