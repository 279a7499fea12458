/** `openpcs ingest` / `openpcs replay`: the exit status says all stored (0), stored in part (3), nothing (1). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/cli/cli-context.js';
import { ingestCommand } from '../../src/cli/ingest-command.js';
import { replayCommand } from '../../src/cli/replay-command.js';
import { fixture } from '../support/fixtures.js';

interface Run {
  readonly out: string;
  readonly err: string;
  readonly exitCode: number | undefined;
  readonly error: unknown;
}

async function run(command: ReturnType<typeof ingestCommand>, args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (out += `${parts.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (err += `${parts.join(' ')}\n`));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += Buffer.from(chunk).toString('utf8');
    return true;
  });
  let error: unknown;
  try {
    await command.parseAsync(args, { from: 'user' });
  } catch (e) {
    error = e;
  } finally {
    write.mockRestore();
    vi.restoreAllMocks();
  }
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  process.exitCode = undefined;
  return { out, err, exitCode, error };
}

describe('openpcs ingest and replay exit status', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openpcs-ingest-cli-'));
  });
  afterEach(() => {
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const ingest = (file: string): Promise<Run> =>
    run(ingestCommand(), [file, '-f', 'csv-vessel-schedule', '--data-dir', join(dir, 'data')]);

  it('should exit 0 when all is stored, 3 when stored in part, 1 when nothing is, with a summary each time', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, fixture('csv-vessel-schedule/schedule-good.csv'));
    const all = await ingest(good);
    expect(all.error).toBeUndefined();
    expect(all.exitCode).toBeUndefined();
    expect(all.out).toMatch(/stored 12, duplicates 0, rejected 0, elapsed \d+\.\d s/);
    // stderr is not a terminal here: no progress line.
    expect(all.err).toBe('');

    const partial = join(dir, 'partial.csv');
    writeFileSync(partial, fixture('csv-vessel-schedule/schedule-bad-rows.csv'));
    const some = await ingest(partial);
    expect(some.error).toBeUndefined();
    expect(some.exitCode).toBe(3);
    expect(some.out).toMatch(
      /stored 0, duplicates 3, rejected 3 \(PCS_CSV_BAD_DATETIME 1, PCS_CSV_BAD_IDENTIFIER 1, PCS_CSV_MISSING_VALUE 1\)/,
    );
    expect(some.err).toContain('stored in part');

    const none = join(dir, 'none.csv');
    writeFileSync(none, 'vessel_imo,voyage,port,eta\n1234568,X,USLAX,soon\n');
    const nothing = await ingest(none);
    expect(nothing.error).toBeInstanceOf(CliError);
    expect((nothing.error as Error).message).toMatch(/^nothing stored: 2 part\(s\)/);

    // Replay re-runs both messages with open dead letters: one still partial, one still failing → 3.
    const replay = await run(replayCommand(), ['--data-dir', join(dir, 'data')]);
    expect(replay.error).toBeUndefined();
    expect(replay.exitCode).toBe(3);
    expect(replay.out).toMatch(/replayed 2 message\(s\); 5 part\(s\) still rejected/);
    expect(replay.out).toMatch(/stored 0, duplicates 3, rejected 5 /);
  }, 300_000); // five CLI runs, each opening an on-disk store
});
