/**
 * A terminal speaks for the terminals it operates, and only for them (DESIGN §5). An organisation with the
 * role `terminal` is linked by the port authority to the SMDG codes of the terminal registry it operates
 * (`organisation_terminal`, migration 0017); a fact it sends at a terminal — an availability row, a stated
 * last free day, a gate move, a load or discharge, a rail move — is that terminal speaking for its facility,
 * so a fact at a terminal it is not linked to is rejected row by row (`PCS_INGEST_TERMINAL_NOT_OPERATED`)
 * while the rest of the message is stored. Without this, terminal B could state that terminal A's box is
 * available or set A's last free day.
 *
 * Which terminal a fact is at is decided as the read models decide it (`terminalOfLocation`: the SMDG
 * facility code, or an X12 R4 name that is a terminal's code or name), so no fact a read model attributes to
 * a terminal escapes the rule. A fact at no terminal (a port-level location) is not a terminal's statement
 * about a facility and passes. A `terminal` organisation with no link at all may state nothing at any
 * terminal: the port authority links it first. Other roles are not terminals speaking for a facility (their
 * facts carry their own name as sender; `csv-availability` is refused to them before it is stored,
 * format-senders.ts); the port authority and `system` may state for any terminal.
 *
 * Only the port authority (and the local operator) sets the links: a terminal that could link itself to
 * another's code would undo the rule. Pure: a sender's standing and an event in, a verdict out.
 */
import type { AccessScope } from './access-scope.js';
import type { Role } from './roles.js';
import type { EventLocation, NewCanonicalEvent } from '../domain/canonical-event.js';
import { payloadFields } from '../domain/canonical-event.js';
import { terminalOfLocation } from '../domain/containers/terminal-of-location.js';
import type { Rejection } from '../domain/rejection.js';

export const TERMINAL_NOT_OPERATED = 'PCS_INGEST_TERMINAL_NOT_OPERATED';

/** What the rule needs to know of a message's sender: its role and the terminals it is linked to. */
export interface SenderStanding {
  readonly orgId: string;
  /** Null when the sender is no registered organisation (the CLI's `local` operator): not a terminal. */
  readonly role: Role | null;
  /** SMDG codes of the terminals the organisation operates (upper case). */
  readonly operates: readonly string[];
}

/** May the caller set which terminals an organisation operates? The port authority's admin, the local operator. */
export function mayLinkTerminals(scope: AccessScope): boolean {
  return scope.all && scope.scopes.includes('admin');
}

/** Roles whose facts at a terminal are the terminal speaking for its facility, so they must operate it. */
const SPEAKS_FOR_A_FACILITY: ReadonlySet<Role> = new Set<Role>(['terminal']);

/** May this sender state facts at the terminal `terminalCode`? */
export function mayStateAt(standing: SenderStanding, terminalCode: string): boolean {
  if (standing.role === null || !SPEAKS_FOR_A_FACILITY.has(standing.role)) return true;
  return standing.operates.includes(terminalCode.toUpperCase());
}

/** Whether the rule can reject anything of this sender (so a pipeline can skip the walk when it cannot). */
export function mayStateAnywhere(standing: SenderStanding): boolean {
  return standing.role === null || !SPEAKS_FOR_A_FACILITY.has(standing.role);
}

/** What the payload says of the message an event came from (`sourceMessage`), as far as the rule needs it. */
function sourceOf(event: NewCanonicalEvent): { format?: string; line?: number; reference?: string } {
  const source = payloadFields(event)['sourceMessage'];
  if (typeof source !== 'object' || source === null) return {};
  const format = 'format' in source && typeof source.format === 'string' ? source.format : undefined;
  const line =
    'line' in source && typeof source.line === 'number'
      ? source.line
      : 'lines' in source && Array.isArray(source.lines) && typeof source.lines[0] === 'number'
        ? source.lines[0]
        : undefined;
  const reference =
    'messageReference' in source && typeof source.messageReference === 'string' ? source.messageReference : undefined;
  return {
    ...(format !== undefined ? { format } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(reference !== undefined ? { reference } : {}),
  };
}

/**
 * Where the terminal is named in the message: the `terminal` column of a CSV row (every cargo CSV names it so),
 * the LOC segment of EDIFACT, the R4 segment of X12, else the event's own field.
 */
function terminalPointer(format: string | undefined, location: EventLocation | undefined): string {
  if (format?.startsWith('csv-')) return 'terminal';
  if (format?.startsWith('edifact-')) return 'LOC';
  if (format?.startsWith('x12-')) return 'R4';
  return location?.facilityCode ? 'location/facilityCode' : 'location/locationName';
}

/**
 * Splits a message's events into those the sender may state and one rejection per event it may not, with the
 * line (when the event names one) and a pointer to the terminal field of the event.
 */
export function eventsTheSenderMayState(
  standing: SenderStanding,
  events: readonly NewCanonicalEvent[],
): { readonly events: NewCanonicalEvent[]; readonly rejected: Rejection[] } {
  if (mayStateAnywhere(standing)) return { events: [...events], rejected: [] };
  const allowed: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  for (const event of events) {
    const terminal = terminalOfLocation(event.location);
    if (terminal === null || mayStateAt(standing, terminal)) {
      allowed.push(event);
      continue;
    }
    const source = sourceOf(event);
    const container = event.references?.equipmentReference;
    const linked =
      standing.operates.length > 0 ? `operates ${standing.operates.join(', ')} only` : 'is linked to no terminal';
    rejected.push({
      code: TERMINAL_NOT_OPERATED,
      message:
        `${String(event.eventTypeCode)}${container ? ` for ${container}` : ''} at terminal ${terminal}` +
        `${source.reference ? ` (message ${source.reference})` : ''}: organisation ${standing.orgId} ${linked}; ` +
        `a terminal states facts only for the terminals the port authority linked it to ` +
        `(PUT /admin/organisations/${standing.orgId}/terminals)`,
      line: source.line,
      pointer: terminalPointer(source.format, event.location),
    });
  }
  return { events: allowed, rejected };
}
