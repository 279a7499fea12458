/**
 * Fee tariffs used when the operator of this server has not configured its own (`OPENPCS_FEE_TARIFFS`, a
 * JSON file of `FeeTariff`s; docs/truckers.md "Fees"). **Illustrative, not any terminal's or carrier's
 * published tariff**: real rates differ by terminal, carrier, contract and year, so every estimate names this
 * source and a port sets its members' tariffs in the file.
 *
 * The figures are of the order public reporting gives for San Pedro Bay: terminal storage (demurrage) from
 * about $60–75 a day in the 2000s (FreightWaves, "Long Beach cuts storage time by a day") to $75–300 per
 * container per day in tiers that rise after a few days today; free time as in `DEFAULT_FREE_TIME_RULES`
 * (4 business days import). Detention: 4 calendar days free after gate-out, then per-diem in two tiers.
 * Weekends and holidays are charged days (the usual tariff rule; a tariff says otherwise per item).
 */
import type { FeeTariff } from './fee-tariff.js';

const SOURCE = 'openpcs illustrative default tariff (not a published tariff; set OPENPCS_FEE_TARIFFS)';

type Tiers = FeeTariff['tiers'];
const DEMURRAGE_IMPORT: Tiers = [
  { fromDay: 1, ratePerDay: { '20': 150, '40': 200, '45': 225 } },
  { fromDay: 5, ratePerDay: { '20': 300, '40': 400, '45': 450 } },
];
const DEMURRAGE_EXPORT: Tiers = [{ fromDay: 1, ratePerDay: { '20': 150, '40': 200, '45': 225 } }];
const DETENTION_IMPORT: Tiers = [
  { fromDay: 1, ratePerDay: { '20': 100, '40': 150, '45': 175 } },
  { fromDay: 6, ratePerDay: { '20': 200, '40': 300, '45': 350 } },
];
const DETENTION_EXPORT: Tiers = [{ fromDay: 1, ratePerDay: { '20': 100, '40': 150, '45': 175 } }];

/** Kind, direction, carrier free days (detention only) and tiers of each default tariff of a port. */
const TABLE: readonly [FeeTariff['kind'], FeeTariff['direction'], number, Tiers][] = [
  ['DEMURRAGE', 'IMPORT', 0, DEMURRAGE_IMPORT],
  ['DEMURRAGE', 'EXPORT', 0, DEMURRAGE_EXPORT],
  ['DETENTION', 'IMPORT', 4, DETENTION_IMPORT],
  ['DETENTION', 'EXPORT', 4, DETENTION_EXPORT],
];

function portTariffs(unLocationCode: string): FeeTariff[] {
  return TABLE.map(([kind, direction, freeDays, tiers]) => ({
    kind,
    party: '*',
    unLocationCode,
    direction,
    currency: 'USD',
    tiers,
    chargeWeekends: true,
    chargeHolidays: true,
    holidays: [],
    freeDays,
    freeDayBasis: 'CALENDAR',
    effectiveFrom: '1970-01-01',
    source: SOURCE,
  }));
}

export const DEFAULT_FEE_TARIFFS: readonly FeeTariff[] = Object.freeze([
  ...portTariffs('USLAX'),
  ...portTariffs('USLGB'),
]);
