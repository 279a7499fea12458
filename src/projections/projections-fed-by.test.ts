import { describe, expect, it } from 'vitest';
import { OWNED_TABLES } from '../access/visibility-filter.js';
import { EVENT_TYPE_CODES, OPENPCS_EVENT_CODES } from '../domain/event-map.js';
import { defaultProjections } from './default-projections.js';
import { projectionsFedBy } from './projections-fed-by.js';

const projections = defaultProjections();
const rebuiltFor = (...codes: string[]): string[] => projectionsFedBy(projections, codes).map((p) => p.name);

describe('the read models a change of visibility rebuilds', () => {
  it('should rebuild each terminal feed, equipment and drayage model when its own statements change, and nothing else', () => {
    expect(rebuiltFor('SLOT')).toEqual(['appointment-slots']);
    expect(rebuiltFor('ERCV')).toEqual(['empty-receivables']);
    expect(rebuiltFor('NOTC')).toEqual(['terminal-notices']);
    expect(rebuiltFor('EQST', 'CHRG')).toEqual(['equipment-units', 'charging-sessions']);
    expect(rebuiltFor('DTRK')).toEqual(['drayage-trucks']);
  });

  it('should rebuild the vessel models, the calls detected from the positions and their emissions when AIS changes', () => {
    expect(rebuiltFor('POSN')).toEqual(['vessel-positions', 'vessel-call-detector', 'vessel-calls', 'call-emissions']);
    expect(rebuiltFor('STAT')).toEqual(['vessel-registry', 'vessel-call-detector', 'vessel-calls', 'call-emissions']);
  });

  it('should rebuild the per-call emissions when shore power sessions change', () => {
    expect(rebuiltFor('SHPC')).toEqual(['call-emissions']);
  });

  it('should rebuild the per-call emissions when vessel particulars statements change', () => {
    expect(rebuiltFor('VPAR')).toEqual(['call-emissions']);
  });

  it('should rebuild nothing for facts whose readers join the event (containers, truck visits)', () => {
    expect(rebuiltFor('GTIN', 'HOLD', 'APPT', 'MSTR', 'AVLB')).toEqual([]);
  });

  it('should declare every model that keeps the ownership columns as copying visibility', () => {
    const owned: ReadonlySet<string> = new Set(OWNED_TABLES);
    for (const p of projections) {
      if (p.tables.some((t) => owned.has(t))) expect(p.copiesVisibility, p.name).toBe(true);
    }
  });

  it('should declare only codes of the event map, and every openpcs code should feed some model', () => {
    const known: ReadonlySet<string> = new Set(EVENT_TYPE_CODES);
    const read = new Set(projections.flatMap((p) => p.sources));
    for (const code of read) expect(known.has(code), code).toBe(true);
    for (const code of OPENPCS_EVENT_CODES) {
      expect(read.has(code), code).toBe(true);
    }
  });
});
