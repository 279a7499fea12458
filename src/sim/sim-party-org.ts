/**
 * The organisation a simulated party sends as: `sim-` and its code in lower case (an organisation id of the
 * admin API: `[a-z0-9][a-z0-9._-]{0,62}`), so simulated members never take the id of a real one. Pure.
 */
import type { SimParty } from './sim-message.js';

export const SIM_ORG_PREFIX = 'sim-';

export function simOrgId(party: SimParty): string {
  const code = party.code.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return `${SIM_ORG_PREFIX}${code}`.slice(0, 63);
}
