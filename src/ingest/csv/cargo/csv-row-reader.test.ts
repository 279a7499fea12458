import { describe, expect, it } from 'vitest';
import { CsvRowReader } from './csv-row-reader.js';

describe('CSV row reader', () => {
  it('should reject a text cell holding a NUL character, which the store cannot hold, naming the column', () => {
    const r = new CsvRowReader({ line: 4, cells: { truck_plate: '7AB\u0000123', trucking_company: 'ACME' } }, 'UTC');
    expect(r.text('truck_plate')).toBeUndefined();
    expect(r.text('trucking_company')).toBe('ACME');
    expect(r.rejections).toEqual([
      { code: 'PCS_CSV_BAD_VALUE', message: 'truck_plate contains a NUL character', line: 4, pointer: 'truck_plate' },
    ]);
  });

  it('should take only whole numbers within range for integer columns', () => {
    const r = new CsvRowReader({ line: 2, cells: { a: '70.5', b: '20001', c: '4 800' } }, 'UTC');
    expect(r.integer('a', { min: 0, max: 99 })).toBeUndefined();
    expect(r.integer('b', { min: 500, max: 20_000 })).toBeUndefined();
    expect(r.integer('c', { min: 500, max: 20_000 })).toBe(4800);
    expect(r.rejections.map((x) => [x.code, x.pointer])).toEqual([
      ['PCS_CSV_BAD_NUMBER', 'a'],
      ['PCS_CSV_BAD_NUMBER', 'b'],
    ]);
  });
});
