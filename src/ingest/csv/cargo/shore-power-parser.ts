/**
 * Shore power connections as CSV (openpcs format `csv-shore-power`, docs/emissions.md "Shore power sessions"): a
 * terminal states, per row, that a vessel (IMO and/or MMSI) was connected to shore power at one of its berths from
 * `connected_at`, until `disconnected_at` (empty while still connected), with the metered `energy_kwh` when it has
 * one, as of `as_of`. Re-stating the session (same terminal, vessel and `connected_at`) with the disconnection or
 * the reading replaces the earlier statement in the read model; the same row re-sent is stored once.
 *
 * Each row becomes an openpcs extension TRANSPORT event `SHPC` (src/domain/shore-power/shore-power-connection.ts),
 * classifier ACT, dated `as_of`, at the terminal's location (so a terminal may state it only at a terminal it
 * operates: access/operated-terminals.ts).
 */
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { validateImoNumber } from '../../../domain/identifiers/imo-number.js';
import { validateMmsi } from '../../../domain/identifiers/mmsi.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import {
  MAX_SESSION_DAYS,
  MAX_SESSION_KWH,
  SHORE_POWER_CONNECTION,
  type ShorePowerSessionFacts,
} from '../../../domain/shore-power/shore-power-connection.js';
import { cargoCsvParser } from './cargo-csv-parser.js';
import type { CsvRowReader } from './csv-row-reader.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';
import { DAY_MS } from './terminal-feed-rows.js';

export const SHORE_POWER_FORMAT = 'csv-shore-power';

/** `csv-shore-power` columns, in the order the simulator writes them. */
export const SHORE_POWER_COLUMNS: readonly string[] = [
  'terminal',
  'port',
  'berth',
  'imo',
  'mmsi',
  'connected_at',
  'disconnected_at',
  'energy_kwh',
  'as_of',
];

const BERTH = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

interface ShorePowerRow extends ShorePowerSessionFacts {
  readonly port: string | undefined;
  readonly asOf: string;
}

function energy(r: CsvRowReader): number | null | undefined {
  const value = r.text('energy_kwh');
  if (value === undefined) return null;
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n > MAX_SESSION_KWH) {
    return r.fail(
      'PCS_CSV_BAD_VALUE',
      `energy_kwh "${value}" is not a number from 0 to ${MAX_SESSION_KWH}`,
      'energy_kwh',
    );
  }
  return n;
}

export const shorePowerParser = cargoCsvParser<ShorePowerRow>({
  format: SHORE_POWER_FORMAT,
  version: '1.0.0',
  description:
    'CSV shore power connections of a terminal (terminal, port, berth, imo, mmsi, connected_at, disconnected_at, energy_kwh, as_of)',
  requiredColumns: ['terminal', 'berth', 'connected_at', 'as_of'],
  readRow(r) {
    const terminal = r.identifier('terminal', validateSmdgTerminalCode, { required: true });
    const port = r.identifier('port', validateUnLocode);
    const berth = r.text('berth', { required: true, maxLength: 32 });
    if (berth !== undefined && !BERTH.test(berth)) {
      r.fail('PCS_CSV_BAD_VALUE', `berth "${berth}" is not 1-32 letters, digits, spaces or . _ / -`, 'berth');
    }
    const imo = r.identifier('imo', validateImoNumber);
    const mmsi = r.identifier('mmsi', validateMmsi);
    if (r.raw('imo') === '' && r.raw('mmsi') === '') {
      r.fail('PCS_CSV_MISSING_VALUE', 'imo and mmsi are both empty: the row names no vessel', 'imo');
    }
    const connectedAt = r.dateTime('connected_at', { required: true });
    const disconnectedAt = r.dateTime('disconnected_at');
    const energyKwh = energy(r);
    const asOf = r.dateTime('as_of', { required: true });
    if (connectedAt && disconnectedAt) {
      const days = (Date.parse(disconnectedAt) - Date.parse(connectedAt)) / DAY_MS;
      if (days <= 0) {
        r.fail(
          'PCS_CSV_INCONSISTENT_ROW',
          `disconnected_at ${disconnectedAt} is not after connected_at ${connectedAt}`,
          'disconnected_at',
        );
      } else if (days > MAX_SESSION_DAYS) {
        r.fail(
          'PCS_CSV_INCONSISTENT_ROW',
          `the session lasts ${Math.round(days)} days: more than ${MAX_SESSION_DAYS}`,
          'disconnected_at',
        );
      }
    }
    if (connectedAt && asOf && Date.parse(asOf) < Date.parse(connectedAt)) {
      r.fail('PCS_CSV_INCONSISTENT_ROW', `as_of ${asOf} is before connected_at ${connectedAt}`, 'as_of');
    }
    if (!r.ok || !terminal || !berth || !connectedAt || !asOf || energyKwh === undefined) return undefined;
    return {
      terminal,
      port,
      berth,
      imo: imo ?? null,
      mmsi: mmsi ?? null,
      connectedAt,
      disconnectedAt: disconnectedAt ?? null,
      energyKwh,
      asOf,
    };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(SHORE_POWER_FORMAT, [row.terminal, row.imo ?? row.mmsi ?? '', row.connectedAt], row),
      eventType: 'TRANSPORT',
      eventTypeCode: SHORE_POWER_CONNECTION,
      eventClassifierCode: 'ACT',
      eventDateTime: row.asOf,
      eventCreatedDateTime: ctx.receivedAt,
      location: terminalLocation(row.terminal, row.port),
      references: {
        ...(row.imo ? { vesselIMONumber: row.imo } : {}),
        ...(row.mmsi ? { vesselMMSI: row.mmsi } : {}),
      },
      payload: {
        extension: 'openpcs',
        terminal: row.terminal,
        berth: row.berth,
        imo: row.imo,
        mmsi: row.mmsi,
        connectedAt: row.connectedAt,
        disconnectedAt: row.disconnectedAt,
        energyKwh: row.energyKwh,
        sourceMessage: { format: SHORE_POWER_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
