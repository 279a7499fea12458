/**
 * The ETA a container ship's master keys into the AIS transponder (type 5 static and voyage data), as masters
 * do it rather than as the model knows it. At the last port the master enters the pilot-boarding time of the
 * voyage plan (the carrier's schedule); under way the entry is revised only every few hours (a watch or two:
 * `ETA_UPDATE_EVERY_MS`), each time as the master's own estimate of the ship's arrival at the pilot boarding
 * area, which drifts from the plan towards the ship's actual passage as the voyage goes on, with an error that
 * grows with the time to go. Once anchored, the master enters the pilot boarding time booked through the agent.
 * Alongside, no ETA (the field says "not available"). ITU-R M.1371-5 Table 48 carries the ETA as UTC month,
 * day, hour and minute (no year, no seconds), so the estimate is rounded to the minute. Deterministic: the
 * noise of an update comes from a PRNG stream named by the call and the update's number, so any instant of
 * one update period gives the same ETA, whatever window the reporter is asked for. Pure.
 */
import { Prng } from '../prng.js';
import { MINUTE, HOUR } from '../../domain/time-units.js';

/** How often the master revises the ETA under way (every 4 hours: once a navigational watch). */
export const ETA_UPDATE_EVERY_MS = 4 * HOUR;
/** Standard deviation of the master's error, hours: a floor (the pilot's timing, currents) ... */
const ERROR_SD_FLOOR_H = 0.15;
/** ... plus this share of the hours to go (weather and speed changes over the rest of the passage). */
const ERROR_SD_PER_HOUR_TO_GO = 0.02;

export interface MasterEtaPlan {
  /** PRNG key of the call (the seed's run and the call id): the noise of each update is drawn from it. */
  readonly key: string;
  /** When the ship left the last port: the master's first ETA entry, and the origin of the update periods. */
  readonly departedPreviousMs: number;
  /** Pilot boarding as planned at the last port (the carrier's schedule). */
  readonly plannedPilotMs: number;
  /** When the ship itself reaches the pilot boarding area at its passage speed (what the estimate converges to). */
  readonly expectedPilotMs: number;
  /** Anchored waiting for a berth from this instant, with the pilot booked for `bookedPilotMs`; null: straight in. */
  readonly anchoredMs: number | null;
  readonly bookedPilotMs: number;
  /** Alongside from this instant: no ETA from then on. */
  readonly berthedMs: number;
}

/** The ETA fields of an AIS type 5 message (UTC), ITU-R M.1371-5 Table 48. */
export interface AisEtaFields {
  readonly etaMonth: number;
  readonly etaDay: number;
  readonly etaHour: number;
  readonly etaMinute: number;
}

/** Standard deviation of the master's ETA error, hours, with `hoursToGo` left to the pilot station. */
export function masterEtaErrorSdHours(hoursToGo: number): number {
  return ERROR_SD_FLOOR_H + ERROR_SD_PER_HOUR_TO_GO * Math.max(0, hoursToGo);
}

/** The master's ETA (ms, whole minutes) broadcast at `atMs`; null once alongside. */
export function masterEtaMs(plan: MasterEtaPlan, atMs: number): number | null {
  if (atMs >= plan.berthedMs) return null;
  const n = Math.floor((atMs - plan.departedPreviousMs) / ETA_UPDATE_EVERY_MS);
  if (n <= 0) return roundToMinute(plan.plannedPilotMs);
  const updatedMs = plan.departedPreviousMs + n * ETA_UPDATE_EVERY_MS;
  if (plan.anchoredMs !== null && updatedMs >= plan.anchoredMs) return roundToMinute(plan.bookedPilotMs);
  const hoursToGo = Math.max(0, (plan.expectedPilotMs - updatedMs) / HOUR);
  const passageHours = Math.max(1, (plan.expectedPilotMs - plan.departedPreviousMs) / HOUR);
  // The plan's lateness (or earliness) still believed: all of it at departure, none on arrival.
  const planWeight = Math.min(1, hoursToGo / passageHours);
  const noiseH = new Prng(`${plan.key}/master-eta/${n}`).normal(0, masterEtaErrorSdHours(hoursToGo));
  const estimate = plan.expectedPilotMs + planWeight * (plan.plannedPilotMs - plan.expectedPilotMs) + noiseH * HOUR;
  return roundToMinute(estimate);
}

/** The master's ETA at `atMs` as the type 5 fields (UTC month, day, hour, minute); null once alongside. */
export function masterEtaFields(plan: MasterEtaPlan, atMs: number): AisEtaFields | null {
  const ms = masterEtaMs(plan, atMs);
  if (ms === null) return null;
  const d = new Date(ms);
  return {
    etaMonth: d.getUTCMonth() + 1,
    etaDay: d.getUTCDate(),
    etaHour: d.getUTCHours(),
    etaMinute: d.getUTCMinutes(),
  };
}

function roundToMinute(ms: number): number {
  return Math.round(ms / MINUTE) * MINUTE;
}
