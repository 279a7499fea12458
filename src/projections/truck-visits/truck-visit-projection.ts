/**
 * Truck visits (gate in → gate out of one truck at one terminal) and truck appointments. Every merge is
 * commutative and idempotent — gate in is the earliest IN, gate out the latest OUT, a transaction is kept
 * once per transaction id (the latest version by creation time, then key), an appointment is its latest
 * version — so arrival order does not matter and a rebuild gives the same rows. One read and one upsert per
 * page for visits and for appointments, then one UPDATE copies appointment slots onto their visits.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import type { StoredEvent } from '../../domain/canonical-event.js';
import type { DB, TruckAppointmentTable } from '../../store/schema.js';
import type { Projection } from '../projection.js';
import { fromExcluded } from '../upsert-excluded.js';
import { TRUCK_FACT_CODES, truckFactsOf, type VisitTransaction } from './truck-visit-facts.js';

interface VisitRow {
  visit_key: string;
  visit_id: string;
  terminal_code: string;
  un_location_code: string | null;
  trucking_company: string | null;
  truck_plate: string | null;
  gate_in_at: string | null;
  gate_out_at: string | null;
  transactions: Map<string, VisitTransaction>;
  last_event_seq: string;
}

/** A truck_appointment row with its transactions as the JSON text the insert sends. */
type AppointmentRow = Omit<Selectable<TruckAppointmentTable>, 'transactions'> & { transactions: string };

const min = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a <= b ? a : b);
const max = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a >= b ? a : b);
const maxSeq = (a: string, b: string): string => (BigInt(a) >= BigInt(b) ? a : b);
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function visitOutput(v: VisitRow) {
  const transactions = [...v.transactions.values()].sort((a, b) =>
    a.at === b.at ? a.transactionId.localeCompare(b.transactionId) : a.at < b.at ? -1 : 1,
  );
  const appointmentIds = [
    ...new Set(transactions.map((t) => t.appointmentId).filter((a): a is string => a !== null)),
  ].sort();
  const turn =
    v.gate_in_at && v.gate_out_at
      ? Math.round(((Date.parse(v.gate_out_at) - Date.parse(v.gate_in_at)) / 60_000) * 10) / 10
      : null;
  return {
    visit_key: v.visit_key,
    visit_id: v.visit_id,
    terminal_code: v.terminal_code,
    un_location_code: v.un_location_code,
    trucking_company: v.trucking_company,
    truck_plate: v.truck_plate,
    appointment_id: appointmentIds[0] ?? null,
    appointment_ids: appointmentIds,
    gate_in_at: v.gate_in_at === null ? null : new Date(v.gate_in_at),
    gate_out_at: v.gate_out_at === null ? null : new Date(v.gate_out_at),
    turn_time_minutes: turn,
    transactions: JSON.stringify(transactions),
    last_event_seq: v.last_event_seq,
  };
}

export const truckVisitProjection: Projection = {
  name: 'truck-visits',
  version: 1,
  tables: ['truck_visit', 'truck_appointment'],
  sources: TRUCK_FACT_CODES,
  copiesVisibility: false,
  async apply(trx: Transaction<DB>, events: readonly StoredEvent[]): Promise<void> {
    const facts = events.flatMap(truckFactsOf);
    if (facts.length === 0) return;
    const visitKeys = [...new Set(facts.flatMap((f) => (f.kind === 'appointment' ? [] : [f.visitKey])))];
    const visits = new Map<string, VisitRow>();
    if (visitKeys.length > 0) {
      const stored = await trx.selectFrom('truck_visit').selectAll().where('visit_key', 'in', visitKeys).execute();
      for (const s of stored) {
        visits.set(s.visit_key, {
          visit_key: s.visit_key,
          visit_id: s.visit_id,
          terminal_code: s.terminal_code,
          un_location_code: s.un_location_code,
          trucking_company: s.trucking_company,
          truck_plate: s.truck_plate,
          gate_in_at: iso(s.gate_in_at),
          gate_out_at: iso(s.gate_out_at),
          transactions: new Map(s.transactions.map((t) => [t.transactionId, t])),
          last_event_seq: s.last_event_seq,
        });
      }
    }
    const appointments = new Map<string, AppointmentRow>();
    for (const f of facts) {
      if (f.kind === 'appointment') {
        const current = appointments.get(f.appointmentKey);
        if (current && current.version_rank >= f.rank) continue;
        appointments.set(f.appointmentKey, {
          appointment_key: f.appointmentKey,
          appointment_id: f.appointmentId,
          terminal_code: f.terminalCode,
          un_location_code: f.unLocationCode,
          status: f.status,
          trucking_company: f.truckingCompany,
          truck_plate: f.truckPlate,
          slot_start: new Date(f.slotStart),
          slot_end: new Date(f.slotEnd),
          transactions: JSON.stringify(f.transactions),
          version_rank: f.rank,
          last_event_seq: current ? maxSeq(current.last_event_seq, f.seq) : f.seq,
        });
        continue;
      }
      let v = visits.get(f.visitKey);
      if (!v) {
        v = {
          visit_key: f.visitKey,
          visit_id: f.visitId,
          terminal_code: f.terminalCode,
          un_location_code: f.unLocationCode,
          trucking_company: null,
          truck_plate: null,
          gate_in_at: null,
          gate_out_at: null,
          transactions: new Map(),
          last_event_seq: f.seq,
        };
        visits.set(f.visitKey, v);
      }
      v.un_location_code = max(v.un_location_code, f.unLocationCode);
      v.last_event_seq = maxSeq(v.last_event_seq, f.seq);
      if (f.kind === 'gate') {
        if (f.direction === 'IN') v.gate_in_at = min(v.gate_in_at, f.at);
        else v.gate_out_at = max(v.gate_out_at, f.at);
        v.trucking_company = max(v.trucking_company, f.truckingCompany);
        v.truck_plate = max(v.truck_plate, f.truckPlate);
      } else {
        const existing = v.transactions.get(f.transaction.transactionId);
        if (!existing || existing.rank < f.transaction.rank) {
          v.transactions.set(f.transaction.transactionId, f.transaction);
        }
      }
    }
    if (appointments.size > 0) {
      await trx
        .insertInto('truck_appointment')
        .values([...appointments.values()])
        .onConflict((oc) =>
          oc
            .column('appointment_key')
            .doUpdateSet({
              ...fromExcluded('truck_appointment', [
                'status',
                'trucking_company',
                'truck_plate',
                'slot_start',
                'slot_end',
                'transactions',
                'version_rank',
              ]),
              last_event_seq: sql<string>`greatest(truck_appointment.last_event_seq, excluded.last_event_seq)`,
            })
            .where(sql<boolean>`truck_appointment.version_rank < excluded.version_rank`),
        )
        .execute();
    }
    if (visits.size > 0) {
      await trx
        .insertInto('truck_visit')
        .values([...visits.values()].map(visitOutput).map((v) => ({ ...v, appointment_status: null })))
        .onConflict((oc) =>
          oc
            .column('visit_key')
            .doUpdateSet(
              fromExcluded('truck_visit', [
                'un_location_code',
                'trucking_company',
                'truck_plate',
                'appointment_id',
                'appointment_ids',
                'gate_in_at',
                'gate_out_at',
                'turn_time_minutes',
                'transactions',
                'last_event_seq',
              ]),
            ),
        )
        .execute();
    }
    // Copy the appointment's slot and status onto the visits that used it (either side may arrive first).
    const touchedVisits = [...visits.keys()];
    const touchedAppointments = [...appointments.keys()];
    await sql`
      update truck_visit v
      set slot_start = a.slot_start, slot_end = a.slot_end, appointment_status = a.status
      from truck_appointment a
      where a.appointment_key = v.terminal_code || ':' || v.appointment_id
        and (v.visit_key = any(${touchedVisits}::text[]) or a.appointment_key = any(${touchedAppointments}::text[]))
    `.execute(trx);
  },
};
