/**
 * The simulator's AIS output (issue 12): every line decodes with the product's decoder and ingests through
 * the product's `ais-nmea` parser with zero rejections; gpsd agrees on a sample; reporting intervals follow
 * ITU-R M.1371-5 Annex 1 Table 1; ships keep to the geography (lanes, anchorages, berths).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeToObjects } from '../ais/ais-decode-to-objects.js';
import { aisNmeaParser } from '../../src/ingest/ais/ais-nmea-parser.js';
import type { AisPositionReportA } from '../../src/ingest/ais/ais-types.js';
import { AisReporter, SATELLITE_POSITION_INTERVAL_S } from '../../src/sim/ais/ais-reporter.js';
import { INBOUND_LANE } from '../../src/sim/approach-routes.js';
import { loadSimInputs } from '../../src/sim/io/load-sim-inputs.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';

const inputs = loadSimInputs();
const parsed = parseScenario({ seed: 7, days: 0.25, warmupDays: 5 });
if (!parsed.ok) throw new Error(parsed.errors.join());
const run = simulate(parsed.scenario, inputs);
const { startMs, endMs } = parsed.scenario;
const lines = new AisReporter(run.tracks).linesIn(startMs, endMs);
const text = `${lines.join('\n')}\n`;
const decoded = decodeToObjects(text);

describe('simulated AIS (6 hours, seed 7)', () => {
  it('should decode every line with the product decoder, with zero rejections', () => {
    expect(lines.length).toBeGreaterThan(5_000);
    expect(decoded.rejected).toEqual([]);
    const twoPart = lines.filter((l) => l.includes('!AIVDM,2,')).length;
    expect(decoded.messages.length).toBe(lines.length - twoPart / 2);
    expect(new Set(decoded.messages.map((m) => m.message.type))).toEqual(new Set([1, 5]));
  });

  it('should ingest through the ais-nmea parser with zero dead letters', () => {
    const result = aisNmeaParser.parse(Buffer.from(text), {
      inboxId: '1',
      receivedAt: new Date(endMs).toISOString(),
      sourceOrg: 'sim',
      timeZone: 'UTC',
    });
    expect(result.rejected).toEqual([]);
    expect(result.events.length).toBeGreaterThan(1_000);
    // Observation times come from the tag blocks, inside the simulated window.
    for (const e of result.events) {
      const t = Date.parse(e.eventDateTime);
      expect(t).toBeGreaterThanOrEqual(startMs);
      expect(t).toBeLessThan(endMs);
    }
  });

  it('should report at the M.1371 Class A intervals: 3 min moored or anchored, 10 s to 14 kn, 6 s to 23 kn, 2 s above', () => {
    const byMmsi = new Map<number, { t: number; m: AisPositionReportA }[]>();
    for (const { message, envelope } of decoded.messages) {
      if (message.type !== 1) continue;
      byMmsi.set(message.mmsi, [...(byMmsi.get(message.mmsi) ?? []), { t: envelope.timeMs ?? Number.NaN, m: message }]);
    }
    let checked = 0;
    let offshoreChecked = 0;
    for (const reports of byMmsi.values()) {
      for (let i = 1; i < reports.length; i++) {
        const a = reports[i - 1]!;
        const b = reports[i]!;
        if (a.m.navStatus !== b.m.navStatus || a.m.sog !== b.m.sog) continue; // a leg boundary
        const gap = (b.t - a.t) / 1000;
        const sog = a.m.sog ?? 0;
        const anchoredOrMoored = a.m.navStatus === 1 || a.m.navStatus === 5;
        const classA = anchoredOrMoored && sog <= 3 ? 180 : sog <= 14 ? 10 : sog <= 23 ? 6 : 2;
        // On the ocean passage, before the inbound lanes (west of the western one, south of the southern one),
        // satellite AIS hears a position every 5 minutes.
        const offshore =
          (a.m.lon ?? 0) < INBOUND_LANE.western[0]!.lon || (a.m.lat ?? 90) < INBOUND_LANE.southern[0]!.lat;
        expect(gap).toBe(offshore ? Math.max(classA, SATELLITE_POSITION_INTERVAL_S) : classA);
        if (offshore) offshoreChecked++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1_000);
    expect(offshoreChecked).toBeGreaterThan(100);
  });

  it('should thin positions to one per vessel per aisPositionEveryS seconds (longer intervals kept), static data untouched', () => {
    const thinned = new AisReporter(run.tracks, { positionEveryS: 60 }).linesIn(startMs, endMs);
    const positions = (ls: string[]) => ls.filter((l) => !l.includes('!AIVDM,2,'));
    const staticLines = (ls: string[]) => ls.filter((l) => l.includes('!AIVDM,2,'));
    expect(staticLines(thinned)).toEqual(staticLines(lines));
    expect(positions(thinned).length).toBeGreaterThan(0);
    expect(positions(thinned).length).toBeLessThan(positions(lines).length / 2);
    const byMmsi = new Map<number, { t: number; m: AisPositionReportA }[]>();
    for (const { message, envelope } of decodeToObjects(`${thinned.join('\n')}\n`).messages) {
      if (message.type !== 1) continue;
      byMmsi.set(message.mmsi, [...(byMmsi.get(message.mmsi) ?? []), { t: envelope.timeMs ?? Number.NaN, m: message }]);
    }
    let checked = 0;
    for (const reports of byMmsi.values()) {
      for (let i = 1; i < reports.length; i++) {
        const a = reports[i - 1]!;
        const b = reports[i]!;
        if (a.m.navStatus !== b.m.navStatus || a.m.sog !== b.m.sog) continue; // a leg boundary
        const anchoredOrMoored = (a.m.navStatus === 1 || a.m.navStatus === 5) && (a.m.sog ?? 0) <= 3;
        const offshore =
          (a.m.lon ?? 0) < INBOUND_LANE.western[0]!.lon || (a.m.lat ?? 90) < INBOUND_LANE.southern[0]!.lat;
        expect((b.t - a.t) / 1000).toBe(anchoredOrMoored ? 180 : offshore ? SATELLITE_POSITION_INTERVAL_S : 60);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // 0 (the default) is the Class A intervals as they are.
    expect(new AisReporter(run.tracks, { positionEveryS: 0 }).linesIn(startMs, endMs)).toEqual(lines);
  });

  it('should send static and voyage data (type 5) every 6 minutes per vessel (30 offshore), with valid IMO numbers', () => {
    const times = new Map<number, number[]>();
    for (const { message, envelope } of decoded.messages) {
      if (message.type !== 5) continue;
      times.set(message.mmsi, [...(times.get(message.mmsi) ?? []), envelope.timeMs ?? Number.NaN]);
      if (message.imo !== null) expect(String(message.imo)).toMatch(/^9\d{6}$/);
    }
    expect(times.size).toBeGreaterThan(20);
    const gaps = new Map<number, number>();
    for (const ts of times.values()) {
      for (let i = 1; i < ts.length; i++) gaps.set(ts[i]! - ts[i - 1]!, (gaps.get(ts[i]! - ts[i - 1]!) ?? 0) + 1);
    }
    // Every 6 minutes in range of the shore receivers; every fifth one heard by satellite on the ocean passage
    // (a gap of 6 to 30 minutes where a ship crosses into range).
    for (const gap of gaps.keys()) {
      expect(gap % 360_000 === 0 && gap >= 360_000 && gap <= 1_800_000, String(gap)).toBe(true);
    }
    expect(gaps.get(360_000)).toBeGreaterThan(100);
    expect(gaps.get(1_800_000)).toBeGreaterThan(10);
  });

  it('should anchor ships only in anchorages or outside the port limits, and never sail through a TSS separation zone', () => {
    const geo = inputs.geography;
    let moored = 0;
    for (const { message } of decoded.messages) {
      if (message.type !== 1 || message.lat === null || message.lon === null) continue;
      if (message.navStatus === 1) {
        const inAnchorage = geo.zonesAt(message.lat, message.lon, ['anchorage']).length > 0;
        const inPortLimits = geo.zonesAt(message.lat, message.lon, ['port_limits']).length > 0;
        expect(inAnchorage || !inPortLimits).toBe(true);
      }
      if (message.navStatus === 5) moored++;
      // Nobody sails through a TSS separation zone.
      expect(geo.zonesAt(message.lat, message.lon, ['traffic_separation_scheme'])).toEqual([]);
    }
    expect(moored).toBeGreaterThan(100);
  });

  it.skipIf(spawnSync('gpsdecode', ['-V']).status !== 0)('should decode to the same fields in gpsd (gpsdecode)', () => {
    const sample = lines.slice(0, 400).map((l) => l.replace(/^\\[^\\]*\\/, ''));
    const out = spawnSync('gpsdecode', ['-j', '-u'], { input: `${sample.join('\n')}\n`, encoding: 'utf8' });
    const gpsd = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number | string>);
    const ours = decodeToObjects(`${sample.join('\n')}\n`).messages.map((m) => m.message);
    expect(gpsd.length).toBe(ours.length);
    ours.forEach((m, i) => {
      const g = gpsd[i]!;
      expect(g['mmsi']).toBe(m.mmsi);
      expect(g['type']).toBe(m.type);
      if (m.type === 1) {
        expect(g['lat']).toBe(Math.round((m.lat ?? 91) * 600_000));
        expect(g['lon']).toBe(Math.round((m.lon ?? 181) * 600_000));
        expect(g['speed']).toBe(Math.round((m.sog ?? 102.3) * 10));
        expect(g['status']).toBe(m.navStatus);
      }
      if (m.type === 5) {
        expect(g['shipname']).toBe(m.name);
        expect(g['imo']).toBe(m.imo ?? 0);
        expect(g['destination']).toBe(m.destination);
      }
    });
  });
});
