/**
 * Error catalogue of the cargo CSV parsers (`csv-truck-appointments`, `csv-gate-transactions`,
 * `csv-holds`, `csv-container-master`, `csv-availability`, `csv-free-time`); STYLE §4: codes are stable,
 * retire, never reuse.
 * All are bad input (HTTP 422). The first six have the same meaning as in the `csv-vessel-schedule` parser.
 * Invalid identifiers (container number, size/type, SCAC, SMDG terminal, UN/LOCODE) are rejected with the
 * identifier's own `PCS_ID_*` code from src/domain/identifiers/identifier-errors.ts.
 * Documented in docs/formats-dcsa-csv.md (a test keeps both in step).
 */
export const CARGO_CSV_ERRORS = {
  PCS_CSV_UNREADABLE: 'The body is not readable as UTF-8 CSV with a header line.',
  PCS_CSV_MISSING_COLUMN: 'A required column is missing from the header; the whole file is rejected.',
  PCS_CSV_NO_ROWS: 'The CSV has a header but no data rows.',
  PCS_CSV_MISSING_VALUE: 'A required cell is empty.',
  PCS_CSV_BAD_DATETIME: 'A date-time cell is not ISO 8601 with an offset nor YYYY-MM-DD HH:MM[:SS] (sender zone).',
  PCS_CSV_BAD_VALUE: 'A cell holds a value outside its allowed set (e.g. direction other than IN/OUT).',
  PCS_CSV_BAD_TIMEZONE: 'A zone-less date-time cannot be read: the sender time zone is not a known IANA zone.',
  PCS_CSV_BAD_NUMBER: 'A numeric cell is not a whole number within its allowed range.',
  PCS_CSV_BAD_DATE: 'A date cell is not a calendar date YYYY-MM-DD.',
  PCS_CSV_INCONSISTENT_ROW:
    'Cells of one row contradict each other (slot end before start, tare above max gross, reefer flag on a dry type…).',
  PCS_CSV_GROUP_CONFLICT:
    'Rows of the same appointment or truck visit disagree on a value they must share (trucker, plate, slot, status).',
  PCS_CSV_GROUP_REJECTED: 'The row is valid but belongs to an appointment rejected because of another of its rows.',
} as const satisfies Record<string, string>;

export type CargoCsvErrorCode = keyof typeof CARGO_CSV_ERRORS;

/** HTTP status for every cargo CSV error code: bad input. */
export const CARGO_CSV_ERROR_HTTP_STATUS = 422;
