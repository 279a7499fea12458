/**
 * `openpcs sim` as a newcomer meets it: the help names the output files and gives runnable examples; a bad
 * number is a usage error naming the option; a bad scenario file is refused with the field named.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram, overrideExits } from '../../src/cli/program.js';

const dir = mkdtempSync(join(tmpdir(), 'openpcs-sim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function program(out: string[]): Command {
  const p = overrideExits(buildProgram());
  for (const c of [p, ...p.commands]) {
    c.configureOutput({ writeErr: (s) => out.push(s), writeOut: (s) => out.push(s) });
  }
  return p;
}

describe('openpcs sim', () => {
  it('should explain itself in --help: output files and examples', async () => {
    const out: string[] = [];
    const error = await program(out)
      .parseAsync(['sim', '--help'], { from: 'user' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(CommanderError);
    const help = out.join('');
    for (const word of [
      'ais.nmea',
      'messages.jsonl',
      'calls.jsonl',
      'summary.json',
      '--days 30 --seed 7',
      '--surge',
      '--scenario',
    ]) {
      expect(help).toContain(word);
    }
  });

  it('should refuse --days 0 as a usage error naming the option', async () => {
    const out: string[] = [];
    const error = await program(out)
      .parseAsync(['sim', '--days', '0', '--out', dir], { from: 'user' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(CommanderError);
    expect(out.join('')).toMatch(/--days/);
  });

  it('should refuse a scenario file with an unknown field, naming it', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ days: 1, berthz: 3 }));
    const error = await program([])
      .parseAsync(['sim', '--scenario', file, '--out', join(dir, 'out')], { from: 'user' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String(error)).toMatch(/berthz/);
  });

  it('should explain --live in --help: speed, target, admin key, AIS port', async () => {
    const out: string[] = [];
    await program(out)
      .parseAsync(['sim', '--help'], { from: 'user' })
      .catch(() => undefined);
    const help = out.join('');
    for (const word of ['--live', '--speed', '--target', '--admin-key', '--ais-port', 'OPENPCS_ADMIN_KEY']) {
      expect(help).toContain(word);
    }
  });

  it('should refuse --speed 0 as a usage error naming the option', async () => {
    const out: string[] = [];
    const error = await program(out)
      .parseAsync(['sim', '--live', '--speed', '0'], { from: 'user' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(CommanderError);
    expect(out.join('')).toMatch(/--speed/);
  });

  it('should refuse --live together with --out, and neither of them', async () => {
    const both = await program([])
      .parseAsync(['sim', '--live', '--out', join(dir, 'both')], { from: 'user' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String(both)).toMatch(/--live.*--out|--out.*--live/);
    const neither = await program([])
      .parseAsync(['sim', '--days', '1'], { from: 'user' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String(neither)).toMatch(/--out.*--live/);
  });
});
