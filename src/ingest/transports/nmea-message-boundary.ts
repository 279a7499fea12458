/**
 * Where a stream of NMEA 0183 lines may be cut without separating what the AIS decoder must see together:
 *  - the sentences of one multi-sentence message (IEC 61162-1 encapsulation, `!ccVDM,<fragment count>,
 *    <fragment number>,…`): a message ends at the sentence whose fragment number equals the count;
 *  - a GateHouse `$PGHP` line and the sentence it dates (the line after it);
 *  - a message 24 part A and the line after it, usually its part B (ITU-R M.1371-5 §3.3.8.2.20: a class B
 *    unit sends part A then part B; the `ais-nmea` parser merges the two when they are in one message).
 * Any other line (single-part sentence, other NMEA sentence, comment, garbage) is a safe place to cut.
 */
const VDM = /!\w\wVD[MO],(\d),(\d),\d*,\w?,([^,*]*)/;

/** Value of a 6-bit armoured payload character (IEC 61162-1 / M.1371-5 Table 44). */
function sixBit(code: number): number {
  const v = code - 48;
  return v > 40 ? v - 8 : v;
}

function isType24PartA(payload: string): boolean {
  // Type = bits 0-5 (first character); part number = bits 38-39, i.e. bits 2-3 of the 7th character.
  return (
    payload.length >= 7 && sixBit(payload.charCodeAt(0)) === 24 && ((sixBit(payload.charCodeAt(6)) >> 2) & 3) === 0
  );
}

export function endsNmeaMessage(line: string): boolean {
  if (line.includes('$PGHP,')) return false;
  const m = VDM.exec(line);
  if (m === null) return true;
  if (m[1] !== m[2]) return false;
  return !(m[1] === '1' && isType24PartA(m[3]!));
}
