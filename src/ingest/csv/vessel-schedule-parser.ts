/**
 * CSV vessel schedules (openpcs format `csv-vessel-schedule`, columns in docs/formats-csv-vessel-schedule.md):
 * one row per vessel call at a port, as carriers and terminals publish them. Each filled time column
 * becomes a DCSA Track & Trace 2.2 transport event (transportEventTypeCode ARRI/DEPA):
 *   eta / ata → ARRI at the pilot boarding place (facilityTypeCode PBPL): arrival at the port
 *   etb / atb → ARRI at the berth (BRTH)
 *   etd / atd → DEPA from the berth (BRTH)
 * `e…` columns are estimates (EST, or PLN when schedule_type = PLN, a long-term proforma), `a…` actuals (ACT).
 * Idempotency key: vessel + voyage + port + event + classifier + instant, so a re-sent row stores
 * nothing new while a changed estimate is a new fact.
 */
import type { CsvErrorCode } from '../../domain/errors/csv-errors.js';
import type { EventClassifier, NewCanonicalEvent } from '../../domain/canonical-event.js';
import { validateImoNumber } from '../../domain/identifiers/imo-number.js';
import { validateScac } from '../../domain/identifiers/scac.js';
import { validateUnLocode } from '../../domain/identifiers/un-locode.js';
import type { MessageParser, ParseContext, ParseResult, Rejection } from '../message-parser.js';
import { parseCsvDateTime } from './csv-datetime.js';
import { collectParts } from '../collect-parts.js';
import type { CsvRecord } from './csv-table.js';
import { streamLaidOutCsvTable } from './laid-out-csv-table.js';

export const VESSEL_SCHEDULE_FORMAT = 'csv-vessel-schedule';

const REQUIRED = ['vessel_imo', 'voyage', 'port'] as const;
const TIME_COLUMNS = [
  { column: 'eta', code: 'ARRI', facility: 'PBPL', actual: false },
  { column: 'etb', code: 'ARRI', facility: 'BRTH', actual: false },
  { column: 'etd', code: 'DEPA', facility: 'BRTH', actual: false },
  { column: 'ata', code: 'ARRI', facility: 'PBPL', actual: true },
  { column: 'atb', code: 'ARRI', facility: 'BRTH', actual: true },
  { column: 'atd', code: 'DEPA', facility: 'BRTH', actual: true },
] as const;

const reject = (code: CsvErrorCode, message: string, line?: number, pointer?: string): Rejection => ({
  code,
  message,
  line,
  pointer,
});

function parseRow(record: CsvRecord, ctx: ParseContext): { events: NewCanonicalEvent[]; errors: Rejection[] } {
  const { cells, line } = record;
  const errors: Rejection[] = [];
  for (const column of REQUIRED) {
    if (!cells[column]) errors.push(reject('PCS_CSV_MISSING_VALUE', `${column} is empty`, line, column));
  }
  // PostgreSQL text and jsonb cannot hold U+0000: the cell would fail the whole message's append.
  for (const [column, value] of Object.entries(cells)) {
    if (value.includes('\u0000')) {
      errors.push(reject('PCS_CSV_BAD_VALUE', `${column} contains a NUL character`, line, column));
    }
  }
  if (errors.length > 0) return { events: [], errors };
  const imo = validateImoNumber(cells['vessel_imo']!);
  if (!imo.ok) errors.push(reject('PCS_CSV_BAD_IDENTIFIER', `vessel_imo: ${imo.reason}`, line, 'vessel_imo'));
  const port = validateUnLocode(cells['port']!);
  if (!port.ok) errors.push(reject('PCS_CSV_BAD_IDENTIFIER', `port: ${port.reason}`, line, 'port'));
  const scacText = cells['carrier_scac'] ?? '';
  const scac = scacText ? validateScac(scacText) : null;
  if (scac && !scac.ok) {
    errors.push(reject('PCS_CSV_BAD_IDENTIFIER', `carrier_scac: ${scac.reason}`, line, 'carrier_scac'));
  }
  const scheduleType = (cells['schedule_type'] || 'EST').toUpperCase();
  if (scheduleType !== 'EST' && scheduleType !== 'PLN') {
    errors.push(
      reject('PCS_CSV_BAD_VALUE', `schedule_type must be EST or PLN, got "${scheduleType}"`, line, 'schedule_type'),
    );
  }
  const times: { column: (typeof TIME_COLUMNS)[number]; instant: string }[] = [];
  for (const column of TIME_COLUMNS) {
    const text = cells[column.column];
    if (!text) continue;
    const instant = parseCsvDateTime(text, ctx.timeZone);
    if (instant === null) {
      errors.push(
        reject(
          'PCS_CSV_BAD_DATETIME',
          `${column.column} "${text}" is not ISO 8601 with an offset nor YYYY-MM-DD HH:MM[:SS]`,
          line,
          column.column,
        ),
      );
    } else {
      times.push({ column, instant });
    }
  }
  if (times.length === 0 && errors.length === 0) {
    errors.push(reject('PCS_CSV_NO_TIMES', 'none of eta, etb, etd, ata, atb, atd is filled', line));
  }
  if (errors.length > 0 || !imo.ok || !port.ok) return { events: [], errors };

  const voyage = cells['voyage']!;
  const terminal = cells['terminal'] || undefined;
  const vesselName = cells['vessel_name'] || undefined;
  const service = cells['service'] || undefined;
  const carrier = scac?.ok ? scac.value : undefined;
  const events = times.map(({ column, instant }): NewCanonicalEvent => {
    const classifier: EventClassifier = column.actual ? 'ACT' : (scheduleType as EventClassifier);
    return {
      idempotencyKey: [
        VESSEL_SCHEDULE_FORMAT,
        imo.value,
        voyage,
        port.value,
        column.code,
        column.facility,
        classifier,
        instant,
      ].join(':'),
      eventType: 'TRANSPORT',
      eventTypeCode: column.code,
      eventClassifierCode: classifier,
      eventDateTime: instant,
      eventCreatedDateTime: ctx.receivedAt,
      location: {
        unLocationCode: port.value,
        facilityTypeCode: column.facility,
        ...(terminal && column.facility === 'BRTH'
          ? { facilityCode: terminal, facilityCodeListProvider: 'SMDG' as const }
          : {}),
      },
      references: {
        vesselIMONumber: imo.value,
        carrierVoyageNumber: voyage,
        ...(carrier ? { carrierCode: carrier } : {}),
      },
      payload: {
        transportEventTypeCode: column.code,
        transportCall: {
          UNLocationCode: port.value,
          facilityTypeCode: column.facility,
          ...(terminal ? { facilityCode: terminal, facilityCodeListProvider: 'SMDG' } : {}),
          carrierServiceCode: service ?? null,
          carrierVoyageNumber: voyage,
          modeOfTransport: 'VESSEL',
          vessel: {
            vesselIMONumber: imo.value,
            vesselName: vesselName ?? null,
            vesselOperatorCarrierCode: carrier ?? null,
          },
        },
        sourceColumn: column.column,
        sourceLine: line,
      },
    };
  });
  return { events, errors: [] };
}

/** The schedule part by part as the file is read (rows stand alone), so a large file streams through. */
function* parseInParts(body: Uint8Array, ctx: ParseContext): Generator<ParseResult> {
  const table = streamLaidOutCsvTable(body, ctx);
  if (!table.ok) {
    yield { events: [], rejected: [reject('PCS_CSV_UNREADABLE', table.message, table.line)] };
    return;
  }
  const missing = REQUIRED.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    yield {
      events: [],
      rejected: [reject('PCS_CSV_MISSING_COLUMN', `missing column(s): ${missing.join(', ')}`, 1, missing[0])],
    };
    return;
  }
  let records = 0;
  for (const part of table.parts) {
    if (!part.ok) {
      // Reading stops here; the rows read before stand.
      yield { events: [], rejected: [reject('PCS_CSV_UNREADABLE', part.message, part.line)] };
      return;
    }
    const events: NewCanonicalEvent[] = [];
    // Records the sender's layout could not map (none without a layout).
    const rejected: Rejection[] = [...part.rejected];
    records += part.rejectedRecords.length;
    for (const record of part.records) {
      records++;
      const row = parseRow(record, ctx);
      events.push(...row.events);
      rejected.push(...row.errors);
    }
    yield { events, rejected };
  }
  if (records === 0) yield { events: [], rejected: [reject('PCS_CSV_NO_ROWS', 'no data rows', 1)] };
}

export const vesselScheduleParser: MessageParser = {
  format: VESSEL_SCHEDULE_FORMAT,
  version: '1.0.0',
  description:
    'CSV vessel schedule: one row per vessel call (vessel_imo, voyage, port, terminal, eta/etb/etd, ata/atb/atd)',
  parse: (body, ctx) => collectParts(parseInParts(body, ctx)),
  parseInParts,
};
