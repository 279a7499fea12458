import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageParser, ParseContext } from '../message-parser.js';
import { edifactBaplieParser } from './edifact-baplie-parser.js';
import { edifactCoarriParser } from './edifact-coarri-parser.js';
import { edifactCodecoParser } from './edifact-codeco-parser.js';
import { edifactIftstaParser } from './edifact-iftsta-parser.js';

const ctx: ParseContext = {
  inboxId: 'i',
  receivedAt: '2024-01-01T00:00:00Z',
  sourceOrg: 'o',
  timeZone: 'America/Los_Angeles',
};
const read = (f: string) => readFileSync(new URL(`../../../test/fixtures/edifact/${f}`, import.meta.url));
const cases: [MessageParser, Buffer][] = [
  [edifactCodecoParser, read('codeco-gate-in-out.edi')],
  [edifactCoarriParser, read('coarri-discharge-load.edi')],
  [edifactIftstaParser, read('iftsta-status.edi')],
  [edifactBaplieParser, read('baplie-ever-given.edi')],
];

const damage = (seed: Uint8Array) =>
  fc
    .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat())
    .map(([edits, cut]) => {
      const bytes = Uint8Array.from(seed);
      for (const [at, value] of edits) bytes[at % bytes.length] = value;
      return bytes.subarray(0, cut % 3 === 0 ? bytes.length : (cut % bytes.length) + 1);
    });

describe.each(cases.map(([parser, seed]) => ({ parser, seed, format: parser.format })))(
  '$format properties',
  ({ parser, seed }) => {
    it('should never throw, and every input ends as events or rejections', () => {
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), damage(seed)), (bytes) => {
          const r = parser.parse(bytes, ctx);
          expect(r.events.length + r.rejected.length).toBeGreaterThan(0);
          for (const e of r.events) expect(e.eventDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          for (const j of r.rejected) expect(j.code).toMatch(/^PCS_[A-Z0-9]+_[A-Z0-9_]+$/);
        }),
        { numRuns: 300 },
      );
    });

    it('should give identical idempotency keys when the same bytes are parsed twice', () => {
      fc.assert(
        fc.property(damage(seed), (bytes) => {
          const a = parser.parse(bytes, ctx).events.map((e) => e.idempotencyKey);
          expect(parser.parse(Uint8Array.from(bytes), ctx).events.map((e) => e.idempotencyKey)).toEqual(a);
        }),
        { numRuns: 100 },
      );
    });

    it('should give the same keys to a re-sent interchange with new control references', () => {
      const text = new TextDecoder().decode(seed);
      const resent = text
        .replace(/(UNB[+*][^'~]*[+*])([A-Z0-9]+)(['~])/g, '$1R$2$3')
        .replace(/(UNZ[+*]\d+[+*])([A-Z0-9]+)(['~])/g, '$1R$2$3');
      expect(resent).not.toBe(text);
      const a = parser.parse(seed, ctx);
      const b = parser.parse(new TextEncoder().encode(resent), ctx);
      expect(b.rejected).toEqual(a.rejected);
      expect(b.events.map((e) => e.idempotencyKey)).toEqual(a.events.map((e) => e.idempotencyKey));
    });
  },
);
