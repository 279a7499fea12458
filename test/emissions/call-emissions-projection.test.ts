import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventProvenance } from '../../src/domain/canonical-event.js';
import type { Platform } from '../../src/platform.js';
import { callEmissionsProjection } from '../../src/projections/emissions/call-emissions-projection.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { vesselProjections } from '../../src/projections/vessels/vessel-projections.js';
import { shorePowerParser } from '../../src/ingest/csv/cargo/shore-power-parser.js';
import { vesselParticularsParser } from '../../src/ingest/csv/vessel-particulars/vessel-particulars-parser.js';
import { vesselScheduleParser } from '../../src/ingest/csv/vessel-schedule-parser.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import {
  COSCO_SPAIN,
  COSCO_SPAIN_PROVENANCE as PROVENANCE,
  coscoSpainCallEvents,
} from '../vessels/cosco-spain-call.js';

async function rows(platform: Platform): Promise<string[]> {
  const all = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().execute();
  return all.map((r) => JSON.stringify(r)).sort();
}

/** LBCT's statement of COSCO SPAIN's session at berth (02:50–12:50): plugged 03:40–12:10, metered when given. */
function shorePowerEvents(energyKwh: string, disconnectedAt = '2022-01-03T12:10:00Z') {
  const body = [
    'terminal,port,berth,imo,mmsi,connected_at,disconnected_at,energy_kwh,as_of',
    `LBCT,USLGB,F10,9516442,477776200,2022-01-03T03:40:00Z,${disconnectedAt},${energyKwh},2022-01-03T12:20:00Z`,
  ].join('\n');
  const result = shorePowerParser.parse(new TextEncoder().encode(body), {
    inboxId: 'test-shore-power',
    receivedAt: '2022-01-03T12:21:00Z',
    sourceOrg: 'lbct',
    timeZone: 'UTC',
  });
  expect(result.rejected).toEqual([]);
  return result.events;
}

/** A carrier's schedule naming COSCO SPAIN (its next call, at Shanghai): the carrier speaks of the vessel. */
function scheduleEvents(sourceOrg: string) {
  const body = ['vessel_imo,voyage,port,eta', '9516442,055W,CNSHA,2022-01-20T00:00:00Z'].join('\n');
  const result = vesselScheduleParser.parse(new TextEncoder().encode(body), {
    inboxId: 'test-schedule',
    receivedAt: '2022-01-04T12:00:00Z',
    sourceOrg,
    timeZone: 'UTC',
  });
  expect(result.rejected).toEqual([]);
  return result.events;
}

/** COSCO's statement of COSCO SPAIN's particulars (13,386 TEU, 68.6 MW, 24.5 kn, HFO, built 2011); no sulphur. */
function particularsEvents(asOf = '2022-01-04T00:00:00Z', mainEngineKw = '68640') {
  const body = [
    'imo,mmsi,vessel_name,ship_type,teu,dwt,gt,main_engine_kw,aux_engine_kw,design_speed_kn,max_draught_m,main_engine,engine_stroke,fuel,sulphur_pct,built_year,shore_power,zero_emission,as_of',
    `9516442,477776200,COSCO SPAIN,container,13386,,,${mainEngineKw},,24.5,15.5,,2,HFO,,2011,Y,,${asOf}`,
  ].join('\n');
  const result = vesselParticularsParser.parse(new TextEncoder().encode(body), {
    inboxId: 'test-particulars',
    receivedAt: asOf,
    sourceOrg: 'coscon',
    timeZone: 'UTC',
  });
  expect(result.rejected).toEqual([]);
  return result.events;
}

const CARRIER: EventProvenance = {
  source: 'csv-vessel-particulars',
  inboxId: null,
  sourceOrg: 'coscon',
  ownerOrgs: ['coscon'],
  visibility: 'community',
};

const TERMINAL: EventProvenance = {
  source: 'csv-shore-power',
  inboxId: null,
  sourceOrg: 'lbct',
  ownerOrgs: ['lbct'],
  visibility: 'community',
};

const hotelCo2 = (row: { modes: unknown }): number =>
  (row.modes as { mode: string; pollutants: { co2G: number } }[]).find((m) => m.mode === 'hotelling')!.pollutants.co2G;

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

  it('a call with a shore power session has lower at-berth CO2 than the same call without; a rebuild gives the same rows', async () => {
    await platform.events.append(coscoSpainCallEvents(), PROVENANCE);
    await runner.catchUpAll();
    const without = await platform.database.db
      .selectFrom('vessel_call_emissions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(without).toMatchObject({ shore_power_kwh_source: 'none', shore_power_hours: 0, terminal_smdg_code: 'LBCT' });

    // Stated first while connected (estimated kWh), then closed with the meter's reading.
    await platform.events.append(shorePowerEvents('', ''), TERMINAL);
    await runner.catchUpAll();
    const open = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(open.shore_power_kwh_source).toBe('estimated');
    expect(open.shore_power_hours).toBeCloseTo(12 + 50 / 60 - (3 + 40 / 60), 9); // open: to the berth departure
    await platform.events.append(shorePowerEvents('10500'), TERMINAL);
    await runner.catchUpAll();
    const withSession = await platform.database.db
      .selectFrom('vessel_call_emissions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(withSession).toMatchObject({ shore_power_kwh_source: 'feed', shore_power_kwh: 10_500 });
    expect(withSession.shore_power_hours).toBeCloseTo(8.5, 9);
    expect(withSession.shore_power_sessions).toEqual([
      {
        terminal: 'LBCT',
        berth: 'F10',
        connectedAt: '2022-01-03T03:40:00.000Z',
        disconnectedAt: '2022-01-03T12:10:00.000Z',
        connectedHours: 8.5,
        energyKwh: 10_500,
      },
    ]);
    // aux 1,300 kW off for 8.5 of the 10 berth hours, MDO 3.206 g CO2/g fuel
    expect(hotelCo2(withSession)).toBeLessThan(hotelCo2(without));
    expect(withSession.co2_g).toBeLessThan(without.co2_g);
    expect(withSession.avoided_co2_g).toBeCloseTo(without.co2_g - withSession.co2_g, 3);
    expect(await platform.database.db.selectFrom('shore_power_connection').selectAll().execute()).toHaveLength(1);

    const live = await rows(platform);
    await runner.rebuild('call-emissions');
    expect(await rows(platform)).toEqual(live);
  });

  it('uses only the sessions every reader of the row may see: a terminal’s private session leaves a community call alone', async () => {
    await platform.events.append(coscoSpainCallEvents(), PROVENANCE);
    await platform.events.append(shorePowerEvents('10500'), { ...TERMINAL, visibility: 'private' });
    await runner.catchUpAll();
    const row = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ shore_power_kwh_source: 'none', shore_power_hours: 0, shore_power_sessions: [] });
    // the same session, owned also by the call's owner, is seen by every reader of a private call of that owner
    await platform.events.append(
      coscoSpainCallEvents().map((e) => ({ ...e, idempotencyKey: `private:${e.idempotencyKey}` })),
      { ...PROVENANCE, visibility: 'private', ownerOrgs: ['local'] },
    );
    await platform.events.append(shorePowerEvents('10400'), {
      ...TERMINAL,
      visibility: 'private',
      ownerOrgs: ['lbct', 'local'],
    });
    await runner.catchUpAll();
    const byAudience = await platform.database.db
      .selectFrom('vessel_call_emissions')
      .select(['visibility', 'shore_power_kwh_source'])
      .orderBy('visibility')
      .execute();
    expect(byAudience).toEqual([
      { visibility: 'community', shore_power_kwh_source: 'none' },
      { visibility: 'private', shore_power_kwh_source: 'feed' },
    ]);
  });

  it('a particulars statement turns a call from estimated to stated particulars, the empty fields still estimated; a rebuild gives the same rows', async () => {
    await platform.events.append(coscoSpainCallEvents(), PROVENANCE);
    await runner.catchUpAll();
    const before = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(before).toMatchObject({ particulars: 'estimated', particulars_source: null, particulars_as_of: null });
    expect(before.ship).toMatchObject({ teu: 14_000, mainEngineMcrKw: 70_000, designSpeedKn: 23, fuel: 'MDO' });

    // the statement arrives after the call ended: the closed call is recomputed all the same
    await platform.events.append(particularsEvents(), CARRIER);
    await runner.catchUpAll();
    const after = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      status: 'computed',
      particulars: 'stated',
      particulars_source: 'coscon',
      estimated_fields: ['mainEngine', 'sulphurPct'],
    });
    expect(after.particulars_as_of?.toISOString()).toBe('2022-01-04T00:00:00.000Z');
    expect(after.ship).toMatchObject({
      teu: 13_386,
      mainEngineMcrKw: 68_640,
      designSpeedKn: 24.5,
      designDraughtM: 15.5,
      mainEngine: 'SSD',
      builtYear: 2011,
      fuel: 'HFO',
      auxFuel: 'MDO',
      sulphurPct: 0.1,
    });
    // the main engine burns HFO now (3.114 t CO2/t), the auxiliaries and boiler distillate: figures changed
    expect(after.co2_g).not.toBeCloseTo(before.co2_g, 0);
    expect(after.co2_g).toBeLessThan(after.fuel_g * 3.206);
    expect(after.co2_g).toBeGreaterThan(after.fuel_g * 3.114);
    expect(
      await platform.database.db.selectFrom('vessel_particulars').select(['source_org', 'imo', 'teu']).execute(),
    ).toEqual([{ source_org: 'coscon', imo: '9516442', teu: 13_386 }]);

    // an older statement of the same sender arriving late changes nothing; a newer one replaces it
    await platform.events.append(particularsEvents('2022-01-02T00:00:00Z', '50000'), CARRIER);
    await runner.catchUpAll();
    const late = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(late.ship).toMatchObject({ mainEngineMcrKw: 68_640 });
    await platform.events.append(particularsEvents('2022-01-05T00:00:00Z', '60000'), CARRIER);
    await runner.catchUpAll();
    const newer = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(newer.ship).toMatchObject({ mainEngineMcrKw: 60_000 });

    const built = await rows(platform);
    await runner.rebuild('call-emissions');
    expect(await rows(platform)).toEqual(built);
  });

  it('a carrier’s statement of a vessel it never named yields to the port authority’s and to the operating carrier’s; a rebuild gives the same rows', async () => {
    await platform.organisations.create('coscon', 'COSCON', 'carrier');
    await platform.organisations.create('other', 'OTHER', 'carrier');
    await platform.organisations.create('pa', 'PA', 'port_authority');
    await platform.events.append(coscoSpainCallEvents(), PROVENANCE);
    // the port authority's register (older) and a carrier that has not named the vessel before (newer)
    await platform.events.append(particularsEvents('2022-01-02T00:00:00Z', '50000'), {
      ...CARRIER,
      sourceOrg: 'pa',
      ownerOrgs: ['pa'],
    });
    await platform.events.append(particularsEvents('2022-01-04T00:00:00Z', '68640'), CARRIER);
    await runner.catchUpAll();
    const used = async () =>
      platform.database.db
        .selectFrom('vessel_call_emissions')
        .select(['particulars_source', 'ship'])
        .executeTakeFirstOrThrow();
    expect(await used()).toMatchObject({ particulars_source: 'pa', ship: { mainEngineMcrKw: 50_000 } });

    // COSCON publishes the vessel's schedule, then states again: it now speaks for the vessel, and is newer
    await platform.events.append(scheduleEvents('coscon'), { ...CARRIER, source: 'csv-vessel-schedule' });
    await platform.events.append(particularsEvents('2022-01-05T00:00:00Z', '60000'), CARRIER);
    await runner.catchUpAll();
    expect(await used()).toMatchObject({ particulars_source: 'coscon', ship: { mainEngineMcrKw: 60_000 } });

    // another carrier that never named the vessel does not override COSCON, however new its statement
    await platform.events.append(particularsEvents('2022-01-06T00:00:00Z', '40000'), {
      ...CARRIER,
      sourceOrg: 'other',
      ownerOrgs: ['other'],
    });
    await runner.catchUpAll();
    expect(await used()).toMatchObject({ particulars_source: 'coscon', ship: { mainEngineMcrKw: 60_000 } });

    const built = await rows(platform);
    await runner.rebuild('call-emissions');
    expect(await rows(platform)).toEqual(built);
  });

  it('uses a private statement only for calls every reader of which may see it', async () => {
    await platform.events.append(coscoSpainCallEvents(), PROVENANCE);
    await platform.events.append(particularsEvents(), { ...CARRIER, visibility: 'private' });
    await runner.catchUpAll();
    const row = await platform.database.db.selectFrom('vessel_call_emissions').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ particulars: 'estimated', particulars_source: null });
  });
});
