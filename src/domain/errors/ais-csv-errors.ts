import { rejection, type ErrorSpec } from './error-spec.js';

/** Rejections of the MarineCadastre AIS CSV parser (format `ais-csv-marinecadastre`). */
const aisCsv = rejection('Invalid AIS CSV row');

export const AIS_CSV_ERRORS = {
  PCS_AISCSV_UNREADABLE: aisCsv('The body is not UTF-8 text with a header line.'),
  PCS_AISCSV_MISSING_COLUMN: aisCsv('A required column (MMSI, BaseDateTime, LAT, LON) is missing.'),
  PCS_AISCSV_BAD_QUOTING: aisCsv('A quoted cell is not closed on its line.'),
  PCS_AISCSV_BAD_MMSI: aisCsv('MMSI is not 9 digits.'),
  PCS_AISCSV_BAD_DATETIME: aisCsv('BaseDateTime is not YYYY-MM-DDTHH:MM:SS (UTC).'),
  PCS_AISCSV_BAD_POSITION: aisCsv('LAT/LON missing, not a number, outside ±90/±180 or "not available" (91/181).'),
  PCS_AISCSV_BAD_NUMBER: aisCsv(
    'A numeric cell (SOG, COG, Heading, Status…) is not a number in plain decimal notation.',
  ),
  PCS_AISCSV_OUT_OF_RANGE: aisCsv(
    'A numeric cell is a fraction where the column takes whole numbers, or outside its range: SOG -51.2–102.3, COG -204.8–360, Heading 0–359 or 511, Status 0–15, VesselType 0–255, Length 0–1022, Width 0–126, Draft 0–25.5 (the pointer names the column).',
  ),
  PCS_AISCSV_BAD_TEXT: aisCsv(
    'A text cell (VesselName, CallSign, TransceiverClass) holds a NUL character, which the store cannot hold.',
  ),
  PCS_AISCSV_BAD_IMO: aisCsv(
    'IMO is not "IMO" followed by a number (a number that is no valid IMO number, e.g. 9 digits or a failed check digit, is kept as "no IMO number").',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type AisCsvErrorCode = keyof typeof AIS_CSV_ERRORS;
