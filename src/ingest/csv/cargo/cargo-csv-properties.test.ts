/**
 * Properties every cargo CSV parser must keep on any input (STYLE §5, DESIGN §6): never throw, only coded
 * rejections, and every data row ends as an event or a rejection — nothing is dropped silently.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/support/fixtures.js';
import { IDENTIFIER_ERRORS } from '../../../domain/errors/identifier-errors.js';
import type { MessageParser, ParseContext } from '../../message-parser.js';
import { CSV_ERRORS } from '../../../domain/errors/csv-errors.js';
import { containerMasterParser } from './container-master-parser.js';
import { gateTransactionParser } from './gate-transaction-parser.js';
import { holdParser } from './hold-parser.js';
import { truckAppointmentParser } from './truck-appointment-parser.js';

const ctx: ParseContext = {
  inboxId: 'inbox-prop',
  receivedAt: '2026-02-12T00:00:00.000Z',
  sourceOrg: 'prop',
  timeZone: 'America/Los_Angeles',
};
const CODES = new Set([...Object.keys(CSV_ERRORS), ...Object.keys(IDENTIFIER_ERRORS)]);

const cases: [MessageParser, string][] = [
  [truckAppointmentParser, 'csv-cargo/truck-appointments.csv'],
  [gateTransactionParser, 'csv-cargo/gate-transactions.csv'],
  [holdParser, 'csv-cargo/holds.csv'],
  [containerMasterParser, 'csv-cargo/container-master.csv'],
];

function linesOf(payload: Readonly<Record<string, unknown>>): number[] {
  const source = payload['sourceMessage'] as { line?: number; lines?: number[] } | undefined;
  return source?.lines ?? (source?.line !== undefined ? [source.line] : []);
}

describe.each(cases)('%s on arbitrary input', (parser, path) => {
  const [header, ...rows] = fixture(path).toString('utf8').trim().split('\n') as [string, ...string[]];
  const columns = header.split(',').length;
  const realCells = [...new Set(rows.flatMap((r) => r.split(',')))];
  const cell = fc.oneof(
    fc.constantFrom(...realCells),
    fc.stringMatching(/^[A-Za-z0-9:| -]{0,14}$/),
    fc.constantFrom('', '2026-03-08 02:30', '2026-11-01 01:30', 'MSCU1234566', '45G1', 'IN', 'OUT', 'Y'),
  );
  const row = fc.array(cell, { minLength: columns, maxLength: columns }).map((cells) => cells.join(','));

  it('should never throw on arbitrary bytes, and answer with events or coded rejections', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const result = parser.parse(bytes, ctx);
        for (const r of result.rejected) expect(CODES.has(r.code)).toBe(true);
        expect(result.events.length + result.rejected.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('should account for every data row: an event names its line or a rejection does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(row, fc.constantFrom(...rows)), { minLength: 1, maxLength: 12 }), (body) => {
        const result = parser.parse(new TextEncoder().encode([header, ...body].join('\n') + '\n'), ctx);
        for (const r of result.rejected) expect(CODES.has(r.code)).toBe(true);
        const accounted = new Set([
          ...result.rejected.map((r) => r.line),
          ...result.events.flatMap((e) => linesOf(e.payload)),
        ]);
        for (let i = 0; i < body.length; i++) expect(accounted.has(i + 2)).toBe(true);
        for (const e of result.events) {
          expect(e.eventDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect(e.idempotencyKey.startsWith(`${parser.format}:`)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
