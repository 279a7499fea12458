/** The AIS encoder moved into the product (src/sim/ais/ais-encoder.ts, the simulator's output); tests import it from here. */
export * from '../../src/sim/ais/ais-encoder.js';
