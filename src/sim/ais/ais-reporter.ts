/**
 * What the simulated vessels broadcast on AIS, as a shore receiver in San Pedro Bay hears it: position
 * reports (type 1) at the Class A reporting intervals of ITU-R M.1371-5 Annex 1 Table 1 (at anchor or
 * moored and not moving faster than 3 kn: 3 min; 0–14 kn: 10 s; 14–23 kn: 6 s; over 23 kn: 2 s; the shorter
 * intervals while changing course are not modelled) and static and voyage data (type 5) every 6 minutes; on
 * the ocean passage, beyond the shore receivers, what satellite AIS hears (a position every 5 minutes, static
 * data every 30).
 * Each line carries an IEC 62320-1 tag block with the source and the Unix time (`\s:...,c:...*hh\`), which
 * the product's ingestion takes as the observation time. Lines come out in time order, one window at a
 * time, so a month never sits in memory. Pure.
 */
import { fixOf, legIndexAt, type Fix, type Leg, type Track } from '../track.js';
import { checksum, positionASentences, staticVoyageSentences } from './ais-encoder.js';
import { masterEtaFields, type AisEtaFields } from './master-eta.js';

export const SIM_AIS_SOURCE = 'OPENPCS-SIM';
const STATIC_INTERVAL_S = 360;
/**
 * On the ocean passage, out of range of the shore receivers, a ship is heard by satellite AIS: one position
 * every 5 minutes and one static report every 30 minutes (every fifth 6-minute transmission) get through.
 */
export const SATELLITE_POSITION_INTERVAL_S = 300;
const SATELLITE_STATIC_EVERY = 5;

/**
 * Reporting interval in seconds for a Class A ship in this state (M.1371-5 Annex 1 Table 1), on the speed
 * as reported (0.1 kn): a ship waiting under way at 0 kn still reports every 10 s.
 */
export function reportingIntervalS(fix: Fix): number {
  const sog = Math.round(fix.sogKn * 10) / 10;
  if ((fix.navStatus === 1 || fix.navStatus === 5) && sog <= 3) return 180;
  if (sog <= 14) return 10;
  if (sog <= 23) return 6;
  return 2;
}

function tagBlock(timeS: number): string {
  const body = `s:${SIM_AIS_SOURCE},c:${timeS}`;
  return `\\${body}*${checksum(body)}\\`;
}

interface Pending {
  readonly timeS: number;
  readonly mmsi: number;
  readonly kind: number;
  readonly sentences: readonly string[];
}

/** Index of the first leg that ends after t (legs are sorted and contiguous). */
function firstLegEndingAfter(legs: readonly Leg[], t: number): number {
  let lo = 0;
  let hi = legs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (legs[mid]!.endMs <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First whole second ≥ fromS that is ≡ phase (mod interval). */
function firstTick(fromS: number, interval: number, phase: number): number {
  const r = (((fromS - phase) % interval) + interval) % interval;
  return r === 0 ? fromS : fromS + interval - r;
}

/** Harbour traffic without a master's ETA plan (tankers, cruise ships, ferries): the start of its next berthing. */
function nextBerthing(track: Track, t: number): AisEtaFields | null {
  for (let i = firstLegEndingAfter(track.legs, t * 1000); i < track.legs.length; i++) {
    const l = track.legs[i]!;
    if (!l.moving && l.navStatus === 5 && l.startMs >= t * 1000) {
      const d = new Date(l.startMs);
      return {
        etaMonth: d.getUTCMonth() + 1,
        etaDay: d.getUTCDate(),
        etaHour: d.getUTCHours(),
        etaMinute: d.getUTCMinutes(),
      };
    }
  }
  return null;
}

export interface AisReporterOptions {
  /**
   * At most one position report per vessel every this many seconds (the scenario's `aisPositionEveryS`, a
   * thinning knob for long replays); a longer Class A interval is kept. 0 or absent: Class A intervals only.
   */
  readonly positionEveryS?: number | undefined;
}

export class AisReporter {
  readonly #tracks: readonly Track[];
  readonly #positionEveryS: number;

  constructor(tracks: readonly Track[], options: AisReporterOptions = {}) {
    this.#tracks = tracks;
    this.#positionEveryS = options.positionEveryS ?? 0;
  }

  /** The NMEA lines (tag block + sentence) for [fromMs, toMs), in time order, then MMSI. */
  linesIn(fromMs: number, toMs: number): string[] {
    const pending: Pending[] = [];
    const fromS = Math.ceil(fromMs / 1000);
    const toS = Math.ceil(toMs / 1000);
    for (const track of this.#tracks) {
      const legs = track.legs;
      if (legs.length === 0) continue;
      const trackStartS = Math.ceil(legs[0]!.startMs / 1000);
      const trackEndS = Math.ceil(legs[legs.length - 1]!.endMs / 1000);
      if (trackEndS <= fromS || trackStartS >= toS) continue;
      const v = track.vessel;
      for (let i = firstLegEndingAfter(legs, fromS * 1000); i < legs.length; i++) {
        const leg = legs[i]!;
        if (leg.startMs >= toS * 1000) break;
        const a = Math.max(fromS, Math.ceil(leg.startMs / 1000));
        const b = Math.min(toS, Math.ceil(leg.endMs / 1000));
        if (a >= b) continue;
        const interval = Math.max(
          this.#positionEveryS,
          reportingIntervalS(fixOf(leg, leg.startMs)),
          leg.offshore ? SATELLITE_POSITION_INTERVAL_S : 0,
        );
        for (let t = firstTick(a, interval, v.mmsi % interval); t < b; t += interval) {
          const fix = fixOf(leg, t * 1000);
          const sentences = positionASentences(
            {
              type: 1,
              repeat: 0,
              mmsi: v.mmsi,
              navStatus: fix.navStatus,
              turn: leg.moving ? 0 : null,
              sog: Math.round(fix.sogKn * 10) / 10,
              accuracy: true,
              lon: fix.lon,
              lat: fix.lat,
              cog: Math.round(fix.cogDeg * 10) / 10 >= 360 ? 0 : Math.round(fix.cogDeg * 10) / 10,
              heading: fix.headingDeg,
              second: t % 60,
              maneuver: 0,
              raim: false,
              radio: (3 << 14) | (t % 2250),
            },
            (t + v.mmsi) % 2 === 0 ? 'A' : 'B',
          );
          pending.push({ timeS: t, mmsi: v.mmsi, kind: 1, sentences });
        }
      }
      const a = Math.max(fromS, trackStartS);
      const b = Math.min(toS, trackEndS);
      for (let t = firstTick(a, STATIC_INTERVAL_S, v.mmsi % STATIC_INTERVAL_S); t < b; t += STATIC_INTERVAL_S) {
        const at = legs[legIndexAt(legs, t * 1000)];
        if (at?.offshore && Math.floor(t / STATIC_INTERVAL_S) % SATELLITE_STATIC_EVERY !== 0) continue;
        pending.push({ timeS: t, mmsi: v.mmsi, kind: 5, sentences: this.#static(track, t) });
      }
    }
    pending.sort((x, y) => x.timeS - y.timeS || x.mmsi - y.mmsi || x.kind - y.kind);
    const lines: string[] = [];
    for (const p of pending) {
      const tag = tagBlock(p.timeS);
      for (const s of p.sentences) lines.push(tag + s);
    }
    return lines;
  }

  #static(track: Track, t: number): string[] {
    const v = track.vessel;
    const toBow = Math.min(511, Math.round(v.lengthM * 0.8));
    const toPort = Math.min(63, Math.round(v.beamM / 2));
    const eta = track.masterEta ? masterEtaFields(track.masterEta, t * 1000) : nextBerthing(track, t);
    return staticVoyageSentences(
      {
        type: 5,
        repeat: 0,
        mmsi: v.mmsi,
        aisVersion: 0,
        imo: v.imo === null ? null : Number(v.imo),
        callsign: v.callsign,
        name: v.name,
        shipType: v.aisShipType,
        toBow,
        toStern: Math.min(511, Math.round(v.lengthM) - toBow),
        toPort,
        toStarboard: Math.min(63, Math.round(v.beamM) - toPort),
        epfd: 1,
        etaMonth: eta?.etaMonth ?? null,
        etaDay: eta?.etaDay ?? null,
        etaHour: eta?.etaHour ?? null,
        etaMinute: eta?.etaMinute ?? null,
        draught: v.draughtM,
        destination: track.destination,
        dte: false,
      },
      'A',
      // Sequential message id 0–9 of the two-sentence message: a function of MMSI and time, so any window
      // split gives the same lines.
      (v.mmsi + Math.floor(t / STATIC_INTERVAL_S)) % 10,
    );
  }
}
