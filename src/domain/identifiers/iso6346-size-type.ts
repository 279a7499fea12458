/**
 * ISO 6346:1995 size and type codes (4 characters, e.g. `22G1`, `45G1`, `45R1`, `L5G1`):
 * 1st character length (Table 1), 2nd height and width (Table 2), 3rd-4th type — either a detailed type
 * code (type letter + digit, or a letter in 4th position for reduced-strength types, Amendment 3) or a
 * two-letter type group code (`GP`, `RE`, `PF`…) as used in EDI when the detail is unknown.
 *
 * TEU: nominal length / 20 ft, so 20 ft = 1, 40 ft = 2, 45 ft = 2.25 (Port of Los Angeles statistics
 * convention), 53 ft = 2.65. Metric-only lengths (A–F, K) use their length in feet / 20.
 */
import { identifierError, identifierOk, type IdentifierResult } from './identifier-result.js';

export type SizeTypeCode = string & { readonly __brand: 'SizeTypeCode' };

/** Table 1: length code → nominal length in feet (metric-only codes converted from millimetres). */
const LENGTH_FT: Readonly<Record<string, number>> = {
  '1': 10,
  '2': 20,
  '3': 30,
  '4': 40,
  A: 7150 / 304.8,
  B: 24,
  C: 24.5,
  D: 7450 / 304.8,
  E: 7820 / 304.8,
  F: 8100 / 304.8,
  G: 41,
  H: 43,
  K: 13600 / 304.8,
  L: 45,
  M: 48,
  N: 49,
  P: 53,
};

/** Table 2: height (and width) code → nominal height in feet; `null` = over 9'6" or open-ended range. */
const HEIGHT_FT: Readonly<Record<string, number | null>> = {
  '0': 8,
  '2': 8.5,
  '4': 9,
  '5': 9.5,
  '6': null,
  '8': 4.25,
  '9': null,
  C: 8.5,
  D: 9,
  E: 9.5,
  F: null,
  L: 8.5,
  M: 9,
  N: 9.5,
  P: null,
};

/** Type letters with the detail characters ISO 6346:1995 Table 3 defines for them. */
const TYPE_DETAILS: Readonly<Record<string, string>> = {
  G: '0123456789', // general purpose (G4-G9 spare but seen in the wild)
  V: '024', // general purpose with ventilation
  B: '0123456', // dry bulk
  S: '012', // named cargo: livestock, automobile, live fish
  R: '0123', // thermal: refrigerated / refrigerated and heated / self-powered
  H: '01256', // thermal: insulated, heated
  U: '012345', // open top
  P: '012345', // platform / flat rack
  T: '0123456789', // tank: non-dangerous liquids, dangerous liquids, gases
  A: '0', // air/surface
};

/** Two-letter type group codes (ISO 6346:1995 Table 3, "type group code"). */
const TYPE_GROUPS = new Set([
  'GP',
  'VH',
  'BU',
  'BK',
  'SN',
  'RE',
  'RT',
  'RS',
  'HR',
  'HI',
  'UT',
  'PL',
  'PF',
  'PC',
  'PS',
  'TN',
  'TD',
  'TG',
  'AS',
]);

const FORMAT = /^[0-9A-Z]{2}[A-Z][0-9A-Z]$/;

export function validateSizeTypeCode(input: string): IdentifierResult<SizeTypeCode> {
  const s = input.trim().toUpperCase();
  if (!FORMAT.test(s)) {
    return identifierError(
      'PCS_ID_SIZE_TYPE_FORMAT',
      `"${input}" is not a 4-character ISO 6346:1995 size/type code (e.g. 22G1, 45R1)`,
    );
  }
  const [length, height, type, detail] = [s[0]!, s[1]!, s[2]!, s[3]!];
  if (!(length in LENGTH_FT)) return unknown(s, `length code ${length}`);
  if (!(height in HEIGHT_FT)) return unknown(s, `height/width code ${height}`);
  const typeOk =
    TYPE_GROUPS.has(type + detail) ||
    (type in TYPE_DETAILS && (TYPE_DETAILS[type]!.includes(detail) || /[A-Z]/.test(detail)));
  if (!typeOk) return unknown(s, `type code ${type}${detail}`);
  return identifierOk(s as SizeTypeCode);
}

function unknown(code: string, part: string): IdentifierResult<SizeTypeCode> {
  return identifierError('PCS_ID_SIZE_TYPE_UNKNOWN', `${code}: ISO 6346:1995 defines no ${part}`);
}

export function isSizeTypeCode(value: unknown): value is SizeTypeCode {
  return typeof value === 'string' && validateSizeTypeCode(value).ok && value === value.trim().toUpperCase();
}

/** Nominal length in feet of a size/type code (first character); `null` when the length code is unknown. */
export function lengthFtOf(code: string): number | null {
  const ft = LENGTH_FT[code.trim().toUpperCase().charAt(0)];
  return ft === undefined ? null : Math.round(ft * 100) / 100;
}

/** Nominal height in feet (second character); `null` when unknown or an open-ended range (e.g. "over 9'6"). */
export function heightFtOf(code: string): number | null {
  return HEIGHT_FT[code.trim().toUpperCase().charAt(1)] ?? null;
}

/** Twenty-foot equivalent units: length / 20 ft (45 ft = 2.25 per POLA convention); `null` when unknown. */
export function teuOf(code: string): number | null {
  const ft = lengthFtOf(code);
  return ft === null ? null : Math.round((ft / 20) * 10000) / 10000;
}

/** True for thermal (refrigerated) types: type letter R or group RE/RT/RS. */
export function isReeferSizeType(code: string): boolean {
  return code.trim().toUpperCase().charAt(2) === 'R';
}
