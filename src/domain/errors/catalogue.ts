/**
 * The error catalogue: every stable `PCS_*` code openpcs reports, with its HTTP status, title and text (STYLE §4,
 * DESIGN §7). API problems are built from it (`problem(code)` in src/api/problem.ts), parser rejections are typed
 * by it (a code missing here does not compile), and docs/errors.md is generated from it (`npm run docs:errors`;
 * test/docs/error-codes.test.ts fails when the file differs). Codes are retired, never reused: a client depends
 * on the wire value.
 */
import { ALERT_ERRORS } from './alert-errors.js';
import { AIS_CSV_ERRORS } from './ais-csv-errors.js';
import { AIS_ERRORS } from './ais-errors.js';
import { AUTH_ERRORS } from './auth-errors.js';
import { CARGO_ERRORS } from './cargo-errors.js';
import { CSV_ERRORS } from './csv-errors.js';
import { EQUIPMENT_ERRORS } from './equipment-errors.js';
import { DCSA_API_ERRORS } from './dcsa-api-errors.js';
import { DCSA_MESSAGE_ERRORS } from './dcsa-message-errors.js';
import { EDIFACT_ERRORS } from './edifact-errors.js';
import { EMISSIONS_ERRORS } from './emissions-errors.js';
import type { ErrorSpec } from './error-spec.js';
import { FORECAST_ERRORS } from './forecast-errors.js';
import { HTTP_API_ERRORS } from './http-api-errors.js';
import { IDENTIFIER_ERRORS } from './identifier-errors.js';
import { INGEST_ERRORS } from './ingest-errors.js';
import { PROCESS_ERRORS } from './process-errors.js';
import { TELEMETRY_ERRORS } from './telemetry-errors.js';
import { VESSEL_ERRORS } from './vessel-errors.js';
import { X12_ERRORS } from './x12-errors.js';

export const ERROR_CATALOGUE = {
  ...HTTP_API_ERRORS,
  ...DCSA_API_ERRORS,
  ...CARGO_ERRORS,
  ...ALERT_ERRORS,
  ...VESSEL_ERRORS,
  ...FORECAST_ERRORS,
  ...EMISSIONS_ERRORS,
  ...AUTH_ERRORS,
  ...INGEST_ERRORS,
  ...PROCESS_ERRORS,
  ...AIS_ERRORS,
  ...AIS_CSV_ERRORS,
  ...CSV_ERRORS,
  ...DCSA_MESSAGE_ERRORS,
  ...X12_ERRORS,
  ...EDIFACT_ERRORS,
  ...TELEMETRY_ERRORS,
  ...EQUIPMENT_ERRORS,
  ...IDENTIFIER_ERRORS,
} as const satisfies Record<string, ErrorSpec>;

/** Every stable error code. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The codes an HTTP answer can carry (those with a numeric status). */
export type ProblemCode = {
  [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C]['status'] extends number ? C : never;
}[ErrorCode];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, value);
}

/** A heading of docs/errors.md and the codes listed under it, in order. */
export interface ErrorSection {
  readonly heading: string;
  readonly errors: Readonly<Record<string, ErrorSpec>>;
}

export const ERROR_SECTIONS: readonly ErrorSection[] = [
  { heading: 'HTTP API', errors: HTTP_API_ERRORS },
  { heading: 'DCSA event API and subscriptions (see [api.md](api.md))', errors: DCSA_API_ERRORS },
  { heading: 'Cargo (containers, truck visits)', errors: CARGO_ERRORS },
  { heading: 'Alerts (see [alerts.md](alerts.md))', errors: ALERT_ERRORS },
  { heading: 'Vessels (see [ais-feeds.md](ais-feeds.md))', errors: VESSEL_ERRORS },
  { heading: 'Forecasts (see [forecast.md](forecast.md))', errors: FORECAST_ERRORS },
  { heading: 'Emissions calculator (see [emissions.md](emissions.md))', errors: EMISSIONS_ERRORS },
  { heading: 'Authentication and administration', errors: AUTH_ERRORS },
  { heading: 'Ingestion', errors: INGEST_ERRORS },
  { heading: 'Process and store', errors: PROCESS_ERRORS },
  { heading: 'AIS NMEA 0183 (`ais-nmea`, see [ais.md](ais.md))', errors: AIS_ERRORS },
  { heading: 'MarineCadastre AIS CSV (`ais-csv-marinecadastre`)', errors: AIS_CSV_ERRORS },
  {
    heading:
      'CSV formats (see [formats-csv-vessel-schedule.md](formats-csv-vessel-schedule.md) and [formats-dcsa-csv.md](formats-dcsa-csv.md))',
    errors: CSV_ERRORS,
  },
  {
    heading: 'DCSA Track & Trace events (`dcsa-events`, see [formats-dcsa-csv.md](formats-dcsa-csv.md))',
    errors: DCSA_MESSAGE_ERRORS,
  },
  { heading: 'ANSI X12 (see [formats-x12-edifact.md](formats-x12-edifact.md))', errors: X12_ERRORS },
  { heading: 'UN/EDIFACT (see [formats-x12-edifact.md](formats-x12-edifact.md))', errors: EDIFACT_ERRORS },
  {
    heading: 'Equipment telemetry (`equipment-telemetry`, see [simulator.md](simulator.md))',
    errors: TELEMETRY_ERRORS,
  },
  { heading: 'Equipment and zero-emission shares (see [equipment.md](equipment.md))', errors: EQUIPMENT_ERRORS },
  { heading: 'Identifiers (container, IMO, UN/LOCODE, SMDG, SCAC, MMSI)', errors: IDENTIFIER_ERRORS },
];
