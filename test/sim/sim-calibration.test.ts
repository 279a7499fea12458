/**
 * Calibration of the container model (issue 12): monthly TEU per port within 5% of the 2018 figures
 * (seasonality included), call counts, time at berth, and anchorage levels — normal (0–1 ship waiting) and
 * with the surge knob (late 2021: 100+ ships waiting, some outside the official anchorages). Model only,
 * no AIS: a simulated year takes about a second.
 */
import { describe, expect, it } from 'vitest';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { simulateContainerPort } from '../../src/sim/port-model.js';
import { parseScenario, SURGE_2021, type Scenario, type ScenarioInput } from '../../src/sim/scenario.js';
import { berthHours, monthlyTeu, shipsWaiting } from '../../src/sim/sim-metrics.js';
import { SIM_PORTS } from '../../src/sim/teu-calibration.js';

const inputs = loadSimInputs();
const HOUR = 3_600_000;

function scenario(input: ScenarioInput): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.scenario;
}

function waitingSeries(
  calls: Parameters<typeof shipsWaiting>[0],
  s: Scenario,
): { official: number; outside: number }[] {
  const out = [];
  for (let t = s.startMs; t < s.endMs; t += HOUR) out.push(shipsWaiting(calls, t));
  return out;
}

describe('a simulated 2018 (seed 7)', () => {
  // 2018 plus two weeks of 2019, so the calls of late December finish their crane work inside the run.
  const year = scenario({ seed: 7, days: 379 });
  const run = simulateContainerPort(year, inputs);

  it.each(SIM_PORTS)('should handle each month of 2018 at %s within 5% of the calibration TEU', (port) => {
    const measured = monthlyTeu(run.calls, port);
    const deviations = inputs.calibration.months[port].map((m) => {
      const key = `2018-${String(m.month).padStart(2, '0')}`;
      return (measured.get(key) ?? 0) / m.totalTeu - 1;
    });
    for (const d of deviations) expect(Math.abs(d)).toBeLessThan(0.05);
    // Seasonality comes through: March (Lunar New Year) is the quietest month, October the busiest, at both ports.
    const byMonth = inputs.calibration.months[port].map(
      (m) => measured.get(`2018-${String(m.month).padStart(2, '0')}`) ?? 0,
    );
    expect(byMonth.indexOf(Math.min(...byMonth))).toBe(2);
    expect(byMonth.indexOf(Math.max(...byMonth))).toBe(9);
  });

  it('should match the observed POLB May 2018 volume (687,427 TEU) within 5%', () => {
    const may = monthlyTeu(run.calls, 'USLGB').get('2018-05') ?? 0;
    expect(Math.abs(may / 687_427 - 1)).toBeLessThan(0.05);
  });

  it('should make about as many container calls as the ports report (POLA ~1,200, POLB ~1,040 a year)', () => {
    const in2018 = (port: string): number =>
      run.calls.filter((c) => c.port === port && c.arrivalMs >= year.startMs && c.arrivalMs < Date.UTC(2019, 0, 1))
        .length;
    expect(in2018('USLAX')).toBeGreaterThanOrEqual(1_100);
    expect(in2018('USLAX')).toBeLessThanOrEqual(1_300);
    expect(in2018('USLGB')).toBeGreaterThanOrEqual(950);
    expect(in2018('USLGB')).toBeLessThanOrEqual(1_150);
  });

  it('should keep ships at berth one to four days and the queue at the normal 0–1 ship', () => {
    const hours = run.calls.map(berthHours).sort((a, b) => a - b);
    const median = hours[hours.length >> 1]!;
    expect(median).toBeGreaterThan(24);
    expect(median).toBeLessThan(96);
    const waiting = waitingSeries(run.calls, year).map((w) => w.official + w.outside);
    expect(waiting.reduce((a, b) => a + b, 0) / waiting.length).toBeLessThan(1);
    expect(Math.max(...waiting)).toBeLessThanOrEqual(5);
  });

  it('should give every call a plausible ship and exchange: within capacity, moves from TEU', () => {
    for (const c of run.calls) {
      const teu = c.vessel.teu ?? 0;
      expect(c.dischargeTeu).toBeLessThanOrEqual(teu);
      expect(c.loadTeu).toBeLessThanOrEqual(teu);
      expect(Math.abs(c.moves - (c.dischargeTeu + c.loadTeu) / 1.8)).toBeLessThanOrEqual(1);
      expect(c.berthedMs).toBeGreaterThan(c.arrivalMs);
      expect(c.workEndMs).toBeGreaterThan(c.workStartMs);
      expect(c.departedMs).toBeGreaterThan(c.unberthMs);
      expect(inputs.registry.byCode(c.terminal)?.unLocode).toBe(c.port);
      // Ocean legs at slow-steaming speeds, never above the ship's design speed.
      expect(c.seaSpeedKn).toBeGreaterThanOrEqual(12);
      expect(c.seaSpeedKn).toBeLessThanOrEqual(c.vessel.designSpeedKn);
    }
  });

  it('should keep berths exclusive: no two ships at one berth of a terminal at once', () => {
    const byBerth = new Map<string, [number, number][]>();
    for (const c of run.calls) {
      const key = `${c.terminal}/${c.berth}`;
      byBerth.set(key, [...(byBerth.get(key) ?? []), [c.berthedMs, c.unberthMs]]);
    }
    for (const spans of byBerth.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
  });
});

describe('the surge knob (late 2021)', () => {
  it('should queue 100+ container ships within four months, some anchored outside the official anchorages', () => {
    const s = scenario({ seed: 7, days: 120, ...SURGE_2021 });
    const run = simulateContainerPort(s, inputs);
    const waiting = waitingSeries(run.calls, s);
    expect(Math.max(...waiting.map((w) => w.official + w.outside))).toBeGreaterThanOrEqual(100);
    expect(Math.max(...waiting.map((w) => w.outside))).toBeGreaterThan(0);
    expect(run.calls.some((c) => c.extraLoader)).toBe(true);
  });

  it('should raise waiting with falling crane productivity (disruption)', () => {
    const max = (productivityFactor: number): number => {
      const s = scenario({ seed: 3, days: 60, productivityFactor });
      const run = simulateContainerPort(s, inputs);
      return Math.max(...waitingSeries(run.calls, s).map((w) => w.official + w.outside));
    };
    expect(max(0.6)).toBeGreaterThan(max(1));
  });
});

describe('scenarios', () => {
  it('should refuse unknown fields and bad values with the field named', () => {
    const r = parseScenario({ days: -1, surge: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/days/);
  });

  it('should put a raised fuel share on its corridor only (green corridor knob)', () => {
    const s = scenario({ seed: 7, days: 60, fuelMix: { CNSHA: { methanol: 1 } } });
    const run = simulateContainerPort(s, inputs);
    const shanghai = run.calls.filter((c) => c.previousPort === 'CNSHA' && !c.extraLoader);
    const others = run.calls.filter((c) => c.previousPort !== 'CNSHA');
    expect(shanghai.length).toBeGreaterThan(0);
    expect(shanghai.every((c) => c.vessel.fuel === 'methanol')).toBe(true);
    expect(others.filter((c) => c.vessel.fuel === 'methanol').length).toBeLessThan(others.length / 10);
  });
});
