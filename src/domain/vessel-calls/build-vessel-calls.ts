/**
 * Vessel-call read model, built (purely) from the transport events of `vessel-call-detector`: one call per
 * vessel visit, from arrival in port limits (or, if that was not seen, the first anchorage/berth arrival)
 * to departure from port limits. Rebuilding from the same events gives the same calls.
 */
import { payloadFields, type NewCanonicalEvent } from '../../domain/canonical-event.js';

export interface VesselCall {
  /** `<mmsi>:<UTC minute the call started>` */
  readonly callId: string;
  readonly vessel: { readonly mmsi: string; readonly imo: string | null; readonly name: string | null };
  readonly port: string | null;
  /** Arrival in port limits. */
  readonly ata: string | null;
  readonly ataAnchorage: string | null;
  readonly anchorage: string | null;
  readonly timeAtAnchorMin: number | null;
  /** Last terminal/berth zone of the call. */
  readonly berth: string | null;
  readonly atb: string | null;
  /** Departure from the berth. */
  readonly atd: string | null;
  /** Departure from port limits. */
  readonly atdPort: string | null;
  readonly draughtInM: number | null;
  readonly draughtOutM: number | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const minutes = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

export function buildVesselCalls(events: readonly NewCanonicalEvent[]): VesselCall[] {
  const sorted = events
    .filter(
      (e) =>
        e.eventType === 'TRANSPORT' &&
        e.references?.vesselMMSI &&
        (e.eventTypeCode === 'ARRI' || e.eventTypeCode === 'DEPA'),
    )
    .slice()
    .sort((a, b) => (a.eventDateTime < b.eventDateTime ? -1 : a.eventDateTime > b.eventDateTime ? 1 : 0));
  const open = new Map<string, Mutable<VesselCall>>();
  const calls: Mutable<VesselCall>[] = [];
  for (const e of sorted) {
    const mmsi = e.references!.vesselMMSI!;
    const facility = e.location?.facilityTypeCode;
    const zone = e.location?.facilityCode ?? null;
    const payload = payloadFields(e);
    const vessel = (payload['vessel'] ?? {}) as { imo?: string | null; name?: string | null };
    const draught = typeof payload['draughtM'] === 'number' ? payload['draughtM'] : null;
    let call = open.get(mmsi);
    const starts = e.eventTypeCode === 'ARRI' && (facility === 'PORT' || facility === 'ANCH' || facility === 'BRTH');
    if (!call && starts) {
      call = {
        callId: `${mmsi}:${e.eventDateTime.slice(0, 16)}`,
        vessel: { mmsi, imo: vessel.imo ?? null, name: vessel.name ?? null },
        port: e.location?.unLocationCode ?? null,
        ata: null,
        ataAnchorage: null,
        anchorage: null,
        timeAtAnchorMin: null,
        berth: null,
        atb: null,
        atd: null,
        atdPort: null,
        draughtInM: draught,
        draughtOutM: null,
      };
      open.set(mmsi, call);
      calls.push(call);
    }
    if (!call) continue;
    call.vessel = { mmsi, imo: vessel.imo ?? call.vessel.imo, name: vessel.name ?? call.vessel.name };
    call.port ??= e.location?.unLocationCode ?? null;
    if (e.eventTypeCode === 'ARRI') {
      if (facility === 'PORT') call.ata ??= e.eventDateTime;
      if (facility === 'ANCH' && call.ataAnchorage === null) {
        [call.ataAnchorage, call.anchorage] = [e.eventDateTime, zone];
      }
      if (facility === 'BRTH') [call.atb, call.berth, call.atd] = [e.eventDateTime, zone, null];
      if (facility === 'BRTH' && e.location?.unLocationCode) call.port = e.location.unLocationCode;
    } else {
      if (facility === 'ANCH' && call.ataAnchorage) call.timeAtAnchorMin = minutes(call.ataAnchorage, e.eventDateTime);
      if (facility === 'BRTH') [call.atd, call.draughtOutM] = [e.eventDateTime, draught];
      if (facility === 'PORT') {
        call.atdPort = e.eventDateTime;
        call.draughtOutM ??= draught;
        open.delete(mmsi);
      }
    }
  }
  return calls;
}
