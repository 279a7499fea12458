/**
 * Stable error codes of the MarineCadastre AIS CSV parser (format `ais-csv-marinecadastre`). Codes are
 * retired, never reused; every one is bad input (HTTP 422).
 */
export const AIS_CSV_ERRORS = {
  PCS_AISCSV_UNREADABLE: { status: 422, title: 'The body is not UTF-8 text with a header line' },
  PCS_AISCSV_MISSING_COLUMN: { status: 422, title: 'A required column (MMSI, BaseDateTime, LAT, LON) is missing' },
  PCS_AISCSV_BAD_MMSI: { status: 422, title: 'MMSI is not 9 digits' },
  PCS_AISCSV_BAD_DATETIME: { status: 422, title: 'BaseDateTime is not YYYY-MM-DDTHH:MM:SS (UTC)' },
  PCS_AISCSV_BAD_POSITION: { status: 422, title: 'LAT/LON missing, not a number, out of range or "not available"' },
  PCS_AISCSV_BAD_NUMBER: { status: 422, title: 'A numeric cell (SOG, COG, Heading, Status...) is not a number' },
  PCS_AISCSV_OUT_OF_RANGE: {
    status: 422,
    title:
      'A numeric cell is a fraction where the column takes whole numbers, or outside its range (VesselType 0-255…)',
  },
  PCS_AISCSV_BAD_IMO: { status: 422, title: 'IMO is not "IMO" followed by a number' },
  PCS_AISCSV_BAD_TEXT: { status: 422, title: 'A text cell (VesselName, CallSign…) holds a NUL character' },
  PCS_AISCSV_BAD_QUOTING: { status: 422, title: 'A quoted cell is not closed on its line' },
} as const;

export type AisCsvErrorCode = keyof typeof AIS_CSV_ERRORS;
