import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../message-parser.js';
import { x12315Parser } from './x12-315-parser.js';
import { x12322Parser } from './x12-322-parser.js';

const ctx: ParseContext = {
  inboxId: 'i',
  receivedAt: '2024-01-01T00:00:00Z',
  sourceOrg: 'o',
  timeZone: 'America/Los_Angeles',
};
const seeds = ['315-discharge-release-outgate.edi', '315-errors-custom-delimiters.edi', '322-terminal-ramp.edi'].map(
  (f) => readFileSync(new URL(`../../../test/fixtures/x12/${f}`, import.meta.url)),
);

/** Fixture bytes with a few bytes overwritten, deleted or truncated: the likely shapes of real damage. */
const damaged = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    fc.nat(),
  )
  .map(([seed, edits, cut]) => {
    const bytes = Uint8Array.from(seed);
    for (const [at, value] of edits) bytes[at % bytes.length] = value;
    return bytes.subarray(0, cut % 3 === 0 ? bytes.length : (cut % bytes.length) + 1);
  });

describe.each([x12315Parser, x12322Parser])('$format properties', (parser) => {
  it('should never throw on arbitrary bytes, and leave no non-empty input unaccounted for', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), damaged), (bytes) => {
        const r = parser.parse(bytes, ctx);
        // blank input is rejected as PCS_X12_EMPTY, so every input yields at least one outcome
        expect(r.events.length + r.rejected.length).toBeGreaterThan(0);
        for (const e of r.events) {
          expect(e.eventDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect(e.idempotencyKey.startsWith(`${parser.format}:`)).toBe(true);
        }
        for (const j of r.rejected) expect(j.code).toMatch(/^PCS_[A-Z0-9]+_[A-Z0-9_]+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('should give the same idempotency keys when the same bytes are parsed twice', () => {
    fc.assert(
      fc.property(damaged, (bytes) => {
        const a = parser.parse(bytes, ctx).events.map((e) => e.idempotencyKey);
        const b = parser.parse(Uint8Array.from(bytes), ctx).events.map((e) => e.idempotencyKey);
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });
});
