import { describe, expect, it } from 'vitest';
import {
  kwh,
  auxCapLine,
  callShorePowerLine,
  connectionRateFigure,
  corridorTrendContent,
  intensityTargetIn,
  particularsText,
  shorePowerContent,
  type CallShorePower,
  type CorridorDetail,
  type EmissionsSummary,
  type GroupShorePower,
} from './green-emissions';

const PATHWAY = [
  { year: 2025, maxWtwGCo2ePerMj: 89.34 },
  { year: 2027, minLowZeroCarbonSharePct: 5 },
  { year: 2030, maxWtwGCo2ePerMj: 85.69, minLowZeroCarbonSharePct: 20 },
];

describe('corridor trend', () => {
  it('should take the intensity target of the latest step at or before the year that names one', () => {
    expect(intensityTargetIn(PATHWAY, 2024)).toBeNull();
    expect(intensityTargetIn(PATHWAY, 2025)).toBe(89.34);
    // 2027's step names only a share: the 2025 intensity stays in force.
    expect(intensityTargetIn(PATHWAY, 2028)).toBe(89.34);
    expect(intensityTargetIn(PATHWAY, 2031)).toBe(85.69);
  });

  it('should draw each month’s attained intensity against the target of its year, with the same rows in the table', () => {
    const figures = (voyages: number, wtw: number | null) => ({
      voyages,
      lowZeroCarbonSharePct: voyages > 0 ? 0 : null,
      wtwGCo2ePerMj: wtw,
      wtwGCo2ePerTeuKm: wtw === null ? null : wtw / 5,
    });
    const answer: CorridorDetail = {
      id: 'lalb-shanghai',
      name: 'LA/LB – Shanghai',
      homePorts: ['USLAX'],
      partnerPorts: ['CNSHA'],
      seaDistanceNm: 5700,
      agreement: 'test',
      pathway: PATHWAY,
      pathwaySource: 'test pathway',
      asOf: '2030-01-20T00:00:00.000Z',
      source: 'test',
      figures: figures(3, 88),
      trend: [
        { month: '2029-12', ...figures(2, 90.5) },
        { month: '2030-01', ...figures(1, 84) },
      ],
      progress: [],
      voyages: [],
    };
    const content = corridorTrendContent(answer);
    expect(content.table.rows).toEqual([
      ['2029-12', 2, 90.5, 89.34, 0, 18.1],
      ['2030-01', 1, 84, 85.69, 0, 16.8],
    ]);
    expect(content.option.xAxis).toEqual({ type: 'category', data: ['2029-12', '2030-01'] });
    expect(content.asOf).toBe(answer.asOf);
    expect(content.note).not.toContain('No voyages yet');
  });

  it('should draw the target over every month of the period, even before the corridor’s first voyage', () => {
    const none: CorridorDetail = {
      id: 'lalb-shanghai',
      name: 'LA/LB – Shanghai',
      homePorts: ['USLAX'],
      partnerPorts: ['CNSHA'],
      seaDistanceNm: 5700,
      agreement: 'test',
      pathway: PATHWAY,
      pathwaySource: 'test pathway',
      asOf: null,
      source: 'test',
      figures: { voyages: 0, lowZeroCarbonSharePct: null, wtwGCo2ePerMj: null, wtwGCo2ePerTeuKm: null },
      trend: [],
      progress: [],
      voyages: [],
    };
    const content = corridorTrendContent(none, { from: '2029-11-20', to: '2030-02-03' }, '2030-02-03T10:00:00.000Z');
    expect(content.option.xAxis).toEqual({ type: 'category', data: ['2029-11', '2029-12', '2030-01', '2030-02'] });
    const [bars, line] = content.option.series as { data: (number | null)[] }[];
    expect(bars!.data).toEqual([null, null, null, null]);
    expect(line!.data).toEqual([89.34, 89.34, 85.69, 85.69]);
    expect(content.note).toContain('No voyages yet');
    expect(content.asOf).toBe('2030-02-03T10:00:00.000Z');
    // A month with voyages keeps its figures among the empty ones.
    const one = corridorTrendContent(
      {
        ...none,
        asOf: '2030-01-09T00:00:00.000Z',
        trend: [{ month: '2030-01', voyages: 1, lowZeroCarbonSharePct: 0, wtwGCo2ePerMj: 84, wtwGCo2ePerTeuKm: 16.8 }],
      },
      { from: '2029-12-01', to: '2030-01-31' },
      '2030-02-03T10:00:00.000Z',
    );
    expect(one.table.rows).toEqual([
      ['2029-12', 0, null, 89.34, null, null],
      ['2030-01', 1, 84, 85.69, 0, 16.8],
    ]);
    expect([one.asOf, one.note?.includes('No voyages yet')]).toEqual(['2030-01-09T00:00:00.000Z', false]);
  });
});

describe('particularsText', () => {
  it('names who stated the particulars, when, and which fields were still estimated', () => {
    expect(
      particularsText({
        particulars: 'stated',
        particularsSource: { sourceOrg: 'coscon', asOf: '2022-01-01T00:00:00.000Z' },
        estimatedFields: ['builtYear', 'sulphurPct'],
      }),
    ).toBe('stated by coscon (as of Dec 31, 16:00 PST); estimated: builtYear, sulphurPct');
    expect(
      particularsText(
        {
          particulars: 'stated',
          particularsSource: { sourceOrg: 'coscon', asOf: '2022-01-01T00:00:00.000Z' },
          estimatedFields: [],
        },
        utc,
      ),
    ).toBe('stated by coscon (as of 2022-01-01 00:00 UTC)');
  });

  it('says estimated when only AIS static data was used', () => {
    expect(particularsText({ particulars: 'estimated', particularsSource: null, estimatedFields: ['mcrKw'] })).toBe(
      'estimated',
    );
  });
});

const NO_SHORE_POWER = {
  connectedHours: 0,
  shorePowerKwh: 0,
  gridKwh: 0,
  gridCo2GPerKwh: 225,
  gridCo2G: 0,
  avoidedCo2G: 0,
  netCo2ReductionG: 0,
  missedShorePowerKwh: 0,
  missedAvoidableCo2G: 0,
  missedNetCo2ReductionG: 0,
};
const STATED = { sourceOrg: 'coscon', asOf: '2022-01-01T08:00:00.000Z' };
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

describe('call shore-power line', () => {
  it('should say a fitted ship at an equipped berth that did not connect missed, with what it could have avoided', () => {
    const shorePower: CallShorePower = {
      ...NO_SHORE_POWER,
      capable: true,
      berthEquipped: true,
      connected: false,
      missed: true,
      missedShorePowerKwh: 9_100,
      missedAvoidableCo2G: 5_397_000,
      missedNetCo2ReductionG: 3_241_737,
    };
    expect(callShorePowerLine({ shorePower, shorePowerKwhSource: 'none', particularsSource: STATED }, utc)).toBe(
      'Shore power: fitted (stated by coscon, as of 2022-01-01 08:00 UTC), berth equipped, not connected — ' +
        'missed: 9,100 kWh / 5.4 t CO2 avoidable (3.24 t net of grid at 225 g/kWh).',
    );
  });

  it('should give a connected call its hours, energy, where the energy comes from and the CO2 avoided', () => {
    const shorePower: CallShorePower = {
      ...NO_SHORE_POWER,
      connectedHours: 11.04,
      shorePowerKwh: 8_400,
      avoidedCo2G: 4_980_000,
      capable: true,
      berthEquipped: true,
      connected: true,
      missed: false,
    };
    expect(callShorePowerLine({ shorePower, shorePowerKwhSource: 'feed', particularsSource: STATED }, utc)).toBe(
      'Shore power: fitted (stated by coscon, as of 2022-01-01 08:00 UTC), berth equipped, connected 11 h — ' +
        '8,400 kWh, metered by the terminal, 4.98 t CO2 avoided.',
    );
  });

  it('should not guess the fitting of a ship without a particulars statement (AIS does not carry it)', () => {
    const shorePower: CallShorePower = {
      ...NO_SHORE_POWER,
      capable: null,
      berthEquipped: null,
      connected: false,
      missed: false,
    };
    const line = callShorePowerLine({ shorePower, particularsSource: null }, utc);
    expect(line).toBe('Shore power: fitting not stated, berth equipment unknown, not connected.');
    expect(line).not.toContain('missed');
  });
});

describe('auxiliary-power cap line', () => {
  const rule = (tail: string) =>
    `auxiliary kW by phase: GHG4 Table 17 container row of the TEU${tail}; boiler Table 17`;

  it('should show the cap and the kW used by phase when the stated installed power bound the load', () => {
    const line = auxCapLine([
      { field: 'builtYear', value: 2008, rule: 'estimated' },
      {
        field: 'auxKw',
        value: 'berth 1200, anchored 1200, manoeuvring 1200, sea 1000',
        rule: rule(', capped at the stated installed 1200 kW in berth, anchored, manoeuvring'),
      },
    ]);
    expect(line).toBe(
      'Auxiliary power capped at the stated installed 1200 kW in berth, anchored, manoeuvring: kW by phase used ' +
        'berth 1200, anchored 1200, manoeuvring 1200, sea 1000.',
    );
  });

  it('should say nothing when the cap did not bind or no installed power was stated', () => {
    const value = 'berth 1000, anchored 1000, manoeuvring 1200, sea 900';
    expect(auxCapLine([{ field: 'auxKw', value, rule: rule(', within the stated installed 3000 kW') }])).toBeNull();
    expect(auxCapLine([{ field: 'auxKw', value, rule: rule(' (installed auxiliary power not stated)') }])).toBeNull();
    expect(auxCapLine([])).toBeNull();
  });
});

describe('shore-power connection rate', () => {
  const group = (key: string, connectedCalls: number, missedCalls: number, missedCo2G: number) => ({
    key,
    calls: connectedCalls + missedCalls + 1,
    computedCalls: connectedCalls + missedCalls + 1,
    hours: 30,
    totals: { fuelG: 0, co2G: 0, ch4G: 0, n2oG: 0, so2G: 0, noxG: 0, pm10G: 0, pm25G: 0 },
    shorePower: {
      ...NO_SHORE_POWER,
      connectedCalls,
      missedCalls,
      connectionRatePct:
        connectedCalls + missedCalls === 0 ? null : (100 * connectedCalls) / (connectedCalls + missedCalls),
      missedShorePowerKwh: missedCalls * 9_100,
      missedAvoidableCo2G: missedCo2G,
    } satisfies GroupShorePower,
  });
  const summary = (groups: EmissionsSummary['groups']): EmissionsSummary => ({
    groupBy: 'terminal',
    groups,
    asOf: '2026-12-03T20:00:00.000Z',
    source: { method: 'ghg4-interval', track: 'AIS', particulars: 'stated' },
  });

  it('should count the port’s connected and missed calls over its terminals, with its time', () => {
    const answer = summary([group('polb-lbct', 2, 1, 5_397_000), group('polb-pier-t', 0, 1, 4_000_000)]);
    expect(connectionRateFigure(answer, utc)).toEqual({
      value: '50 %',
      label:
        'shore-power connection rate: 2 of 4 calls of fitted ships at equipped berths connected, 2 missed ' +
        '(9.4 t CO2 avoidable), as of 2026-12-03 20:00 UTC',
    });
    const table = shorePowerContent(answer).table;
    expect(table.columns.slice(-5)).toEqual([
      'connectedCalls',
      'missedCalls',
      'connectionRatePct',
      'missedShorePowerKwh',
      'missedAvoidableCo2G',
    ]);
    expect(table.rows.map((r) => [r[0], ...r.slice(-5)])).toEqual([
      ['polb-lbct', 2, 1, (100 * 2) / 3, 9_100, 5_397_000],
      ['polb-pier-t', 0, 1, 0, 9_100, 4_000_000],
      ['Port', 2, 2, 50, 18_200, 9_397_000],
    ]);
  });

  it('should give the port’s shore power as whole kWh, not the float noise of the terminals’ sum', () => {
    // 1000.07 + 0.2 is 1000.2700000000001 in floating point: the portal once printed "1558.2500000000002 kWh".
    const withKwh = (key: string, shorePowerKwh: number) => {
      const g = group(key, 1, 0, 0);
      return { ...g, shorePower: { ...g.shorePower, shorePowerKwh } };
    };
    const port = shorePowerContent(summary([withKwh('polb-lbct', 1000.07), withKwh('polb-pier-t', 0.2)])).port;
    expect(port.shorePowerKwh).not.toBe(1000.27);
    expect(kwh(port.shorePowerKwh)).toBe('1,000 kWh');
    expect(kwh(0)).toBe('0 kWh');
  });

  it('should show no rate, not 0 %, when no fitted ship called at an equipped berth', () => {
    const figure = connectionRateFigure(summary([group('polb-lbct', 0, 0, 0)]), utc);
    expect(figure.value).toBe('—');
    expect(figure.label).toContain('as of 2026-12-03 20:00 UTC');
  });
});
