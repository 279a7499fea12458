import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCallEmissions, type CallEmissionsInput } from './call-emissions.js';
import { THREE_THOUSAND_TEU } from './ghg4-test-ships.js';
import { callShorePower, type CallOfSessions, type ShorePowerSession } from './shore-power-sessions.js';

const SHIP = THREE_THOUSAND_TEU;
const T0 = Date.parse('2026-01-05T05:00:00Z');
const iso = (hours: number): string => new Date(T0 + hours * 3_600_000).toISOString();

/** At berth 05:00–12:00 at a zone of terminal LBCT. */
const CALL: CallOfSessions = {
  mmsi: '477776200',
  imo: '9516442',
  terminals: ['LBCT'],
  berth: { from: iso(0), to: iso(7) },
};

const session = (over: Partial<ShorePowerSession> = {}): ShorePowerSession => ({
  terminal: 'LBCT',
  berth: 'F10',
  imo: '9516442',
  mmsi: '477776200',
  connectedAt: iso(1),
  disconnectedAt: iso(6),
  energyKwh: null,
  asOf: iso(6.2),
  ...over,
});

describe('shore power sessions of a call', () => {
  it('takes the sessions of its vessel at its terminal that overlap the berth window, clipped to it', () => {
    const r = callShorePower(CALL, [
      session(),
      session({ mmsi: '111111111', imo: null }), // another vessel
      session({ terminal: 'ITS' }), // another terminal
      session({ connectedAt: iso(20), disconnectedAt: iso(22) }), // after the call
    ]);
    expect(r.sessions).toHaveLength(1);
    expect(r.connectedHours).toBeCloseTo(5, 12);
    expect(r.meteredKwh).toBeNull();
  });

  it('matches by IMO when the session gives no MMSI; an open session runs to the end of the berth window', () => {
    const r = callShorePower(CALL, [session({ mmsi: null, disconnectedAt: null })]);
    expect(r.connectedHours).toBeCloseTo(6, 12);
    expect(r.sessions[0]!.disconnectedAt).toBeNull();
  });

  it('counts a re-stated session once (the newest statement) and overlapping hours once', () => {
    const r = callShorePower(CALL, [
      session({ disconnectedAt: null, asOf: iso(1.1) }),
      session({ energyKwh: 5_000 }),
      session({ connectedAt: iso(5), disconnectedAt: iso(7), energyKwh: 2_000, berth: 'F11' }),
    ]);
    expect(r.sessions).toHaveLength(2);
    expect(r.connectedHours).toBeCloseTo(6, 12); // 1–6 ∪ 5–7
    expect(r.meteredKwh).toBe(7_000);
  });

  it('gives no hours without a berth window, and metered energy only when every session has a reading', () => {
    expect(callShorePower({ ...CALL, berth: null }, [session()]).connectedHours).toBe(0);
    const mixed = callShorePower(CALL, [
      session({ energyKwh: 100 }),
      session({ connectedAt: iso(6.5), disconnectedAt: iso(6.9) }),
    ]);
    expect(mixed.meteredKwh).toBeNull();
    // a zone with no registered terminal takes any terminal's session
    expect(callShorePower({ ...CALL, terminals: [] }, [session({ terminal: 'ITS' })]).sessions).toHaveLength(1);
  });

  it('the engine takes the metered energy as the shore power kWh ("feed"), else aux power × hours ("estimated")', () => {
    const input: CallEmissionsInput = {
      ship: SHIP,
      window: { from: iso(0), to: iso(7) },
      anchorage: null,
      berth: { from: iso(0), to: iso(7) },
      track: [],
      shorePower: { connectedHours: 5, gridLossPct: 5 },
    };
    const estimated = computeCallEmissions(input);
    expect(estimated.shorePower.kwhSource).toBe('estimated');
    expect(estimated.shorePower.shorePowerKwh).toBeCloseTo(5 * 1_100, 9); // GHG4 Table 17 berth aux 1,100 kW
    const feed = computeCallEmissions({ ...input, shorePower: { ...input.shorePower, meteredKwh: 4_800 } });
    expect(feed.shorePower.kwhSource).toBe('feed');
    expect(feed.shorePower.shorePowerKwh).toBe(4_800);
    expect(feed.shorePower.gridKwh).toBeCloseTo(4_800 / 0.95, 9);
    // the ship's side is the same: its auxiliary engines were off for the same hours
    expect(feed.pollutants).toEqual(estimated.pollutants);
    const none = computeCallEmissions({ ...input, shorePower: { connectedHours: 0, gridLossPct: 5, meteredKwh: 10 } });
    expect(none.shorePower.kwhSource).toBe('none');
    expect(none.shorePower.shorePowerKwh).toBe(0);
  });

  it('property: sessions never increase at-berth ship emissions, whatever their times and readings', () => {
    const keys = ['co2G', 'ch4G', 'n2oG', 'so2G', 'noxG', 'pm10G', 'pm25G'] as const;
    const arbSession = fc.record({
      start: fc.double({ min: -5, max: 12, noNaN: true }),
      length: fc.double({ min: 0.01, max: 12, noNaN: true }),
      open: fc.boolean(),
      kwh: fc.option(fc.double({ min: 0, max: 50_000, noNaN: true })),
      asOf: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 72, noNaN: true }),
        fc.array(arbSession, { maxLength: 4 }),
        (berthHours, drawn) => {
          const call: CallOfSessions = { ...CALL, berth: { from: iso(0), to: iso(berthHours) } };
          const sessions = drawn.map((d) =>
            session({
              connectedAt: iso(d.start),
              disconnectedAt: d.open ? null : iso(d.start + d.length),
              energyKwh: d.kwh,
              asOf: iso(d.asOf),
            }),
          );
          const shore = callShorePower(call, sessions);
          expect(shore.connectedHours).toBeLessThanOrEqual(berthHours + 1e-9);
          const input: CallEmissionsInput = {
            ship: SHIP,
            window: call.berth!,
            anchorage: null,
            berth: call.berth,
            track: [],
            shorePower: { connectedHours: 0, gridLossPct: 5 },
          };
          const without = computeCallEmissions(input);
          const withSessions = computeCallEmissions({
            ...input,
            shorePower: { connectedHours: shore.connectedHours, meteredKwh: shore.meteredKwh, gridLossPct: 5 },
          });
          for (const k of keys) expect(withSessions.pollutants[k]).toBeLessThanOrEqual(without.pollutants[k] + 1e-6);
          expect(withSessions.fuelG).toBeLessThanOrEqual(without.fuelG + 1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });
});
