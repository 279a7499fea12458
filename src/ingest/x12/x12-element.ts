import type { X12Segment } from './x12-types.js';

/** Element `index` (01 = 1) of a segment, trimmed; `''` when absent. */
export function el(segment: X12Segment, index: number): string {
  return (segment.elements[index] ?? '').trim();
}
