/**
 * Grouped cargo CSVs (a truck visit or an appointment over several rows) are handed over group by group as the
 * file is read (issue 10: "parsing streams"), not held whole until its end.
 */
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../../message-parser.js';
import { CSV_PART_CHARS } from '../csv-table.js';
import { gateTransactionParser } from './gate-transaction-parser.js';
import { OpenGroups } from './row-groups.js';

const ctx: ParseContext = { inboxId: 'i', receivedAt: '2026-02-12T20:00:00Z', sourceOrg: 'o', timeZone: 'UTC' };

describe('OpenGroups', () => {
  it('should hand over a group once its last record is read, its rows in file order, with what tainted it', () => {
    const groups = new OpenGroups<string>(
      new Map([
        ['A', 2],
        ['B', 3],
      ]),
    );
    groups.add('B', { row: { line: 2, row: 'b1' } });
    groups.add('A', { row: { line: 3, row: 'a1' } });
    expect(groups.takeClosed().rows).toEqual([]);
    groups.add('B', { taints: 'B' });
    groups.add('A', { row: { line: 5, row: 'a2' } });
    expect(groups.takeClosed()).toEqual({
      rows: [
        { line: 3, row: 'a1' },
        { line: 5, row: 'a2' },
      ],
      tainted: new Set(),
    });
    groups.add('B', { row: { line: 6, row: 'b3' } });
    expect(groups.takeClosed()).toEqual({
      rows: [
        { line: 2, row: 'b1' },
        { line: 6, row: 'b3' },
      ],
      tainted: new Set(['B']),
    });
    expect(groups.takeAll().rows).toEqual([]);
  });
});

describe('csv-gate-transactions in parts', () => {
  it('should give the events of complete truck visits with the first part of a file larger than one part', () => {
    const header = 'transaction_id,visit_id,terminal,direction,timestamp,trucking_company_scac';
    const rows: string[] = [];
    for (let v = 0, chars = 0; chars < 1.5 * CSV_PART_CHARS; v++) {
      const pair = [
        `GT-${v}-I,V-${v},ETS,IN,2026-02-12T08:00:00Z,SBTL`,
        `GT-${v}-O,V-${v},ETS,OUT,2026-02-12T09:00:00Z,SBTL`,
      ];
      rows.push(...pair);
      chars += pair[0]!.length + pair[1]!.length + 2;
    }
    const body = new TextEncoder().encode(`${header}\n${rows.join('\n')}\n`);
    const parts = [...gateTransactionParser.parseInParts!(body, ctx)];
    expect(parts.length).toBeGreaterThan(1);
    // Before: the first part held no event, every event came in the last one.
    expect(parts[0]!.events.length).toBeGreaterThan(rows.length / 3);
    expect(parts.flatMap((p) => p.events)).toHaveLength(rows.length); // one ARRI or DEPA per row
    expect(parts.flatMap((p) => p.rejected)).toEqual([]);
  });
});
