/**
 * The idempotency key of an AIS static report, shared by the NMEA and the MarineCadastre CSV parser so the
 * same static data of a vessel is one event whichever format it arrives in: the MMSI and a hash of the
 * fields the registry keeps. A report that changes any of them is a new event; a repeat is a duplicate.
 * The broadcast ETA (type 5 only) is hashed only when the report carries one, so the keys of reports without it
 * (CSV, types 19 and 24) are those they had before it was kept (migration 0023).
 */
import { createHash } from 'node:crypto';
import type { VesselStaticPayload } from '../domain/vessel-observation.js';

/**
 * @param memo keys already computed in this message: a CSV repeats each vessel's static data on every row,
 *   so each distinct record is hashed once.
 */
export function aisStaticKey(payload: VesselStaticPayload, memo?: Map<string, string>): string {
  const normalised = JSON.stringify([
    payload.mmsi,
    payload.imo,
    payload.callSign,
    payload.name,
    payload.shipType,
    payload.lengthM,
    payload.beamM,
    payload.draughtM,
    payload.destination,
    ...(payload.eta ? [[payload.eta.month, payload.eta.day, payload.eta.hour, payload.eta.minute]] : []),
  ]);
  const known = memo?.get(normalised);
  if (known !== undefined) return known;
  const key = `ais-static:${payload.mmsi}:${createHash('sha256').update(normalised).digest('hex')}`;
  memo?.set(normalised, key);
  return key;
}
