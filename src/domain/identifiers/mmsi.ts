/**
 * Maritime Mobile Service Identity (ITU-R M.585): 9 digits. The MID prefix (first three digits of a ship
 * station) is not checked here: coast stations, SAR aircraft and AIS aids to navigation use other prefixes
 * (00, 111, 99…), and all are valid MMSIs on the AIS channel.
 */
import { identifierError, identifierOk, type IdentifierResult } from './identifier-result.js';

export type Mmsi = string & { readonly __brand: 'Mmsi' };

const FORMAT = /^[0-9]{9}$/;

export function validateMmsi(input: string): IdentifierResult<Mmsi> {
  const s = input.trim();
  if (!FORMAT.test(s)) return identifierError('PCS_ID_MMSI_FORMAT', `"${input}" is not a 9-digit MMSI`);
  return identifierOk(s as Mmsi);
}

export function isMmsi(value: unknown): value is Mmsi {
  return typeof value === 'string' && FORMAT.test(value);
}
