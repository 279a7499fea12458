/** Measures of a simulated run, for calibration checks, the CLI summary and the bench. */
import type { ContainerCall } from './container-call.js';
import type { SimPort } from './teu-calibration.js';

/**
 * TEU handled per calendar month (`YYYY-MM`) at a port: each call's exchange spread evenly over its crane
 * working time, as a port counts the boxes it moved in the month.
 */
export function monthlyTeu(calls: readonly ContainerCall[], port: SimPort): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of calls) {
    if (c.port !== port) continue;
    const teu = c.dischargeTeu + c.loadTeu;
    const span = Math.max(1, c.workEndMs - c.workStartMs);
    let t = c.workStartMs;
    while (t < c.workEndMs) {
      const d = new Date(t);
      const next = Math.min(c.workEndMs, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      const key = d.toISOString().slice(0, 7);
      out.set(key, (out.get(key) ?? 0) + (teu * (next - t)) / span);
      t = next;
    }
  }
  return out;
}

/** Container ships at anchor (official anchorages or outside them) waiting for a berth at instant t. */
export function shipsWaiting(calls: readonly ContainerCall[], t: number): { official: number; outside: number } {
  let official = 0;
  let outside = 0;
  for (const c of calls) {
    if (!c.anchorage || t < c.anchorage.startMs || t >= c.anchorage.endMs) continue;
    if (c.anchorage.zoneId === 'outside') outside++;
    else official++;
  }
  return { official, outside };
}

/** Hours a call spent at berth (first line to last line). */
export function berthHours(c: ContainerCall): number {
  return (c.unberthMs - c.berthedMs) / 3_600_000;
}
