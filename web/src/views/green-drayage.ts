/**
 * The green dashboard's drayage panel: the zero-emission share of drayage truck visits per terminal and port-wide
 * against the Clean Air Action Plan goal (100% ZE drayage by 2035), beside the Clean Truck Fund the period's loaded
 * TEU come to (`GET /drayage/ze-share`, `GET /drayage/clean-truck-fund`; docs/drayage.md). Both are public
 * aggregates that name no truck or trucker; terminals with too few visits are withheld by the API and the port
 * figures add up the shown terminals only, as the API answers them. The panel's "as of" is the API's: the newest gate
 * event of the visits counted. Pure.
 */
import type { PanelContent } from '../charts';
import type { Cell } from '../dashboard-data';

interface ZeFigures {
  readonly visits: number;
  readonly registeredVisits: number;
  readonly zeVisits: number;
  readonly zeShare: number | null;
}

/** `GET /drayage/ze-share` */
export interface DrayageZeShare {
  /** The newest gate event of the visits counted at the shown terminals; null when none was counted. */
  readonly asOf: string | null;
  readonly terminals: readonly (ZeFigures & { readonly terminalCode: string })[];
  readonly port: ZeFigures;
  readonly suppressedTerminals: number;
  readonly minVisits: number;
  readonly target: { readonly share: number; readonly year: number };
}

interface FundFigures {
  readonly loadedTeu: number;
  readonly exemptTeu: number;
  readonly chargedTeu: number;
  readonly chargeUsd: number;
}

/** `GET /drayage/clean-truck-fund` */
export interface CleanTruckFund {
  readonly asOf: string | null;
  readonly rateUsdPerTeu: number;
  readonly terminals: readonly (FundFigures & { readonly terminalCode: string })[];
  readonly port: FundFigures;
}

export const DRAYAGE_SOURCE =
  'port drayage truck registry (csv-drayage-trucks) × gate transactions: GET /drayage/ze-share, GET /drayage/clean-truck-fund';

const pct = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);

/** The panel: ZE share bars with the CAAP line; the table adds the Clean Truck Fund figures per row. */
export function drayageContent(ze: DrayageZeShare, fund: CleanTruckFund | null): Omit<PanelContent, 'stale'> {
  const rows = [...ze.terminals.map((t) => ({ name: t.terminalCode, s: t })), { name: 'Port', s: ze.port }];
  const fundOf = (name: string): FundFigures | undefined =>
    fund === null ? undefined : name === 'Port' ? fund.port : fund.terminals.find((t) => t.terminalCode === name);
  const target = pct(ze.target.share) ?? 100;
  const withheld =
    ze.suppressedTerminals > 0
      ? ` ${ze.suppressedTerminals} terminal(s) with fewer than ${ze.minVisits} visits withheld (not in the port figures).`
      : '';
  const fundNote =
    fund === null
      ? ' The Clean Truck Fund figures could not be loaded.'
      : ` Clean Truck Fund: USD ${fund.port.chargeUsd} on ${fund.port.chargedTeu} charged TEU of ${fund.port.loadedTeu} loaded (USD ${fund.rateUsdPerTeu} per TEU; ZE and exempt trucks pay nothing).`;
  return {
    // Both answers cover the same visits; the newer of their "as of" (they differ only when read across a new visit).
    asOf: fund?.asOf && (ze.asOf === null || fund.asOf > ze.asOf) ? fund.asOf : ze.asOf,
    source: DRAYAGE_SOURCE,
    note:
      `Share of truck visits made by zero-emission trucks (an unregistered truck is not ZE); the line is the CAAP goal ` +
      `of ${target}% by ${ze.target.year}.${withheld}${fundNote}`,
    option: {
      xAxis: { type: 'category', data: rows.map((r) => r.name) },
      yAxis: { type: 'value', name: '%', max: 100 },
      series: [
        {
          type: 'bar',
          name: 'ZE share of truck visits (%)',
          data: rows.map((r) => pct(r.s.zeShare)),
          markLine: {
            symbol: 'none',
            label: { position: 'insideEndTop', formatter: `CAAP ${ze.target.year}: ${target}%` },
            data: [{ yAxis: target }],
          },
        },
      ],
    },
    table: {
      columns: [
        'terminal',
        'visits',
        'registeredVisits',
        'zeVisits',
        'zeSharePct',
        'loadedTeu',
        'exemptTeu',
        'chargedTeu',
        'chargeUsd',
      ],
      rows: rows.map((r): Cell[] => {
        const f = fundOf(r.name);
        return [
          r.name,
          r.s.visits,
          r.s.registeredVisits,
          r.s.zeVisits,
          pct(r.s.zeShare),
          f?.loadedTeu ?? null,
          f?.exemptTeu ?? null,
          f?.chargedTeu ?? null,
          f?.chargeUsd ?? null,
        ];
      }),
    },
  };
}
