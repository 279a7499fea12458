/** MessageParser `edifact-coarri`: UN/EDIFACT COARRI D.95B loading/discharge report. Mapping: edifact-coarri-mapper.ts. */
import { mapCoarri } from './edifact-coarri-mapper.js';
import { createEdifactParser } from './edifact-message-parser.js';

export const edifactCoarriParser = createEdifactParser({
  format: 'edifact-coarri',
  version: '1',
  description: 'UN/EDIFACT COARRI D.95B (SMDG): container loading / discharge report',
  messageType: 'COARRI',
  map: mapCoarri,
});
