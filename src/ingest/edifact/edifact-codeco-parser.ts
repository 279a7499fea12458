/** MessageParser `edifact-codeco`: UN/EDIFACT CODECO D.95B gate-in/gate-out report. Mapping: edifact-codeco-mapper.ts. */
import { mapCodeco } from './edifact-codeco-mapper.js';
import { createEdifactParser } from './edifact-message-parser.js';

export const edifactCodecoParser = createEdifactParser({
  format: 'edifact-codeco',
  version: '1',
  description: 'UN/EDIFACT CODECO D.95B (SMDG): container gate-in / gate-out report',
  messageType: 'CODECO',
  map: mapCodeco,
});
