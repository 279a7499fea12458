/**
 * The master's ETA in AIS type 5 (issue 12): the pilot-boarding time planned at the last port, revised only
 * every few hours, with an error that shrinks as the ship closes the port; whole UTC minutes as ITU-R
 * M.1371-5 carries them; deterministic. And the simulator broadcasts exactly that rule.
 */
import { describe, expect, it } from 'vitest';
import { decodeToObjects } from '../ais/ais-decode-to-objects.js';
import { AisReporter } from '../../src/sim/ais/ais-reporter.js';
import {
  ETA_UPDATE_EVERY_MS,
  masterEtaErrorSdHours,
  masterEtaFields,
  masterEtaMs,
  type MasterEtaPlan,
} from '../../src/sim/ais/master-eta.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { simulateContainerPort } from '../../src/sim/port-model.js';
import { parseScenario } from '../../src/sim/scenario.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2018, 4, 1, 7, 13, 21);

/** A straight-in call: 12 days from the last port, 9 hours late against the plan. */
function plan(key: string, over: Partial<MasterEtaPlan> = {}): MasterEtaPlan {
  const expectedPilotMs = T0 + 288 * HOUR + 17_345;
  return {
    key,
    departedPreviousMs: T0,
    plannedPilotMs: expectedPilotMs - 9 * HOUR,
    expectedPilotMs,
    anchoredMs: null,
    bookedPilotMs: expectedPilotMs,
    berthedMs: expectedPilotMs + 2 * HOUR,
    ...over,
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the master’s ETA', () => {
  it('should start as the pilot-boarding time planned at the last port, to the minute', () => {
    const p = plan('a');
    const eta = masterEtaMs(p, T0 + HOUR);
    expect(eta).toBe(Math.round(p.plannedPilotMs / MINUTE) * MINUTE);
  });

  it('should be deterministic, and change only when the master revises it (every few hours)', () => {
    const p = plan('b');
    const values: number[] = [];
    for (let t = T0; t < p.expectedPilotMs; t += 10 * MINUTE) values.push(masterEtaMs(p, t)!);
    for (let t = T0, i = 0; t < p.expectedPilotMs; t += 10 * MINUTE, i++) expect(masterEtaMs(p, t)).toBe(values[i]);
    const changes = values.filter((v, i) => i > 0 && v !== values[i - 1]).length;
    expect(changes).toBeGreaterThan(10);
    expect(changes).toBeLessThanOrEqual(Math.ceil((p.expectedPilotMs - T0) / ETA_UPDATE_EVERY_MS));
    // Any instant of one update period gives the same ETA.
    const start = T0 + 10 * ETA_UPDATE_EVERY_MS;
    expect(masterEtaMs(p, start + ETA_UPDATE_EVERY_MS - 1)).toBe(masterEtaMs(p, start));
    // Another call draws other noise.
    expect(masterEtaMs(plan('c'), start)).not.toBe(masterEtaMs(p, start));
  });

  it('should err more the longer the time to go, and converge on the ship’s own arrival', () => {
    const errorAt = (hoursToGo: number): number[] =>
      Array.from({ length: 400 }, (_, i) => {
        const p = plan(`call-${i}`);
        return Math.abs(masterEtaMs(p, p.expectedPilotMs - hoursToGo * HOUR)! - p.expectedPilotMs) / HOUR;
      });
    const far = mean(errorAt(200));
    const day = mean(errorAt(48));
    const near = mean(errorAt(6));
    expect(far).toBeGreaterThan(day);
    expect(day).toBeGreaterThan(near);
    // 9 hours late against the plan: most of it still believed 200 h out, little of it 6 h out.
    expect(far).toBeGreaterThan(4);
    expect(near).toBeLessThan(1);
    expect(masterEtaErrorSdHours(48)).toBeGreaterThan(masterEtaErrorSdHours(6));
  });

  it('should broadcast the pilot booking once anchored, and nothing once alongside', () => {
    const p = plan('d', {
      anchoredMs: T0 + 290 * HOUR,
      bookedPilotMs: T0 + 340 * HOUR + 29_999,
      berthedMs: T0 + 342 * HOUR,
    });
    const firstUpdateAnchored = T0 + Math.ceil(290 / 4) * 4 * HOUR;
    expect(masterEtaMs(p, firstUpdateAnchored + MINUTE)).toBe(Math.round(p.bookedPilotMs / MINUTE) * MINUTE);
    expect(masterEtaMs(p, p.berthedMs)).toBeNull();
    expect(masterEtaFields(p, p.berthedMs + HOUR)).toBeNull();
  });

  it('should give UTC month, day, hour and minute, across a month end', () => {
    const planned = Date.UTC(2018, 0, 31, 23, 59, 40);
    const p = plan('e', {
      departedPreviousMs: planned - 300 * HOUR,
      plannedPilotMs: planned,
      expectedPilotMs: planned,
    });
    expect(masterEtaFields(p, p.departedPreviousMs)).toEqual({ etaMonth: 2, etaDay: 1, etaHour: 0, etaMinute: 0 });
    for (let t = p.departedPreviousMs; t < planned; t += ETA_UPDATE_EVERY_MS) {
      const ms = masterEtaMs(p, t)!;
      expect(ms % MINUTE).toBe(0);
      const d = new Date(ms);
      expect(masterEtaFields(p, t)).toEqual({
        etaMonth: d.getUTCMonth() + 1,
        etaDay: d.getUTCDate(),
        etaHour: d.getUTCHours(),
        etaMinute: d.getUTCMinutes(),
      });
    }
  });
});

describe('the simulator’s type 5 ETA', () => {
  it('should be the master’s ETA of the call, not its planned berthing', () => {
    const parsed = parseScenario({ seed: 7, days: 0.5, warmupDays: 3, start: '2018-05-07T00:00:00Z' });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const run = simulateContainerPort(parsed.scenario, loadSimInputs());
    const { startMs, endMs } = parsed.scenario;
    const tracks = run.tracks.filter((t) => t.masterEta !== undefined && t.masterEta.berthedMs > startMs);
    expect(tracks.length).toBeGreaterThan(3);
    const decoded = decodeToObjects(`${new AisReporter(tracks).linesIn(startMs, endMs).join('\n')}\n`);
    let checked = 0;
    let offBerthing = 0;
    for (const { message, envelope } of decoded.messages) {
      if (message.type !== 5) continue;
      const track = tracks.find(
        (t) =>
          t.vessel.mmsi === message.mmsi &&
          t.legs[0]!.startMs <= envelope.timeMs! &&
          t.legs.at(-1)!.endMs > envelope.timeMs!,
      )!;
      const expected = masterEtaFields(track.masterEta!, envelope.timeMs!);
      if (expected === null) {
        expect(message.etaMonth).toBeNull();
        continue;
      }
      expect({
        etaMonth: message.etaMonth,
        etaDay: message.etaDay,
        etaHour: message.etaHour,
        etaMinute: message.etaMinute,
      }).toEqual(expected);
      const berthing = new Date(track.masterEta!.berthedMs);
      if (expected.etaHour !== berthing.getUTCHours() || expected.etaMinute !== berthing.getUTCMinutes()) {
        offBerthing++;
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(offBerthing).toBeGreaterThan(checked / 2);
  });
});
