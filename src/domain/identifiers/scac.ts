/**
 * Standard Carrier Alpha Code (NMFTA): 2 to 4 letters, e.g. `MAEU`, `CMDU`, `ONEY`. Ocean carriers and
 * drayage truckers both use SCACs; X12 messages carry them in B4/N7/ISA sender ids.
 */
import { identifierError, identifierOk, type IdentifierResult } from './identifier-result.js';

export type Scac = string & { readonly __brand: 'Scac' };

const FORMAT = /^[A-Z]{2,4}$/;

export function validateScac(input: string): IdentifierResult<Scac> {
  const s = input.trim().toUpperCase();
  if (!FORMAT.test(s)) return identifierError('PCS_ID_SCAC_FORMAT', `"${input}" is not a 2-4 letter SCAC`);
  return identifierOk(s as Scac);
}

export function isScac(value: unknown): value is Scac {
  return typeof value === 'string' && FORMAT.test(value);
}
