import { rejection, type ErrorSpec } from './error-spec.js';

/**
 * Rejections of the CSV parsers: `csv-vessel-schedule` (docs/formats-csv-vessel-schedule.md) and the cargo CSV
 * formats `csv-truck-appointments`, `csv-gate-transactions`, `csv-holds`, `csv-container-master`, `csv-free-time`
 * (docs/formats-dcsa-csv.md). Invalid identifiers in the cargo formats are rejected with the identifier's own
 * `PCS_ID_*` code (identifier-errors.ts).
 */
const csv = rejection('Invalid CSV content');

export const CSV_ERRORS = {
  PCS_CSV_UNREADABLE: csv('The body is not readable as UTF-8 CSV with a header line.'),
  PCS_CSV_MISSING_COLUMN: csv('A required column is missing from the header; the whole file is rejected.'),
  PCS_CSV_NO_ROWS: csv('The CSV has a header but no data rows.'),
  PCS_CSV_MISSING_VALUE: csv('A required cell is empty.'),
  PCS_CSV_BAD_DATETIME: csv('A date-time cell is not ISO 8601 with an offset nor YYYY-MM-DD HH:MM[:SS] (sender zone).'),
  PCS_CSV_BAD_VALUE: csv(
    'A cell holds a value outside its allowed set (direction other than IN/OUT, schedule_type other than EST/PLN), is longer than its maximum length, or holds a NUL character.',
  ),
  PCS_CSV_BAD_IDENTIFIER: csv(
    'csv-vessel-schedule: an identifier (IMO number, UN/LOCODE, SCAC) is malformed or fails its check digit.',
  ),
  PCS_CSV_NO_TIMES: csv('csv-vessel-schedule: a row has none of the six time columns filled.'),
  PCS_CSV_BAD_TIMEZONE: csv('A zone-less date-time cannot be read: the sender time zone is not a known IANA zone.'),
  PCS_CSV_BAD_NUMBER: csv('A numeric cell is not a whole number within its allowed range.'),
  PCS_CSV_BAD_DATE: csv('A date cell is not a calendar date YYYY-MM-DD.'),
  PCS_CSV_INCONSISTENT_ROW: csv(
    'Cells of one row contradict each other (slot end before start, tare above max gross, reefer flag on a dry type…).',
  ),
  PCS_CSV_LAYOUT_INVALID: {
    status: 'dead letter',
    title: 'Stored CSV layout invalid',
    text: "The sender's stored CSV layout for the format no longer passes validation; the whole message is rejected; store a corrected layout and replay ([csv-layouts.md](csv-layouts.md)).",
  },
  PCS_CSV_GROUP_CONFLICT: csv(
    'Rows of the same appointment or truck visit disagree on a value they must share (trucker, plate, slot, status).',
  ),
  PCS_CSV_GROUP_REJECTED: csv(
    'The row is valid but belongs to an appointment rejected because of another of its rows.',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type CsvErrorCode = keyof typeof CSV_ERRORS;
