import { describe, expect, it } from 'vitest';
import { readCsvTable, streamCsvTable, type CsvRecord } from './csv-table.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function streamed(text: string, partChars: number): { records: CsvRecord[]; parts: number } {
  const stream = streamCsvTable(utf8(text), partChars);
  if (!stream.ok) throw new Error(stream.message);
  const records: CsvRecord[] = [];
  let parts = 0;
  for (const part of stream.parts) {
    if (!part.ok) throw new Error(part.message);
    parts++;
    records.push(...part.records);
  }
  return { records, parts };
}

describe('streamCsvTable', () => {
  const lf = ['id;note', '1;plain', '2;"two\nlines; with ""quotes"""', '', '3;"a\nb\nc"', '4;last', ''].join('\n');
  const crlf = `\uFEFF${['id,note', '1,plain', '2,"two\nlines"', '', '3,"a,b"', '4,last', ''].join('\r\n')}`;

  it('should read a file in small parts exactly as in one piece: same records, same line numbers', () => {
    const whole = readCsvTable(utf8(lf));
    if (!whole.ok) throw new Error(whole.message);
    expect(whole.records.map((r) => [r.line, r.cells['id']])).toEqual([
      [2, '1'],
      [4, '2'],
      [8, '3'],
      [9, '4'],
    ]);
    expect(whole.records[1]!.cells['note']).toBe('two\nlines; with "quotes"');
    for (const text of [lf, crlf]) {
      const one = readCsvTable(utf8(text));
      if (!one.ok) throw new Error(one.message);
      for (const partChars of [1, 5, 13, 40]) {
        const { records, parts } = streamed(text, partChars);
        expect(records).toEqual(one.records);
        expect(parts).toBeGreaterThan(1);
      }
    }
  });

  it('should stop at the first unreadable part with its line, after handing over the parts before it', () => {
    const bad = 'id,note\n1,a\n2,b\n3,"never closed\n4,d\n';
    const stream = streamCsvTable(utf8(bad), 4);
    if (!stream.ok) throw new Error(stream.message);
    const parts = [...stream.parts];
    expect(parts.filter((p) => p.ok).flatMap((p) => (p.ok ? p.records.map((r) => r.line) : []))).toEqual([2, 3]);
    const last = parts.at(-1)!;
    expect(last.ok).toBe(false);
    expect(readCsvTable(utf8(bad)).ok).toBe(false);
  });
});
