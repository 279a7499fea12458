/**
 * The port drayage truck registry as CSV (openpcs format `csv-drayage-trucks`, docs/drayage.md): one row per truck a
 * trucking company (or the port authority) registers — the truck's licence plate or VIN, the operator's SCAC, the
 * engine model year, the fuel and whether the engine is certified low-NOx, and the registration date. The
 * zero-emission flag is derived from the fuel (battery-electric, hydrogen fuel cell: the CAAP's ZE drayage trucks,
 * `domain/zero-emission/ze-classification.ts`), never taken from the sender.
 *
 * Each row becomes an openpcs extension TRANSPORT event `DTRK` (src/domain/cargo-event-codes.ts), classifier ACT,
 * dated `registered_at`. A row re-sent unchanged is the same event (idempotency key over the normalised row); a
 * changed row under the same truck id is a newer statement of that truck.
 */
import { DRAYAGE_TRUCK } from '../../../domain/cargo-event-codes.js';
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { validateScac } from '../../../domain/identifiers/scac.js';
import { isZeroEmissionTruck, type DrayageFuel } from '../../../domain/zero-emission/ze-classification.js';
import { cargoCsvParser } from '../cargo/cargo-csv-parser.js';
import { rowKey } from '../cargo/row-key.js';
import { YES_NO } from '../cargo/terminal-feed-rows.js';

export const DRAYAGE_TRUCKS_FORMAT = 'csv-drayage-trucks';

/** Spellings of the fuel column (upper case, spaces and hyphens as `_`) → the registry's fuel. */
const FUEL_CELL: Readonly<Record<string, DrayageFuel>> = {
  DIESEL: 'diesel',
  RENEWABLE_DIESEL: 'diesel',
  NATURAL_GAS: 'natural_gas',
  CNG: 'natural_gas',
  LNG: 'natural_gas',
  RNG: 'natural_gas',
  BATTERY_ELECTRIC: 'battery_electric',
  BEV: 'battery_electric',
  ELECTRIC: 'battery_electric',
  HYDROGEN_FUEL_CELL: 'fuel_cell',
  FUEL_CELL: 'fuel_cell',
  FCEV: 'fuel_cell',
};

/** A licence plate (2-8) or a VIN (17, ISO 3779: no I, O, Q) in upper case, spaces and hyphens dropped. */
const TRUCK_ID = /^(?:[A-Z0-9]{2,8}|[A-HJ-NPR-Z0-9]{17})$/;
/** Engine model years the registry can hold: the Clean Truck Program barred pre-2007 engines from 2012 on. */
const FIRST_MODEL_YEAR = 1990;

interface TruckRow {
  readonly truckId: string;
  readonly operatorScac: string;
  readonly engineModelYear: number;
  readonly fuel: DrayageFuel;
  readonly lowNox: boolean;
  readonly registeredAt: string;
}

export const drayageTruckParser = cargoCsvParser<TruckRow>({
  format: DRAYAGE_TRUCKS_FORMAT,
  version: '1.0.0',
  description:
    'CSV drayage truck registry (truck_id, scac, engine_model_year, fuel, low_nox, registered_at); ZE derived from fuel',
  requiredColumns: ['truck_id', 'scac', 'engine_model_year', 'fuel', 'registered_at'],
  readRow(r, ctx) {
    const raw = r.text('truck_id', { required: true, maxLength: 40 });
    const truckId = raw?.toUpperCase().replace(/[\s-]+/g, '');
    if (truckId !== undefined && !TRUCK_ID.test(truckId)) {
      r.fail('PCS_CSV_BAD_VALUE', `truck_id "${raw}" is neither a licence plate (2-8) nor a VIN (17)`, 'truck_id');
    }
    const operatorScac = r.identifier('scac', validateScac, { required: true });
    const latestYear = new Date(ctx.receivedAt).getUTCFullYear() + 1;
    const engineModelYear = r.integer('engine_model_year', {
      required: true,
      min: FIRST_MODEL_YEAR,
      max: latestYear,
    });
    const fuel = r.choice('fuel', FUEL_CELL, { required: true });
    const lowNox = r.choice('low_nox', YES_NO, { fallback: 'N' });
    const registeredAt = r.dateTime('registered_at', { required: true });
    if (lowNox === 'Y' && fuel !== undefined && isZeroEmissionTruck(fuel)) {
      r.fail('PCS_CSV_INCONSISTENT_ROW', `a ${fuel} truck has no combustion engine to certify low-NOx`, 'low_nox');
    }
    if (!r.ok || !truckId || !operatorScac || engineModelYear === undefined || !fuel || !lowNox || !registeredAt) {
      return undefined;
    }
    return { truckId, operatorScac, engineModelYear, fuel, lowNox: lowNox === 'Y', registeredAt };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(DRAYAGE_TRUCKS_FORMAT, [row.truckId], row),
      eventType: 'TRANSPORT',
      eventTypeCode: DRAYAGE_TRUCK,
      eventClassifierCode: 'ACT',
      eventDateTime: row.registeredAt,
      eventCreatedDateTime: ctx.receivedAt,
      payload: {
        extension: 'openpcs',
        truckId: row.truckId,
        operatorScac: row.operatorScac,
        engineModelYear: row.engineModelYear,
        fuel: row.fuel,
        zeroEmission: isZeroEmissionTruck(row.fuel),
        lowNox: row.lowNox,
        registeredAt: row.registeredAt,
        sourceMessage: { format: DRAYAGE_TRUCKS_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
