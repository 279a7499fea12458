/**
 * One vessel call (`#/call?id=<MMSI>:<YYYY-MM-DDTHH:MM>`): its times (arrival in port limits, at anchor, at berth,
 * departures), terminal and berth (`GET /vessel-calls/{callId}`, with the API's `asOf` and source), its emissions
 * by mode (`GET /emissions/calls/{callId}`: every quantity per mode, the particulars used and what was assumed, shore
 * power — the ship's fitting, the berth's equipment, connected or missed — and the auxiliary-power cap) and
 * the just-in-time arrival advice (`GET /vessel-calls/{callId}/jit`; for a call still approaching, the live advice of
 * `GET /vessel-calls/{callId}/jit-advice` first) and the arrival forecast (`GET /forecasts/eta/{callId}`: the ETA
 * with its interval, the wait behind the berth queue, the blend with the ship's own ETA). A call the caller may not
 * see is the API's 404, shown as "no call that your organisation may see"; each part says its own as-of and source.
 */
import { apiGet, type ApiResult } from '../api';
import type { Terminal, VesselCall } from '../api-types';
import { definitions, h, replaceChildren, timeElement } from '../dom';
import { duration, portTime, statusWords, withCodes, withUnit } from '../format';
import { zoneName, zoneNames } from '../zone-names';
import type { Cleanup, ViewContext } from '../main';
import { asOf, heading, problemMessage } from '../ui';
import {
  auxCapLine,
  callShorePowerLine,
  kilograms,
  particularsText,
  tonnes,
  type CallEmissionsRow,
  type CallShorePower,
} from './green-emissions';
import { etaLines, type EtaForecastAnswer } from './eta-forecast';
import { liveJitLines, type LiveJitAdvice } from './live-jit';

/** A call id as the API lists it: `<MMSI>:<UTC minute the call started>`. */
export const CALL_ID = /^\d{9}:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** `GET /vessel-calls/{callId}` (the list's fields and the call's provenance). */
export interface VesselCallDetail extends VesselCall {
  readonly asOf: string;
  readonly source: { readonly organisation: string; readonly inboxId: string | null; readonly eventId: string } | null;
}

/** `GET /emissions/calls/{callId}` */
export interface CallEmissionsDetail extends Omit<CallEmissionsRow, 'vessel'> {
  readonly positionsUsed: number;
  readonly shorePower: CallShorePower;
  readonly shorePowerKwhSource: 'feed' | 'estimated' | 'none';
  readonly source: { readonly method: string; readonly track: string; readonly particulars: string };
  readonly assumptions: readonly { readonly field: string; readonly value: number | string; readonly rule: string }[];
  readonly modes: readonly {
    readonly mode: string;
    readonly hours: number;
    readonly intervals: number;
    readonly distanceNm: number;
    readonly meanMainEngineLoad: number;
    readonly fuelTotalG: number;
    readonly pollutants: Readonly<Record<string, number>>;
  }[];
}

/** `GET /vessel-calls/{callId}/jit` */
export interface JitAnswer {
  readonly callId: string;
  readonly asOf: string | null;
  readonly source: string;
  readonly waitingMin?: number | null;
  readonly advice: {
    readonly actualSpeedKn?: number;
    readonly advisedSpeedKn: number;
    readonly remainingWaitHours?: number;
    readonly fuelSavedT: number;
    readonly co2SavedT: number;
  } | null;
  readonly reason: string | null;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function notVisible(answer: ApiResult<unknown>): boolean {
  return !answer.ok && answer.status === 404;
}

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const id = context.params.get('id') ?? '';
  replaceChildren(root, heading('Vessel call', 'One call detected from AIS: its times, berth, emissions and JIT.'));
  if (!CALL_ID.test(id)) {
    root.append(
      h(
        'p',
        { class: 'problem', role: 'alert' },
        'No call named: open a call from the vessel calls board, the berth line-up or the green dashboard.',
      ),
    );
    return () => undefined;
  }
  const times = h('section', { 'aria-labelledby': 'call-times', 'data-testid': 'call-times' });
  const eta = h('section', { 'aria-labelledby': 'call-eta', 'data-testid': 'call-eta' });
  const emissions = h('section', { 'aria-labelledby': 'call-emissions', 'data-testid': 'call-emissions' });
  const jit = h('section', { 'aria-labelledby': 'call-jit', 'data-testid': 'call-jit' });
  root.append(h('p', { class: 'loading' }, 'Loading the call…'), times, eta, emissions, jit);
  let stopped = false;

  void (async () => {
    const [call, detail, advice, terminals, live, forecast, zones] = await Promise.all([
      apiGet<VesselCallDetail>(`/vessel-calls/${encodeURIComponent(id)}`),
      apiGet<CallEmissionsDetail>(`/emissions/calls/${encodeURIComponent(id)}`),
      apiGet<JitAnswer>(`/vessel-calls/${encodeURIComponent(id)}/jit`),
      apiGet<{ terminals: readonly Terminal[] }>('/terminals'),
      apiGet<LiveJitAdvice>(`/vessel-calls/${encodeURIComponent(id)}/jit-advice`),
      apiGet<EtaForecastAnswer>(`/forecasts/eta/${encodeURIComponent(id)}`),
      zoneNames(),
    ]);
    if (stopped) return;
    root.querySelector('.loading')?.remove();
    if (notVisible(call)) {
      replaceChildren(
        times,
        h(
          'p',
          { class: 'empty', 'data-testid': 'call-not-found' },
          `No vessel call ${id} that your organisation may see.`,
        ),
      );
      return;
    }
    if (!call.ok) {
      replaceChildren(times, problemMessage(call.problem, 'The call could not be loaded'));
      return;
    }
    const c = call.data;
    const terminal = terminals.ok ? terminals.data.terminals.find((t) => t.zoneId === c.terminal) : undefined;
    const title = root.querySelector('#view-title');
    if (title) title.textContent = `Vessel call: ${c.vessel.name ?? `MMSI ${c.vessel.mmsi}`}`;
    replaceChildren(
      times,
      h('h2', { id: 'call-times' }, 'Times, terminal and berth'),
      definitions([
        ['Vessel', `${c.vessel.name ?? '—'} (MMSI ${c.vessel.mmsi}${c.vessel.imo ? `, IMO ${c.vessel.imo}` : ''})`],
        ['Call', c.callId],
        ['Status', statusWords(c.status)],
        ['Port', c.port],
        ['Arrived in port limits', timeElement(c.ata, portTime)],
        [
          'At anchor',
          c.ataAnchorage
            ? [timeElement(c.ataAnchorage, portTime), ` (${c.anchorage ? zoneName(zones, c.anchorage) : '—'})`]
            : '—',
        ],
        ['Waited at anchor', c.timeAtAnchorMin === null ? '—' : duration(c.timeAtAnchorMin * 60_000)],
        [
          'Terminal',
          terminal
            ? withCodes(terminal.name, terminal.smdgCode, terminal.unLocode)
            : (c.terminalSmdgCode ?? (c.terminal ? '—' : 'not berthed')),
        ],
        ['Berth', c.terminal ? zoneName(zones, c.terminal) : null],
        ['Berthed', timeElement(c.atb, portTime)],
        ['Left the berth', timeElement(c.atd, portTime)],
        ['Left port limits', timeElement(c.atdPort, portTime)],
        ['Draught in / out', `${withUnit(c.draughtInM, 'm')} / ${withUnit(c.draughtOutM, 'm')}`],
      ]),
      asOf(
        c.asOf,
        c.source
          ? `vessel-call detector on AIS reported by ${c.source.organisation} (event ${c.source.eventId})`
          : 'vessel-call detector on AIS (the detections are no longer stored)',
      ),
    );

    const etaTitle = h('h2', { id: 'call-eta' }, 'Arrival forecast');
    // A call at or past its berth has actual times (above), not a forecast.
    if (c.atb !== null || c.status === 'departed') {
      eta.remove();
    } else if (forecast.ok) {
      replaceChildren(
        eta,
        etaTitle,
        asOf(forecast.data.asOf, forecast.data.source),
        definitions(etaLines(forecast.data)),
      );
    } else {
      replaceChildren(eta, etaTitle, problemMessage(forecast.problem, 'The arrival forecast could not be loaded'));
    }

    const emissionsTitle = h('h2', { id: 'call-emissions' }, 'Emissions by mode');
    if (notVisible(detail)) {
      replaceChildren(
        emissions,
        emissionsTitle,
        h('p', { class: 'empty' }, 'No emissions computed for this call yet.'),
      );
    } else if (!detail.ok) {
      replaceChildren(emissions, emissionsTitle, problemMessage(detail.problem, 'The emissions could not be loaded'));
    } else {
      const e = detail.data;
      const pollutant = (m: CallEmissionsDetail['modes'][number], name: string) => m.pollutants[name] ?? 0;
      const auxLine = auxCapLine(e.assumptions);
      replaceChildren(
        emissions,
        emissionsTitle,
        asOf(
          e.asOf,
          `per-call emissions (${e.source.method}) from ${e.source.track}; particulars ${e.source.particulars}`,
        ),
        e.status === 'no_particulars'
          ? h('p', { class: 'empty' }, `No figures: ${e.reason ?? 'no particulars for this ship'}.`)
          : null,
        h(
          'p',
          { class: 'summary-line', 'data-testid': 'call-co2' },
          `${tonnes(e.totals.co2G)} t CO2, ${kilograms(e.totals.noxG)} kg NOx over ${round(e.hours)} h ` +
            `(${e.positionsUsed} AIS positions; particulars ${particularsText(e)}).`,
        ),
        h('p', { class: 'summary-line', 'data-testid': 'call-shore-power' }, callShorePowerLine(e)),
        auxLine === null ? null : h('p', { class: 'summary-line', 'data-testid': 'call-aux-cap' }, auxLine),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { 'data-testid': 'call-modes' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Mode', 'Hours', 'Distance (nm)', 'Fuel (kg)', 'CO2 (kg)', 'NOx (kg)', 'SO2 (kg)', 'PM2.5 (kg)'].map(
                  (label) => h('th', { scope: 'col' }, label),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              e.modes.map((m) =>
                h(
                  'tr',
                  { 'data-mode': m.mode },
                  h('th', { scope: 'row' }, m.mode),
                  [
                    round(m.hours, 2),
                    round(m.distanceNm),
                    kilograms(m.fuelTotalG),
                    kilograms(pollutant(m, 'co2G')),
                    kilograms(pollutant(m, 'noxG')),
                    kilograms(pollutant(m, 'so2G')),
                    kilograms(pollutant(m, 'pm25G')),
                  ].map((v) => h('td', { class: 'num' }, v)),
                ),
              ),
            ),
          ),
        ),
        e.assumptions.length > 0
          ? h(
              'details',
              {},
              h('summary', {}, `What was assumed (${e.assumptions.length})`),
              h(
                'ul',
                {},
                e.assumptions.map((a) => h('li', {}, `${a.field} = ${a.value}: ${a.rule}`)),
              ),
            )
          : null,
      );
    }

    const jitTitle = h('h2', { id: 'call-jit' }, 'Just-in-time arrival');
    // A call still approaching: the live advice from its newest position (the after-the-fact one follows).
    const liveAdvice =
      c.status === 'arrived' && live.ok
        ? h(
            'div',
            { 'data-testid': 'jit-live' },
            h('h3', {}, 'Live advice'),
            asOf(live.data.asOf, live.data.source),
            definitions(liveJitLines(live.data)),
          )
        : null;
    if (!advice.ok) {
      replaceChildren(
        jit,
        jitTitle,
        liveAdvice,
        problemMessage(advice.problem, 'The just-in-time advice could not be loaded'),
      );
    } else {
      const a = advice.data;
      replaceChildren(
        jit,
        jitTitle,
        liveAdvice,
        asOf(a.asOf, a.source),
        a.advice === null
          ? h('p', { class: 'empty', 'data-testid': 'jit-reason' }, `No advice: ${a.reason ?? 'none given'}.`)
          : definitions([
              [
                'Waited at anchor',
                a.waitingMin === undefined || a.waitingMin === null ? '—' : duration(a.waitingMin * 60_000),
              ],
              ['Speed sailed', a.advice.actualSpeedKn === undefined ? '—' : `${round(a.advice.actualSpeedKn)} kn`],
              ['Advised speed', `${round(a.advice.advisedSpeedKn)} kn`],
              ['Fuel saved', `${a.advice.fuelSavedT} t`],
              ['CO2 saved', h('span', { 'data-testid': 'jit-co2' }, `${a.advice.co2SavedT} t`)],
            ]),
      );
    }
  })();

  return () => {
    stopped = true;
  };
}
