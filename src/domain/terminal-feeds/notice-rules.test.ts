import { describe, expect, it } from 'vitest';
import {
  affectsEmptyReturn,
  closesEmptyReturn,
  concernsTerminal,
  inForceAt,
  inForceDuring,
  type NoticeFacts,
} from './notice-rules.js';

const base: NoticeFacts = {
  noticeType: 'EMPTIES_NOT_ACCEPTED',
  status: 'ACTIVE',
  terminal: 'WBCT',
  unLocationCode: 'USLAX',
  carrierScac: 'MAEU',
  isoType: '45G1',
  validFromMs: 1000,
  validToMs: 2000,
};
const wbct = { code: 'WBCT', unLocationCode: 'USLAX' };

describe('notice rules', () => {
  it('should be in force on its half-open window only, and never once cancelled', () => {
    expect([999, 1000, 1999, 2000].map((t) => inForceAt(base, t))).toEqual([false, true, true, false]);
    expect(inForceAt({ ...base, validToMs: null }, 10 ** 12)).toBe(true);
    expect(inForceAt({ ...base, status: 'CANCELLED' }, 1500)).toBe(false);
    expect(inForceDuring(base, 1999, 3000)).toBe(true);
    expect(inForceDuring(base, 2000, 3000)).toBe(false);
  });

  it('should concern its terminal, or every terminal of its port when it names none', () => {
    expect(concernsTerminal(base, 'WBCT', 'USLAX')).toBe(true);
    expect(concernsTerminal(base, 'TRAP', 'USLAX')).toBe(false);
    const portWide = { ...base, terminal: null };
    expect(concernsTerminal(portWide, 'TRAP', 'USLAX')).toBe(true);
    expect(concernsTerminal(portWide, 'LBCT', 'USLGB')).toBe(false);
    expect(concernsTerminal({ ...portWide, unLocationCode: null }, 'LBCT', 'USLGB')).toBe(true);
  });

  it('should close a location to the carrier and size/type it names only', () => {
    expect(affectsEmptyReturn(base, wbct, 'MAEU', '45G1')).toBe(true);
    expect(affectsEmptyReturn(base, wbct, 'CMDU', '45G1')).toBe(false);
    expect(affectsEmptyReturn(base, wbct, 'MAEU', '22G1')).toBe(false);
    expect(affectsEmptyReturn({ ...base, isoType: null }, wbct, 'MAEU', '22G1')).toBe(true);
    const weather = { ...base, noticeType: 'WEATHER' as const, carrierScac: null, isoType: null };
    expect(affectsEmptyReturn(weather, wbct, 'CMDU', '22G1')).toBe(true);
    expect(closesEmptyReturn(weather)).toBe(false);
    expect(closesEmptyReturn(base)).toBe(true);
    expect(closesEmptyReturn({ ...base, noticeType: 'GATE_CLOSED' })).toBe(true);
  });
});
