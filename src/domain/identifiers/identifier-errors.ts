/**
 * Catalogue of identifier validation error codes (STYLE §4). Codes are stable: retire, never reuse.
 * Every code maps to HTTP 422 (the request was well-formed, the identifier in it is not).
 */
export interface IdentifierErrorSpec {
  readonly description: string;
  readonly httpStatus: 422;
}

export const IDENTIFIER_ERRORS = {
  PCS_ID_CONTAINER_FORMAT: {
    description:
      'Container number is not ISO 6346: 3-letter owner code, category U/J/Z, 6-digit serial, 1 check digit.',
    httpStatus: 422,
  },
  PCS_ID_CONTAINER_CHECK_DIGIT: {
    description: 'Container number check digit does not match ISO 6346 Annex A computation.',
    httpStatus: 422,
  },
  PCS_ID_SIZE_TYPE_FORMAT: {
    description: 'Size/type code is not a 4-character ISO 6346:1995 code (length, height/width, type group, detail).',
    httpStatus: 422,
  },
  PCS_ID_SIZE_TYPE_UNKNOWN: {
    description: 'Size/type code is well-formed but uses a length, height or type code ISO 6346:1995 does not define.',
    httpStatus: 422,
  },
  PCS_ID_IMO_FORMAT: {
    description: 'IMO ship identification number is not 7 digits (optionally prefixed "IMO").',
    httpStatus: 422,
  },
  PCS_ID_IMO_CHECK_DIGIT: {
    description: 'IMO number check digit does not match (first six digits weighted 7..2, sum mod 10).',
    httpStatus: 422,
  },
  PCS_ID_UNLOCODE_FORMAT: {
    description: 'UN/LOCODE is not 2 letters (ISO 3166-1 country) + 3 characters from A-Z and 2-9.',
    httpStatus: 422,
  },
  PCS_ID_UNLOCODE_COUNTRY: {
    description: 'UN/LOCODE country part is not an ISO 3166-1 alpha-2 code (or XZ, international waters).',
    httpStatus: 422,
  },
  PCS_ID_SMDG_TERMINAL_FORMAT: {
    description: 'SMDG terminal code is not 1 to 6 characters from A-Z and 0-9.',
    httpStatus: 422,
  },
  PCS_ID_SCAC_FORMAT: {
    description: 'Standard Carrier Alpha Code is not 2 to 4 letters.',
    httpStatus: 422,
  },
  PCS_ID_MMSI_FORMAT: {
    description: 'MMSI is not 9 digits.',
    httpStatus: 422,
  },
} as const satisfies Record<string, IdentifierErrorSpec>;

export type IdentifierErrorCode = keyof typeof IDENTIFIER_ERRORS;
