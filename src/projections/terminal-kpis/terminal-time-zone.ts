/** A terminal's IANA zone: its port's (San Pedro Bay → America/Los_Angeles); UTC for terminals not known. */
import { SAN_PEDRO_BAY_TERMINALS } from '../../domain/identifiers/smdg-terminal-code.js';
import { KNOWN_PORT_TIME_ZONES } from '../../domain/identifiers/un-locode.js';

export function terminalTimeZone(terminalCode: string): string {
  const terminal = SAN_PEDRO_BAY_TERMINALS.find((t) => t.smdgCode === terminalCode);
  return (terminal && KNOWN_PORT_TIME_ZONES[terminal.unLocode]) ?? 'UTC';
}
