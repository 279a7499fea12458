import type { ErrorSpec } from './error-spec.js';

/** Errors of the emissions calculator (`POST /emissions/compute`, `openpcs emissions compute`; docs/emissions.md). */
export const EMISSIONS_ERRORS = {
  PCS_EMISSIONS_INVALID_REQUEST: {
    status: 400,
    title: 'Invalid emissions request',
    text: 'the request does not match its method’s schema (docs/emissions.md): `errors[].pointer` names each bad field',
  },
  PCS_EMISSIONS_NO_FACTOR: {
    status: 400,
    title: 'No factor for this request',
    text: 'the factor tables have no default for this ship or engine (for example auxiliary power of a ship type without a table row): give the value the pointer names',
  },
  PCS_CORRIDOR_NOT_FOUND: {
    status: 404,
    title: 'No such green corridor',
    text: 'no green corridor has this id: `GET /corridors` lists the configured ones',
  },
  PCS_EMISSIONS_CALL_NOT_FOUND: {
    status: 404,
    title: 'No emissions for this call',
    text: 'no vessel call with this id has emissions you may see (it does not exist, is not visible to you, or is not projected yet)',
  },
} as const satisfies Record<string, ErrorSpec>;
