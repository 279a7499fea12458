/** Test helper: the real MarineCadastre extract, parsed by the product's own CSV parser into observations. */
import { readFileSync } from 'node:fs';
import type { VesselStaticPayload } from '../../src/domain/vessel-observation.js';
import { marineCadastreCsvParser } from '../../src/ingest/ais-csv/marinecadastre-csv-parser.js';
import type { PositionObservation } from '../../src/domain/vessel-calls/position-observation.js';

export function loadExtractObservations(): PositionObservation[] {
  const body = readFileSync(new URL('./fixtures/marinecadastre-2022-01-03-san-pedro-bay.csv', import.meta.url));
  const { events } = marineCadastreCsvParser.parse(body, {
    inboxId: 'test',
    receivedAt: '2022-01-04T00:00:00.000Z',
    sourceOrg: 'noaa',
    timeZone: 'UTC',
  });
  const statics = new Map<string, VesselStaticPayload>();
  for (const e of events) {
    if (e.eventTypeCode === 'STAT') statics.set(e.references!.vesselMMSI!, e.payload);
  }
  return events
    .filter((e) => e.eventTypeCode === 'POSN')
    .map((e) => {
      const position = e.payload;
      return { eventDateTime: e.eventDateTime, position, static: statics.get(position.mmsi) ?? null };
    });
}
