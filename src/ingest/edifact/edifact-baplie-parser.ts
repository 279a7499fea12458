/** MessageParser `edifact-baplie`: UN/EDIFACT BAPLIE D.95B (SMDG 2.x) bay plan. Mapping: edifact-baplie-mapper.ts. */
import { mapBaplie } from './edifact-baplie-mapper.js';
import { createEdifactParser } from './edifact-message-parser.js';

export const edifactBaplieParser = createEdifactParser({
  format: 'edifact-baplie',
  version: '1',
  description: 'UN/EDIFACT BAPLIE D.95B (SMDG 2.x): bay plan → planned discharges at the next port of call',
  messageType: 'BAPLIE',
  map: mapBaplie,
});
