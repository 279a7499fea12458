/**
 * Appointment slots as CSV (openpcs format `csv-appointment-slots`, columns in docs/formats-terminal-feeds.md): what
 * a terminal's appointment system publishes, re-published during the day as truckers book — per terminal, per
 * transaction type (import pick-up, export drop-off, empty return, dual) and per time slot: capacity and booked.
 *
 * Each row becomes an openpcs extension TRANSPORT event `SLOT` (src/domain/cargo-event-codes.ts), classifier ACT,
 * dated `stated_at`; payload `{ transactionType, slotStart, slotEnd, capacity, booked }`. The read model keeps the
 * newest statement per terminal × type × slot start (projections/terminal-feeds/).
 */
import { APPOINTMENT_SLOT, type AppointmentTransactionType } from '../../../domain/cargo-event-codes.js';
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import { cargoCsvParser } from './cargo-csv-parser.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';
import { DAY_MS, MAX_FEED_COUNT, MAX_SLOT_AHEAD_DAYS } from './terminal-feed-rows.js';

export const APPOINTMENT_SLOTS_FORMAT = 'csv-appointment-slots';

/** Spellings terminals print for the transaction types (upper-case, spaces and dashes as `_`). */
const TRANSACTION_TYPES: Readonly<Record<string, AppointmentTransactionType>> = {
  IMPORT_PICKUP: 'IMPORT_PICKUP',
  IMPORT: 'IMPORT_PICKUP',
  PICKUP: 'IMPORT_PICKUP',
  PICK_UP: 'IMPORT_PICKUP',
  IMPORT_PICK_UP: 'IMPORT_PICKUP',
  EXPORT_DROPOFF: 'EXPORT_DROPOFF',
  EXPORT: 'EXPORT_DROPOFF',
  DROPOFF: 'EXPORT_DROPOFF',
  EXPORT_DROP_OFF: 'EXPORT_DROPOFF',
  EMPTY_RETURN: 'EMPTY_RETURN',
  EMPTY: 'EMPTY_RETURN',
  MTY_RETURN: 'EMPTY_RETURN',
  DUAL: 'DUAL',
  DUAL_TRANSACTION: 'DUAL',
};

/** Longest slot a terminal publishes (a whole shift). */
const MAX_SLOT_HOURS = 12;

interface SlotRow {
  readonly terminal: string;
  readonly port: string | undefined;
  readonly transactionType: AppointmentTransactionType;
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly capacity: number;
  readonly booked: number;
  readonly statedAt: string;
}

export const appointmentSlotParser = cargoCsvParser<SlotRow>({
  format: APPOINTMENT_SLOTS_FORMAT,
  version: '1.0.0',
  description:
    'CSV appointment slots of a terminal (terminal, transaction_type, slot_start, slot_end, capacity, booked, stated_at)',
  requiredColumns: ['terminal', 'transaction_type', 'slot_start', 'slot_end', 'capacity', 'booked', 'stated_at'],
  readRow(r) {
    const terminal = r.identifier('terminal', validateSmdgTerminalCode, { required: true });
    const port = r.identifier('port', validateUnLocode);
    const transactionType = r.choice('transaction_type', TRANSACTION_TYPES, { required: true });
    const slotStart = r.dateTime('slot_start', { required: true });
    const slotEnd = r.dateTime('slot_end', { required: true });
    const capacity = r.integer('capacity', { required: true, min: 0, max: MAX_FEED_COUNT });
    const booked = r.integer('booked', { required: true, min: 0, max: MAX_FEED_COUNT });
    const free = r.integer('free', { min: 0, max: MAX_FEED_COUNT });
    const statedAt = r.dateTime('stated_at', { required: true });
    if (slotStart && slotEnd) {
      const hours = (Date.parse(slotEnd) - Date.parse(slotStart)) / 3_600_000;
      if (hours <= 0) {
        r.fail('PCS_CSV_INCONSISTENT_ROW', `slot_end ${slotEnd} is not after slot_start ${slotStart}`, 'slot_end');
      } else if (hours > MAX_SLOT_HOURS) {
        r.fail('PCS_CSV_INCONSISTENT_ROW', `the slot is ${hours} hours long: more than ${MAX_SLOT_HOURS}`, 'slot_end');
      }
    }
    if (slotStart && statedAt && Date.parse(slotStart) - Date.parse(statedAt) > MAX_SLOT_AHEAD_DAYS * DAY_MS) {
      r.fail(
        'PCS_CSV_INCONSISTENT_ROW',
        `slot_start ${slotStart} is more than ${MAX_SLOT_AHEAD_DAYS} days after stated_at`,
        'slot_start',
      );
    }
    if (capacity !== undefined && booked !== undefined) {
      if (booked > capacity) {
        r.fail('PCS_CSV_INCONSISTENT_ROW', `booked ${booked} is more than capacity ${capacity}`, 'booked');
      } else if (free !== undefined && free !== capacity - booked) {
        r.fail('PCS_CSV_INCONSISTENT_ROW', `free ${free} is not capacity ${capacity} − booked ${booked}`, 'free');
      }
    }
    if (!r.ok || !terminal || !transactionType || !slotStart || !slotEnd || capacity === undefined) return undefined;
    if (booked === undefined || !statedAt) return undefined;
    return { terminal, port, transactionType, slotStart, slotEnd, capacity, booked, statedAt };
  },
  toEvents(rows, ctx) {
    const events = rows.map(({ line, row }): NewCanonicalEvent => ({
      idempotencyKey: rowKey(APPOINTMENT_SLOTS_FORMAT, [row.terminal, row.transactionType, row.slotStart], row),
      eventType: 'TRANSPORT',
      eventTypeCode: APPOINTMENT_SLOT,
      eventClassifierCode: 'ACT',
      eventDateTime: row.statedAt,
      eventCreatedDateTime: ctx.receivedAt,
      location: terminalLocation(row.terminal, row.port),
      payload: {
        extension: 'openpcs',
        transactionType: row.transactionType,
        slotStart: row.slotStart,
        slotEnd: row.slotEnd,
        capacity: row.capacity,
        booked: row.booked,
        sourceMessage: { format: APPOINTMENT_SLOTS_FORMAT, line },
      },
    }));
    return { events, rejected: [] };
  },
});
