/**
 * Backtest report files: `<dir>/<id>.json` (what the API serves) and `<dir>/<id>.md` (for people). The default
 * directory is `<OPENPCS_DATA_DIR>/forecasts/backtests`, written by `openpcs forecast backtest` and read by
 * `GET /forecasts/backtests`.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportJson, reportMarkdown, type BacktestReport } from '../backtest-report.js';

export const REPORT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const backtestReportDir = (dataDir: string): string => join(dataDir, 'forecasts', 'backtests');

/** Writes both files (each through a temporary name, so a reader never sees half a file); returns their paths. */
export function writeBacktestReport(dir: string, report: BacktestReport): string[] {
  return writeReportFiles(dir, report.id, reportJson(report), reportMarkdown(report));
}

/** Writes `<id>.json` and `<id>.md` of any report (the JSON must carry `id`, `title`, `generatedAt`, `summary`). */
export function writeReportFiles(dir: string, id: string, json: string, markdown: string): string[] {
  if (!REPORT_ID_PATTERN.test(id)) throw new Error(`bad report id ${id}`);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [ext, body] of [
    ['json', json],
    ['md', markdown],
  ] as const) {
    const path = join(dir, `${id}.${ext}`);
    writeFileSync(`${path}.tmp`, body);
    renameSync(`${path}.tmp`, path);
    written.push(path);
  }
  return written;
}

export interface StoredReportSummary {
  readonly id: string;
  readonly title: string;
  readonly generatedAt: string;
  readonly summary: string;
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The reports in `dir` (none when it does not exist); files that are not reports are skipped. */
export function listBacktestReports(dir: string): StoredReportSummary[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: StoredReportSummary[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const id = name.slice(0, -'.json'.length);
    if (!REPORT_ID_PATTERN.test(id)) continue;
    const r = readBacktestReport(dir, id);
    if (r && typeof r.title === 'string' && typeof r.generatedAt === 'string') {
      out.push({
        id,
        title: r.title,
        generatedAt: r.generatedAt,
        summary: typeof r.summary === 'string' ? r.summary : '',
      });
    }
  }
  return out;
}

/** One report as stored, or null when there is none with this id (or the id is not a report id). */
export function readBacktestReport(dir: string, id: string): Record<string, unknown> | null {
  if (!REPORT_ID_PATTERN.test(id)) return null;
  try {
    const r = parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
    return r && r.id === id ? r : null;
  } catch {
    return null;
  }
}
