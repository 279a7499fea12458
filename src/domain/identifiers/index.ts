/** Identifier validators (pure). Import from here or from the individual files. */
export * from '../errors/identifier-errors.js';
export * from './identifier-result.js';
export * from './imo-number.js';
export * from './iso6346.js';
export * from './iso6346-size-type.js';
export * from './mmsi.js';
export * from './scac.js';
export * from './smdg-terminal-code.js';
export * from './un-locode.js';
