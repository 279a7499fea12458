/** Declared CSV layouts, pure: date-time patterns, value maps, constants with `{column}`, row splitting, validation. */
import { describe, expect, it } from 'vitest';
import { applyCsvLayout } from './apply-csv-layout.js';
import { compileDateTimePattern, readWithPattern, type DateTimePattern } from './csv-datetime-pattern.js';
import { compileCsvLayout, validateCsvLayout, type CsvLayout } from './csv-layout.js';

const pattern = (text: string): DateTimePattern => {
  const compiled = compileDateTimePattern(text);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled;
};
const layout = (format: string, json: CsvLayout) => {
  const valid = validateCsvLayout(format, json);
  if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
  return compileCsvLayout(format, valid.layout, 3);
};

describe('date-time patterns', () => {
  it.each([
    ['MM/DD/YYYY HH:mm', '02/12/2026 08:14', undefined, '2026-02-12 08:14:00'],
    ['DD.MM.YYYY HH:mm', '12.02.2026 08:14', undefined, '2026-02-12 08:14:00'],
    ['M/D/YY h:mm A', '2/12/26 8:14 PM', undefined, '2026-02-12 20:14:00'],
    ['M/D/YY h:mm A', '2/12/26 12:05 am', undefined, '2026-02-12 00:05:00'],
    ['MM/DD/YYYY HH:mm', '02/12/2026 08:14', 'America/Los_Angeles', '2026-02-12T16:14:00.000Z'],
    ['MM/DD/YYYY HH:mm', '07/12/2026 08:14', 'America/Los_Angeles', '2026-07-12T15:14:00.000Z'],
    ['DD/MM/YYYY HH:mm:ss Z', '12/02/2026 08:14:05 +0100', 'America/Los_Angeles', '2026-02-12T07:14:05.000Z'],
    ['DD/MM/YYYY', '12/02/2026', undefined, '2026-02-12'],
  ])('%s reads "%s" (zone %s) as %s', (text, cell, zone, expected) => {
    expect(readWithPattern(cell, pattern(text), zone)).toBe(expected);
  });

  it.each([
    ['MM/DD/YYYY HH:mm', '02/30/2026 08:14'],
    ['MM/DD/YYYY HH:mm', '13/12/2026 08:14'],
    ['MM/DD/YYYY HH:mm', '02/12/2026 24:00'],
    ['M/D/YY h:mm A', '2/12/26 13:14 PM'],
    ['MM/DD/YYYY HH:mm', '2026-02-12 08:14'],
  ])('%s refuses "%s"', (text, cell) => {
    expect(readWithPattern(cell, pattern(text), undefined)).toBeNull();
  });

  it.each(['MM/DD/YYYY HH:MI', 'HH:mm', 'YYYY-MM-DD h:mm', 'YYYY-MM-DD HH', 'YYYY-MM-DD YYYY'])(
    'refuses the pattern %s',
    (text) => {
      expect(compileDateTimePattern(text)).toHaveProperty('error');
    },
  );
});

describe('applyCsvLayout', () => {
  const visits = layout('csv-gate-transactions', {
    columns: { 'Visit Nbr': 'visit_id' },
    values: { empty_full: { Y: 'F', N: 'E' } },
    dateTimes: { timestamp: 'MM/DD/YYYY HH:mm' },
    split: [
      {
        when: 'In Time',
        columns: { 'In Time': 'timestamp', 'Drop Laden': 'empty_full' },
        constants: { direction: 'IN', transaction_id: '{visit_id}-IN' },
      },
      {
        when: 'Out Time',
        columns: { 'Out Time': 'timestamp', 'Pick Laden': 'empty_full' },
        constants: { direction: 'OUT', transaction_id: '{visit_id}-OUT' },
      },
    ],
  });
  const record = (cells: Record<string, string>) => ({ line: 4, cells });

  it('should split a visit row into a gate-in and a gate-out row, each with its own columns', () => {
    const out = applyCsvLayout(
      record({
        'visit nbr': 'V1',
        'in time': '02/12/2026 08:14',
        'out time': '02/12/2026 09:00',
        'drop laden': 'y',
        'pick laden': '',
      }),
      visits,
    );
    expect(out).toMatchObject({
      ok: true,
      records: [
        {
          line: 4,
          cells: {
            visit_id: 'V1',
            direction: 'IN',
            transaction_id: 'V1-IN',
            timestamp: '2026-02-12 08:14:00',
            empty_full: 'F',
          },
        },
        {
          line: 4,
          cells: {
            visit_id: 'V1',
            direction: 'OUT',
            transaction_id: 'V1-OUT',
            timestamp: '2026-02-12 09:00:00',
            empty_full: '',
          },
        },
      ],
    });
  });

  it('should make only the rows whose `when` column is filled, and reject a row that makes none', () => {
    const inOnly = applyCsvLayout(record({ 'visit nbr': 'V2', 'in time': '02/12/2026 08:14', 'out time': '' }), visits);
    expect(inOnly.ok && inOnly.records.map((r) => r.cells['direction'])).toEqual(['IN']);
    const none = applyCsvLayout(record({ 'visit nbr': 'V3', 'in time': '', 'out time': '' }), visits);
    expect(none).toMatchObject({ ok: false, rejections: [{ code: 'PCS_CSV_MISSING_VALUE', line: 4 }] });
  });

  it('should reject the whole row, naming column and value, when a value is outside the map or a time off the pattern', () => {
    const out = applyCsvLayout(
      record({
        'visit nbr': 'V4',
        'in time': '02/12/2026 08:14',
        'out time': '2026-02-12 09:00',
        'drop laden': 'MAYBE',
      }),
      visits,
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.rejections.map((r) => [r.code, r.pointer, r.line])).toEqual([
      ['PCS_CSV_BAD_VALUE', 'empty_full', 4],
      ['PCS_CSV_BAD_DATETIME', 'timestamp', 4],
    ]);
    expect(out.rejections[0]?.message).toBe(
      'empty_full "MAYBE" (their column "drop laden") is not in the layout\'s value map (Y, N)',
    );
    expect(out.rejections[1]?.message).toContain('"2026-02-12 09:00"');
    expect(out.renamed.cells['visit_id']).toBe('V4');
  });
});

describe('value-map catch-all and per-column zones (docs/csv-layouts.md)', () => {
  const holds = (values: CsvLayout['values']) =>
    layout('csv-holds', {
      columns: { Hold: 'hold_type', Status: 'action', Set: 'timestamp', Lifted: 'reason' },
      values,
      dateTimes: {
        timestamp: { pattern: 'MM/DD/YYYY HH:mm', timeZone: 'Europe/Amsterdam' },
        reason: 'MM/DD/YYYY HH:mm',
      },
      timeZone: 'America/Los_Angeles',
    });
  const row = {
    line: 2,
    cells: { hold: 'AGRICULTURE', status: 'SET', set: '02/12/2026 08:14', lifted: '02/12/2026 08:14' },
  };

  it('should give a value the map does not list the "*" value, and still map the listed ones', () => {
    const out = applyCsvLayout(
      row,
      holds({ hold_type: { 'CUSTOMS EXAM': 'CUSTOMS', '*': 'OTHER' }, action: { SET: 'HOLD' } }),
    );
    expect(out).toMatchObject({ ok: true, records: [{ cells: { hold_type: 'OTHER', action: 'HOLD' } }] });
  });

  it.each([
    ['without "*"', { 'CUSTOMS EXAM': 'CUSTOMS' }],
    ['with "*": null', { 'CUSTOMS EXAM': 'CUSTOMS', '*': null }],
  ])('should reject the row naming column and value %s (the default)', (_, map) => {
    const out = applyCsvLayout(row, holds({ hold_type: map }));
    expect(out).toMatchObject({ ok: false, rejections: [{ code: 'PCS_CSV_BAD_VALUE', pointer: 'hold_type' }] });
    if (!out.ok) expect(out.rejections[0]?.message).toContain('"AGRICULTURE" (their column "hold")');
  });

  it("should read a column with its own zone in that zone, the others in the layout's, and all in a request's zone", () => {
    const compiled = holds({});
    const own = applyCsvLayout(row, compiled);
    // 08:14 in Amsterdam (UTC+1 in February) and in Los Angeles (UTC−8).
    expect(own).toMatchObject({
      ok: true,
      records: [{ cells: { timestamp: '2026-02-12T07:14:00.000Z', reason: '2026-02-12T16:14:00.000Z' } }],
    });
    const stated = applyCsvLayout(row, compiled, 'Asia/Tokyo');
    expect(stated).toMatchObject({
      ok: true,
      records: [{ cells: { timestamp: '2026-02-11T23:14:00.000Z', reason: '2026-02-11T23:14:00.000Z' } }],
    });
  });

  it('should refuse a null value other than "*", a bad column zone, and a zone on a pattern with an offset', () => {
    const result = validateCsvLayout('csv-holds', {
      values: { action: { SET: null } },
      dateTimes: {
        timestamp: { pattern: 'MM/DD/YYYY HH:mm', timeZone: 'Mars/Olympus_Mons' },
        reason: { pattern: 'MM/DD/YYYY HH:mm Z', timeZone: 'UTC' },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.pointer)).toEqual([
      '/values/action/SET',
      '/dateTimes/timestamp/timeZone',
      '/dateTimes/reason/timeZone',
    ]);
  });
});

describe('validateCsvLayout', () => {
  it('should point at every problem', () => {
    const result = validateCsvLayout('csv-holds', {
      columns: { Status: 'status', 'Unit/Nbr': 'container_number', Unit: 'container_number' },
      values: { action: { SET: 'HOLD', set: 'HOLD' } },
      split: [{ constants: { hold_id: '{hold}' } }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.pointer)).toEqual([
      '/columns/Status',
      '/columns/Unit',
      '/values/action/set',
      '/split/0/constants/hold_id',
    ]);
  });

  it('should refuse a layout for a format that takes none, and unknown keys', () => {
    expect(validateCsvLayout('x12-315', {})).toMatchObject({ ok: false, problems: [{ pointer: '' }] });
    expect(validateCsvLayout('csv-holds', { colums: {} })).toMatchObject({ ok: false });
  });
});
