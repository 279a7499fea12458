/**
 * A terminal's ANSI X12 322 (Terminal Operations and Intermodal Ramp Activity, 004010) for one hour of its
 * on-dock rail yard, shaped as src/ingest/x12/x12-322-mapper.ts reads it: one transaction set per box move (as
 * ramps send them) — Q5 `AL` (loaded on rail: rail-bound imports leaving on a train) or `UR` (unloaded from a rail car: exports
 * arriving by train), time code `PT` (Pacific) — with its N7 loop (N701/N702 owner and serial, N711
 * `CN`, N712 carrier SCAC, N718 check digit, N722 ISO size/type), its seal (M7), references (N9 BM/BN) and
 * the terminal (R4). Envelope per X12.5: ISA of fixed widths, GS group `SO`.
 */
import type { CargoEvent } from './cargo-events.js';
import { pacificEdifact203 } from './pacific-time.js';

type RailEvent = Extract<CargoEvent, { kind: 'RAIL' }>;

const padRight = (s: string, n: number): string => s.padEnd(n, ' ').slice(0, n);

export function x12322Body(
  terminal: string,
  events: readonly RailEvent[],
  sendMs: number,
  control: number,
): string | null {
  if (events.length === 0) return null;
  const stamp = pacificEdifact203(sendMs);
  const isa13 = String(control % 1_000_000_000).padStart(9, '0');
  const gs06 = String(control % 1_000_000_000);
  const lines = [
    `ISA*00*${padRight('', 10)}*00*${padRight('', 10)}*ZZ*${padRight(terminal, 15)}*ZZ*${padRight('OPENPCS', 15)}*` +
      `${stamp.slice(2, 8)}*${stamp.slice(8, 12)}*U*00401*${isa13}*0*P*>~`,
    `GS*SO*${terminal}*OPENPCS*${stamp.slice(0, 8)}*${stamp.slice(8, 12)}*${gs06}*X*004010~`,
  ];
  events.forEach((e, i) => {
    const st = String(i + 1).padStart(4, '0');
    const at = pacificEdifact203(e.atMs);
    const port = e.cargo.call.port;
    const city = port === 'USLAX' ? 'LOS ANGELES' : 'LONG BEACH';
    const box = e.box;
    const body = [
      `ST*322*${st}~`,
      `Q5*${e.status}*${at.slice(0, 8)}*${at.slice(8, 12)}*PT**${city}*CA*US~`,
      `N7*${box.number.slice(0, 4)}*${box.number.slice(4, 10)}*********CN*${e.cargo.call.carrierScac}******` +
        `${box.number[10]}****${box.type.sizeType}~`,
      ...(box.seal ? [`M7*${box.seal}~`] : []),
      `R4*5*UN*${port}*${city}*US*${terminal}~`,
      box.kind === 'import' ? `N9*BM*${box.billOfLading}~` : `N9*BN*${box.booking}~`,
    ];
    body.push(`SE*${body.length + 1}*${st}~`);
    lines.push(...body);
  });
  const sets = events.length;
  lines.push(`GE*${sets}*${gs06}~`, `IEA*1*${isa13}~`);
  return `${lines.join('\n')}\n`;
}
