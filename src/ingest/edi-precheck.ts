/**
 * The checks every EDI parser (ANSI X12, UN/EDIFACT) makes before reading envelopes: a body of only
 * whitespace is empty, and zone-less EDI date-times need a known sender time zone.
 */
import { isValidTimeZone } from '../domain/zoned-time.js';
import type { ParseContext, Rejection } from './message-parser.js';

const isBlank = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** A rejection for the whole message (`PCS_<family>_EMPTY` / `PCS_<family>_BAD_TIMEZONE`), or null to go on. */
export function ediPrecheck(family: 'X12' | 'EDIFACT', body: Uint8Array, context: ParseContext): Rejection | null {
  if (body.every(isBlank)) return { code: `PCS_${family}_EMPTY`, message: 'message is empty' };
  if (!isValidTimeZone(context.timeZone)) {
    return { code: `PCS_${family}_BAD_TIMEZONE`, message: `sender time zone "${context.timeZone}" is unknown` };
  }
  return null;
}
