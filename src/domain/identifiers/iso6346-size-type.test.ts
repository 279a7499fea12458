import { describe, expect, it } from 'vitest';
import { heightFtOf, isReeferSizeType, lengthFtOf, teuOf, validateSizeTypeCode } from './iso6346-size-type.js';

describe('ISO 6346:1995 size/type codes', () => {
  it.each(['22G1', '42G1', '45G1', '45R1', '22T6', 'L5G1', '45GP', '22RE', '42PF', '22U1', 'M5G1'])(
    'should accept %s',
    (code) => {
      expect(validateSizeTypeCode(code)).toEqual({ ok: true, value: code });
    },
  );

  it('should normalise case and whitespace', () => {
    expect(validateSizeTypeCode(' 45g1 ')).toEqual({ ok: true, value: '45G1' });
  });

  it.each(['2210', '45G', 'G1', '45G1X', '4$G1'])('should reject %j as PCS_ID_SIZE_TYPE_FORMAT', (code) => {
    expect(validateSizeTypeCode(code)).toMatchObject({ ok: false, code: 'PCS_ID_SIZE_TYPE_FORMAT' });
  });

  it.each(['75G1', '27G1', '22X1', '22V1', '22QQ'])('should reject %s as PCS_ID_SIZE_TYPE_UNKNOWN', (code) => {
    expect(validateSizeTypeCode(code)).toMatchObject({ ok: false, code: 'PCS_ID_SIZE_TYPE_UNKNOWN' });
  });

  it('should count TEU by POLA convention: 20 ft = 1, 40 ft = 2, 45 ft = 2.25, 53 ft = 2.65', () => {
    expect(teuOf('22G1')).toBe(1);
    expect(teuOf('45G1')).toBe(2);
    expect(teuOf('L5G1')).toBe(2.25);
    expect(teuOf('P5G1')).toBe(2.65);
    expect(teuOf('X5G1')).toBeNull();
  });

  it('should read length and height', () => {
    expect(lengthFtOf('45R1')).toBe(40);
    expect(heightFtOf('45R1')).toBe(9.5);
    expect(heightFtOf('22G1')).toBe(8.5);
    expect(isReeferSizeType('45R1')).toBe(true);
    expect(isReeferSizeType('45G1')).toBe(false);
  });
});
