/**
 * `openpcs orgs set-format` and `openpcs ingest --time-zone` (DESIGN §7 "Times"): the sender's setting per format
 * is used when the ingest gives no zone, an explicit --time-zone wins over it. PGlite data directory (the CLI's
 * default store). Fixture: CODECO gate-in report, DTM+7:202403010645:203 (format 203 has no zone, UNTDID 2379)
 * at LOC+165 USLAX.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LOCAL_OPERATOR } from '../../src/access/access-scope.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestCommand } from '../../src/cli/ingest-command.js';
import { orgsCommand } from '../../src/cli/orgs-command.js';
import { openPlatform } from '../../src/platform.js';

const codeco = readFileSync(new URL('../fixtures/edifact/codeco-gate-in-out.edi', import.meta.url), 'utf8');

describe('openpcs orgs set-format / ingest --time-zone', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'openpcs-edi-cli-'));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
  const quiet = () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  };
  const store = () => ['--data-dir', join(dir, 'data')];
  const ingest = async (file: string, extra: string[] = []) => {
    // The fixture holds a container with a bad check digit: the message is partly stored (exit status 3).
    await ingestCommand().parseAsync([file, '-f', 'edifact-codeco', '--org', 'wbct', ...extra, ...store()], {
      from: 'user',
    });
    expect(process.exitCode).toBe(3);
    process.exitCode = 0;
  };
  const gateInTimes = async () => {
    const platform = await openPlatform({ store: { engine: 'pglite', dataDir: join(dir, 'data') } });
    try {
      const { events } = await platform.events.read('0', 1000, { visibleTo: LOCAL_OPERATOR });
      return events.filter((e) => e.references?.equipmentReference === 'TCLU9988775').map((e) => e.eventDateTime);
    } finally {
      await platform.close();
    }
  };

  it('should read zone-less times in the zone set for the sender and format, and let --time-zone win', async () => {
    quiet();
    await orgsCommand().parseAsync(['create', 'wbct', '--name', 'West Basin', '--role', 'terminal', ...store()], {
      from: 'user',
    });
    // The local operator links the terminal organisation to the terminal it operates, as the port authority would.
    await expect(
      orgsCommand().parseAsync(['set-terminals', 'wbct', 'WBCT', 'NOPE', ...store()], { from: 'user' }),
    ).rejects.toThrow(/not a terminal of the registry: NOPE/);
    await orgsCommand().parseAsync(['set-terminals', 'wbct', 'wbct', ...store()], { from: 'user' });
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await orgsCommand().parseAsync(['terminals', 'wbct', ...store()], { from: 'user' });
    expect(printed.mock.calls.flat().join('\n')).toMatch(/^WBCT +USLAX +West Basin Container Terminal/m);
    await expect(
      orgsCommand().parseAsync(['set-format', 'wbct', 'edifact-codeco', '--time-zone', 'Mars/Olympus', ...store()], {
        from: 'user',
      }),
    ).rejects.toThrow(/not an IANA time zone/);
    await orgsCommand().parseAsync(['set-format', 'wbct', 'edifact-codeco', '--time-zone', 'UTC', ...store()], {
      from: 'user',
    });
    const first = join(dir, 'first.edi');
    writeFileSync(first, codeco);
    await ingest(first);
    expect(await gateInTimes()).toEqual(['2024-03-01T06:45:00.000Z']);

    const second = join(dir, 'second.edi');
    writeFileSync(second, codeco.replace('BGM+34+GI240301001+9', 'BGM+34+GI240301002+9'));
    await ingest(second, ['--time-zone', 'Asia/Tokyo']);
    expect((await gateInTimes()).sort()).toEqual(['2024-02-29T21:45:00.000Z', '2024-03-01T06:45:00.000Z']);
  }, 300_000);
});
