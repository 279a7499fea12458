/**
 * End to end on real data: the MarineCadastre extract of 2022-01-03 goes through the ingest pipeline into
 * a fresh store; `openpcs vessels --at 2022-01-03T00:20Z` (its function) must list the ships the raw rows
 * say were at berth and at anchor.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vesselsAtAnswer } from '../../src/cli/vessels-command.js';
import type { Platform } from '../../src/platform.js';
import type { VesselAtView } from '../../src/api/vessels/vessel-at-view.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import {
  CARGO_AT_ANCHOR,
  CARGO_AT_BERTH,
  EXPECTED_AT,
  TANKERS_AT_ANCHOR,
  TANKERS_AT_BERTH,
} from './expected-2022-01-03.js';

const extract = readFileSync(
  new URL('../vessel-calls/fixtures/marinecadastre-2022-01-03-san-pedro-bay.csv', import.meta.url),
);

const ofType = (views: readonly VesselAtView[], lo: number, hi: number): string[] =>
  views
    .filter((v) => (v.shipType ?? 0) >= lo && (v.shipType ?? 0) <= hi && (v.lengthM ?? Infinity) >= 60)
    .map((v) => v.mmsi);

describe.each(ENGINES)('openpcs vessels --at on the 2022-01-03 extract ($name)', (engine) => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform(engine);
    const outcome = await platform.pipeline.ingest({
      format: 'ais-csv-marinecadastre',
      body: extract,
      channel: 'test',
      sourceOrg: 'local',
      visibility: 'community',
    });
    expect(outcome.appended).toBeGreaterThan(2000);
  });
  afterAll(async () => {
    await platform.close();
  });

  it('should list the cargo ships and tankers at anchor and at berth', async () => {
    const answer = await vesselsAtAnswer(platform, EXPECTED_AT);
    expect(ofType(answer.atBerth, 70, 79)).toEqual(CARGO_AT_BERTH);
    expect(ofType(answer.atAnchor, 70, 79)).toEqual(CARGO_AT_ANCHOR);
    expect(ofType(answer.atBerth, 80, 89)).toEqual(TANKERS_AT_BERTH);
    expect(ofType(answer.atAnchor, 80, 89)).toEqual(TANKERS_AT_ANCHOR);
  });

  it('should name the ship, its terminal and since when it has been there', async () => {
    const answer = await vesselsAtAnswer(platform, EXPECTED_AT);
    const cosco = answer.atBerth.find((v) => v.mmsi === '477776200');
    expect(cosco).toMatchObject({ name: 'COSCO SPAIN', zone: { id: 'polb-lbct', port: 'USLGB' } });
    // Moored through the whole extract: since its first report of the day.
    expect(cosco!.since.slice(0, 13)).toBe('2022-01-03T00');
    expect(cosco!.since <= cosco!.observedAt).toBe(true);
    expect(answer.atAnchor.every((v) => v.zone?.kind === 'anchorage')).toBe(true);
  });

  it('should keep only the asked port', async () => {
    const all = await vesselsAtAnswer(platform, EXPECTED_AT);
    const lgb = await vesselsAtAnswer(platform, EXPECTED_AT, 'USLGB');
    expect(lgb.atBerth.length).toBeGreaterThan(0);
    expect(lgb.atBerth.every((v) => v.zone?.port === 'USLGB')).toBe(true);
    expect(lgb.atBerth.length).toBeLessThan(all.atBerth.length);
  });
});
