import { describe, expect, it } from 'vitest';
import { corridorTrendContent, intensityTargetIn, type CorridorDetail } from './green-emissions';

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
    expect(content.note).not.toContain('No corridor voyage');
    expect(corridorTrendContent({ ...answer, trend: [] }).note).toContain('No corridor voyage in the period.');
  });
});
