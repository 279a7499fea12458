/** The shipped monthly TEU dataset (data-static/teu/, README there), read once per process. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../geo/geo-data-path.js';
import { parseMonthlyTeuCsv, type MonthlyTeuRow } from '../monthly-teu-csv.js';

export const MONTHLY_TEU_FILE = join('data-static', 'teu', 'monthly_teu.csv');

let rows: readonly MonthlyTeuRow[] | undefined;

export function loadMonthlyTeu(): readonly MonthlyTeuRow[] {
  rows ??= Object.freeze(parseMonthlyTeuCsv(readFileSync(join(packageRoot(), MONTHLY_TEU_FILE), 'utf8')));
  return rows;
}
