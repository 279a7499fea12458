import type { EdifactSegment } from './edifact-types.js';

/**
 * Component `component` (0-based) of data element `element` (1-based, as in the segment directory:
 * `LOC+147+0191006:139:5` → comp(seg, 2, 0) = `0191006`), trimmed; `''` when absent.
 */
export function comp(segment: EdifactSegment, element: number, component = 0): string {
  return (segment.elements[element - 1]?.[component] ?? '').trim();
}
