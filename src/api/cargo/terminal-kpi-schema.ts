/** Daily terminal KPI schema and view (definitions: docs/cargo-tracking.md, `terminal_kpi_daily`). */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { TerminalKpiDailyTable } from '../../store/schema.js';

const stats = z.object({
  count: z.number().int(),
  avgHours: z.number().nullable(),
  p50Hours: z.number().nullable(),
  maxHours: z.number().nullable(),
});

export const TerminalKpiSchema = z.object({
  day: z.string().describe('local date in the terminal zone'),
  timeZone: z.string(),
  importDwell: stats.describe('imports gated out that day: discharge → gate-out'),
  exportDwell: stats.describe('exports loaded that day: gate-in → load'),
  truckVisits: z.number().int(),
  truckTurnAvgMinutes: z.number().nullable(),
  truckTurnP50Minutes: z.number().nullable(),
  gateInMoves: z.number().int(),
  gateOutMoves: z.number().int(),
});

export function kpiView(r: Selectable<TerminalKpiDailyTable>): z.infer<typeof TerminalKpiSchema> {
  return {
    day: r.day,
    timeZone: r.time_zone,
    importDwell: {
      count: r.import_dwell_count,
      avgHours: r.import_dwell_avg_hours,
      p50Hours: r.import_dwell_p50_hours,
      maxHours: r.import_dwell_max_hours,
    },
    exportDwell: {
      count: r.export_dwell_count,
      avgHours: r.export_dwell_avg_hours,
      p50Hours: r.export_dwell_p50_hours,
      maxHours: r.export_dwell_max_hours,
    },
    truckVisits: r.truck_visits,
    truckTurnAvgMinutes: r.truck_turn_avg_minutes,
    truckTurnP50Minutes: r.truck_turn_p50_minutes,
    gateInMoves: r.gate_in_moves,
    gateOutMoves: r.gate_out_moves,
  };
}
