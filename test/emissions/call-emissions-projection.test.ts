import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventProvenance } from '../../src/domain/canonical-event.js';
import type { Platform } from '../../src/platform.js';
import { callEmissionsProjection } from '../../src/projections/emissions/call-emissions-projection.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { vesselProjections } from '../../src/projections/vessels/vessel-projections.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { COSCO_SPAIN, coscoSpainCallEvents } from '../vessels/cosco-spain-call.js';

const PROVENANCE: EventProvenance = {
  source: 'test-ais',
  inboxId: null,
  sourceOrg: 'local',
  ownerOrgs: ['local'],
  visibility: 'community',
};

async function rows(platform: Platform): Promise<string[]> {
  const all = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().execute();
  return all.map((r) => JSON.stringify(r)).sort();
}

interface Mode {
  mode: string;
  hours: number;
  energyKwh: { main: number; auxiliary: number; boiler: number };
}

describe.each(ENGINES)('per-call emissions projection on $name', (engine) => {
  let platform: Platform;
  let runner: ProjectionRunner;
  beforeEach(async () => {
    platform = await testPlatform(engine);
    // Small pages: the call's positions span many transactions, as they do live.
    runner = new ProjectionRunner(
      platform.database.db,
      platform.events,
      [...vesselProjections(), callEmissionsProjection],
      97,
    );
  });
  afterEach(async () => {
    await platform.close();
  });

  it('turns the AIS of a call into one row per call with its modes, from estimated particulars', async () => {
    const events = coscoSpainCallEvents();
    for (let i = 0; i < events.length; i += 200) await platform.events.append(events.slice(i, i + 200), PROVENANCE);
    await runner.catchUpAll();

    const all = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().execute();
    expect(all).toHaveLength(1);
    const row = all[0]!;
    expect(row).toMatchObject({
      call_id: '477776200:2022-01-03T00:09',
      mmsi: COSCO_SPAIN.mmsi,
      terminal: 'polb-lbct',
      status: 'computed',
      particulars: 'estimated',
      method: 'ghg4-interval',
      visibility: 'community',
      owner_orgs: ['local'],
      shore_power_kwh: 0,
    });
    // 366 m → 14,000 TEU, 70 MW, 23 kn (typical neo-Panamax)
    expect(row.ship).toMatchObject({ shipType: 'container', teu: 14_000, mainEngineMcrKw: 70_000, designSpeedKn: 23 });
    expect(row.call_end?.toISOString()).toBe('2022-01-03T13:21:00.000Z');
    expect(row.as_of?.toISOString()).toBe('2022-01-03T13:21:00.000Z');
    expect(row.hours).toBeCloseTo(13.2, 9); // 00:09 → 13:21
    expect(row.positions_used).toBe(801 - 9 + 1); // one a minute, 00:09 to 13:21
    const modes = row.modes as unknown as Mode[];
    const hotel = modes.find((m) => m.mode === 'hotelling')!;
    // berth 02:50 → 12:50; Table 17 row 12,000–14,499 TEU: aux 1,300 kW, boiler 630 kW at berth
    expect(hotel.hours).toBeCloseTo(10, 9);
    expect(hotel.energyKwh.auxiliary).toBeCloseTo(13_000, 6);
    expect(hotel.energyKwh.boiler).toBeCloseTo(6_300, 6);
    expect(modes.find((m) => m.mode === 'anchorage')!.hours).toBeCloseTo(2, 9);
    // 21 min in at 10 kn, 20 min from anchor to berth at 6 kn, 31 min out at 8 kn: load ≤ 0.20 for a 23 kn ship
    expect(modes.find((m) => m.mode === 'manoeuvring')!.hours).toBeCloseTo(1.2, 9);
    expect(row.co2_g).toBeGreaterThan(0);
    expect(row.co2_g).toBeCloseTo(row.fuel_g * 3.206, 0); // every engine burns MDO
  });

  it('recomputes an open call as positions arrive, and a rebuild gives the same rows', async () => {
    const events = coscoSpainCallEvents();
    const half = events.filter((e) => e.eventDateTime < '2022-01-03T06:00');
    await platform.events.append(half, PROVENANCE);
    await runner.catchUpAll();
    const open = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(open.call_end).toBeNull();
    expect(open.call_status).toBe('at_berth');
    expect(open.as_of?.toISOString()).toBe('2022-01-03T05:59:00.000Z');
    expect(open.hours).toBeCloseTo((5 * 60 + 59 - 9) / 60, 9);

    await platform.events.append(
      events.filter((e) => e.eventDateTime >= '2022-01-03T06:00'),
      PROVENANCE,
    );
    await runner.catchUpAll();
    const live = await rows(platform);
    expect(live).toHaveLength(1);
    expect(JSON.parse(live[0]!)).toMatchObject({ call_status: 'departed', hours: expect.closeTo(13.2, 9) });

    await runner.rebuild('call-emissions');
    expect(await rows(platform)).toEqual(live);
  });

  it('lists a call of a ship without particulars with the reason, and no figures', async () => {
    const events = coscoSpainCallEvents().map((e) =>
      e.eventTypeCode === 'STAT' ? { ...e, payload: { ...e.payload, shipType: 80 } } : e,
    );
    await platform.events.append(events, PROVENANCE);
    await runner.catchUpAll();
    const row = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'no_particulars', particulars: 'none', co2_g: 0, ship: null });
    expect(row.reason).toMatch(/not a cargo ship/);
  });
});
