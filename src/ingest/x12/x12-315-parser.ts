/** MessageParser `x12-315`: ANSI X12 315 Status Details (Ocean), release 004010. Mapping: x12-315-mapper.ts. */
import { map315 } from './x12-315-mapper.js';
import { createX12Parser } from './x12-transaction-parser.js';

export const x12315Parser = createX12Parser({
  format: 'x12-315',
  version: '1',
  description: 'ANSI X12 315 Status Details (Ocean) 004010: container status, vessel schedule, customs holds',
  setId: '315',
  map: map315,
});
