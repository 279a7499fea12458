/**
 * A whole simulated month against the calibration (issue 12), cargo model only: the TEU of the boxes each
 * port moved within 5% of its 2018 figure for the month (../shared/datasets/san-pedro-bay-teu, shipped as
 * data-static/sim/san-pedro-bay-teu-2018.json), truck-bound import dwell 2.5–3.5 days and truck turn
 * 70–100 minutes on average (forecast-and-scale.md Table 7). January 2018 here (about 20 s of CPU); the
 * bench (`sim month calibration`) measures it too. Seed 7 gave POLA −0.6%, POLB −1.5%, dwell 2.91 d, turn 76.9 min;
 * August 2018: +2.1%, +1.6%, 2.91 d, 77.0 min.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { calibrateMonth, type MonthCalibration } from '../../src/sim/month-calibration.js';

const inputs = loadSimInputs();

describe.each([{ year: 2018, month: 1 }])('a simulated month, $year-$month (seed 7)', ({ year, month }) => {
  let result: MonthCalibration;
  // A month of boxes: about 20 s of CPU.
  beforeAll(() => {
    result = calibrateMonth(inputs, year, month, { seed: 7 });
  }, 240_000);

  it('should move each port’s 2018 monthly TEU within 5%', () => {
    for (const port of ['USLAX', 'USLGB'] as const) {
      const p = result.ports[port];
      expect(p.targetTeu).toBe(inputs.calibration.months[port][month - 1]!.totalTeu);
      expect(Math.abs(p.deviation), `${port} ${p.simulatedTeu} vs ${p.targetTeu}`).toBeLessThan(0.05);
      // About 100 and 85 container calls a month (1,200 and 1,040 a year).
      expect(p.calls).toBeGreaterThan(port === 'USLAX' ? 85 : 70);
      expect(p.calls).toBeLessThan(port === 'USLAX' ? 115 : 100);
    }
  });

  it('should keep truck-bound import dwell at 2.5–3.5 days and the truck turn at 70–100 minutes on average', () => {
    const { dwellDays, truckTurnMinutes, containers } = result.cargo;
    expect(containers.importsByTruck).toBeGreaterThan(100_000);
    expect(dwellDays.truck.mean).toBeGreaterThanOrEqual(2.5);
    expect(dwellDays.truck.mean).toBeLessThanOrEqual(3.5);
    expect(truckTurnMinutes.n).toBeGreaterThan(100_000);
    expect(truckTurnMinutes.mean).toBeGreaterThanOrEqual(70);
    expect(truckTurnMinutes.mean).toBeLessThanOrEqual(100);
  });
});
