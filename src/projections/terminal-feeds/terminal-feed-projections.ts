/**
 * Terminal feed read models (migration 0019; docs/truckers.md): the newest statement per key of each feed —
 * appointment slots (`SLOT`: terminal × transaction type × slot start), empty-return receivables (`ERCV`: location ×
 * SCAC × ISO size/type × whose word: the location's or the carrier's, kept apart so one never overwrites the
 * other; migration 0026) and notices (`NOTC`: sender × notice id). "Newest" is by when the statement was made
 * (eventDateTime), then by position: a late-arriving older statement never overwrites a newer one. Each row keeps
 * the statement's time, its organisation, inbox message and event (the `asOf` and `source` of answers) and the
 * event's ownership columns.
 */
import { sql, type Transaction } from 'kysely';
import { APPOINTMENT_SLOT, EMPTY_RECEIVABLE, TERMINAL_NOTICE } from '../../domain/cargo-event-codes.js';
import type { StoredEvent } from '../../domain/canonical-event.js';
import type { DB } from '../../store/schema.js';
import { chunks, provenance } from '../event-provenance.js';
import type { Projection } from '../projection.js';
import { fromExcluded } from '../upsert-excluded.js';

/** The columns every feed row takes from the event that states it. */
function statement(event: StoredEvent) {
  return {
    stated_at: new Date(event.eventDateTime),
    ...provenance(event),
  };
}

/** The columns `statement` fills, which every upsert takes from the newer statement. */
const STATEMENT_COLUMNS = [
  'stated_at',
  'source_org',
  'inbox_id',
  'event_id',
  'last_event_seq',
  'owner_orgs',
  'visibility',
] as const;

/** An older statement arriving late leaves the newer one in place. */
const notNewer = (table: string) => sql<boolean>`${sql.ref(`${table}.stated_at`)} <= excluded.stated_at`;

/** Keeps, per key, the newest statement of a page (events come in position order). */
function newestByKey<R extends { readonly stated_at: Date }>(rows: readonly (readonly [string, R])[]): R[] {
  const newest = new Map<string, R>();
  for (const [key, row] of rows) {
    const held = newest.get(key);
    if (!held || held.stated_at.getTime() <= row.stated_at.getTime()) newest.set(key, row);
  }
  return [...newest.values()];
}

export const appointmentSlotProjection: Projection = {
  name: 'appointment-slots',
  version: 1,
  tables: ['appointment_slot'],
  sources: [APPOINTMENT_SLOT],
  copiesVisibility: true,
  filter: { eventType: 'TRANSPORT', eventTypeCode: APPOINTMENT_SLOT },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const rows = events.flatMap((event) => {
      if (event.eventTypeCode !== APPOINTMENT_SLOT || !event.location?.facilityCode) return [];
      const p = event.payload;
      const row = {
        terminal_code: event.location.facilityCode,
        transaction_type: p.transactionType,
        slot_start: new Date(p.slotStart),
        slot_end: new Date(p.slotEnd),
        un_location_code: event.location.unLocationCode ?? null,
        capacity: p.capacity,
        booked: p.booked,
        ...statement(event),
      };
      return [[`${row.terminal_code}|${row.transaction_type}|${p.slotStart}`, row] as const];
    });
    for (const chunk of chunks(newestByKey(rows))) {
      await trx
        .insertInto('appointment_slot')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['terminal_code', 'transaction_type', 'slot_start'])
            .doUpdateSet(
              fromExcluded('appointment_slot', [
                'slot_end',
                'un_location_code',
                'capacity',
                'booked',
                ...STATEMENT_COLUMNS,
              ]),
            )
            .where(notNewer('appointment_slot')),
        )
        .execute();
    }
  },
};

export const emptyReceivableProjection: Projection = {
  name: 'empty-receivables',
  version: 1,
  tables: ['empty_receivable'],
  sources: [EMPTY_RECEIVABLE],
  copiesVisibility: true,
  filter: { eventType: 'EQUIPMENT', eventTypeCode: EMPTY_RECEIVABLE },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const rows = events.flatMap((event) => {
      if (event.eventTypeCode !== EMPTY_RECEIVABLE) return [];
      const p = event.payload;
      const row = {
        location_code: p.locationCode,
        carrier_scac: p.carrierScac,
        iso_type: p.isoEquipmentCode,
        stated_by: p.statedBy ?? 'LOCATION',
        location_type: p.locationType,
        un_location_code: event.location?.unLocationCode ?? null,
        location_name: event.location?.locationName ?? null,
        accepting: p.accepting,
        remaining_capacity: p.remainingCapacity,
        ...statement(event),
      };
      return [[`${row.location_code}|${row.carrier_scac}|${row.iso_type}|${row.stated_by}`, row] as const];
    });
    for (const chunk of chunks(newestByKey(rows))) {
      await trx
        .insertInto('empty_receivable')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['location_code', 'carrier_scac', 'iso_type', 'stated_by'])
            .doUpdateSet(
              fromExcluded('empty_receivable', [
                'location_type',
                'un_location_code',
                'location_name',
                'accepting',
                'remaining_capacity',
                ...STATEMENT_COLUMNS,
              ]),
            )
            .where(notNewer('empty_receivable')),
        )
        .execute();
    }
  },
};

export const terminalNoticeProjection: Projection = {
  name: 'terminal-notices',
  version: 1,
  tables: ['terminal_notice'],
  sources: [TERMINAL_NOTICE],
  copiesVisibility: true,
  filter: { eventType: 'TRANSPORT', eventTypeCode: TERMINAL_NOTICE },
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const rows = events.flatMap((event) => {
      if (event.eventTypeCode !== TERMINAL_NOTICE) return [];
      const p = event.payload;
      const row = {
        notice_id: p.noticeId,
        notice_type: p.noticeType,
        status: p.status,
        terminal_code: p.terminal,
        un_location_code: event.location?.unLocationCode ?? null,
        carrier_scac: p.carrierScac,
        iso_type: p.isoEquipmentCode,
        valid_from: new Date(p.validFrom),
        valid_to: p.validTo === null ? null : new Date(p.validTo),
        text: p.text,
        ...statement(event),
      };
      return [[`${event.sourceOrg}|${p.noticeId}`, row] as const];
    });
    for (const chunk of chunks(newestByKey(rows))) {
      await trx
        .insertInto('terminal_notice')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(['source_org', 'notice_id'])
            .doUpdateSet(
              fromExcluded('terminal_notice', [
                'notice_type',
                'status',
                'terminal_code',
                'un_location_code',
                'carrier_scac',
                'iso_type',
                'valid_from',
                'valid_to',
                'text',
                ...STATEMENT_COLUMNS,
              ]),
            )
            .where(notNewer('terminal_notice')),
        )
        .execute();
    }
  },
};

export function terminalFeedProjections(): Projection[] {
  return [appointmentSlotProjection, emptyReceivableProjection, terminalNoticeProjection];
}
