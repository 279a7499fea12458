/**
 * Terminal gate transactions as CSV (openpcs format `csv-gate-transactions`, columns in
 * docs/formats-dcsa-csv.md), as a terminal operating system's gate log exports them: one row per gate
 * transaction; a truck visit (visit_id) has an IN side and an OUT side, each with zero (bobtail or bare
 * chassis), one or two containers.
 *
 * Events (src/domain/cargo-event-codes.ts):
 * - per visit and direction, one TRANSPORT `ARRI` (gate in) or `DEPA` (gate out), payload.modeOfTransport
 *   `TRUCK`, payload.visitId; dated at the earliest IN / latest OUT transaction of the visit in the file;
 * - per container row, one DCSA 2.2 EQUIPMENT `GTIN` (direction IN) or `GTOT` (OUT), classifier ACT, with
 *   emptyIndicatorCode, ISOEquipmentCode, seals and payload.visitId.
 */
import type { NewCanonicalEvent } from '../../../domain/canonical-event.js';
import { validateContainerNumber } from '../../../domain/identifiers/iso6346.js';
import { validateSizeTypeCode } from '../../../domain/identifiers/iso6346-size-type.js';
import { validateScac } from '../../../domain/identifiers/scac.js';
import { validateSmdgTerminalCode } from '../../../domain/identifiers/smdg-terminal-code.js';
import { validateUnLocode } from '../../../domain/identifiers/un-locode.js';
import type { Rejection } from '../../message-parser.js';
import { cargoCsvParser, type ParsedRow } from './cargo-csv-parser.js';
import type { CsvRowReader } from './csv-row-reader.js';
import { rowKey } from './row-key.js';
import { terminalLocation } from './terminal-location.js';

export const GATE_TRANSACTIONS_FORMAT = 'csv-gate-transactions';

const DIRECTIONS = { IN: 'IN', I: 'IN', OUT: 'OUT', O: 'OUT' } as const;
const EMPTY_FULL = {
  E: 'EMPTY',
  EMPTY: 'EMPTY',
  MT: 'EMPTY',
  F: 'LADEN',
  FULL: 'LADEN',
  L: 'LADEN',
  LADEN: 'LADEN',
} as const;

interface GateRow {
  readonly transactionId: string;
  readonly visitId: string;
  readonly terminal: string;
  readonly port: string | undefined;
  readonly lane: string | undefined;
  readonly direction: 'IN' | 'OUT';
  readonly at: string;
  readonly truckingCompany: string;
  readonly truckPlate: string | undefined;
  readonly container: string | undefined;
  readonly sizeType: string | undefined;
  readonly emptyFull: 'EMPTY' | 'LADEN' | undefined;
  readonly seals: readonly string[];
  readonly booking: string | undefined;
  readonly billOfLading: string | undefined;
  readonly appointmentId: string | undefined;
}

function readRow(r: CsvRowReader): GateRow | undefined {
  const transactionId = r.text('transaction_id', { required: true, maxLength: 50 });
  const visitId = r.text('visit_id', { required: true, maxLength: 50 });
  const terminal = r.identifier('terminal', validateSmdgTerminalCode, { required: true });
  const port = r.identifier('port', validateUnLocode);
  const lane = r.text('lane', { maxLength: 10 });
  const direction = r.choice('direction', DIRECTIONS, { required: true });
  const at = r.dateTime('timestamp', { required: true });
  const truckingCompany = r.identifier('trucking_company_scac', validateScac, { required: true });
  const truckPlate = r.text('truck_plate', { maxLength: 15 })?.toUpperCase();
  const hasContainer = r.raw('container_number') !== '';
  const container = r.identifier('container_number', validateContainerNumber);
  const sizeType = r.identifier('size_type', validateSizeTypeCode);
  const emptyFull = r.choice('empty_full', EMPTY_FULL, { required: hasContainer });
  const sealText = r.text('seal', { maxLength: 100 });
  // Several seals in one cell are separated by `|` or `/` (DCSA sealNumber maxLength 15 each).
  const seals = sealText
    ? sealText
        .split(/[|/]/)
        .map((s) => s.trim().toUpperCase())
        .filter((s) => s !== '')
    : [];
  for (const seal of seals) {
    if (seal.length > 15) r.fail('PCS_CSV_BAD_VALUE', `seal "${seal}" is longer than 15 characters`, 'seal');
  }
  const booking = r.text('booking_reference', { maxLength: 35 });
  const billOfLading = r.text('bill_of_lading', { maxLength: 20 });
  const appointmentId = r.text('appointment_id', { maxLength: 50 });
  if (!hasContainer) {
    // A bobtail has no container, so no container attributes either.
    for (const column of ['size_type', 'empty_full', 'seal']) {
      if (r.raw(column) !== '') {
        r.fail('PCS_CSV_INCONSISTENT_ROW', `${column} "${r.raw(column)}" given without a container_number`, column);
      }
    }
  }
  if (!r.ok || !transactionId || !visitId || !terminal || !direction || !at || !truckingCompany) return undefined;
  return {
    transactionId,
    visitId,
    terminal,
    port,
    lane,
    direction,
    at,
    truckingCompany,
    truckPlate,
    container,
    sizeType,
    emptyFull,
    seals,
    booking,
    billOfLading,
    appointmentId,
  };
}

/** One truck event per (terminal, visit, direction); rows naming another trucker or plate are rejected. */
function truckEvents(
  rows: readonly ParsedRow<GateRow>[],
  receivedAt: string,
): { events: NewCanonicalEvent[]; rejected: Rejection[]; conflicting: Set<number> } {
  const groups = new Map<string, ParsedRow<GateRow>[]>();
  for (const parsed of rows) {
    const id = [parsed.row.terminal, parsed.row.visitId, parsed.row.direction].join('\u0000');
    groups.set(id, [...(groups.get(id) ?? []), parsed]);
  }
  const events: NewCanonicalEvent[] = [];
  const rejected: Rejection[] = [];
  const conflicting = new Set<number>();
  for (const group of groups.values()) {
    const first = group[0]!;
    const agreeing = group.filter(({ line, row }) => {
      for (const [field, column] of [
        ['truckingCompany', 'trucking_company_scac'],
        ['truckPlate', 'truck_plate'],
        ['port', 'port'],
      ] as const) {
        if (row[field] !== first.row[field]) {
          rejected.push({
            code: 'PCS_CSV_GROUP_CONFLICT',
            message: `visit ${row.visitId}: ${column} "${row[field] ?? ''}" differs from "${first.row[field] ?? ''}" on line ${first.line}`,
            line,
            pointer: column,
          });
          conflicting.add(line);
          return false;
        }
      }
      return true;
    });
    const ordered = [...agreeing].sort((a, b) =>
      a.row.at < b.row.at ? -1 : a.row.at > b.row.at ? 1 : a.line - b.line,
    );
    // Gate in: the truck arrived at its first IN transaction; gate out: it left at its last OUT transaction.
    const chosen = first.row.direction === 'IN' ? ordered[0]! : ordered[ordered.length - 1]!;
    const truck = {
      terminal: chosen.row.terminal,
      port: chosen.row.port,
      visitId: chosen.row.visitId,
      direction: chosen.row.direction,
      at: chosen.row.at,
      truckingCompany: chosen.row.truckingCompany,
      truckPlate: chosen.row.truckPlate,
      lane: chosen.row.lane,
    };
    const code = truck.direction === 'IN' ? 'ARRI' : 'DEPA';
    events.push({
      idempotencyKey: rowKey(GATE_TRANSACTIONS_FORMAT, [truck.terminal, truck.visitId, code], truck),
      eventType: 'TRANSPORT',
      eventTypeCode: code,
      eventClassifierCode: 'ACT',
      eventDateTime: truck.at,
      eventCreatedDateTime: receivedAt,
      location: terminalLocation(truck.terminal, truck.port),
      references: { carrierCode: truck.truckingCompany },
      payload: {
        extension: 'openpcs',
        transportEventTypeCode: code,
        modeOfTransport: 'TRUCK',
        visitId: truck.visitId,
        truckingCompany: truck.truckingCompany,
        ...(truck.truckPlate ? { truckPlate: truck.truckPlate } : {}),
        ...(truck.lane ? { lane: truck.lane } : {}),
        sourceMessage: { format: GATE_TRANSACTIONS_FORMAT, lines: agreeing.map((g) => g.line) },
      },
    });
  }
  return { events, rejected, conflicting };
}

export const gateTransactionParser = cargoCsvParser<GateRow>({
  format: GATE_TRANSACTIONS_FORMAT,
  version: '1.0.0',
  description:
    'CSV terminal gate transactions: truck gate in/out (ARRI/DEPA, visit_id) and container gate in/out (GTIN/GTOT)',
  requiredColumns: ['transaction_id', 'visit_id', 'terminal', 'direction', 'timestamp', 'trucking_company_scac'],
  // Every row of a truck visit (or appointment) has its visit_id; the terminal only refines the group.
  groupKey: (record) => record.cells['visit_id'] ?? '',
  readRow,
  toEvents(rows, ctx) {
    const trucks = truckEvents(rows, ctx.receivedAt);
    const equipment = rows
      .filter(({ line, row }) => row.container !== undefined && !trucks.conflicting.has(line))
      .map(({ line, row }): NewCanonicalEvent => {
        const code = row.direction === 'IN' ? 'GTIN' : 'GTOT';
        return {
          idempotencyKey: rowKey(GATE_TRANSACTIONS_FORMAT, [row.terminal, row.transactionId, code], row),
          eventType: 'EQUIPMENT',
          eventTypeCode: code,
          eventClassifierCode: 'ACT',
          eventDateTime: row.at,
          eventCreatedDateTime: ctx.receivedAt,
          location: terminalLocation(row.terminal, row.port),
          references: {
            equipmentReference: row.container,
            ...(row.booking ? { carrierBookingReference: row.booking } : {}),
            ...(row.billOfLading ? { transportDocumentReference: row.billOfLading } : {}),
          },
          payload: {
            equipmentEventTypeCode: code,
            emptyIndicatorCode: row.emptyFull,
            ...(row.sizeType ? { ISOEquipmentCode: row.sizeType } : {}),
            modeOfTransport: 'TRUCK',
            ...(row.seals.length > 0 ? { seals: row.seals } : {}),
            visitId: row.visitId,
            transactionId: row.transactionId,
            truckingCompany: row.truckingCompany,
            ...(row.truckPlate ? { truckPlate: row.truckPlate } : {}),
            ...(row.lane ? { lane: row.lane } : {}),
            ...(row.appointmentId ? { appointmentId: row.appointmentId } : {}),
            sourceMessage: { format: GATE_TRANSACTIONS_FORMAT, line },
          },
        };
      });
    return { events: [...trucks.events, ...equipment], rejected: trucks.rejected };
  },
});
