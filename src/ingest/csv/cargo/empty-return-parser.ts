/**
 * Empty-return receivables as CSV (openpcs format `csv-empty-returns`, docs/formats-terminal-feeds.md): whether a
 * location — a container terminal (SMDG code) or an off-dock depot (its own code) — receives empties of one carrier
 * (SCAC) and ISO 6346 size/type now, and how many more it can take; re-stated during a shift as the location fills
 * or a carrier closes receiving there.
 *
 * Each row becomes an openpcs extension EQUIPMENT event `ERCV` (src/domain/cargo-event-codes.ts), classifier ACT,
 * dated `stated_at`; the read model keeps the newest statement per location × SCAC × ISO type.
 */
import { EMPTY_RECEIVABLE, type EmptyReturnLocationType } from '../../../domain/cargo-event-codes.js';
import type { EventLocation, NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { validateSizeTypeCode } from '../../../domain/identifiers/iso6346-size-type.js';
import { validateScac } from '../../../domain/identifiers/scac.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import { cargoCsvParser } from './cargo-csv-parser.js';
import type { CsvRowReader } from './csv-row-reader.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';
import { MAX_FEED_COUNT, YES_NO } from './terminal-feed-rows.js';

export const EMPTY_RETURNS_FORMAT = 'csv-empty-returns';

const LOCATION_TYPES: Readonly<Record<string, EmptyReturnLocationType>> = {
  TERMINAL: 'TERMINAL',
  POTE: 'TERMINAL',
  DEPOT: 'DEPOT',
  DEPO: 'DEPOT',
  OFF_DOCK: 'DEPOT',
  CY: 'DEPOT',
};
/** A depot's own code (no shared code list): letters, digits and `-`. */
const DEPOT_CODE = /^[A-Z0-9][A-Z0-9-]{1,16}$/;

interface ReceivableRow {
  readonly locationType: EmptyReturnLocationType;
  readonly location: string;
  readonly port: string | undefined;
  readonly carrierScac: string;
  readonly isoEquipmentCode: string;
  readonly accepting: boolean;
  readonly remainingCapacity: number | null;
  readonly statedAt: string;
}

function locationCode(r: CsvRowReader, type: EmptyReturnLocationType | undefined): string | undefined {
  if (type !== 'DEPOT') return r.identifier('location', validateSmdgTerminalCode, { required: true });
  const text = r.text('location', { required: true });
  if (text === undefined) return undefined;
  const code = text.toUpperCase();
  if (!DEPOT_CODE.test(code)) {
    return r.fail(
      'PCS_CSV_BAD_VALUE',
      `location "${text}" is not a depot code (2-17 letters, digits or -)`,
      'location',
    );
  }
  return code;
}

function depotLocation(code: string, port: string | undefined): EventLocation {
  return { ...(port ? { unLocationCode: port } : {}), facilityCode: code, facilityTypeCode: 'DEPO' };
}

export const emptyReturnParser = cargoCsvParser<ReceivableRow>({
  format: EMPTY_RETURNS_FORMAT,
  version: '1.0.0',
  description:
    'CSV empty-return receivables (location, location_type, carrier_scac, iso_type, accepting, remaining_capacity, stated_at)',
  requiredColumns: ['location', 'carrier_scac', 'iso_type', 'accepting', 'stated_at'],
  readRow(r) {
    const locationType = r.choice('location_type', LOCATION_TYPES, { fallback: 'TERMINAL' });
    const location = locationCode(r, locationType);
    const port = r.identifier('port', validateUnLocode);
    const carrierScac = r.identifier('carrier_scac', validateScac, { required: true });
    const isoEquipmentCode = r.identifier('iso_type', validateSizeTypeCode, { required: true });
    const accepting = r.choice('accepting', YES_NO, { required: true });
    const remaining = r.integer('remaining_capacity', { min: 0, max: MAX_FEED_COUNT });
    const statedAt = r.dateTime('stated_at', { required: true });
    if (accepting === 'N' && remaining !== undefined && remaining > 0) {
      r.fail(
        'PCS_CSV_INCONSISTENT_ROW',
        `accepting "N" with remaining_capacity ${remaining}: a location that does not receive has no capacity to offer`,
        'remaining_capacity',
      );
    }
    if (!r.ok || !locationType || !location || !carrierScac || !isoEquipmentCode || !accepting || !statedAt) {
      return undefined;
    }
    return {
      locationType,
      location,
      port,
      carrierScac,
      isoEquipmentCode,
      accepting: accepting === 'Y',
      remainingCapacity: accepting === 'N' ? 0 : (remaining ?? null),
      statedAt,
    };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(EMPTY_RETURNS_FORMAT, [row.location, row.carrierScac, row.isoEquipmentCode], row),
      eventType: 'EQUIPMENT',
      eventTypeCode: EMPTY_RECEIVABLE,
      eventClassifierCode: 'ACT',
      eventDateTime: row.statedAt,
      eventCreatedDateTime: ctx.receivedAt,
      location:
        row.locationType === 'TERMINAL'
          ? terminalLocation(row.location, row.port)
          : depotLocation(row.location, row.port),
      references: { carrierCode: row.carrierScac },
      payload: {
        extension: 'openpcs',
        locationType: row.locationType,
        locationCode: row.location,
        carrierScac: row.carrierScac,
        isoEquipmentCode: row.isoEquipmentCode,
        accepting: row.accepting,
        remainingCapacity: row.remainingCapacity,
        sourceMessage: { format: EMPTY_RETURNS_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
