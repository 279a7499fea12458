import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_ERRORS } from '../errors/identifier-errors.js';
import { validateMmsi } from './mmsi.js';
import { validateScac } from './scac.js';
import { findSanPedroBayTerminal, SAN_PEDRO_BAY_TERMINALS, validateSmdgTerminalCode } from './smdg-terminal-code.js';
import { KNOWN_PORTS, validateUnLocode } from './un-locode.js';

describe('UN/LOCODE', () => {
  it.each(['USLAX', 'USLGB', 'us lax', 'CNSHA', 'SEGOT', 'NL2AB'])('should accept %j', (s) => {
    expect(validateUnLocode(s).ok).toBe(true);
  });

  it('should accept every known port, and accept unknown well-formed codes too', () => {
    for (const code of Object.keys(KNOWN_PORTS)) expect(validateUnLocode(code).ok).toBe(true);
    expect(validateUnLocode('USZZZ')).toEqual({ ok: true, value: 'USZZZ' });
  });

  it.each(['USLA', 'USLAXX', 'US1AX', 'U1LAX', 'US-LAX0'])('should reject %j as PCS_ID_UNLOCODE_FORMAT', (s) => {
    expect(validateUnLocode(s)).toMatchObject({ ok: false, code: 'PCS_ID_UNLOCODE_FORMAT' });
  });

  it('should reject a country that ISO 3166-1 does not assign', () => {
    expect(validateUnLocode('QQLAX')).toMatchObject({ ok: false, code: 'PCS_ID_UNLOCODE_COUNTRY' });
  });
});

describe('SMDG terminal codes', () => {
  it('should accept every San Pedro Bay terminal code from the SMDG list', () => {
    for (const t of SAN_PEDRO_BAY_TERMINALS) {
      expect(validateSmdgTerminalCode(t.smdgCode).ok).toBe(true);
      expect(validateUnLocode(t.unLocode).ok).toBe(true);
    }
  });

  it('should find WBCT at Los Angeles and LBCT at Long Beach, not the reverse', () => {
    expect(findSanPedroBayTerminal('USLAX', 'wbct')?.name).toMatch(/West Basin/);
    expect(findSanPedroBayTerminal('uslgb', 'LBCT')?.name).toMatch(/Long Beach Container Terminal/);
    expect(findSanPedroBayTerminal('USLGB', 'WBCT')).toBeUndefined();
  });

  it.each(['', 'SSAPCTX', 'WB-CT', 'W CT'])('should reject %j', (s) => {
    expect(validateSmdgTerminalCode(s)).toMatchObject({ ok: false, code: 'PCS_ID_SMDG_TERMINAL_FORMAT' });
  });
});

describe('SCAC and MMSI', () => {
  it('should accept carrier and trucker SCACs', () => {
    for (const s of ['MAEU', 'CMDU', 'ONEY', 'UP', 'BNSF']) expect(validateScac(s).ok).toBe(true);
    expect(validateScac(' maeu ')).toEqual({ ok: true, value: 'MAEU' });
  });

  it('should reject SCACs that are not 2-4 letters', () => {
    for (const s of ['M', 'MAEUX', 'MA1U', '']) {
      expect(validateScac(s)).toMatchObject({ ok: false, code: 'PCS_ID_SCAC_FORMAT' });
    }
  });

  it('should accept 9-digit MMSIs only', () => {
    expect(validateMmsi('353136000')).toEqual({ ok: true, value: '353136000' });
    for (const s of ['35313600', '3531360000', '35313600A']) {
      expect(validateMmsi(s)).toMatchObject({ ok: false, code: 'PCS_ID_MMSI_FORMAT' });
    }
  });
});

describe('identifier error catalogue', () => {
  it('should give every code the PCS_ID_ prefix and HTTP 400 (a bad identifier in a request path)', () => {
    for (const [code, spec] of Object.entries(IDENTIFIER_ERRORS)) {
      expect(code).toMatch(/^PCS_ID_[A-Z_]+$/);
      expect(spec.status).toBe(400);
    }
  });

  it('should never throw on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) =>
        [validateMmsi, validateScac, validateSmdgTerminalCode, validateUnLocode].every(
          (f) => typeof f(s).ok === 'boolean',
        ),
      ),
    );
  });
});
