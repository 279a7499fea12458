/** X12 facts become canonical events through the shared EDI fact mapping (see ../edi-fact-event.ts). */
export { ediFactEvent as x12Event, type EdiFact as X12Fact } from '../edi-fact-event.js';
