/**
 * Default import free time at the San Pedro Bay terminals when no terminal has sent its own rule
 * (`csv-free-time`): 4 free days, weekends excluded, counted from the day after discharge.
 *
 * Sources (public press on the ports' tariffs):
 * - FreightWaves, "Long Beach cuts storage time by a day": shippers have four days to move containers out
 *   of Port of Long Beach terminals before fees accrue; the clock starts the day after the container is
 *   unloaded; weekends do not count toward the free time limit; exports get six business days.
 * - Daily Breeze, 2014-10-28, "Port of Long Beach gives customers more free cargo time": "Cargo owners
 *   typically have four days to move their imports off the terminals"; the temporary extension was to
 *   seven business days.
 * Holidays are terminal-specific and therefore empty here: a terminal's `csv-free-time` rule lists them.
 */
import type { FreeTimeRule } from './free-time-rule.js';

const SOURCE = 'openpcs default (San Pedro Bay practice: 4 business days import, 6 business days export)';

function portRules(unLocationCode: string): FreeTimeRule[] {
  return [
    {
      terminalCode: '*',
      unLocationCode,
      direction: 'IMPORT',
      freeDays: 4,
      dayBasis: 'BUSINESS',
      clockStarts: 'DISCHARGE',
      effectiveFrom: '1970-01-01',
      holidays: [],
      source: SOURCE,
    },
    {
      terminalCode: '*',
      unLocationCode,
      direction: 'EXPORT',
      freeDays: 6,
      dayBasis: 'BUSINESS',
      clockStarts: 'GATE_IN',
      effectiveFrom: '1970-01-01',
      holidays: [],
      source: SOURCE,
    },
  ];
}

export const DEFAULT_FREE_TIME_RULES: readonly FreeTimeRule[] = Object.freeze([
  ...portRules('USLAX'),
  ...portRules('USLGB'),
]);
