import type { ErrorSpec } from './error-spec.js';

/** Errors of the vessel API (vessels, vessel calls, terminals). */
export const VESSEL_ERRORS = {
  PCS_VESSEL_NOT_FOUND: { status: 404, title: 'No such vessel', text: 'no such vessel (or not visible to you)' },
  PCS_VESSEL_CALL_NOT_FOUND: {
    status: 404,
    title: 'No such vessel call',
    text: 'no such vessel call (or not visible to you)',
  },
  PCS_TERMINAL_NOT_FOUND: {
    status: 404,
    title: 'No such terminal',
    text: 'no terminal with this SMDG code in the terminal registry (`GET /terminals` lists them)',
  },
} as const satisfies Record<string, ErrorSpec>;
