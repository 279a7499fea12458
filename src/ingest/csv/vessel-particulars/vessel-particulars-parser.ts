/**
 * Vessel particulars as CSV (openpcs format `csv-vessel-particulars`, docs/emissions.md "Vessel particulars feed"):
 * one row per vessel, keyed by its IMO number, stating what its sender knows of the vessel's installed power,
 * design speed, maximum draught, size, engine, fuel, build year and shore power / zero-emission capability, as of
 * `as_of`. Every column but `imo` and `as_of` may be empty (not stated); a row must state at least one particular.
 * Units are in the column names (kW, kn, m, %); enumerations are case-insensitive, spaces and hyphens as `_`.
 *
 * Each row becomes an openpcs extension VESSEL event `VPAR` (src/domain/vessel-particulars/), classifier ACT, dated
 * `as_of`, with the IMO (and MMSI when stated) as references. A row re-sent unchanged is the same event (key over the
 * normalised row); a changed row of the same IMO is a newer statement of that vessel.
 */
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { validateImoNumber } from '../../../domain/identifiers/imo-number.js';
import { validateMmsi } from '../../../domain/identifiers/mmsi.js';
import {
  PARTICULARS_LIMITS,
  VESSEL_PARTICULARS,
  type VesselParticularsPayload,
} from '../../../domain/vessel-particulars/vessel-particulars-statement.js';
import { cargoCsvParser } from '../cargo/cargo-csv-parser.js';
import type { CsvRowReader } from '../cargo/csv-row-reader.js';
import { rowKey } from '../cargo/row-key.js';
import { YES_NO } from '../cargo/terminal-feed-rows.js';

export const VESSEL_PARTICULARS_FORMAT = 'csv-vessel-particulars';

/** `csv-vessel-particulars` columns, in the order the simulator writes them (docs/emissions.md lists each). */
export const VESSEL_PARTICULARS_COLUMNS: readonly string[] = [
  'imo',
  'mmsi',
  'vessel_name',
  'ship_type',
  'teu',
  'dwt',
  'gt',
  'main_engine_kw',
  'aux_engine_kw',
  'design_speed_kn',
  'max_draught_m',
  'main_engine',
  'engine_stroke',
  'fuel',
  'sulphur_pct',
  'built_year',
  'shore_power',
  'zero_emission',
  'as_of',
];

/** GHG4 ship types (`emissions/ghg4-factors.ts`), upper case → the method's spelling. */
const SHIP_TYPES: Readonly<Record<string, string>> = {
  CONTAINER: 'container',
  CONTAINER_SHIP: 'container',
  BULK_CARRIER: 'bulk_carrier',
  OIL_TANKER: 'oil_tanker',
  CHEMICAL_TANKER: 'chemical_tanker',
  LNG_TANKER: 'lng_tanker',
  LPG_TANKER: 'lpg_tanker',
  GENERAL_CARGO: 'general_cargo',
  REFRIGERATED_BULK: 'refrigerated_bulk',
  RO_RO: 'ro_ro',
  RORO: 'ro_ro',
  VEHICLE: 'vehicle',
  CRUISE: 'cruise',
  FERRY_PAX_ONLY: 'ferry_pax_only',
  FERRY_RO_PAX: 'ferry_ro_pax',
  YACHT: 'yacht',
  SERVICE_TUG: 'service_tug',
  MISCELLANEOUS_FISHING: 'miscellaneous_fishing',
  OFFSHORE: 'offshore',
  SERVICE_OTHER: 'service_other',
  MISCELLANEOUS_OTHER: 'miscellaneous_other',
};

/** GHG4 main-engine types (`GHG4_ENGINES`). */
const ENGINES: Readonly<Record<string, string>> = {
  SSD: 'SSD',
  MSD: 'MSD',
  HSD: 'HSD',
  LNG_OTTO_MS: 'LNG-Otto-MS',
  LBSI: 'LBSI',
  GT: 'GT',
  ST: 'ST',
};

/** Method fuels (`emissions/fuels.ts`): MGO is a distillate (MDO row), VLSFO a light residual (LFO row). */
const FUEL_NAMES: Readonly<Record<string, string>> = {
  HFO: 'HFO',
  LFO: 'LFO',
  VLSFO: 'LFO',
  MDO: 'MDO',
  MGO: 'MDO',
  LNG: 'LNG',
  METHANOL: 'METHANOL',
};

const STROKES: Readonly<Record<string, '2' | '4'>> = { '2': '2', '4': '4' };
const DECIMAL = /^\d+(\.\d+)?$/;
/** The oldest build year a row may state (the GHG4 SFC eras start before 1984). */
const FIRST_BUILT_YEAR = 1950;

type ParticularsRow = Omit<VesselParticularsPayload, 'extension' | 'sourceMessage'> & { readonly asOf: string };

/** A positive decimal no larger than `max`, or null when the cell is empty; undefined after a failure. */
function decimal(r: CsvRowReader, column: keyof typeof PARTICULARS_LIMITS, cell: string): number | null | undefined {
  const value = r.text(cell);
  if (value === undefined) return r.raw(cell) === '' ? null : undefined;
  const max = PARTICULARS_LIMITS[column];
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n > max || (n === 0 && column !== 'sulphurPct')) {
    return r.fail('PCS_CSV_BAD_VALUE', `${cell} "${value}" is not a number above 0 and at most ${max}`, cell);
  }
  return n;
}

const yesNo = (v: 'Y' | 'N' | undefined): boolean | null => (v === undefined ? null : v === 'Y');

export const vesselParticularsParser = cargoCsvParser<ParticularsRow>({
  format: VESSEL_PARTICULARS_FORMAT,
  version: '1.0.0',
  description:
    'CSV vessel particulars per IMO (installed main/aux kW, design speed, max draught, TEU/DWT/GT, engine, fuel, build year, shore power / ZE capability, as_of)',
  requiredColumns: ['imo', 'as_of'],
  readRow(r, ctx) {
    const imo = r.identifier('imo', validateImoNumber, { required: true });
    const mmsi = r.identifier('mmsi', validateMmsi);
    const vesselName = r.text('vessel_name', { maxLength: 64 });
    const shipType = r.choice('ship_type', SHIP_TYPES, {});
    const teu = decimal(r, 'teu', 'teu');
    const dwt = decimal(r, 'dwt', 'dwt');
    const gt = decimal(r, 'gt', 'gt');
    const mainEngineKw = decimal(r, 'mainEngineKw', 'main_engine_kw');
    const auxEngineKw = decimal(r, 'auxEngineKw', 'aux_engine_kw');
    const designSpeedKn = decimal(r, 'designSpeedKn', 'design_speed_kn');
    const maxDraughtM = decimal(r, 'maxDraughtM', 'max_draught_m');
    const mainEngine = r.choice('main_engine', ENGINES, {});
    const stroke = r.choice('engine_stroke', STROKES, {});
    const fuel = r.choice('fuel', FUEL_NAMES, {});
    const sulphurPct = decimal(r, 'sulphurPct', 'sulphur_pct');
    const latestYear = new Date(ctx.receivedAt).getUTCFullYear() + 1;
    const builtYear = r.integer('built_year', { min: FIRST_BUILT_YEAR, max: latestYear });
    const shorePower = r.choice('shore_power', YES_NO, {});
    const zeroEmission = r.choice('zero_emission', YES_NO, {});
    const asOf = r.dateTime('as_of', { required: true });
    const engineStroke = stroke === undefined ? null : stroke === '2' ? 2 : 4;
    // GHG4: slow-speed diesels are two-stroke, medium- and high-speed diesels four-stroke.
    if (
      (mainEngine === 'SSD' && engineStroke === 4) ||
      ((mainEngine === 'MSD' || mainEngine === 'HSD') && engineStroke === 2)
    ) {
      r.fail('PCS_CSV_INCONSISTENT_ROW', `a ${mainEngine} main engine is not ${engineStroke}-stroke`, 'engine_stroke');
    }
    const stated = [
      shipType,
      teu,
      dwt,
      gt,
      mainEngineKw,
      auxEngineKw,
      designSpeedKn,
      maxDraughtM,
      mainEngine,
      stroke,
      fuel,
      sulphurPct,
      builtYear,
      shorePower,
      zeroEmission,
    ].some((v) => v !== undefined && v !== null);
    if (r.ok && !stated) {
      r.fail('PCS_CSV_MISSING_VALUE', 'the row states no particular of the vessel', 'imo');
    }
    if (
      !r.ok ||
      !imo ||
      !asOf ||
      teu === undefined ||
      dwt === undefined ||
      gt === undefined ||
      mainEngineKw === undefined ||
      auxEngineKw === undefined ||
      designSpeedKn === undefined ||
      maxDraughtM === undefined ||
      sulphurPct === undefined
    ) {
      return undefined;
    }
    return {
      imo,
      mmsi: mmsi ?? null,
      vesselName: vesselName ?? null,
      shipType: shipType ?? null,
      teu,
      dwt,
      gt,
      mainEngineKw,
      auxEngineKw,
      designSpeedKn,
      maxDraughtM,
      mainEngine: mainEngine ?? null,
      engineStroke,
      fuel: fuel ?? null,
      sulphurPct,
      builtYear: builtYear ?? null,
      shorePowerCapable: yesNo(shorePower),
      zeroEmissionCapable: yesNo(zeroEmission),
      asOf,
    };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => {
      const { asOf, ...particulars } = row;
      return {
        idempotencyKey: rowKey(VESSEL_PARTICULARS_FORMAT, [row.imo], row),
        eventType: 'VESSEL',
        eventTypeCode: VESSEL_PARTICULARS,
        eventClassifierCode: 'ACT',
        eventDateTime: asOf,
        eventCreatedDateTime: ctx.receivedAt,
        references: { vesselIMONumber: row.imo, ...(row.mmsi ? { vesselMMSI: row.mmsi } : {}) },
        payload: {
          extension: 'openpcs',
          ...particulars,
          sourceMessage: { format: VESSEL_PARTICULARS_FORMAT, line },
        },
      };
    });
    return { events, rejected: [] };
  },
});
