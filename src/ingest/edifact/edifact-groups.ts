import type { EdifactSegment } from './edifact-types.js';

export interface EdifactGroups {
  /** Segments before the first group. */
  readonly header: readonly EdifactSegment[];
  readonly groups: readonly (readonly EdifactSegment[])[];
}

/**
 * Splits a message body into the segments before the first group and the groups, each starting with a
 * segment for which `isStart` holds (EQD in CODECO/COARRI, LOC+147 in BAPLIE) and running to the next start
 * or to the summary section (CNT).
 */
export function splitGroups(body: readonly EdifactSegment[], isStart: (s: EdifactSegment) => boolean): EdifactGroups {
  const header: EdifactSegment[] = [];
  const groups: EdifactSegment[][] = [];
  let current: EdifactSegment[] | null = null;
  for (const s of body) {
    if (s.tag === 'CNT') {
      current = null;
      continue;
    }
    if (isStart(s)) {
      current = [s];
      groups.push(current);
    } else if (current) current.push(s);
    else header.push(s);
  }
  return { header, groups };
}
