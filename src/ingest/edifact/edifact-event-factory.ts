/** EDIFACT facts become canonical events through the shared EDI fact mapping (see ../edi-fact-event.ts). */
export { ediFactEvent as edifactEvent, type EdiFact as EdifactFact } from '../edi-fact-event.js';
