/**
 * Truck appointments as CSV (openpcs format `csv-truck-appointments`, columns in docs/formats-dcsa-csv.md),
 * as a terminal appointment system exports them: one row per transaction (a move of one container, or an
 * empty pick-up against a booking); a dual transaction (drop an export, pick up an import on the same trip)
 * is two rows with the same appointment_id.
 *
 * Each appointment becomes one openpcs extension TRANSPORT event `APPT` (src/domain/cargo-event-codes.ts),
 * dated at the slot start, classifier REQ for a requested appointment and PLN otherwise, payload
 * `{ extension: 'openpcs', modeOfTransport: 'TRUCK', appointmentId, appointmentStatus, truckingCompany,
 *    truckPlate?, slotStart, slotEnd, transactions: [{ move, equipmentReference?, bookingReference? }] }`.
 * The rows of one appointment must agree on terminal, trucker, plate, slot and status; if one of them is
 * bad, the whole appointment is rejected (its other rows with PCS_CSV_GROUP_REJECTED), so that no partial
 * appointment is stored.
 */
import type { EventClassifier, NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { TRUCK_APPOINTMENT } from '../../../domain/cargo-event-codes.js';
import { validateContainerNumber } from '../../../domain/identifiers/iso6346.js';
import { validateScac } from '../../../domain/identifiers/scac.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import type { Rejection } from '../../message-parser.js';
import { cargoCsvParser, type ParsedRow } from './cargo-csv-parser.js';
import type { CsvRowReader } from './csv-row-reader.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';

export const TRUCK_APPOINTMENTS_FORMAT = 'csv-truck-appointments';

const MOVES = {
  PICKUP: 'PICKUP',
  PICK_UP: 'PICKUP',
  PU: 'PICKUP',
  DROPOFF: 'DROPOFF',
  DROP_OFF: 'DROPOFF',
  DO: 'DROPOFF',
} as const;
const STATUSES = {
  REQUESTED: 'REQUESTED',
  BOOKED: 'BOOKED',
  CONFIRMED: 'BOOKED',
  RESCHEDULED: 'RESCHEDULED',
  CANCELLED: 'CANCELLED',
  CANCELED: 'CANCELLED',
  USED: 'USED',
  COMPLETED: 'USED',
  NO_SHOW: 'NO_SHOW',
  MISSED: 'NO_SHOW',
} as const;
type Status = (typeof STATUSES)[keyof typeof STATUSES];

interface AppointmentRow {
  readonly appointmentId: string;
  readonly terminal: string;
  readonly port: string | undefined;
  readonly truckingCompany: string;
  readonly truckPlate: string | undefined;
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly status: Status;
  readonly move: 'PICKUP' | 'DROPOFF';
  readonly container: string | undefined;
  readonly booking: string | undefined;
}

/** Fields every row of one appointment must share. */
const SHARED = [
  ['port', 'port'],
  ['truckingCompany', 'trucking_company_scac'],
  ['truckPlate', 'truck_plate'],
  ['slotStart', 'slot_start'],
  ['slotEnd', 'slot_end'],
  ['status', 'status'],
] as const;

function readRow(r: CsvRowReader): AppointmentRow | undefined {
  const appointmentId = r.text('appointment_id', { required: true, maxLength: 50 });
  const terminal = r.identifier('terminal', validateSmdgTerminalCode, { required: true });
  const port = r.identifier('port', validateUnLocode);
  const truckingCompany = r.identifier('trucking_company_scac', validateScac, { required: true });
  const truckPlate = r.text('truck_plate', { maxLength: 15 })?.toUpperCase();
  const slotStart = r.dateTime('slot_start', { required: true });
  const slotEnd = r.dateTime('slot_end', { required: true });
  const move = r.choice('move', MOVES, { required: true });
  const container = r.identifier('container_number', validateContainerNumber);
  const booking = r.text('booking_reference', { maxLength: 35 });
  const status = r.choice('status', STATUSES, { required: true });
  if (slotStart && slotEnd && slotEnd <= slotStart) {
    r.fail('PCS_CSV_INCONSISTENT_ROW', `slot_end ${slotEnd} is not after slot_start ${slotStart}`, 'slot_end');
  }
  if (!r.raw('container_number') && !booking) {
    r.fail(
      'PCS_CSV_MISSING_VALUE',
      'container_number and booking_reference are both empty: a transaction names its container or its booking',
      'container_number',
    );
  }
  if (!r.ok || !appointmentId || !terminal || !truckingCompany || !slotStart || !slotEnd || !move || !status) {
    return undefined;
  }
  return {
    appointmentId,
    terminal,
    port,
    truckingCompany,
    truckPlate,
    slotStart,
    slotEnd,
    status,
    move,
    container,
    booking,
  };
}

export const truckAppointmentParser = cargoCsvParser<AppointmentRow>({
  format: TRUCK_APPOINTMENTS_FORMAT,
  version: '1.0.0',
  description:
    'CSV truck appointments: one row per transaction (appointment_id, terminal, trucking_company_scac, slot_start, slot_end, move, container_number, status)',
  requiredColumns: ['appointment_id', 'terminal', 'trucking_company_scac', 'slot_start', 'slot_end', 'move', 'status'],
  // Every row of a truck visit (or appointment) has its appointment_id; the terminal only refines the group.
  groupKey: (record) => record.cells['appointment_id'] ?? '',
  readRow,
  groupOf: (record) => groupId(record.cells['terminal'] ?? '', record.cells['appointment_id'] ?? ''),
  toEvents(rows, ctx, tainted) {
    const groups = new Map<string, ParsedRow<AppointmentRow>[]>();
    for (const parsed of rows) {
      const id = groupId(parsed.row.terminal, parsed.row.appointmentId);
      groups.set(id, [...(groups.get(id) ?? []), parsed]);
    }
    const events: NewCanonicalEvent[] = [];
    const rejected: Rejection[] = [];
    for (const [id, group] of groups) {
      const first = group[0]!.row;
      if (tainted.has(id)) {
        rejected.push(...groupRejected(group, new Set(), first.appointmentId));
        continue;
      }
      const conflicts = group.slice(1).flatMap(({ line, row }) =>
        SHARED.filter(([field]) => row[field] !== first[field]).map(([field, column]): Rejection => ({
          code: 'PCS_CSV_GROUP_CONFLICT',
          message: `appointment ${first.appointmentId}: ${column} "${row[field] ?? ''}" differs from "${first[field] ?? ''}" on line ${group[0]!.line}`,
          line,
          pointer: column,
        })),
      );
      if (conflicts.length > 0) {
        const conflictLines = new Set(conflicts.map((c) => c.line));
        rejected.push(...conflicts, ...groupRejected(group, conflictLines, first.appointmentId));
        continue;
      }
      const transactions = group.map(({ row }) => ({
        move: row.move,
        ...(row.container ? { equipmentReference: row.container } : {}),
        ...(row.booking ? { bookingReference: row.booking } : {}),
      }));
      const containers = [...new Set(group.flatMap(({ row }) => (row.container ? [row.container] : [])))];
      const bookings = [...new Set(group.flatMap(({ row }) => (row.booking ? [row.booking] : [])))];
      const classifier: EventClassifier = first.status === 'REQUESTED' ? 'REQ' : 'PLN';
      events.push({
        idempotencyKey: rowKey(
          TRUCK_APPOINTMENTS_FORMAT,
          [first.terminal, first.appointmentId],
          group.map(({ row }) => row),
        ),
        eventType: 'TRANSPORT',
        eventTypeCode: TRUCK_APPOINTMENT,
        eventClassifierCode: classifier,
        eventDateTime: first.slotStart,
        eventCreatedDateTime: ctx.receivedAt,
        location: terminalLocation(first.terminal, first.port),
        references: {
          carrierCode: first.truckingCompany,
          // References are single-valued columns: set only when the appointment moves exactly one of each.
          ...(containers.length === 1 ? { equipmentReference: containers[0] } : {}),
          ...(bookings.length === 1 ? { carrierBookingReference: bookings[0] } : {}),
        },
        payload: {
          extension: 'openpcs',
          modeOfTransport: 'TRUCK',
          appointmentId: first.appointmentId,
          appointmentStatus: first.status,
          truckingCompany: first.truckingCompany,
          ...(first.truckPlate ? { truckPlate: first.truckPlate } : {}),
          slotStart: first.slotStart,
          slotEnd: first.slotEnd,
          transactions,
          sourceMessage: { format: TRUCK_APPOINTMENTS_FORMAT, lines: group.map((g) => g.line) },
        },
      });
    }
    return { events, rejected };
  },
});

/** Terminal + appointment id, normalised as the row reader normalises them (trimmed, terminal upper-case). */
function groupId(terminal: string, appointmentId: string): string {
  return `${terminal.trim().toUpperCase()}\u0000${appointmentId.trim()}`;
}

function groupRejected(
  group: readonly ParsedRow<AppointmentRow>[],
  skip: ReadonlySet<number | undefined>,
  appointmentId: string,
): Rejection[] {
  return group
    .filter(({ line }) => !skip.has(line))
    .map(({ line }) => ({
      code: 'PCS_CSV_GROUP_REJECTED',
      message: `appointment ${appointmentId} is rejected because another of its rows is`,
      line,
      pointer: 'appointment_id',
    }));
}
