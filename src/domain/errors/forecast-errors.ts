import type { ErrorSpec } from './error-spec.js';

/** Errors of the forecast API (`/forecasts/...`). */
export const FORECAST_ERRORS = {
  PCS_FORECAST_NOT_AVAILABLE: {
    status: 404,
    title: 'No forecast for this port',
    text: 'the shipped volume data has no run of 12 consecutive published months for this port, so no seasonal model can be fitted (docs/forecast.md)',
  },
  PCS_FORECAST_BACKTEST_NOT_FOUND: {
    status: 404,
    title: 'No such backtest report',
    text: 'no backtest report with this id (`GET /forecasts/backtests` lists them; `openpcs forecast backtest` writes them)',
  },
  PCS_FORECAST_CALL_NOT_FOUND: {
    status: 404,
    title: 'No such vessel call',
    text: 'no vessel call with this id that you may see (`GET /vessel-calls` lists them): a call is known once AIS has seen the ship arrive in port limits or at an anchorage',
  },
  PCS_FORECAST_NO_TERMINAL_HISTORY: {
    status: 404,
    title: 'No look-ahead for this terminal',
    text: 'the weekly look-ahead needs a terminal of the registry (`GET /terminals`) with, in the last 12 weeks, at least one week of vessel discharges or loads and berthed scheduled calls, to size its calls (docs/forecast.md)',
  },
  PCS_FORECAST_NO_DWELL_HISTORY: {
    status: 404,
    title: 'No dwell forecast for this terminal',
    text: 'the dwell forecast needs a terminal of the registry (`GET /terminals`) and at least one import box that was discharged and gated out in the 28 days before now (docs/forecast.md)',
  },
  PCS_FORECAST_NO_TURN_HISTORY: {
    status: 404,
    title: 'No turn time forecast for this terminal',
    text: 'the turn time forecast needs a terminal of the registry (`GET /terminals`) and at least one truck visit that gated in and out in the 14 days before now (docs/forecast.md)',
  },
} as const satisfies Record<string, ErrorSpec>;
