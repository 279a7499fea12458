/** Shared by the cargo tests: ingest a fixture as a given party, snapshot the cargo read models. */
import { sql } from 'kysely';
import type { Platform } from '../../src/platform.js';
import { fixture } from '../support/fixtures.js';

export const CARGO_TABLES = [
  'container_fact',
  'container_link',
  'container_link_fact',
  'container_status',
  'container_milestone',
  'rail_move',
  'truck_appointment',
  'truck_visit',
  'terminal_kpi_daily',
  'terminal_kpi_source',
] as const;

/** Ingests a fixture (zone-less times read in San Pedro Bay's zone) and returns the outcome. */
export async function ingestFixture(platform: Platform, format: string, path: string, sourceOrg = 'local') {
  return platform.pipeline.ingest({
    format,
    body: fixture(path),
    channel: 'test',
    sourceOrg,
    timeZone: 'America/Los_Angeles',
  });
}

/** Every row of every cargo table, in a stable order, as plain JSON. */
export async function snapshotCargoTables(platform: Platform): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of CARGO_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      platform.database.db,
    );
    out[table] = rows
      .map((r) => JSON.parse(JSON.stringify(r)) as unknown)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}
