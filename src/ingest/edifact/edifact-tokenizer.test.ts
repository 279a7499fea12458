import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEdifact } from './edifact-interchange.js';
import { tokenizeEdifact } from './edifact-tokenizer.js';

describe('EDIFACT tokenizer', () => {
  it('should split segments, elements and components with the default service characters', () => {
    const t = tokenizeEdifact("UNB+UNOC:3+A+B+240101:1200+1'LOC+147+0340284::5'");
    expect(t.segments.map((s) => [s.tag, s.elements])).toEqual([
      ['UNB', [['UNOC', '3'], ['A'], ['B'], ['240101', '1200'], ['1']]],
      ['LOC', [['147'], ['0340284', '', '5']]],
    ]);
  });

  it("should honour the release character before +, :, ' and itself", () => {
    const t = tokenizeEdifact("FTX+AAI+++A?+B?:C?'D??E'");
    expect(t.segments[0]!.elements[3]).toEqual(["A+B:C'D?E"]);
  });

  it('should read non-default service characters from UNA and return to the defaults for the next interchange', () => {
    const t = tokenizeEdifact(
      "UNA|*,# ~UNB*UNOC|3*X*Y*240101|1200*1~FTX*A#*B~UNZ*0*1~UNB+UNOC:3+X+Y+240101:1200+2'UNZ+0+2'",
    );
    expect(t.segments.map((s) => s.tag)).toEqual(['UNB', 'FTX', 'UNZ', 'UNB', 'UNZ']);
    expect(t.segments[1]!.elements[0]).toEqual(['A*B']);
    expect(t.segments[3]!.elements[0]).toEqual(['UNOC', '3']);
  });

  it('should tolerate a BOM, CRLF between segments and a missing final terminator', () => {
    const bytes = new TextEncoder().encode("\ufeffUNB+UNOC:3+A+B+240101:1200+1'\r\nUNZ+0+1");
    expect(tokenizeEdifact(bytes).segments.map((s) => s.tag)).toEqual(['UNB', 'UNZ']);
  });

  it('should read ISO 8859-1 (UNOC) bytes that are not valid UTF-8', () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('NAD+CZ+++G'),
      0xd6,
      ...new TextEncoder().encode("TEBORG'"),
    ]);
    expect(tokenizeEdifact(bytes).segments[0]!.elements[3]).toEqual(['GÖTEBORG']);
  });

  it('should never throw and count every segment it reads', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const doc = parseEdifact(bytes);
        expect(Array.isArray(doc.interchanges)).toBe(true);
      }),
    );
  });
});
