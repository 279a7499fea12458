/** MessageParser `edifact-iftsta`: UN/EDIFACT IFTSTA D.99B status report. Mapping: edifact-iftsta-mapper.ts. */
import { mapIftsta } from './edifact-iftsta-mapper.js';
import { createEdifactParser } from './edifact-message-parser.js';

export const edifactIftstaParser = createEdifactParser({
  format: 'edifact-iftsta',
  version: '1',
  description: 'UN/EDIFACT IFTSTA D.99B: multimodal status report (container moves, vessel arrival/departure, holds)',
  messageType: 'IFTSTA',
  map: mapIftsta,
});
