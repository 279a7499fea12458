/** What `openpcs forecast anchorage-queue` prints: the answer of `GET /forecasts/anchorage-queue` for the local operator. */
import { LOCAL_OPERATOR } from '../access/access-scope.js';
import { AnchorageQueueReader, type AnchorageQueueAnswer } from '../api/forecasts/anchorage-queue-reader.js';
import { loadAnchorageCalibration } from '../forecast/io/calibration-files.js';
import { loadGeography } from '../geo/load-geography.js';
import type { Platform } from '../platform.js';

/** The anchorage queue as `GET /forecasts/anchorage-queue` answers it, for the local operator (sees every position). */
export function anchorageQueueAnswer(platform: Platform, days: number, now: Date): Promise<AnchorageQueueAnswer> {
  return new AnchorageQueueReader(platform.database.db, loadGeography(), loadAnchorageCalibration()).queue(
    days,
    LOCAL_OPERATOR,
    now,
  );
}

export function queueText(a: AnchorageQueueAnswer): string {
  const lines = [`Ships at anchor at ${a.generatedAt} (${a.atAnchor.length}; not modelled: ${a.notModelled})`];
  for (const s of a.atAnchor) {
    lines.push(
      `  ${(s.name ?? '?').padEnd(24)} ${s.mmsi}  ${(s.anchorage ?? 'outside the anchorages').padEnd(30)} since ` +
        `${s.since.slice(0, 16).replace('T', ' ')}  ${s.terminal ?? '-'}`,
    );
  }
  lines.push('', 'Container ships at anchor, forecast (80% / 95% interval)');
  for (const d of a.forecast) {
    const iv = d.intervals.map((i) => `${i.lower}-${i.upper}`).join(' / ');
    lines.push(`  +${d.dayAhead} d (${d.at.slice(0, 16).replace('T', ' ')}): ${d.ships}  ${iv}`);
  }
  return lines.join('\n');
}
