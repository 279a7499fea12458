/** `openpcs ais decode` contract (docs/ais.md): NDJSON on stdout, `line N: CODE reason` for bad lines. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aisCommand } from '../../src/cli/ais-command.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ais');

async function run(args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += Buffer.from(chunk).toString('utf8');
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += Buffer.from(chunk).toString('utf8');
    return true;
  });
  await aisCommand().parseAsync(args, { from: 'user' });
  vi.restoreAllMocks();
  return { out, err };
}

describe('openpcs ais decode', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should write one JSON object per message and report bad lines on stderr', async () => {
    const { out, err } = await run(['decode', join(FIXTURES, 'mixed.txt'), '--ndjson']);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects[0]).toEqual({
      type: 1,
      repeat: 0,
      mmsi: 227006760,
      navStatus: 0,
      turn: null,
      sog: 0,
      accuracy: false,
      lon: 0.13138,
      lat: 49.475577,
      cog: 36.7,
      heading: null,
      second: 14,
      maneuver: 0,
      raim: false,
      radio: 22136,
    });
    expect(objects[6]).toMatchObject({
      type: 5,
      imo: 9134270,
      callsign: '3FOF8',
      name: 'EVER DIADEM',
      shipType: 70,
      toBow: 225,
      toStern: 70,
      toPort: 1,
      toStarboard: 31,
      draught: 12.2,
      destination: 'NEW YORK',
      etaMonth: 5,
      etaDay: 15,
      etaHour: 14,
      etaMinute: 0,
    });
    expect(err.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^line 14: PCS_AIS_NOT_NMEA /),
      expect.stringMatching(/^line 21: PCS_AIS_NOT_NMEA /),
      expect.stringMatching(/^line 23: PCS_AIS_MALFORMED_SENTENCE /),
      expect.stringMatching(/^line 35: PCS_AIS_BAD_CHECKSUM /),
    ]);
  });

  it('should write errors to --errors and decode types 4, 18 and 24 of the sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ais-cli-'));
    try {
      const errors = join(dir, 'errors.txt');
      const { out, err } = await run([
        'decode',
        join(FIXTURES, 'nmea_data_sample.txt'),
        '--ndjson',
        '--errors',
        errors,
      ]);
      expect(err).toBe('');
      const objects = out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: number; partNo?: number });
      expect(objects).toHaveLength(778);
      expect(objects.find((o) => o.type === 4)).toMatchObject({
        year: 2015,
        month: 6,
        day: 21,
        hour: 9,
        minute: 30,
        second: 40,
      });
      expect(objects.filter((o) => o.type === 24).map((o) => o.partNo)).toEqual([0, 1]);
      expect(objects.find((o) => o.type === 24 && o.partNo === 1)).toMatchObject({
        shipType: 36,
        callsign: 'PH7460',
        vendorId: 'DGY',
      });
      expect(readFileSync(errors, 'utf8').trimEnd().split('\n')).toHaveLength(120);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should fail only when the input cannot be opened', async () => {
    await expect(run(['decode', join(FIXTURES, 'missing.nmea'), '--ndjson'])).rejects.toThrow(/cannot open/);
  });
});
