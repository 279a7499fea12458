/**
 * Terminal availability lists as CSV (openpcs format `csv-availability`, columns in docs/formats-dcsa-csv.md):
 * what a container terminal publishes for import boxes — available for pick-up or not, the holds it knows of
 * (customs, freight/line, other), the last free day it will bill demurrage from, and the time it stated this.
 *
 * Each row becomes an openpcs extension EQUIPMENT event `AVLB` (src/domain/cargo-event-codes.ts), classifier
 * ACT, dated `stated_at` (statements are ordered by when the terminal made them, never by arrival), payload
 * `{ extension: 'openpcs', availableForPickup, holds, lastFreeDay? }`. The container read model lets the
 * newest statement's last free day win over the computed one (domain/free-time/stated-last-free-day.ts).
 */
import { TERMINAL_AVAILABILITY } from '../../../domain/cargo-event-codes.js';
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { LocalDates } from '../../../domain/free-time/local-date.js';
import { validateContainerNumber } from '../../../domain/identifiers/iso6346.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { KNOWN_PORT_TIME_ZONES, validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import { cargoCsvParser } from './cargo-csv-parser.js';
import type { CsvRowReader } from './csv-row-reader.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';

export const AVAILABILITY_FORMAT = 'csv-availability';

const YES_NO = { Y: 'Y', YES: 'Y', TRUE: 'Y', '1': 'Y', N: 'N', NO: 'N', FALSE: 'N', '0': 'N' } as const;
/** Hold cells: a flag (`Y`/`N`) or the state terminals print (`HOLD`, `RELEASED`); empty = no hold. */
const HOLD_CELL = {
  ...YES_NO,
  HOLD: 'Y',
  H: 'Y',
  ON_HOLD: 'Y',
  RELEASED: 'N',
  RELEASE: 'N',
  R: 'N',
  CLEAR: 'N',
} as const;
const HOLD_COLUMNS = [
  ['customs_hold', 'CUSTOMS'],
  ['freight_hold', 'FREIGHT'],
  ['other_hold', 'OTHER'],
] as const;
type StatedHold = (typeof HOLD_COLUMNS)[number][1];

/** A stated last free day further than this from the statement is a typo (wrong year, swapped fields). */
const MAX_LFD_DISTANCE_DAYS = 180;

interface AvailabilityRow {
  readonly container: string;
  readonly terminal: string;
  readonly port: string | undefined;
  readonly available: boolean;
  readonly holds: readonly StatedHold[];
  readonly lastFreeDay: string | undefined;
  readonly statedAt: string;
}

function holdsOf(r: CsvRowReader): StatedHold[] {
  const holds: StatedHold[] = [];
  for (const [column, hold] of HOLD_COLUMNS) {
    if (r.choice(column, HOLD_CELL) === 'Y') holds.push(hold);
  }
  return holds;
}

/** Days between the statement's local date at the terminal and the stated last free day. */
function daysApart(statedAt: string, lastFreeDay: string, zone: string): number {
  const stated = LocalDates.of(statedAt, zone);
  return Math.round((Date.parse(`${lastFreeDay}T00:00:00Z`) - Date.parse(`${stated}T00:00:00Z`)) / 86_400_000);
}

export const availabilityParser = cargoCsvParser<AvailabilityRow>({
  format: AVAILABILITY_FORMAT,
  version: '1.0.0',
  description:
    'CSV terminal availability list (container_number, terminal, available, customs_hold, freight_hold, other_hold, last_free_day, stated_at)',
  requiredColumns: ['container_number', 'terminal', 'available', 'stated_at'],
  readRow(r, ctx) {
    const container = r.identifier('container_number', validateContainerNumber, { required: true });
    const terminal = r.identifier('terminal', validateSmdgTerminalCode, { required: true });
    const port = r.identifier('port', validateUnLocode);
    const available = r.choice('available', YES_NO, { required: true });
    const holds = holdsOf(r);
    const lastFreeDay = r.date('last_free_day');
    const statedAt = r.dateTime('stated_at', { required: true });
    if (available === 'Y' && holds.length > 0) {
      r.fail(
        'PCS_CSV_INCONSISTENT_ROW',
        `available "Y" but the row lists a hold (${holds.join(', ')}): a box on hold is not available`,
        'available',
      );
    }
    if (statedAt && lastFreeDay && terminal) {
      // The terminal's local date; the sender's zone when the port is not known.
      const unLocode = terminalLocation(terminal, port).unLocationCode;
      const zone = (unLocode ? KNOWN_PORT_TIME_ZONES[unLocode] : undefined) ?? ctx.timeZone;
      const apart = daysApart(statedAt, lastFreeDay, zone);
      if (Math.abs(apart) > MAX_LFD_DISTANCE_DAYS) {
        r.fail(
          'PCS_CSV_INCONSISTENT_ROW',
          `last_free_day ${lastFreeDay} is ${Math.abs(apart)} days ${apart < 0 ? 'before' : 'after'} stated_at: ` +
            `more than ${MAX_LFD_DISTANCE_DAYS} days apart`,
          'last_free_day',
        );
      }
    }
    if (!r.ok || !container || !terminal || !available || !statedAt) return undefined;
    return { container, terminal, port, available: available === 'Y', holds, lastFreeDay, statedAt };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(AVAILABILITY_FORMAT, [row.terminal, row.container], row),
      eventType: 'EQUIPMENT',
      eventTypeCode: TERMINAL_AVAILABILITY,
      eventClassifierCode: 'ACT',
      eventDateTime: row.statedAt,
      eventCreatedDateTime: ctx.receivedAt,
      location: terminalLocation(row.terminal, row.port),
      references: { equipmentReference: row.container },
      payload: {
        extension: 'openpcs',
        availableForPickup: row.available,
        holds: [...row.holds],
        ...(row.lastFreeDay ? { lastFreeDay: row.lastFreeDay } : {}),
        sourceMessage: { format: AVAILABILITY_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
