/**
 * What the berth-queue route tests (`anchorage-queue-api`, `eta-queue-api`) set up alike: MarineCadastre rows of a
 * ship at anchor, the carrier's AIS file sent with a visibility, and Matson's schedule rows at MATU.
 */
import { expect } from 'vitest';
import type { Server } from '../../src/api/build-server.js';
import type { Platform } from '../../src/platform.js';

export const MARINECADASTRE_HEADER =
  'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';

/** A ship lying still (navigational status 1, at anchor) at one spot, a position a minute, the last at `lastMs`. */
export function anchoredCsv(
  ship: { readonly mmsi: string; readonly name: string; readonly imo: string },
  at: { readonly lat: number; readonly lon: number },
  lastMs: number,
  minutes = 20,
): string {
  const rows = [MARINECADASTRE_HEADER];
  for (let m = minutes - 1; m >= 0; m--) {
    const t = new Date(lastMs - m * 60_000).toISOString().slice(0, 19);
    rows.push(
      `${ship.mmsi},${t},${at.lat},${at.lon},0.0,0,90,${ship.name},IMO${ship.imo},A8Q${ship.mmsi.slice(-2)},70,1,300,48,14,70,A`,
    );
  }
  return rows.join('\n') + '\n';
}

/** Sends a MarineCadastre AIS file as the given key with the given visibility; fails the test unless accepted. */
export async function ingestAisCsv(
  server: Server,
  authorization: string,
  visibility: string,
  body: string,
): Promise<void> {
  const res = await server.app.inject({
    method: 'POST',
    url: `/ingest/ais-csv-marinecadastre?visibility=${visibility}`,
    payload: body,
    headers: { authorization, 'content-type': 'text/csv' },
  });
  expect(res.statusCode, res.body).toBe(202);
}

/** When a scheduled call is expected or did each step; unset = not stated. */
export interface ScheduleTimes {
  readonly eta?: Date;
  readonly ata?: Date;
  readonly atb?: Date;
  readonly etd?: Date;
  readonly atd?: Date;
}

/** Matson's (`MATS`) schedule rows of calls at MATU, Long Beach, written into `vessel_schedule` as of `updatedAt`. */
export async function insertMatuSchedule(
  platform: Platform,
  updatedAt: Date,
  calls: readonly { readonly key: string; readonly imo: string; readonly times: ScheduleTimes }[],
): Promise<void> {
  await platform.database.db
    .insertInto('vessel_schedule')
    .values(
      calls.map(({ key, imo, times }) => ({
        call_key: key,
        source_org: 'matson',
        vessel_imo_number: imo,
        vessel_name: key,
        carrier_code: 'MATS',
        carrier_voyage_number: key,
        un_location_code: 'USLGB',
        terminal_code: 'MATU',
        eta: times.eta ?? null,
        etb: null,
        etd: times.etd ?? null,
        ata: times.ata ?? null,
        atb: times.atb ?? null,
        atd: times.atd ?? null,
        last_event_seq: '1',
        updated_at: updatedAt,
      })),
    )
    .execute();
}
