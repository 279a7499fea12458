/**
 * The green dashboard's emissions, corridor and just-in-time panels: what the API answers, turned into the chart
 * option and the figures table of each panel (the table, the CSV export and the chart draw the same rows). The
 * tables keep the API's own units (grams, kWh, tonnes); the charts draw tonnes and kilograms. No figure is made
 * up: a corridor without voyages has no attained intensity, and a call without a stated shore-power session has
 * 0 kWh.
 */
import type { ChartOption, PanelContent } from '../charts';
import type { Cell } from '../dashboard-data';
import { decimal, portTime } from '../format';

export interface EmissionTotals {
  readonly fuelG: number;
  readonly co2G: number;
  readonly ch4G: number;
  readonly n2oG: number;
  readonly so2G: number;
  readonly noxG: number;
  readonly pm10G: number;
  readonly pm25G: number;
}

export interface ShorePower {
  readonly connectedHours: number;
  readonly shorePowerKwh: number;
  readonly gridKwh: number;
  readonly gridCo2GPerKwh: number;
  readonly gridCo2G: number;
  readonly avoidedCo2G: number;
  readonly netCo2ReductionG: number;
}

/** What a missed shore-power connection could have avoided (docs/emissions.md "missed connections"). */
export interface MissedShorePower {
  readonly missedShorePowerKwh: number;
  readonly missedAvoidableCo2G: number;
  readonly missedNetCo2ReductionG: number;
}

/** One call's shore power with the ship's capability, the berth's equipment and whether it connected. */
export interface CallShorePower extends ShorePower, MissedShorePower {
  readonly capable: boolean | null;
  readonly berthEquipped: boolean | null;
  readonly connected: boolean;
  readonly missed: boolean;
}

/** A summary group's shore power with its connected and missed calls. */
export interface GroupShorePower extends ShorePower, MissedShorePower {
  readonly connectedCalls: number;
  readonly missedCalls: number;
  readonly connectionRatePct: number | null;
}

/** `GET /emissions/summary?groupBy=` */
export interface EmissionsSummary {
  readonly groupBy: 'terminal' | 'day' | 'mode';
  readonly groups: readonly {
    readonly key: string | null;
    readonly calls: number;
    readonly computedCalls: number;
    readonly hours: number;
    readonly totals: EmissionTotals;
    readonly shorePower: GroupShorePower;
  }[];
  readonly asOf: string | null;
  readonly source: { readonly method: string; readonly track: string; readonly particulars: string };
}

export interface CorridorFigures {
  readonly voyages: number;
  readonly lowZeroCarbonSharePct: number | null;
  readonly wtwGCo2ePerMj: number | null;
  readonly wtwGCo2ePerTeuKm: number | null;
  readonly fuelMix?: readonly {
    readonly fuel: string;
    readonly voyages: number;
    readonly energyMj: number;
    readonly energySharePct: number;
  }[];
}

export interface CorridorProgress {
  readonly year: number;
  readonly voyages: number;
  readonly wtwIntensity?: {
    readonly target: number;
    readonly targetFromYear: number;
    readonly attained: number | null;
    readonly met: boolean | null;
  } | null;
  readonly lowZeroCarbonShare?: {
    readonly target: number;
    readonly targetFromYear: number;
    readonly attained: number | null;
    readonly met: boolean | null;
  } | null;
}

/** `GET /corridors` */
export interface Corridors {
  readonly asOf: string | null;
  readonly source: string;
  readonly corridors: readonly {
    readonly id: string;
    readonly name: string;
    readonly pathwaySource: string;
    readonly figures: CorridorFigures;
    readonly progress: CorridorProgress;
  }[];
}

/** `GET /jit/summary` */
export interface JitSummary {
  readonly asOf: string | null;
  readonly source: string;
  readonly callsWaited: number;
  readonly callsAdvised: number;
  readonly fuelSavedT: number;
  readonly co2SavedT: number;
  readonly calls: readonly {
    readonly callId: string;
    readonly vesselName?: string | null;
    readonly waitingMin?: number | null;
    readonly advice: {
      readonly advisedSpeedKn: number;
      readonly fuelSavedT: number;
      readonly co2SavedT: number;
    } | null;
    readonly reason: string | null;
  }[];
}

/** `GET /emissions/calls` (one row per call). */
export interface CallEmissionsRow {
  readonly callId: string;
  readonly vessel: { readonly mmsi: string; readonly imo: string | null; readonly name: string | null };
  readonly terminal: string | null;
  readonly start: string;
  readonly end: string | null;
  readonly status: 'computed' | 'no_particulars';
  readonly reason: string | null;
  readonly particulars: 'estimated' | 'reported' | 'stated' | 'none';
  /** The particulars statement used (its sender and as-of); null unless `stated`. */
  readonly particularsSource: { readonly sourceOrg: string; readonly asOf: string } | null;
  /** Ship fields estimated (the statement left them empty, or no statement). */
  readonly estimatedFields: readonly string[];
  readonly method: string;
  readonly hours: number;
  readonly totals: EmissionTotals;
  readonly asOf: string | null;
}

type Content = Omit<PanelContent, 'stale'>;

/** Grams as tonnes (2 decimals) and as kilograms (1 decimal), for the charts. */
export const tonnes = (grams: number) => Math.round(grams / 1e4) / 100;
export const kilograms = (grams: number) => Math.round(grams / 100) / 10;
/** Energy for reading: whole kWh, thousands grouped ("1,558 kWh"), never a sum's float noise ("1558.2500000000002"). */
export const kwh = (value: number) => `${decimal(value, 0)} kWh`;

/**
 * "stated by coscon (as of Dec 5, 01:57 PST), estimated: builtYear, sulphurPct", or "estimated" / "none": the time in
 * the port's words like every other time on the page (the raw ISO instant stays in the CSV export).
 */
export function particularsText(
  row: Pick<CallEmissionsRow, 'particulars' | 'particularsSource' | 'estimatedFields'>,
  time: (iso: string) => string = portTime,
): string {
  if (row.particulars !== 'stated' || row.particularsSource === null) return row.particulars;
  const estimated = row.estimatedFields.length > 0 ? `; estimated: ${row.estimatedFields.join(', ')}` : '';
  return `stated by ${row.particularsSource.sourceOrg} (as of ${time(row.particularsSource.asOf)})${estimated}`;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * The call card's shore-power line: "Shore power: fitted (stated by coscon, as of …), berth equipped, not connected —
 * missed: 9100 kWh / 5.4 t CO2 avoidable (3.24 t net of grid)". The ship's fitting comes from the particulars
 * statement used (with its time); a ship without one is "not stated", never guessed from AIS.
 */
export function callShorePowerLine(
  call: {
    readonly shorePower: CallShorePower;
    readonly shorePowerKwhSource?: 'feed' | 'estimated' | 'none';
    readonly particularsSource: { readonly sourceOrg: string; readonly asOf: string } | null;
  },
  time: (iso: string) => string = portTime,
): string {
  const s = call.shorePower;
  const statement = call.particularsSource
    ? ` (stated by ${call.particularsSource.sourceOrg}, as of ${time(call.particularsSource.asOf)})`
    : '';
  const fitted = s.capable === null ? 'fitting not stated' : `${s.capable ? 'fitted' : 'not fitted'}${statement}`;
  const berth =
    s.berthEquipped === null ? 'berth equipment unknown' : s.berthEquipped ? 'berth equipped' : 'berth not equipped';
  const source =
    call.shorePowerKwhSource === 'feed'
      ? ', metered by the terminal'
      : call.shorePowerKwhSource === 'estimated'
        ? ', estimated from auxiliary power'
        : '';
  const use = s.connected
    ? `connected ${oneDecimal(s.connectedHours)} h — ${kwh(s.shorePowerKwh)}${source}, ${tonnes(s.avoidedCo2G)} t CO2 avoided`
    : 'not connected';
  const missed = s.missed
    ? ` — missed: ${kwh(s.missedShorePowerKwh)} / ${tonnes(s.missedAvoidableCo2G)} t CO2 avoidable ` +
      `(${tonnes(s.missedNetCo2ReductionG)} t net of grid at ${s.gridCo2GPerKwh} g/kWh)`
    : '';
  return `Shore power: ${fitted}, ${berth}, ${use}${missed}.`;
}

/**
 * The auxiliary-power line when the stated installed auxiliary power bounded the load GHG4 assumes (the `auxKw`
 * assumption's rule says "capped at"); null when it did not bind or was not stated.
 */
export function auxCapLine(
  assumptions: readonly { readonly field: string; readonly value: number | string; readonly rule: string }[],
): string | null {
  const aux = assumptions.find((a) => a.field === 'auxKw');
  if (!aux || !aux.rule.includes('capped at')) return null;
  const cap = /capped at the stated installed (\d+(?:\.\d+)?) kW in (.+?);/.exec(aux.rule);
  const bound = cap ? `capped at the stated installed ${cap[1]} kW in ${cap[2]}` : aux.rule;
  return `Auxiliary power ${bound}: kW by phase used ${aux.value}.`;
}

/** The port's shore-power connections over the terminal groups (connected, missed and the rate). */
export function portConnections(byTerminal: EmissionsSummary): {
  readonly connectedCalls: number;
  readonly missedCalls: number;
  readonly connectionRatePct: number | null;
  readonly missedAvoidableCo2G: number;
} {
  const sum = (f: (s: GroupShorePower) => number) => byTerminal.groups.reduce((t, g) => t + f(g.shorePower), 0);
  const connectedCalls = sum((s) => s.connectedCalls);
  const missedCalls = sum((s) => s.missedCalls);
  return {
    connectedCalls,
    missedCalls,
    connectionRatePct:
      connectedCalls + missedCalls === 0 ? null : (100 * connectedCalls) / (connectedCalls + missedCalls),
    missedAvoidableCo2G: sum((s) => s.missedAvoidableCo2G),
  };
}

/**
 * The dashboard's connection-rate figure: its value ("67 %" or "—") and the label with the counts and the as-of
 * ("2 of 3 capable calls at equipped berths connected, 1 missed (5.4 t CO2 avoidable), as of …").
 */
export function connectionRateFigure(
  byTerminal: EmissionsSummary,
  time: (iso: string) => string = portTime,
): { readonly value: string; readonly label: string } {
  const c = portConnections(byTerminal);
  const when = byTerminal.asOf === null ? 'no call counted yet' : `as of ${time(byTerminal.asOf)}`;
  if (c.connectionRatePct === null) {
    return {
      value: '—',
      label: `shore-power connection rate: no ship stated as fitted called at an equipped berth, ${when}`,
    };
  }
  return {
    value: `${Math.round(c.connectionRatePct)} %`,
    label:
      `shore-power connection rate: ${c.connectedCalls} of ${c.connectedCalls + c.missedCalls} calls of fitted ` +
      `ships at equipped berths connected, ${c.missedCalls} missed (${tonnes(c.missedAvoidableCo2G)} t CO2 ` +
      `avoidable), ${when}`,
  };
}

export function emissionsSource(summary: EmissionsSummary): string {
  return `per-call emissions (${summary.source.method}) from ${summary.source.track}; particulars ${summary.source.particulars}`;
}

const GROUP_LABEL = { terminal: 'terminal', day: 'UTC day of the call start', mode: 'mode' } as const;

/** CO2 (t) and NOx (kg) per group; the table holds every quantity in grams as the API gave it. */
export function emissionsContent(summary: EmissionsSummary): Content {
  const label = (key: string | null) => key ?? (summary.groupBy === 'terminal' ? 'no terminal' : '—');
  const categories = summary.groups.map((g) => label(g.key));
  const option: ChartOption = {
    xAxis: { type: 'category', data: categories },
    yAxis: [
      { type: 'value', name: 't CO2' },
      { type: 'value', name: 'kg NOx', splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: 'CO2 (t)', data: summary.groups.map((g) => tonnes(g.totals.co2G)) },
      { type: 'bar', name: 'NOx (kg)', yAxisIndex: 1, data: summary.groups.map((g) => kilograms(g.totals.noxG)) },
    ],
  };
  return {
    asOf: summary.asOf,
    source: emissionsSource(summary),
    note:
      `Totals of the vessel calls in the period by ${GROUP_LABEL[summary.groupBy]} (a call counts once` +
      (summary.groupBy === 'mode' ? '; its time in each mode under that mode' : '') +
      '). Calls without particulars (not container ships) are counted but have no figures.' +
      (summary.groups.length === 0 ? ' No vessel call in the period.' : ''),
    option,
    table: {
      columns: [summary.groupBy, 'calls', 'computedCalls', 'hours', 'co2G', 'noxG', 'so2G', 'pm25G', 'fuelG'],
      rows: summary.groups.map((g) => [
        g.key,
        g.calls,
        g.computedCalls,
        g.hours,
        g.totals.co2G,
        g.totals.noxG,
        g.totals.so2G,
        g.totals.pm25G,
        g.totals.fuelG,
      ]),
    },
  };
}

/**
 * Shore power per terminal and for the port: the energy the terminals stated (csv-shore-power) and the ship CO2 it
 * avoided, with the connected and missed calls and the connection rate in the table.
 */
export function shorePowerContent(byTerminal: EmissionsSummary): Content & { readonly port: ShorePower } {
  const zero: ShorePower = {
    connectedHours: 0,
    shorePowerKwh: 0,
    gridKwh: 0,
    gridCo2GPerKwh: byTerminal.groups[0]?.shorePower.gridCo2GPerKwh ?? 0,
    gridCo2G: 0,
    avoidedCo2G: 0,
    netCo2ReductionG: 0,
  };
  const port = byTerminal.groups.reduce<ShorePower>(
    (sum, g) => ({
      connectedHours: sum.connectedHours + g.shorePower.connectedHours,
      shorePowerKwh: sum.shorePowerKwh + g.shorePower.shorePowerKwh,
      gridKwh: sum.gridKwh + g.shorePower.gridKwh,
      gridCo2GPerKwh: g.shorePower.gridCo2GPerKwh,
      gridCo2G: sum.gridCo2G + g.shorePower.gridCo2G,
      avoidedCo2G: sum.avoidedCo2G + g.shorePower.avoidedCo2G,
      netCo2ReductionG: sum.netCo2ReductionG + g.shorePower.netCo2ReductionG,
    }),
    zero,
  );
  const connections = portConnections(byTerminal);
  const rows = [
    ...byTerminal.groups.map((g) => ({
      name: g.key ?? 'no terminal',
      s: g.shorePower,
      connectedCalls: g.shorePower.connectedCalls,
      missedCalls: g.shorePower.missedCalls,
      rate: g.shorePower.connectionRatePct,
      missedKwh: g.shorePower.missedShorePowerKwh,
      missedCo2: g.shorePower.missedAvoidableCo2G,
    })),
    {
      name: 'Port',
      s: port,
      connectedCalls: connections.connectedCalls,
      missedCalls: connections.missedCalls,
      rate: connections.connectionRatePct,
      missedKwh: byTerminal.groups.reduce((t, g) => t + g.shorePower.missedShorePowerKwh, 0),
      missedCo2: connections.missedAvoidableCo2G,
    },
  ];
  const grid = port.gridCo2GPerKwh;
  return {
    port,
    asOf: byTerminal.asOf,
    source: emissionsSource(byTerminal),
    note:
      'Shore power as the terminals state their sessions (csv-shore-power): a call without a session was on its ' +
      'engines at berth, so 0 kWh and 0 avoided are figures, not missing ones. A missed call is a ship stated as ' +
      'fitted at an equipped berth that left without connecting. ' +
      `Grid CO2 at ${grid} g/kWh (OPENPCS_GRID_CO2_G_PER_KWH).`,
    option: {
      xAxis: { type: 'category', data: rows.map((r) => r.name) },
      yAxis: [
        { type: 'value', name: 'kWh', minInterval: 1 },
        { type: 'value', name: 'kg CO2', splitLine: { show: false }, minInterval: 1 },
      ],
      series: [
        { type: 'bar', name: 'Shore power (kWh)', data: rows.map((r) => r.s.shorePowerKwh) },
        {
          type: 'bar',
          name: 'Ship CO2 avoided (kg)',
          yAxisIndex: 1,
          data: rows.map((r) => kilograms(r.s.avoidedCo2G)),
        },
      ],
    },
    table: {
      columns: [
        'terminal',
        'connectedHours',
        'shorePowerKwh',
        'gridKwh',
        'gridCo2G',
        'avoidedCo2G',
        'netCo2ReductionG',
        'connectedCalls',
        'missedCalls',
        'connectionRatePct',
        'missedShorePowerKwh',
        'missedAvoidableCo2G',
      ],
      rows: rows.map((r) => [
        r.name,
        r.s.connectedHours,
        r.s.shorePowerKwh,
        r.s.gridKwh,
        r.s.gridCo2G,
        r.s.avoidedCo2G,
        r.s.netCo2ReductionG,
        r.connectedCalls,
        r.missedCalls,
        r.rate,
        r.missedKwh,
        r.missedCo2,
      ]),
    },
  };
}

/** Attained well-to-wake intensity of each corridor's voyages against this year's step of its target pathway. */
export function corridorIntensityContent(answer: Corridors): Content {
  const rows = answer.corridors;
  const year = rows[0]?.progress.year;
  const voyages = rows.reduce((s, c) => s + c.figures.voyages, 0);
  return {
    asOf: answer.asOf,
    source: answer.source,
    note:
      `Bars: the WtW intensity attained by the corridor's voyages in the period (none without voyages); line: the ` +
      `target of the corridor's pathway for ${year ?? 'this year'} (${rows[0]?.pathwaySource ?? 'no pathway'}).` +
      (voyages === 0 ? ' No corridor voyage in the period.' : ''),
    option: {
      xAxis: { type: 'category', data: rows.map((c) => c.id), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: 'g CO2e/MJ' },
      series: [
        { type: 'bar', name: 'Attained (g CO2e/MJ)', data: rows.map((c) => c.figures.wtwGCo2ePerMj) },
        {
          type: 'line',
          name: `Target ${year ?? ''} (g CO2e/MJ)`.replace('  ', ' '),
          data: rows.map((c) => c.progress.wtwIntensity?.target ?? null),
        },
      ],
    },
    table: {
      columns: [
        'corridor',
        'voyages',
        'wtwGCo2ePerMj',
        'targetWtwGCo2ePerMj',
        'targetFromYear',
        'met',
        'lowZeroCarbonSharePct',
        'wtwGCo2ePerTeuKm',
      ],
      rows: rows.map((c): Cell[] => [
        c.id,
        c.figures.voyages,
        c.figures.wtwGCo2ePerMj,
        c.progress.wtwIntensity?.target ?? null,
        c.progress.wtwIntensity?.targetFromYear ?? null,
        c.progress.wtwIntensity?.met === undefined || c.progress.wtwIntensity.met === null
          ? null
          : String(c.progress.wtwIntensity.met),
        c.figures.lowZeroCarbonSharePct,
        c.figures.wtwGCo2ePerTeuKm,
      ]),
    },
  };
}

/** Each corridor's fuel mix (share of energy per fuel, stacked) and its share of voyages on low/zero-carbon fuel. */
export function corridorFuelContent(answer: Corridors): Content {
  const rows = answer.corridors;
  const fuels = [...new Set(rows.flatMap((c) => (c.figures.fuelMix ?? []).map((f) => f.fuel)))].sort();
  const share = (c: Corridors['corridors'][number], fuel: string) =>
    c.figures.fuelMix?.find((f) => f.fuel === fuel)?.energySharePct ?? null;
  return {
    asOf: answer.asOf,
    source: answer.source,
    note:
      'Stacked bars: share of the energy of the corridor’s voyages by fuel (register or assumed); line: share of ' +
      'voyages on low/zero-carbon fuel.' +
      (fuels.length === 0 ? ' No corridor voyage in the period: no fuel mix.' : ''),
    option: {
      xAxis: { type: 'category', data: rows.map((c) => c.id), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: '%', max: 100 },
      series: [
        ...fuels.map((fuel) => ({
          type: 'bar' as const,
          stack: 'mix',
          name: `${fuel} (% energy)`,
          data: rows.map((c) => share(c, fuel)),
        })),
        {
          type: 'line',
          name: 'Low/zero-carbon voyages (%)',
          data: rows.map((c) => c.figures.lowZeroCarbonSharePct),
        },
      ],
    },
    table: {
      columns: ['corridor', 'voyages', 'lowZeroCarbonSharePct', 'fuel', 'fuelVoyages', 'energySharePct'],
      rows: rows.flatMap((c): Cell[][] => {
        const mix = c.figures.fuelMix ?? [];
        if (mix.length === 0) return [[c.id, c.figures.voyages, c.figures.lowZeroCarbonSharePct, null, null, null]];
        return mix.map((f) => [
          c.id,
          c.figures.voyages,
          c.figures.lowZeroCarbonSharePct,
          f.fuel,
          f.voyages,
          f.energySharePct,
        ]);
      }),
    },
  };
}

/** Fuel and CO2 the just-in-time advice would have saved, per call that waited, and the total. */
export function jitContent(answer: JitSummary): Content {
  const advised = answer.calls.filter((c) => c.advice !== null);
  return {
    asOf: answer.asOf,
    source: answer.source,
    note:
      `${answer.callsWaited} calls waited at anchor, ${answer.callsAdvised} with advice: ${decimal(answer.fuelSavedT)} t fuel ` +
      `and ${decimal(answer.co2SavedT)} t CO2 saved in total had they sailed at the advised speed.`,
    option: {
      xAxis: { type: 'category', data: advised.map((c) => c.vesselName ?? c.callId) },
      yAxis: { type: 'value', name: 't' },
      series: [
        { type: 'bar', name: 'Fuel saved (t)', data: advised.map((c) => c.advice!.fuelSavedT) },
        { type: 'bar', name: 'CO2 saved (t)', data: advised.map((c) => c.advice!.co2SavedT) },
      ],
    },
    table: {
      columns: ['callId', 'vesselName', 'waitingMin', 'advisedSpeedKn', 'fuelSavedT', 'co2SavedT', 'reason'],
      rows: [
        ...answer.calls.map((c): Cell[] => [
          c.callId,
          c.vesselName ?? null,
          c.waitingMin ?? null,
          c.advice?.advisedSpeedKn ?? null,
          c.advice?.fuelSavedT ?? null,
          c.advice?.co2SavedT ?? null,
          c.reason,
        ]),
        ['Total', null, null, null, answer.fuelSavedT, answer.co2SavedT, null],
      ],
    },
  };
}

/** One step of a corridor's target pathway (docs/emissions.md "Green corridors"). */
export interface PathwayStep {
  readonly year: number;
  readonly maxWtwGCo2ePerMj?: number;
  readonly minLowZeroCarbonSharePct?: number;
}

/** `GET /corridors/{id}` (the fields the corridor view shows). */
export interface CorridorDetail {
  readonly id: string;
  readonly name: string;
  readonly homePorts: readonly string[];
  readonly partnerPorts: readonly string[];
  readonly seaDistanceNm: number | null;
  readonly agreement: string;
  readonly pathway: readonly PathwayStep[];
  readonly pathwaySource: string;
  readonly asOf: string | null;
  readonly source: string;
  readonly figures: CorridorFigures;
  readonly trend: readonly (CorridorFigures & { readonly month: string })[];
  readonly progress: readonly CorridorProgress[];
  readonly voyages: readonly {
    readonly callId: string;
    readonly direction: 'inbound' | 'outbound';
    readonly vesselName?: string | null;
    readonly imo?: string | null;
    readonly fromPort?: string;
    readonly toPort?: string;
    readonly at?: string;
    readonly portSource?: string;
    readonly portFlagged?: boolean;
    readonly distanceNm?: number;
    readonly fuel?: string;
    readonly fuelSource?: string;
    readonly wtwGCo2ePerMj?: number | null;
    readonly wtwGCo2ePerTeuKm?: number | null;
    readonly lowZeroCarbon?: boolean;
  }[];
}

/**
 * The intensity target in force in `year`: the latest pathway step at or before it that names one (as the API's
 * progress takes it), or null before the first.
 */
export function intensityTargetIn(pathway: readonly PathwayStep[], year: number): number | null {
  let found: PathwayStep | undefined;
  for (const step of pathway) {
    if (step.maxWtwGCo2ePerMj === undefined || step.year > year) continue;
    if (!found || step.year >= found.year) found = step;
  }
  return found?.maxWtwGCo2ePerMj ?? null;
}

/** The months (`YYYY-MM`) from the one of `from` to the one of `to` (local dates), both included. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let i = 0; i < 240; i++) {
    const m = `${year}-${String(month).padStart(2, '0')}`;
    if (m > last) break;
    months.push(m);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

/**
 * A corridor's monthly WtW intensity (bars) against the pathway target of each month's year (line), over every
 * month of the period asked for (`period`), so the target is drawn even before the corridor has its first voyage.
 * With no voyage the answer has no time of its own: it is as of when it was asked (`askedAt`).
 */
export function corridorTrendContent(
  answer: CorridorDetail,
  period?: { readonly from: string; readonly to: string },
  askedAt: string | null = null,
): Content {
  const byMonth = new Map(answer.trend.map((t) => [t.month, t]));
  const months = [...new Set([...(period ? monthsOf(period.from, period.to) : []), ...byMonth.keys()])].sort();
  const rows = months.map((month) => {
    const t = byMonth.get(month);
    return {
      month,
      voyages: t?.voyages ?? 0,
      attained: t?.wtwGCo2ePerMj ?? null,
      target: intensityTargetIn(answer.pathway, Number(month.slice(0, 4))),
      lowZeroCarbonSharePct: t?.lowZeroCarbonSharePct ?? null,
      perTeuKm: t?.wtwGCo2ePerTeuKm ?? null,
    };
  });
  return {
    asOf: answer.asOf ?? (answer.trend.length === 0 ? askedAt : null),
    source: answer.source,
    note:
      `Bars: the WtW intensity attained by the corridor's voyages each month (UTC month of the voyage's call); line: ` +
      `the pathway target in force that year (${answer.pathwaySource}).` +
      (answer.trend.length === 0 ? ' No voyages yet: the line is the target alone.' : ''),
    option: {
      xAxis: { type: 'category', data: rows.map((r) => r.month) },
      yAxis: { type: 'value', name: 'g CO2e/MJ' },
      series: [
        { type: 'bar', name: 'Attained (g CO2e/MJ)', data: rows.map((r) => r.attained) },
        { type: 'line', name: 'Target (g CO2e/MJ)', step: 'end', data: rows.map((r) => r.target) },
      ],
    },
    table: {
      columns: [
        'month',
        'voyages',
        'wtwGCo2ePerMj',
        'targetWtwGCo2ePerMj',
        'lowZeroCarbonSharePct',
        'wtwGCo2ePerTeuKm',
      ],
      rows: rows.map((r): Cell[] => [r.month, r.voyages, r.attained, r.target, r.lowZeroCarbonSharePct, r.perTeuKm]),
    },
  };
}
