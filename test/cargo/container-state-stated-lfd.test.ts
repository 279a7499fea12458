/**
 * The container reducer with terminal availability statements (`AVLB` facts): the newest statement by stated
 * time decides the last free day whatever order the facts come in, the computed day stays beside it, and a
 * statement from the box's previous visit does not carry over to the next one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FREE_TIME_RULES } from '../../src/domain/free-time/default-free-time-rules.js';
import type { ContainerFact } from '../../src/domain/containers/container-fact.js';
import { containerState } from '../../src/domain/containers/container-state.js';

const BOX = 'EGHU8300218';

function fact(key: string, code: string, at: string, extra: Partial<ContainerFact> = {}): ContainerFact {
  return {
    key,
    seq: '1',
    code,
    classifier: 'ACT',
    at,
    createdAt: at,
    unLocationCode: 'USLAX',
    terminalCode: 'YUSEN',
    mode: 'VESSEL',
    empty: 'LADEN',
    isoEquipmentCode: '45G1',
    vesselIMONumber: '9893890',
    vesselName: 'EVER ACE',
    carrierVoyageNumber: '1043E',
    carrierCode: 'EGLV',
    transportDocumentReference: null,
    carrierBookingReference: null,
    holdType: null,
    locationName: null,
    ownerOrgs: ['local'],
    source: 'test',
    ...extra,
  };
}

const statement = (key: string, at: string, lastFreeDay: string | null): ContainerFact =>
  fact(key, 'AVLB', at, {
    mode: null,
    empty: null,
    statement: { lastFreeDay, available: true, holds: [], statedBy: 'yti', inboxId: `inbox-${key}`, line: 2 },
  });

const TRIP = [
  fact('load', 'LOAD', '2026-03-02T02:00:00.000Z', { unLocationCode: 'CNSHA', terminalCode: null }),
  fact('disc', 'DISC', '2026-03-16T14:40:00.000Z'),
];
// Discharged Monday 2026-03-16 07:40 PDT: 4 business days → Friday 2026-03-20 (default USLAX rule).
const COMPUTED = '2026-03-20';

describe('container state with terminal-stated last free days', () => {
  it('should take the newest statement by stated time, whatever order the facts arrive in', () => {
    const statements = [
      statement('s1', '2026-03-16T19:00:00.000Z', '2026-03-19'),
      statement('s2', '2026-03-17T19:00:00.000Z', '2026-03-23'),
      statement('s0', '2026-03-16T16:00:00.000Z', '2026-03-18'),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray([...TRIP, ...statements], { minLength: 5, maxLength: 5 }), (facts) => {
        const s = containerState(BOX, facts, DEFAULT_FREE_TIME_RULES);
        expect([s.lastFreeDay, s.demurrageStarts, s.computedLastFreeDay]).toEqual([
          '2026-03-23',
          '2026-03-24',
          COMPUTED,
        ]);
        expect(s.lastFreeDaySource).toMatchObject({ kind: 'terminal', statedAt: '2026-03-17T19:00:00.000Z' });
      }),
    );
  });

  it('should name the rule when no terminal stated a day', () => {
    const s = containerState(BOX, TRIP, DEFAULT_FREE_TIME_RULES);
    expect(s.lastFreeDay).toBe(COMPUTED);
    expect(s.lastFreeDaySource).toEqual({ kind: 'rule', rule: s.freeTimeSource });
  });

  it("should not carry a statement of the box's previous visit over to the next one", () => {
    const firstVisit = [
      ...TRIP,
      statement('old', '2026-03-17T19:00:00.000Z', '2026-03-23'),
      fact('gtot', 'GTOT', '2026-03-18T16:03:00.000Z', { mode: 'TRUCK' }),
      fact('mty', 'GTIN', '2026-03-20T19:00:00.000Z', { mode: 'TRUCK', empty: 'EMPTY' }),
    ];
    const secondVisit = [
      fact('load2', 'LOAD', '2026-04-01T02:00:00.000Z', { unLocationCode: 'CNSHA', terminalCode: null }),
      // Discharged Wednesday 2026-04-15 → Thu 16, Fri 17, Mon 20, Tue 21.
      fact('disc2', 'DISC', '2026-04-15T16:00:00.000Z'),
    ];
    const s = containerState(BOX, [...firstVisit, ...secondVisit], DEFAULT_FREE_TIME_RULES);
    expect([s.lastFreeDay, s.lastFreeDaySource?.kind]).toEqual(['2026-04-21', 'rule']);
    const stated = containerState(
      BOX,
      [...firstVisit, ...secondVisit, statement('new', '2026-04-15T20:00:00.000Z', '2026-04-22')],
      DEFAULT_FREE_TIME_RULES,
    );
    expect([stated.lastFreeDay, stated.lastFreeDaySource?.kind]).toEqual(['2026-04-22', 'terminal']);
  });

  it("should give a viewer that sees only the holds and the terminal's statement the box's availability", () => {
    // A cargo owner: the broker's hold and release and the terminal's statement name it, the carrier's moves do not.
    const hold = (key: string, code: string, at: string) =>
      fact(key, code, at, { mode: null, empty: null, holdType: 'CUSTOMS', ownerOrgs: ['bco'] });
    const heard = [hold('h', 'HOLD', '2026-03-15T10:00:00.000Z'), hold('r', 'RELS', '2026-03-16T15:00:00.000Z')];
    expect(containerState(BOX, heard, DEFAULT_FREE_TIME_RULES)).toMatchObject({
      status: 'BOOKED',
      availabilitySource: null,
    });
    const s = containerState(
      BOX,
      [...heard, statement('s', '2026-03-16T19:00:00.000Z', '2026-03-20')],
      DEFAULT_FREE_TIME_RULES,
    );
    expect(s).toMatchObject({ status: 'AVAILABLE', available: true, lastFreeDay: '2026-03-20' });
    expect(s.availabilitySource).toMatchObject({ kind: 'terminal', statedBy: 'yti', terminal: 'YUSEN' });
    // A hold placed after the statement blocks pick-up, on the holds' word.
    const held = containerState(
      BOX,
      [
        ...heard,
        statement('s', '2026-03-16T19:00:00.000Z', '2026-03-20'),
        hold('h2', 'HOLD', '2026-03-17T08:00:00.000Z'),
      ],
      DEFAULT_FREE_TIME_RULES,
    );
    expect([held.status, held.availabilitySource]).toEqual(['HELD', { kind: 'holds', holdsOpen: ['CUSTOMS'] }]);
  });
});
