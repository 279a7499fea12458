/**
 * The port drayage truck registry read model (migration 0025; docs/drayage.md): the newest statement per sender ×
 * truck id of `DTRK` events. "Newest" is by registration time (eventDateTime), then by position: a late-arriving
 * older statement never overwrites a newer one, and a corrected row with the same date replaces the earlier one.
 * Each row keeps its statement's organisation, inbox message and event and the event's ownership columns.
 */
import { sql, type Transaction } from 'kysely';
import { DRAYAGE_TRUCK } from '../../domain/cargo-event-codes.js';
import type { StoredEvent } from '../../domain/canonical-event.js';
import type { DB } from '../../store/schema.js';
import { chunks, provenance } from '../event-provenance.js';
import type { Projection } from '../projection.js';
import { fromExcluded } from '../upsert-excluded.js';

export const drayageTruckProjection: Projection = {
  name: 'drayage-trucks',
  version: 1,
  tables: ['drayage_truck'],
  sources: [DRAYAGE_TRUCK],
  copiesVisibility: true,
  filter: { eventType: 'TRANSPORT', eventTypeCode: DRAYAGE_TRUCK },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const newest = new Map<string, ReturnType<typeof rowOf>>();
    for (const event of events) {
      if (event.eventTypeCode !== DRAYAGE_TRUCK) continue;
      const row = rowOf(event, event.payload);
      const key = `${row.source_org}|${row.truck_id}`;
      const held = newest.get(key);
      if (!held || held.stated_at.getTime() <= row.stated_at.getTime()) newest.set(key, row);
    }
    for (const chunk of chunks([...newest.values()])) {
      await trx
        .insertInto('drayage_truck')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['source_org', 'truck_id'])
            .doUpdateSet(
              fromExcluded('drayage_truck', [
                'operator_scac',
                'engine_model_year',
                'fuel',
                'zero_emission',
                'low_nox',
                'registered_at',
                'stated_at',
                'inbox_id',
                'event_id',
                'last_event_seq',
                'owner_orgs',
                'visibility',
              ]),
            )
            .where(sql<boolean>`drayage_truck.stated_at <= excluded.stated_at`),
        )
        .execute();
    }
  },
};

function rowOf(event: StoredEvent, p: Extract<StoredEvent, { eventTypeCode: typeof DRAYAGE_TRUCK }>['payload']) {
  return {
    truck_id: p.truckId,
    operator_scac: p.operatorScac,
    engine_model_year: p.engineModelYear,
    fuel: p.fuel,
    zero_emission: p.zeroEmission,
    low_nox: p.lowNox,
    registered_at: new Date(p.registeredAt),
    stated_at: new Date(event.eventDateTime),
    ...provenance(event),
  };
}
