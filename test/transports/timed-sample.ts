/**
 * The pyais sample capture (test/fixtures/ais/nmea_data_sample.txt, real sentences) with an IEC 62320-1
 * tag block `\c:<unix seconds>*hh\` before every line, one second apart, so that every position has its
 * own time and the events a feed produces do not depend on when the test ran.
 */
import { aisNmeaParser } from '../../src/ingest/ais/ais-nmea-parser.js';
import { fixture } from '../support/fixtures.js';

const START_S = Date.UTC(2022, 0, 3, 0, 0, 0) / 1000;

function tagBlock(unixSeconds: number): string {
  const body = `c:${unixSeconds}`;
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `\\${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\\`;
}

export function timedSampleLines(): string[] {
  return fixture('ais/nmea_data_sample.txt')
    .toString('latin1')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '')
    .map((line, i) => `${tagBlock(START_S + i)}${line}`);
}

/**
 * What parsing the whole capture as one message gives: the reference a batched feed must match. Static
 * reports are compared by vessel only: the two parts of a type 24 report sent far apart (142 lines in this
 * capture) merge into one STAT event in one message but make one STAT event each when a batch falls
 * between them.
 */
export function expectedFromWhole(lines: readonly string[]): { keys: string[]; rejectionCodes: string[] } {
  const parsed = aisNmeaParser.parse(Buffer.from(`${lines.join('\n')}\n`, 'latin1'), {
    inboxId: 'reference',
    receivedAt: '2030-01-01T00:00:00.000Z',
    sourceOrg: 'local',
    timeZone: 'UTC',
  });
  return {
    keys: comparableKeys(parsed.events.map((e) => e.idempotencyKey)),
    rejectionCodes: parsed.rejected.map((r) => r.code).sort(),
  };
}

/** Position keys as they are; static keys reduced to `ais-static:<mmsi>`, once per vessel. */
export function comparableKeys(keys: readonly string[]): string[] {
  return [...new Set(keys.map((k) => (k.startsWith('ais-static:') ? k.split(':').slice(0, 2).join(':') : k)))].sort();
}
