import { describe, expect, it } from 'vitest';
import type { AlertRule } from './alert-rule.js';
import { evaluateAlert, nextDay } from './evaluate-alert.js';
import type { EmptyCapacityState, FactSource, WatchedChange } from './watched-state.js';

const fact = (seq: string): FactSource => ({ asOf: '2026-12-03T10:00:00Z', sourceOrg: 'term-a', eventId: null, seq });
const KEY = { locationCode: 'USLGBPCT', carrierScac: 'MAEU', isoEquipmentCode: '45G1' };
const zeroRule: AlertRule = { kind: 'empty-capacity-zero', parameters: KEY };
const reopenRule: AlertRule = { kind: 'empty-capacity-reopened', parameters: KEY };
const open: EmptyCapacityState = { accepting: true, remainingCapacity: 12 };
const full: EmptyCapacityState = { accepting: true, remainingCapacity: 0 };
const closed: EmptyCapacityState = { accepting: false, remainingCapacity: null };
const empty = (before: EmptyCapacityState | null, after: EmptyCapacityState, seq = '7'): WatchedChange => ({
  kind: 'empty',
  ...KEY,
  before,
  after,
  fact: fact(seq),
});
const today = { today: '2026-12-03' };

describe('empty-return capacity alerts', () => {
  it('should raise one alert when capacity falls to zero, with the reason and the fact', () => {
    const alerts = evaluateAlert(zeroRule, empty(open, full), today);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.reason).toBe('MAEU 45G1 empties at USLGBPCT: capacity fell to zero (no places left)');
    expect(alerts[0]!.fact.asOf).toBe('2026-12-03T10:00:00Z');
    expect(evaluateAlert(zeroRule, empty(open, closed), today)[0]!.reason).toContain('not accepting');
  });

  it("should name the carrier when it is the carrier's statement that closes or reopens its empties", () => {
    const byCarrier = (before: EmptyCapacityState, after: EmptyCapacityState): WatchedChange => ({
      kind: 'empty',
      ...KEY,
      before,
      after,
      statedBy: 'CARRIER',
      fact: fact('8'),
    });
    const [closing] = evaluateAlert(zeroRule, byCarrier(open, closed), today);
    expect(closing!.reason).toBe(
      'MAEU 45G1 empties at USLGBPCT: capacity fell to zero (not accepting; stated by carrier MAEU)',
    );
    expect(closing!.details).toMatchObject({ statedBy: 'CARRIER', accepting: false });
    expect(evaluateAlert(reopenRule, byCarrier(closed, open), today)[0]!.reason).toBe(
      'MAEU 45G1 empties at USLGBPCT: accepting again (12 places; stated by carrier MAEU)',
    );
    expect(evaluateAlert(zeroRule, empty(open, full), today)[0]!.details).toMatchObject({ statedBy: 'LOCATION' });
  });

  it('should raise nothing when the capacity was already zero', () => {
    expect(evaluateAlert(zeroRule, empty(full, closed), today)).toEqual([]);
    expect(evaluateAlert(zeroRule, empty(closed, closed), today)).toEqual([]);
  });

  it('should raise one alert on reopening, and none for a repeated identical statement', () => {
    expect(evaluateAlert(reopenRule, empty(full, open), today)).toHaveLength(1);
    expect(evaluateAlert(reopenRule, empty(open, open), today)).toEqual([]);
    expect(evaluateAlert(zeroRule, empty(open, open), today)).toEqual([]);
    expect(evaluateAlert(reopenRule, empty(open, full), today)).toEqual([]);
  });

  it('should count an unstated remaining capacity of an accepting location as open', () => {
    expect(evaluateAlert(reopenRule, empty(closed, { accepting: true, remainingCapacity: null }), today)).toHaveLength(
      1,
    );
  });

  it('should take the first statement of a key as the baseline (nothing to compare with)', () => {
    expect(evaluateAlert(zeroRule, empty(null, closed), today)).toEqual([]);
    expect(evaluateAlert(reopenRule, empty(null, open), today)).toEqual([]);
  });

  it('should give the same change key for the same change (replays and restarts write it once)', () => {
    const a = evaluateAlert(zeroRule, empty(open, full, '42'), today);
    const b = evaluateAlert(zeroRule, empty(open, full, '42'), today);
    expect(a[0]!.changeKey).toBe(b[0]!.changeKey);
    expect(evaluateAlert(zeroRule, empty(open, full, '43'), today)[0]!.changeKey).not.toBe(a[0]!.changeKey);
  });

  it('should ignore another key', () => {
    const other = { ...empty(open, full), carrierScac: 'CMDU' };
    expect(evaluateAlert(zeroRule, other, today)).toEqual([]);
  });
});

describe('appointment slot alerts', () => {
  const rule: AlertRule = {
    kind: 'appointment-slots-free',
    parameters: {
      terminal: 'PCT',
      transactionType: 'IMPORT_PICKUP',
      from: '2026-12-04T06:00:00Z',
      to: '2026-12-04T12:00:00Z',
    },
  };
  const slot = (
    slotStart: string,
    before: { capacity: number; booked: number } | null,
    after: { capacity: number; booked: number },
  ): WatchedChange => ({
    kind: 'slot',
    terminal: 'PCT',
    transactionType: 'IMPORT_PICKUP',
    slotStart,
    slotEnd: slotStart,
    before,
    after,
    fact: fact('9'),
  });

  it('should raise one alert when a slot in the window gets free places', () => {
    const alerts = evaluateAlert(
      rule,
      slot('2026-12-04T08:00:00Z', { capacity: 10, booked: 10 }, { capacity: 10, booked: 8 }),
      today,
    );
    expect(alerts.map((a) => a.reason)).toEqual(['2 IMPORT_PICKUP appointments free at PCT from 2026-12-04T08:00:00Z']);
  });

  it('should raise nothing outside the window (half-open) or when places were already free', () => {
    expect(evaluateAlert(rule, slot('2026-12-04T12:00:00Z', null, { capacity: 10, booked: 0 }), today)).toEqual([]);
    expect(
      evaluateAlert(
        rule,
        slot('2026-12-04T08:00:00Z', { capacity: 10, booked: 9 }, { capacity: 10, booked: 8 }),
        today,
      ),
    ).toEqual([]);
    expect(
      evaluateAlert(
        rule,
        slot('2026-12-04T08:00:00Z', { capacity: 10, booked: 10 }, { capacity: 10, booked: 11 }),
        today,
      ),
    ).toEqual([]);
  });

  it('should count a newly published slot with places as free', () => {
    expect(evaluateAlert(rule, slot('2026-12-04T06:00:00Z', null, { capacity: 5, booked: 0 }), today)).toHaveLength(1);
  });
});

describe('container alerts', () => {
  const ref = 'MSCU1234565';
  const change = (
    before: { available: boolean; holdsOpen: string[]; lastFreeDay: string | null } | null,
    after: { available: boolean; holdsOpen: string[]; lastFreeDay: string | null },
  ): WatchedChange => ({ kind: 'container', equipmentReference: ref, before, after, fact: fact('11') });
  const rule = (kind: 'container-available' | 'hold-set' | 'hold-released' | 'last-free-day-tomorrow'): AlertRule => ({
    kind,
    parameters: { equipmentReference: ref },
  });

  it('should raise one alert when the container becomes available, none while it stays available', () => {
    expect(
      evaluateAlert(
        rule('container-available'),
        change(
          { available: false, holdsOpen: ['CUSTOMS'], lastFreeDay: null },
          { available: true, holdsOpen: [], lastFreeDay: null },
        ),
        today,
      ),
    ).toHaveLength(1);
    expect(
      evaluateAlert(
        rule('container-available'),
        change(
          { available: true, holdsOpen: [], lastFreeDay: null },
          { available: true, holdsOpen: [], lastFreeDay: null },
        ),
        today,
      ),
    ).toEqual([]);
  });

  it('should raise one alert per hold set or released', () => {
    const set = evaluateAlert(
      rule('hold-set'),
      change(
        { available: false, holdsOpen: ['CUSTOMS'], lastFreeDay: null },
        { available: false, holdsOpen: ['CUSTOMS', 'FREIGHT'], lastFreeDay: null },
      ),
      today,
    );
    expect(set.map((a) => a.reason)).toEqual(['FREIGHT hold set on MSCU1234565']);
    const released = evaluateAlert(
      rule('hold-released'),
      change(
        { available: false, holdsOpen: ['CUSTOMS', 'FREIGHT'], lastFreeDay: null },
        { available: true, holdsOpen: [], lastFreeDay: null },
      ),
      today,
    );
    expect(released.map((a) => a.reason)).toEqual([
      'CUSTOMS hold released on MSCU1234565',
      'FREIGHT hold released on MSCU1234565',
    ]);
  });

  it('should raise the last-free-day alert once per date, the day before it', () => {
    const tomorrow = { available: true, holdsOpen: [], lastFreeDay: '2026-12-04' };
    const a = evaluateAlert(rule('last-free-day-tomorrow'), change(null, tomorrow), today);
    expect(a.map((x) => x.reason)).toEqual(['last free day of MSCU1234565 is tomorrow (2026-12-04)']);
    expect(evaluateAlert(rule('last-free-day-tomorrow'), change(tomorrow, tomorrow), today)[0]!.changeKey).toBe(
      a[0]!.changeKey,
    );
    expect(
      evaluateAlert(rule('last-free-day-tomorrow'), change(null, { ...tomorrow, lastFreeDay: '2026-12-05' }), today),
    ).toEqual([]);
  });

  it('should step dates over month and year ends', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
