/**
 * One import box's story told by three parties in three formats, delivered out of order and partly twice:
 * carrier EGLV (DCSA T&T 2.2 JSON: LOAD at Shanghai, vessel departure, DISC at Los Angeles), terminal YTI
 * (SMDG `YUSEN`; EDIFACT COARRI discharge and CODECO gate-out), trucker SBTL (appointment and gate
 * transactions CSV), plus a customs hold on the box and a freight hold on its bill of lading, then releases.
 *
 * Event times (UTC; local = PDT, UTC−7, from 2026-03-08):
 *   LOAD  CNSHA  2026-03-02T02:00Z        DEPA CNSHA 2026-03-02T14:30Z
 *   HOLD  CUSTOMS (box)   2026-03-16T01:00Z  (Mar 15 18:00 local, before arrival)
 *   DISC  USLAX  2026-03-16T14:40Z (DCSA 07:40 local) and 14:45Z (COARRI 07:45 local): one discharge, 14:40Z
 *   HOLD  FREIGHT (B/L)   2026-03-16T16:00Z
 *   RELS  FREIGHT (B/L)   2026-03-17T16:15Z
 *   RELS  CUSTOMS (box)   2026-03-17T18:30Z
 *   truck in 2026-03-18T15:12:30Z, GTOT 16:03:00Z (CODECO 09:03) and 16:03:10Z (gate CSV): one gate-out, 16:03:00Z,
 *   truck out 16:03:10Z.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/platform.js';
import { ENGINES } from '../support/engines.js';
import { testPlatform } from '../support/test-platform.js';
import { ingestFixture, snapshotCargoTables } from './cargo-test-kit.js';

const BOX = 'EGHU8300218';
const SISTER = 'TCNU5512345';

describe.each(ENGINES)('container story on $name', (engine) => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await testPlatform(engine);
  });
  afterEach(async () => {
    await platform.close();
  });

  async function tellTheStoryOutOfOrder(): Promise<void> {
    // 1. The terminal's gate-out arrives before anything else is known about the box.
    await ingestFixture(platform, 'edifact-codeco', 'cargo-story/terminal-codeco-gate-out.edi');
    // 2. Releases arrive before the holds they release.
    await ingestFixture(platform, 'csv-holds', 'cargo-story/customs-releases.csv');
    await ingestFixture(platform, 'dcsa-events', 'cargo-story/carrier-dcsa-events.json');
    await ingestFixture(platform, 'csv-gate-transactions', 'cargo-story/trucker-gate-transactions.csv');
    await ingestFixture(platform, 'csv-truck-appointments', 'cargo-story/trucker-appointment.csv');
    await ingestFixture(platform, 'csv-holds', 'cargo-story/customs-holds.csv');
    await ingestFixture(platform, 'edifact-coarri', 'cargo-story/terminal-coarri-discharge.edi');
    // 3. Duplicates: the same DCSA file re-posted, the COARRI re-sent as a new interchange.
    const again = await ingestFixture(platform, 'dcsa-events', 'cargo-story/carrier-dcsa-events.json');
    expect(again.duplicateMessage).toBe(true);
    const resent = await ingestFixture(platform, 'edifact-coarri', 'cargo-story/terminal-coarri-discharge-resent.edi');
    expect(resent).toMatchObject({ duplicateMessage: false, appended: 0, duplicates: 1 });
    await platform.projections.catchUpAll();
  }

  it('should show the box gated out, every hold released, with its availability, LFD and dwell', async () => {
    await tellTheStoryOutOfOrder();
    const row = await platform.database.db
      .selectFrom('container_status')
      .selectAll()
      .where('equipment_reference', '=', BOX)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'GATED_OUT',
      direction: 'IMPORT',
      iso_equipment_code: '45G1',
      size_teu: 2,
      holds_open: [],
      available: false, // it has left the terminal
      terminal_code: 'YUSEN',
      un_location_code: 'USLAX',
      load_port: 'CNSHA',
      vessel_imo_number: '9893890',
      vessel_name: 'EVER ACE',
      carrier_voyage_number: '1043E',
      out_mode: 'TRUCK',
      carrier_codes: ['EGLV'],
      transport_document_references: ['EGLV142600999001'],
      carrier_booking_references: ['EGLV142600999'],
    });
    expect(row.holds).toEqual([
      { holdType: 'CUSTOMS', placedAt: '2026-03-16T01:00:00.000Z', releasedAt: '2026-03-17T18:30:00.000Z' },
      { holdType: 'FREIGHT', placedAt: '2026-03-16T16:00:00.000Z', releasedAt: '2026-03-17T16:15:00.000Z' },
    ]);
    expect(row.loaded_at!.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(row.departed_at!.toISOString()).toBe('2026-03-02T14:30:00.000Z');
    // DCSA 14:40Z and COARRI 14:45Z are one discharge, dated at the first report.
    expect(row.discharged_at!.toISOString()).toBe('2026-03-16T14:40:00.000Z');
    // available_since = max(discharge 03-16 14:40Z, last release 03-17 18:30Z (customs)).
    expect(row.available_since!.toISOString()).toBe('2026-03-17T18:30:00.000Z');
    // Discharged Monday 2026-03-16 (local); 4 business days: Tue 17, Wed 18, Thu 19, Fri 20.
    expect(row.last_free_day).toBe('2026-03-20');
    expect(row.demurrage_starts).toBe('2026-03-21');
    // CODECO 16:03:00Z and gate CSV 16:03:10Z are one gate-out at 16:03:00Z.
    expect(row.gated_out_at!.toISOString()).toBe('2026-03-18T16:03:00.000Z');
    // Dwell: 03-16 14:40Z → 03-18 16:03Z = 48 h + 1 h 23 min = 49.383 h → 49.38.
    expect(row.dwell_hours).toBe(49.38);
    const milestones = await platform.database.db
      .selectFrom('container_milestone')
      .select(['code', 'un_location_code', 'fact_keys'])
      .where('equipment_reference', '=', BOX)
      .orderBy('ordinal')
      .execute();
    expect(milestones.map((m) => [m.code, m.un_location_code, m.fact_keys.length])).toEqual([
      ['LOAD', 'CNSHA', 1],
      ['DEPA', 'CNSHA', 1],
      ['DISC', 'USLAX', 2], // DCSA + COARRI, counted once
      ['GTOT', 'USLAX', 2], // CODECO + gate CSV, counted once
    ]);
  });

  it('should apply a hold on the bill of lading to every box on it, and make the sister box available', async () => {
    await tellTheStoryOutOfOrder();
    const sister = await platform.database.db
      .selectFrom('container_status')
      .selectAll()
      .where('equipment_reference', '=', SISTER)
      .executeTakeFirstOrThrow();
    expect(sister).toMatchObject({ status: 'AVAILABLE', available: true, holds_open: [], size_teu: 1 });
    expect(sister.holds).toEqual([
      { holdType: 'FREIGHT', placedAt: '2026-03-16T16:00:00.000Z', releasedAt: '2026-03-17T16:15:00.000Z' },
    ]);
    // max(discharge 03-16 14:52Z, freight release 03-17 16:15Z)
    expect(sister.available_since!.toISOString()).toBe('2026-03-17T16:15:00.000Z');
    expect(sister.last_free_day).toBe('2026-03-20');
  });

  it('should show the box held while the customs hold is open', async () => {
    await ingestFixture(platform, 'dcsa-events', 'cargo-story/carrier-dcsa-events.json');
    await ingestFixture(platform, 'csv-holds', 'cargo-story/customs-holds.csv');
    await platform.projections.catchUpAll();
    const row = await platform.database.db
      .selectFrom('container_status')
      .select(['status', 'holds_open', 'available', 'available_since', 'last_free_day'])
      .where('equipment_reference', '=', BOX)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'HELD',
      holds_open: ['CUSTOMS', 'FREIGHT'],
      available: false,
      available_since: null,
      last_free_day: '2026-03-20', // the clock runs from discharge even while held (default rule)
    });
  });

  it("should record the trucker's visit with its appointment slot and turn time", async () => {
    await tellTheStoryOutOfOrder();
    const visit = await platform.database.db
      .selectFrom('truck_visit')
      .selectAll()
      .where('visit_key', '=', 'YUSEN:V-YUS-7781')
      .executeTakeFirstOrThrow();
    expect(visit).toMatchObject({
      trucking_company: 'SBTL',
      truck_plate: '7XYZ789',
      appointment_id: 'APT-YUSEN-260318-0042',
      appointment_status: 'BOOKED',
      un_location_code: 'USLAX',
      // 08:12:30 → 09:03:10 local = 50 min 40 s
      turn_time_minutes: 50.7,
    });
    expect(visit.slot_start!.toISOString()).toBe('2026-03-18T15:00:00.000Z');
    expect(visit.gate_in_at!.toISOString()).toBe('2026-03-18T15:12:30.000Z');
    expect(visit.gate_out_at!.toISOString()).toBe('2026-03-18T16:03:10.000Z');
    expect(
      (visit.transactions as unknown as { move: string; equipmentReference: string }[]).map((t) => [
        t.move,
        t.equipmentReference,
      ]),
    ).toEqual([['PICKUP', BOX]]);
  });

  it('should count the day in the terminal KPIs: one import dwell, one truck turn, one gate-out', async () => {
    await tellTheStoryOutOfOrder();
    const kpis = await platform.database.db.selectFrom('terminal_kpi_daily').selectAll().execute();
    expect(kpis).toEqual([
      {
        terminal_code: 'YUSEN',
        day: '2026-03-18',
        time_zone: 'America/Los_Angeles',
        import_dwell_count: 1,
        import_dwell_avg_hours: 49.38,
        import_dwell_p50_hours: 49.38,
        import_dwell_max_hours: 49.38,
        export_dwell_count: 0,
        export_dwell_avg_hours: null,
        export_dwell_p50_hours: null,
        export_dwell_max_hours: null,
        truck_visits: 1,
        truck_turn_avg_minutes: 50.7,
        truck_turn_p50_minutes: 50.7,
        gate_in_moves: 0,
        gate_out_moves: 1,
      },
    ]);
  });

  it('should give the same read models whatever the delivery order', async () => {
    await tellTheStoryOutOfOrder();
    const outOfOrder = await snapshotCargoTables(platform);
    const inOrder = await testPlatform(engine);
    try {
      for (const [format, path] of [
        ['dcsa-events', 'cargo-story/carrier-dcsa-events.json'],
        ['csv-holds', 'cargo-story/customs-holds.csv'],
        ['edifact-coarri', 'cargo-story/terminal-coarri-discharge.edi'],
        ['csv-holds', 'cargo-story/customs-releases.csv'],
        ['csv-truck-appointments', 'cargo-story/trucker-appointment.csv'],
        ['csv-gate-transactions', 'cargo-story/trucker-gate-transactions.csv'],
        ['edifact-codeco', 'cargo-story/terminal-codeco-gate-out.edi'],
      ] as const) {
        await ingestFixture(inOrder, format, path);
        await inOrder.projections.catchUpAll();
      }
      const ordered = await snapshotCargoTables(inOrder);
      // Store positions differ with arrival order, and CSV rows are stamped with their receive time
      // (eventCreatedDateTime); everything else must match.
      const volatile = new Set(['seq', 'last_event_seq', 'createdAt', 'rank', 'version_rank']);
      const strip = (s: Record<string, unknown[]>) =>
        JSON.parse(JSON.stringify(s, (k, v: unknown) => (volatile.has(k) ? undefined : v))) as unknown;
      expect(strip(ordered)).toEqual(strip(outOfOrder));
    } finally {
      await inOrder.close();
    }
  });
});
