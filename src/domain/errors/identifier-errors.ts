import type { ErrorSpec } from './error-spec.js';

/**
 * Identifier validation codes (src/domain/identifiers/). In a message they are rejections like any parser's (a dead
 * letter, an item of a 422 answer's `errors[]`); as the identifier in a request path (`GET /containers/{reference}`)
 * they answer 400.
 */
export const IDENTIFIER_ERRORS = {
  PCS_ID_CONTAINER_FORMAT: {
    status: 400,
    title: 'Invalid container number',
    text: 'Container number is not ISO 6346: 3-letter owner code, category U/J/Z, 6-digit serial, 1 check digit.',
  },
  PCS_ID_CONTAINER_CHECK_DIGIT: {
    status: 400,
    title: 'Invalid container number',
    text: 'Container number check digit does not match ISO 6346 Annex A computation.',
  },
  PCS_ID_SIZE_TYPE_FORMAT: {
    status: 400,
    title: 'Invalid size/type code',
    text: 'Size/type code is not a 4-character ISO 6346:1995 code (length, height/width, type group, detail).',
  },
  PCS_ID_SIZE_TYPE_UNKNOWN: {
    status: 400,
    title: 'Invalid size/type code',
    text: 'Size/type code is well-formed but uses a length, height or type code ISO 6346:1995 does not define.',
  },
  PCS_ID_IMO_FORMAT: {
    status: 400,
    title: 'Invalid IMO number',
    text: 'IMO ship identification number is not 7 digits (optionally prefixed "IMO").',
  },
  PCS_ID_IMO_CHECK_DIGIT: {
    status: 400,
    title: 'Invalid IMO number',
    text: 'IMO number check digit does not match (first six digits weighted 7..2, sum mod 10).',
  },
  PCS_ID_UNLOCODE_FORMAT: {
    status: 400,
    title: 'Invalid UN/LOCODE',
    text: 'UN/LOCODE is not 2 letters (ISO 3166-1 country) + 3 characters from A-Z and 2-9.',
  },
  PCS_ID_UNLOCODE_COUNTRY: {
    status: 400,
    title: 'Invalid UN/LOCODE',
    text: 'UN/LOCODE country part is not an ISO 3166-1 alpha-2 code (or XZ, international waters).',
  },
  PCS_ID_SMDG_TERMINAL_FORMAT: {
    status: 400,
    title: 'Invalid SMDG terminal code',
    text: 'SMDG terminal code is not 1 to 6 characters from A-Z and 0-9.',
  },
  PCS_ID_SCAC_FORMAT: {
    status: 400,
    title: 'Invalid SCAC',
    text: 'Standard Carrier Alpha Code is not 2 to 4 letters.',
  },
  PCS_ID_MMSI_FORMAT: { status: 400, title: 'Invalid MMSI', text: 'MMSI is not 9 digits.' },
} as const satisfies Record<string, ErrorSpec>;

export type IdentifierErrorCode = keyof typeof IDENTIFIER_ERRORS;
