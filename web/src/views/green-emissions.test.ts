import { describe, expect, it } from 'vitest';
import { corridorTrendContent, intensityTargetIn, particularsText, type CorridorDetail } from './green-emissions';

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
    ).toBe('stated by coscon (as of 2022-01-01T00:00:00.000Z); estimated: builtYear, sulphurPct');
    expect(
      particularsText({
        particulars: 'stated',
        particularsSource: { sourceOrg: 'coscon', asOf: '2022-01-01T00:00:00.000Z' },
        estimatedFields: [],
      }),
    ).toBe('stated by coscon (as of 2022-01-01T00:00:00.000Z)');
  });

  it('says estimated when only AIS static data was used', () => {
    expect(particularsText({ particulars: 'estimated', particularsSource: null, estimatedFields: ['mcrKw'] })).toBe(
      'estimated',
    );
  });
});
