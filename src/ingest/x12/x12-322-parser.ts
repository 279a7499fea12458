/**
 * MessageParser `x12-322`: ANSI X12 322 Terminal Operations and Intermodal Ramp Activity, release 004010.
 * Mapping: x12-322-mapper.ts.
 */
import { map322 } from './x12-322-mapper.js';
import { createX12Parser } from './x12-transaction-parser.js';

export const x12322Parser = createX12Parser({
  format: 'x12-322',
  version: '1',
  description: 'ANSI X12 322 Terminal Operations and Intermodal Ramp Activity 004010: gate, vessel and rail moves',
  setId: '322',
  map: map322,
});
