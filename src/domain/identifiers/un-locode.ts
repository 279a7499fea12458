/**
 * UN/LOCODE (UNECE Recommendation No. 16): ISO 3166-1 alpha-2 country code + 3-character location code
 * from A-Z and 2-9 (digits 0 and 1 are excluded to avoid confusion with O and I; Manual part 1 §3.3).
 * Print forms with a space (`US LAX`) are accepted. Unknown but well-formed codes are accepted: the
 * list below is the set openpcs knows by name, not a validity oracle.
 */
import { ISO_3166_ALPHA2 } from './iso3166-countries.js';
import { identifierError, identifierOk, type IdentifierResult } from './identifier-result.js';

export type UnLocode = string & { readonly __brand: 'UnLocode' };

const FORMAT = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** Ports openpcs cares about: San Pedro Bay and its green-corridor partners (DESIGN §1). */
export const KNOWN_PORTS: Readonly<Record<string, string>> = {
  USLAX: 'Los Angeles',
  USLGB: 'Long Beach',
  CNSHA: 'Shanghai',
  SGSIN: 'Singapore',
  JPTYO: 'Tokyo',
  JPYOK: 'Yokohama',
  JPNGO: 'Nagoya',
  CNCAN: 'Guangzhou',
  SEGOT: 'Gothenburg',
  USOAK: 'Oakland',
  USSEA: 'Seattle',
  USTIW: 'Tacoma',
  CNNGB: 'Ningbo',
  CNYTN: 'Yantian',
  KRPUS: 'Busan',
  TWKHH: 'Kaohsiung',
  HKHKG: 'Hong Kong',
  NLRTM: 'Rotterdam',
};

/**
 * IANA zone of each known port: EDI "local time" (X12 time code `LT`, B4 status times, EDIFACT DTM without
 * zone) means local time at the place, which for a Shanghai load event is not the sender's zone.
 */
export const KNOWN_PORT_TIME_ZONES: Readonly<Record<string, string>> = {
  USLAX: 'America/Los_Angeles',
  USLGB: 'America/Los_Angeles',
  USOAK: 'America/Los_Angeles',
  USSEA: 'America/Los_Angeles',
  USTIW: 'America/Los_Angeles',
  CNSHA: 'Asia/Shanghai',
  CNCAN: 'Asia/Shanghai',
  CNNGB: 'Asia/Shanghai',
  CNYTN: 'Asia/Shanghai',
  HKHKG: 'Asia/Hong_Kong',
  SGSIN: 'Asia/Singapore',
  JPTYO: 'Asia/Tokyo',
  JPYOK: 'Asia/Tokyo',
  JPNGO: 'Asia/Tokyo',
  KRPUS: 'Asia/Seoul',
  TWKHH: 'Asia/Taipei',
  SEGOT: 'Europe/Stockholm',
  NLRTM: 'Europe/Amsterdam',
};

export function validateUnLocode(input: string): IdentifierResult<UnLocode> {
  const s = input.trim().toUpperCase().replace(/\s+/g, '');
  if (!FORMAT.test(s)) {
    return identifierError('PCS_ID_UNLOCODE_FORMAT', `"${input}" is not a UN/LOCODE (e.g. USLAX)`);
  }
  if (!ISO_3166_ALPHA2.has(s.slice(0, 2))) {
    return identifierError('PCS_ID_UNLOCODE_COUNTRY', `"${s.slice(0, 2)}" in ${s} is not an ISO 3166-1 country code`);
  }
  return identifierOk(s as UnLocode);
}

export function isUnLocode(value: unknown): value is UnLocode {
  return typeof value === 'string' && FORMAT.test(value) && ISO_3166_ALPHA2.has(value.slice(0, 2));
}
