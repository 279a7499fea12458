/**
 * Truck appointments as one caller may see them (DESIGN §5: a trucker its own; a terminal those at the terminals
 * it reported; the port authority all). `truck_appointment` carries no ownership, so an appointment is visible
 * when one of its statements (event `APPT` with the same `appointmentId` at the same terminal) is visible under
 * the one event rule, and what the caller sees is built from the newest statement it may see — never from a
 * version another organisation stated. Whether it was kept comes from the first gate-in of a visit that used it
 * (`truck_visit.appointment_ids`): a fact about the appointment's own truck, shown to whoever may see the
 * appointment.
 */
import { sql, type Kysely } from 'kysely';
import type { AccessScope } from '../../access/access-scope.js';
import { visibleTo } from '../../access/visibility-filter.js';
import { TRUCK_APPOINTMENT } from '../../domain/cargo-event-codes.js';
import { judgeAppointment, type AppointmentOutcome } from '../../domain/appointments/appointment-outcome.js';
import type { DB } from '../../store/schema.js';
import type { Appointment } from './appointment-schema.js';
import { filteredPage } from './filtered-page.js';

export interface AppointmentFilter {
  readonly terminal?: string | undefined;
  readonly truckingCompany?: string | undefined;
  /** Slots that start in [from, to). */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly outcome?: AppointmentOutcome | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

interface Statement {
  readonly key: string;
  readonly createdAt: Date;
  readonly idempotencyKey: string;
  readonly payload: Record<string, unknown>;
  readonly unLocationCode: string | null;
  readonly sourceOrg: string;
  readonly inboxId: string | null;
  readonly eventId: string;
  readonly publicOnly: boolean;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class AppointmentReader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly graceMinutes: number,
  ) {}

  /** One page of the caller's appointments in key order (terminal:appointment id). */
  async list(
    filter: AppointmentFilter,
    scope: AccessScope,
    atMs: number,
  ): Promise<{ appointments: Appointment[]; more: boolean; nonPublic: number }> {
    let nonPublic = 0;
    const page = await filteredPage({
      limit: filter.limit,
      after: filter.after,
      fetch: (after) => this.keys({ ...filter, after }, scope, filter.limit + 1),
      view: async (keys) => {
        const views = await this.viewsOf(keys, scope, atMs);
        return keys.map((k) => {
          const v = views.get(k);
          if (!v) return undefined;
          if (filter.truckingCompany && v.appointment.truckingCompany !== filter.truckingCompany) return undefined;
          if (filter.outcome && v.appointment.outcome !== filter.outcome) return undefined;
          if (!v.publicOnly) nonPublic++;
          return v.appointment;
        });
      },
      keyOf: (key) => key,
    });
    return { appointments: page.items, more: page.more, nonPublic };
  }

  /** Every appointment of the filter the caller may see (at most `cap`), for the outcome figures. */
  async all(
    filter: Omit<AppointmentFilter, 'after' | 'limit' | 'outcome'>,
    scope: AccessScope,
    atMs: number,
    cap: number,
  ): Promise<{ appointments: Appointment[]; truncated: boolean; nonPublic: number }> {
    const page = await this.list({ ...filter, limit: cap }, scope, atMs);
    return { appointments: page.appointments, truncated: page.more, nonPublic: page.nonPublic };
  }

  private async keys(filter: AppointmentFilter, scope: AccessScope, limit: number): Promise<string[]> {
    let query = this.db.selectFrom('truck_appointment').select('appointment_key');
    if (!scope.all) {
      query = query.where(
        sql<boolean>`exists (select 1 from event where event.event_type_code = ${TRUCK_APPOINTMENT}
          and event.payload->>'appointmentId' = truck_appointment.appointment_id
          and upper(event.facility_code) = truck_appointment.terminal_code
          and ${visibleTo(scope, 'event')})`,
      );
    }
    if (filter.terminal) query = query.where('terminal_code', '=', filter.terminal);
    if (filter.truckingCompany) query = query.where('trucking_company', '=', filter.truckingCompany);
    if (filter.from) query = query.where('slot_start', '>=', filter.from);
    if (filter.to) query = query.where('slot_start', '<', filter.to);
    if (filter.after) query = query.where('appointment_key', '>', filter.after);
    const rows = await query.orderBy('appointment_key').limit(limit).execute();
    return rows.map((r) => r.appointment_key);
  }

  private async viewsOf(
    keys: readonly string[],
    scope: AccessScope,
    atMs: number,
  ): Promise<Map<string, { appointment: Appointment; publicOnly: boolean }>> {
    const out = new Map<string, { appointment: Appointment; publicOnly: boolean }>();
    if (keys.length === 0) return out;
    const statements = await this.newestVisibleStatements(keys, scope);
    const visits = await this.visitsOf(keys);
    for (const key of keys) {
      const s = statements.get(key);
      if (!s) continue;
      const slotStart = text(s.payload['slotStart']);
      const slotEnd = text(s.payload['slotEnd']);
      if (!slotStart || !slotEnd) continue;
      const status = text(s.payload['appointmentStatus']) ?? 'BOOKED';
      const used = visits.get(key) ?? [];
      const judged = judgeAppointment(
        {
          status,
          slotStartMs: Date.parse(slotStart),
          slotEndMs: Date.parse(slotEnd),
          gateInsMs: used.map((v) => v.gateInMs),
        },
        atMs,
        this.graceMinutes,
      );
      const first = used.find((v) => v.gateInMs === judged.gateInMs) ?? null;
      const transactions = s.payload['transactions'];
      out.set(key, {
        publicOnly: s.publicOnly,
        appointment: {
          appointmentId: key.slice(key.indexOf(':') + 1),
          terminalCode: key.slice(0, key.indexOf(':')),
          unLocationCode: s.unLocationCode,
          status,
          truckingCompany: text(s.payload['truckingCompany']) ?? '',
          truckPlate: text(s.payload['truckPlate']),
          slotStart: new Date(slotStart).toISOString(),
          slotEnd: new Date(slotEnd).toISOString(),
          transactions: Array.isArray(transactions) ? (transactions as Record<string, unknown>[]) : [],
          outcome: judged.outcome,
          gateInAt: iso(judged.gateInMs),
          visitId: first?.visitId ?? null,
          minutesOutsideSlot: judged.minutesOutsideSlot,
          asOf: s.createdAt.toISOString(),
          source: { organisation: s.sourceOrg, inboxId: s.inboxId, eventId: s.eventId },
        },
      });
    }
    return out;
  }

  /** The newest statement of each appointment the caller may see (statement order: created, then key). */
  private async newestVisibleStatements(keys: readonly string[], scope: AccessScope): Promise<Map<string, Statement>> {
    const ids = [...new Set(keys.map((k) => k.slice(k.indexOf(':') + 1)))];
    const rows = await this.db
      .selectFrom('event')
      .select([
        sql<string>`upper(event.facility_code) || ':' || (event.payload->>'appointmentId')`.as('key'),
        'event.event_created_date_time',
        'event.idempotency_key',
        'event.payload',
        'event.un_location_code',
        'event.source_org',
        'event.inbox_id',
        'event.event_id',
        'event.visibility',
      ])
      .where('event.event_type_code', '=', TRUCK_APPOINTMENT)
      .where(sql<string>`event.payload->>'appointmentId'`, 'in', ids)
      .where(visibleTo(scope, 'event'))
      .execute();
    const wanted = new Set(keys);
    const newest = new Map<string, Statement>();
    for (const r of rows) {
      if (!wanted.has(r.key)) continue;
      const s: Statement = {
        key: r.key,
        createdAt: new Date(r.event_created_date_time),
        idempotencyKey: r.idempotency_key,
        payload: r.payload,
        unLocationCode: r.un_location_code,
        sourceOrg: r.source_org,
        inboxId: r.inbox_id === null ? null : String(r.inbox_id),
        eventId: r.event_id,
        publicOnly: r.visibility === 'public',
      };
      const held = newest.get(r.key);
      const later =
        !held ||
        s.createdAt.getTime() > held.createdAt.getTime() ||
        (s.createdAt.getTime() === held.createdAt.getTime() && s.idempotencyKey > held.idempotencyKey);
      if (later) newest.set(r.key, s);
    }
    return newest;
  }

  private async visitsOf(keys: readonly string[]): Promise<Map<string, { visitId: string; gateInMs: number }[]>> {
    const out = new Map<string, { visitId: string; gateInMs: number }[]>();
    const rows = await this.db
      .selectFrom('truck_visit')
      .select([
        'truck_visit.visit_id',
        'truck_visit.terminal_code',
        'truck_visit.appointment_ids',
        'truck_visit.gate_in_at',
      ])
      .where('truck_visit.gate_in_at', 'is not', null)
      .where(
        sql<boolean>`truck_visit.appointment_ids && ${[...new Set(keys.map((k) => k.slice(k.indexOf(':') + 1)))]}::text[]`,
      )
      .execute();
    const wanted = new Set(keys);
    for (const r of rows) {
      for (const id of r.appointment_ids) {
        const key = `${r.terminal_code}:${id}`;
        if (!wanted.has(key) || r.gate_in_at === null) continue;
        const list = out.get(key) ?? [];
        list.push({ visitId: r.visit_id, gateInMs: new Date(r.gate_in_at).getTime() });
        out.set(key, list);
      }
    }
    return out;
  }
}
